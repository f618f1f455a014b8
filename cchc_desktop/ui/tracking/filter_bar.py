"""The filters above the tracking table: state, field, channel, due range, holder, urgency chips, search,
and "Hồ sơ của tôi" once the database has accounts."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.dossiers import STATUS_LABELS, Channel, DossierStatus
from cchc_desktop.domain.urgency import RUNNING_STATES, Urgency
from cchc_desktop.domain.vn_format import group_thousands, short_date, weekday_name
from cchc_desktop.services.tracking import ALL_STATES, OPEN_STATES, TrackingFilter
from cchc_desktop.ui.date_fields import DateField
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.tracking import strings

SEARCH_DELAY_MS = 250
WAITING_STATES = frozenset({DossierStatus.WAITING_SUPPLEMENT})
CHIP_STYLE = """
QToolButton {{ border: 2px solid {fill}; border-radius: 12px; padding: 2px 10px; background: palette(base); }}
QToolButton:hover {{ border-color: {border}; }}
QToolButton:checked {{ background: {fill}; border-color: {border}; }}
"""
CHIP_COLOURS = {  # border, fill when chosen: the colours of the rows they select
    Urgency.OVERDUE: ("#d64545", "#fbdcdc"),
    Urgency.DUE_TODAY: ("#e8590c", "#ffe4c7"),
    Urgency.DUE_NEXT_DAY: ("#c9a000", "#fff3b8"),
    Urgency.WAITING: ("#7b8794", "#e9edf1"),
}


class SearchBox(QLineEdit):
    """Esc clears; Down goes to the table; Enter searches at once (a scanner types the code and Enter)."""

    down_pressed = Signal()
    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
        elif key == Qt.Key.Key_Down:
            self.down_pressed.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
        else:
            super().keyPressEvent(event)


class FilterBar(QWidget):
    changed = Signal()  # the filter changed (for the search box: once the typing pauses)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = self._combo(chars=13)
        self._statuses: list[frozenset[DossierStatus]] = [OPEN_STATES, ALL_STATES]
        self.status.addItems([strings.STATUS_OPEN, strings.STATUS_ALL])
        for state in strings.STATES_ORDER:
            self.status.addItem(STATUS_LABELS[state])
            self._statuses.append(frozenset({state}))
        self.field = self._combo(strings.FIELD_ALL)
        self.channel = self._combo(strings.CHANNEL_ALL, chars=9)
        self._channels: list[Channel | None] = [None, *strings.CHANNEL_LABELS]
        self.channel.addItems(list(strings.CHANNEL_LABELS.values()))
        self.holder = self._combo(strings.HOLDER_ALL)
        today = date.today()
        self.due_from = self._date_edit(today)
        self.due_to = self._date_edit(today + timedelta(days=7))
        self.due_any = QCheckBox(strings.DUE_ANY)
        self.due_any.setToolTip(strings.DUE_ANY_TIP)
        self.due_any.setChecked(True)
        self.due_any.toggled.connect(self._due_any_toggled)
        self._due_any_toggled(True)
        self.mine = QCheckBox(strings.MINE)
        self.mine.setToolTip(strings.MINE_TIP)
        self.mine.toggled.connect(self.changed)
        self.mine.hide()  # shown by `set_scope` once the database has accounts
        self.chips: dict[Urgency, QAction] = {}
        self.chip_buttons: dict[Urgency, QToolButton] = {}
        for urgency in strings.CHIPS:
            self._add_chip(urgency)
        self.search = SearchBox()
        self.search.setPlaceholderText(strings.SEARCH_PLACEHOLDER)
        self.search.setToolTip(strings.SEARCH_TIP)
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(380)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.enter_pressed.connect(self.flush_search)
        self._lay_out()
        self.set_counts({}, today + timedelta(days=1))

    # ------------------------------------------------------------------ building
    def _combo(self, first: str | None = None, chars: int = 11) -> QComboBox:
        """A combo `chars` wide: long field or holder names are elided when closed, whole in its list."""
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)
        if first is not None:
            combo.addItem(first)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _date_edit(self, day: date) -> DateField:
        edit = DateField(day)
        edit.value_changed.connect(self._date_changed)
        return edit

    def _add_chip(self, urgency: Urgency) -> None:
        action = QAction(self)
        action.setCheckable(True)
        action.setIcon(icon(urgency.value))
        action.setShortcut(QKeySequence(strings.CHIP_SHORTCUTS[urgency]))
        action.toggled.connect(lambda checked, u=urgency: self._chip_toggled(u, checked))
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        border, fill = CHIP_COLOURS[urgency]
        button.setStyleSheet(CHIP_STYLE.format(border=border, fill=fill))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard uses Ctrl+1 … Ctrl+4
        self.addAction(action)
        self.chips[urgency] = action
        self.chip_buttons[urgency] = button

    def _lay_out(self) -> None:
        first = QHBoxLayout()
        first.setContentsMargins(0, 0, 0, 0)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        # The choices and due range on one row, the chips and search on the next: fits a 1366-pixel screen.
        for text, widget in (
            (strings.STATUS_LABEL, self.status),
            (strings.FIELD_LABEL, self.field),
            (strings.CHANNEL_LABEL, self.channel),
            (strings.HOLDER_LABEL, self.holder),
            (strings.DUE_LABEL, self.due_any),
            (strings.DUE_FROM_LABEL, self.due_from),
            (strings.DUE_TO_LABEL, self.due_to),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            first.addWidget(label)
            first.addWidget(widget)
            first.addSpacing(6)
        first.addStretch()
        second.addWidget(self.mine)
        for button in self.chip_buttons.values():
            second.addWidget(button)
        second.addSpacing(12)
        second.addWidget(self.search, 1)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(first)
        column.addLayout(second)
        # A refused day (31/02, …) is said under the bar, only then; the list keeps the last good day.
        column.addWidget(self.due_from.message)
        column.addWidget(self.due_to.message)
        chain = [
            self.status,
            self.field,
            self.channel,
            self.holder,
            self.due_any,
            self.due_from,
            self.due_to,
            self.mine,
        ]
        for before, after in zip(chain, [*chain[1:], self.search], strict=True):
            QWidget.setTabOrder(before, after)

    # ------------------------------------------------------------------ reactions
    def _due_any_toggled(self, any_day: bool) -> None:
        self.due_from.setEnabled(not any_day)
        self.due_to.setEnabled(not any_day)
        self.changed.emit()

    def _date_changed(self, _day: date) -> None:
        if not self.due_any.isChecked():
            self.changed.emit()

    def _chip_toggled(self, urgency: Urgency, checked: bool) -> None:
        if checked:
            for other, action in self.chips.items():
                if other is not urgency and action.isChecked():
                    action.blockSignals(True)
                    action.setChecked(False)
                    action.blockSignals(False)
            shown = WAITING_STATES if urgency is Urgency.WAITING else RUNNING_STATES
            if not self._statuses[self.status.currentIndex()] & shown:
                # A state is chosen that the chip cannot show (e.g. "returned"): back to the open list.
                self.status.blockSignals(True)
                self.status.setCurrentIndex(0)
                self.status.blockSignals(False)
        self.changed.emit()

    def flush_search(self) -> None:
        """Apply the search text now instead of after the pause."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.changed.emit()

    # ------------------------------------------------------------------ values
    def filter(self) -> TrackingFilter:
        any_day = self.due_any.isChecked()
        return TrackingFilter(
            statuses=self._statuses[self.status.currentIndex()],
            field=self.field.currentText() if self.field.currentIndex() > 0 else None,
            channel=self._channels[self.channel.currentIndex()],
            due_from=None if any_day else self.due_from.value(),
            due_to=None if any_day else self.due_to.value(),
            holder=self.holder.currentText() if self.holder.currentIndex() > 0 else None,
            search=self.search.text(),
            urgency=next((u for u, action in self.chips.items() if action.isChecked()), None),
            mine=self.mine.isChecked(),
        )

    def set_scope(self, shown: bool, forced: bool) -> None:
        """The "Hồ sơ của tôi" toggle: `shown` while someone is signed in on a database with accounts;
        `forced` (checked and locked) for an account that sees only its own dossiers. No `changed`."""
        self.mine.blockSignals(True)
        self.mine.setVisible(shown)
        self.mine.setEnabled(not forced)
        self.mine.setToolTip(strings.MINE_FORCED_TIP if forced else strings.MINE_TIP)
        if forced:
            self.mine.setChecked(True)
        elif not shown:
            self.mine.setChecked(False)
        self.mine.blockSignals(False)

    def set_counts(self, counts: dict[Urgency, int], next_working_day: date) -> None:
        day = f"{weekday_name(next_working_day)} {short_date(next_working_day)}"
        for urgency, (text, tip) in strings.CHIPS.items():
            action = self.chips[urgency]
            action.setText(text.format(n=group_thousands(counts.get(urgency, 0))))
            tip = tip.format(day=day) + strings.CHIP_TIP_AGAIN
            shortcut = strings.CHIP_SHORTCUTS[urgency]
            action.setToolTip(strings.TIP_WITH_SHORTCUT.format(tip=tip, shortcut=shortcut))

    def set_choices(self, combo: QComboBox, values: list[str]) -> None:
        """Fill a combo after its "all" item, keeping the value chosen (without a `changed`)."""
        chosen = combo.currentText() if combo.currentIndex() > 0 else None
        if [combo.itemText(i) for i in range(1, combo.count())] == values:
            return
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        combo.addItems(values)
        if chosen is not None:
            if chosen not in values:
                combo.addItem(chosen)
            combo.setCurrentText(chosen)
        combo.blockSignals(False)

    def reset(self) -> None:
        """Back to the open dossiers, with no condition and no search."""
        widgets = (self.status, self.field, self.channel, self.holder, self.due_any, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        for combo in (self.status, self.field, self.channel, self.holder):
            combo.setCurrentIndex(0)
        self.due_any.setChecked(True)
        self._due_any_toggled_quietly()
        self.search.clear()
        self._search_timer.stop()
        for action in self.chips.values():
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
        if self.mine.isEnabled():  # a specialist's own list cannot be left
            self.mine.blockSignals(True)
            self.mine.setChecked(False)
            self.mine.blockSignals(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()

    def _due_any_toggled_quietly(self) -> None:
        self.due_from.setEnabled(False)
        self.due_to.setEnabled(False)
