"""Date and date-time fields that take what the clerk types, exactly, or say why they cannot.

`DateField` (dd/mm/yyyy) and `DateTimeField` (dd/mm/yyyy hh:mm) are line edits with an input mask: the
digits land where they are typed (the separators are skipped, typed or not) and the text is read with
Python's `datetime`, which has no rollover. An impossible value (31/02, 29/02 of a common year, 25:00),
an incomplete one or one outside the field's range is refused with a Vietnamese message; the field keeps
its last good value for `value()` and reports the problem through `error()`, so a screen that submits
checks `error()` (or `check()`) first and a screen that reacts live listens to `value_changed`, which is
emitted only for a good value. Nothing is ever rolled over or clamped.

The message is shown in `field.message`, a label the screen puts next to the field (see `with_message`);
the intake form instead shows `error()` in its own `FieldErrors` label. A complete but wrong value is
flagged at once; an incomplete one when the clerk leaves the field or submits.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from cchc_desktop.ui.icons import icon

# Older paper registers are not entered here, and nothing is planned past the century.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
BLANK = "_"
ERROR_COLOR = "#b00020"
FIELD_STYLE = f'QLineEdit[invalid="true"] {{ border: 1px solid {ERROR_COLOR}; border-radius: 2px; }}'
MESSAGE_STYLE = f"color: {ERROR_COLOR};"
VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)

INCOMPLETE_DATE = "Ngày chưa gõ đủ: gõ theo dạng dd/mm/yyyy, ví dụ 01/12/2026."
INCOMPLETE_DATE_TIME = "Thời gian chưa gõ đủ: gõ theo dạng dd/mm/yyyy hh:mm, ví dụ 01/12/2026 08:00."
BAD_MONTH = "Ngày {day} không có thật: tháng phải từ 01 đến 12."
BAD_YEAR = "Ngày {day} không có thật: không có năm 0000."
BAD_DAY = "Ngày {day} không có thật: tháng {month} năm {year} có {days} ngày."
BAD_TIME = "Giờ {clock} không hợp lệ (0-23 giờ, 0-59 phút)."
OUT_OF_RANGE = "Ngày {day} nằm ngoài khoảng cho phép: chỉ nhận từ {earliest} đến {latest}."
CALENDAR_TIP = "Chọn trên lịch (Alt+↓)"

_DATE = re.compile(r"(\d\d)/(\d\d)/(\d{4})")
# Pasted text written without leading zeros (1/12/2026 8:00, also with - or . between the parts).
_LOOSE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2})[:hg](\d{2}))?\s*")
_CLOCK = re.compile(r"(\d\d):(\d\d)")

V = TypeVar("V", date, datetime)


def _shown(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def parse_day(text: str) -> date | str:
    """The day written `dd/mm/yyyy`, or the message saying why it is not one."""
    found = _DATE.fullmatch(text)
    if found is None:
        return INCOMPLETE_DATE
    day, month, year = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        return BAD_MONTH.format(day=text)
    if year < 1:
        return BAD_YEAR.format(day=text)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return BAD_DAY.format(day=text, month=month, year=year, days=days)
    return date(year, month, day)


def padded(text: str) -> str:
    """Pasted text as the mask expects it: "1/12/2026 8:00" → "01/12/2026 08:00" (the digits kept)."""
    found = _LOOSE.fullmatch(text)
    if found is None:
        return text.strip()
    day, month, year, hour, minute = found.groups()
    shaped = f"{int(day):02d}/{int(month):02d}/{year}"
    return shaped if hour is None else f"{shaped} {int(hour):02d}:{minute}"


def parse_clock(text: str) -> time | str:
    """The time written `hh:mm` (00:00 to 23:59), or the message saying why it is not one."""
    found = _CLOCK.fullmatch(text)
    if found is None:
        return INCOMPLETE_DATE_TIME
    hour, minute = (int(part) for part in found.groups())
    if hour > 23 or minute > 59:
        return BAD_TIME.format(clock=text)
    return time(hour, minute)


class _TypedField(QLineEdit, Generic[V]):
    """What both fields share: the mask, the strict reading, the message, the range and the calendar."""

    pattern: str  # the input mask
    incomplete: str  # the message for a text with blanks left
    width_sample: str

    value_changed = Signal(object)  # the new good value (typed, picked or set), not emitted for a bad text
    error_changed = Signal(str)  # the message for the text now ("" when it is a good value)
    user_edited = Signal()  # the clerk typed, pasted or picked a day (not `setValue`)

    def __init__(
        self,
        value: V,
        parent: QWidget | None = None,
        *,
        minimum: date = EARLIEST,
        maximum: date = LATEST,
        calendar_popup: bool = True,
    ) -> None:
        super().__init__(parent)
        self.minimum, self.maximum = minimum, maximum
        self._value: V = value
        self._error = ""
        self._flagged = False  # the message is shown (kept while the clerk fixes an incomplete text)
        # Hidden under the field until the screen puts it in a layout (`with_message`, `messages_of`).
        self.message = QLabel(self)
        self.message.setObjectName("dateFieldMessage")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.message.hide()
        self.setInputMask(f"{self.pattern};{BLANK}")
        self.setStyleSheet(FIELD_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.calendar: QCalendarWidget | None = None
        self._calendar_menu: QMenu | None = None
        self._calendar_action: QAction | None = None
        if calendar_popup:
            self._add_calendar()
        self.setText(self.format(value))
        self.textChanged.connect(self._text_changed)
        self.textEdited.connect(self.user_edited)
        self._text_changed(self.displayText())

    # ------------------------------------------------------------------ for subclasses
    def format(self, value: V) -> str:
        raise NotImplementedError

    def parse(self, text: str) -> V | str:
        raise NotImplementedError

    def day_of(self, value: V) -> date:
        raise NotImplementedError

    def with_day(self, day: date) -> V:
        raise NotImplementedError

    # ------------------------------------------------------------------ values
    def value(self) -> V:
        """The last good value: the one shown, unless `error()` says the text is not one."""
        return self._value

    def setValue(self, value: V) -> None:
        """Show `value` (as if it had been typed, but without `user_edited`)."""
        self.setText(self.format(value))

    def error(self) -> str:
        """Why the text is not a value the field accepts; "" when it is."""
        return self._error

    def check(self) -> bool:
        """Before a submit: show the message if any; True when the text is a good value."""
        self._show_message(self._error)
        return not self._error

    def set_range(self, minimum: date, maximum: date) -> None:
        self.minimum, self.maximum = minimum, maximum
        self._text_changed(self.displayText())

    # ------------------------------------------------------------------ reading the text
    def _read(self, text: str) -> V | str:
        if BLANK in text:
            return self.incomplete
        value = self.parse(text)
        if isinstance(value, str):
            return value
        day = self.day_of(value)
        if not self.minimum <= day <= self.maximum:
            return OUT_OF_RANGE.format(
                day=_shown(day), earliest=_shown(self.minimum), latest=_shown(self.maximum)
            )
        return value

    def _text_changed(self, _text: str) -> None:
        text = self.displayText()
        read = self._read(text)
        error = read if isinstance(read, str) else ""
        if error != self._error:
            self._error = error
            self.error_changed.emit(error)
        if not error:
            self._show_message("")
        elif BLANK not in text or self._flagged:
            self._show_message(error)  # complete and wrong: at once; incomplete: once flagged
        if not isinstance(read, str) and read != self._value:
            self._value = read
            self.value_changed.emit(read)

    def _show_message(self, message: str) -> None:
        self._flagged = bool(message)
        self.message.setText(message)
        # The label shows only where the screen placed it (never over the field itself).
        self.message.setVisible(bool(message) and self.message.parentWidget() is not self)
        if bool(self.property("invalid")) != bool(message):
            self.setProperty("invalid", bool(message))
            self.style().unpolish(self)
            self.style().polish(self)
            self.update()

    # ------------------------------------------------------------------ keyboard
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Coming in from the keyboard, the whole value is selected: what is typed replaces it.
        if event.reason() not in (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.PopupFocusReason):
            self.selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._show_message(self._error)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste) and not self.isReadOnly():
            self.insert(padded(QGuiApplication.clipboard().text()))
            return
        opens_calendar = event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if opens_calendar and self._calendar_action is not None:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = self.fontMetrics().horizontalAdvance(self.width_sample) + 16
        if self._calendar_action is not None:
            width += hint.height()
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    # ------------------------------------------------------------------ calendar
    def _add_calendar(self) -> None:
        action = QAction(icon("calendar"), CALENDAR_TIP, self)
        action.setToolTip(CALENDAR_TIP)
        action.triggered.connect(self.show_calendar)
        self.addAction(action, QLineEdit.ActionPosition.TrailingPosition)
        self._calendar_action = action

    def show_calendar(self) -> None:
        """The month of the value, to pick a day with the mouse or the arrows and Enter."""
        if self._calendar_action is None:
            return
        if self.calendar is None or self._calendar_menu is None:
            # Built on first use: most fields are typed into and never need it.
            calendar_widget = QCalendarWidget()
            calendar_widget.setLocale(VIETNAMESE)
            calendar_widget.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar_widget.setGridVisible(True)
            calendar_widget.clicked.connect(self._picked)
            calendar_widget.activated.connect(self._picked)
            menu = QMenu(self)
            holder = QWidgetAction(menu)
            holder.setDefaultWidget(calendar_widget)
            menu.addAction(holder)
            self.calendar, self._calendar_menu = calendar_widget, menu
        self.calendar.setDateRange(_qdate(self.minimum), _qdate(self.maximum))
        self.calendar.setSelectedDate(_qdate(self.day_of(self._value)))
        self._calendar_menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, day: QDate) -> None:
        if self._calendar_menu is not None:
            self._calendar_menu.close()
        self.setText(self.format(self.with_day(date(day.year(), day.month(), day.day()))))
        self.user_edited.emit()
        self.setFocus(Qt.FocusReason.OtherFocusReason)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(_TypedField[date]):
    """A day typed as dd/mm/yyyy."""

    pattern = "99/99/9999"
    incomplete = INCOMPLETE_DATE
    width_sample = "00/00/00000"

    def format(self, value: date) -> str:
        return _shown(value)

    def parse(self, text: str) -> date | str:
        return parse_day(text)

    def day_of(self, value: date) -> date:
        return value

    def with_day(self, day: date) -> date:
        return day


class DateTimeField(_TypedField[datetime]):
    """A day and a time to the minute typed as dd/mm/yyyy hh:mm."""

    pattern = "99/99/9999 99:99"
    incomplete = INCOMPLETE_DATE_TIME
    width_sample = "00/00/0000 00:000"

    def __init__(
        self,
        value: datetime,
        parent: QWidget | None = None,
        *,
        minimum: date = EARLIEST,
        maximum: date = LATEST,
        calendar_popup: bool = True,
    ) -> None:
        super().__init__(
            value.replace(second=0, microsecond=0),
            parent,
            minimum=minimum,
            maximum=maximum,
            calendar_popup=calendar_popup,
        )

    def format(self, value: datetime) -> str:
        return f"{value:%d/%m/%Y %H:%M}"

    def parse(self, text: str) -> datetime | str:
        day_text, _, clock_text = text.partition(" ")
        day = parse_day(day_text)
        if isinstance(day, str):
            return INCOMPLETE_DATE_TIME if day == INCOMPLETE_DATE else day
        clock = parse_clock(clock_text)
        if isinstance(clock, str):
            return clock
        return datetime.combine(day, clock)

    def day_of(self, value: datetime) -> date:
        return value.date()

    def with_day(self, day: date) -> datetime:
        return datetime.combine(day, self._value.time())


def with_message(field: _TypedField[date] | _TypedField[datetime]) -> QWidget:
    """`field` with its message under it, to put in a form layout instead of `field`."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    column.addWidget(field)
    column.addWidget(field.message)
    holder.setFocusProxy(field)
    return holder


def first_refused(*fields: _TypedField[date] | _TypedField[datetime]) -> str:
    """Before a submit: show every field's message, focus the first bad field and return its message."""
    bad = [field for field in fields if not field.check()]
    if not bad:
        return ""
    bad[0].setFocus(Qt.FocusReason.OtherFocusReason)
    return bad[0].error()


def messages_of(*fields: _TypedField[date] | _TypedField[datetime]) -> QWidget:
    """The messages of fields laid out side by side (a date range), one under the other, for a form row."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(1)
    for field in fields:
        column.addWidget(field.message)
    return holder
