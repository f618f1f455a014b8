"""The processing time of a procedure on its form: the published wording, the rule the due date is
computed with (read from the wording as it is typed, or set by hand when the wording cannot be read),
the maximum extension, and a live example due date for a dossier received now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtCore import QObject, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.deadlines import DEFAULT_CUTOFF, Duration, DurationUnit
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.domain.time_wording import MAX_DAYS, MAX_WORKING_HOURS, read_processing_time
from cchc_desktop.domain.vn_format import short_date, weekday_name
from cchc_desktop.services.deadlines import due_for_procedure
from cchc_desktop.ui.catalogue import strings
from cchc_desktop.ui.catalogue.form_fields import FieldMessages

UNITS: tuple[tuple[str, DurationUnit | None], ...] = (
    (strings.UNIT_SAME_DAY, DurationUnit.SAME_DAY),
    (strings.UNIT_WORKING_DAYS, DurationUnit.WORKING_DAYS),
    (strings.UNIT_CALENDAR_DAYS, DurationUnit.CALENDAR_DAYS),
    (strings.UNIT_WORKING_HOURS, DurationUnit.WORKING_HOURS),
    (strings.UNIT_NEEDS_TIME, None),
)
READ_STYLE = "color: #1e4620;"
PROBLEM_STYLE = "color: #c25e00;"
MAX_EXTENSION = 60
WORDING_LINES = 3


def example_text(duration: Duration | None, now: datetime, calendar: WorkingCalendar) -> str:
    """ "Nếu tiếp nhận bây giờ: hẹn trả 17 giờ 00, Thứ Ba 08/12/2026"."""
    if duration is None:
        return strings.EXAMPLE_NEEDS_TIME
    probe = Procedure(code="", name="", field="", duration=duration, effective_from=now.date())
    due = due_for_procedure(probe, now, calendar).due_at
    return strings.EXAMPLE_LINE.format(
        hour=f"{due:%H}", minute=f"{due:%M}", weekday=weekday_name(due), day=short_date(due)
    )


class TimeRule(QObject):
    """Its widgets are rows of the form page given; `changed` after any edit of the rule."""

    changed = Signal()

    def __init__(
        self,
        form: QFormLayout,
        fields: FieldMessages,
        calendar: WorkingCalendar,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.calendar = calendar
        self.clock = clock
        self._filling = False
        self.wording = QPlainTextEdit()
        self.wording.setObjectName("timeWording")
        self.wording.setTabChangesFocus(True)
        self.wording.setPlaceholderText(strings.WORDING_PLACEHOLDER)
        self.wording.setFixedHeight(self.wording.fontMetrics().lineSpacing() * WORDING_LINES + 12)
        self.reading = QLabel()
        self.reading.setObjectName("timeReading")
        self.reading.setWordWrap(True)
        self.reading.hide()
        self.unit = QComboBox()
        self.unit.setObjectName("timeUnit")
        for text, _unit in UNITS:
            self.unit.addItem(text)
        self.value = QSpinBox()
        self.value.setObjectName("timeValue")
        self.value.setRange(1, MAX_DAYS)
        self.cutoff = QTimeEdit()
        self.cutoff.setObjectName("timeCutoff")
        self.cutoff.setDisplayFormat("HH:mm")
        self.cutoff.setToolTip(strings.CUTOFF_TIP)
        self.extension = QSpinBox()
        self.extension.setObjectName("maxExtension")
        self.extension.setRange(0, MAX_EXTENSION)
        self.extension.setSuffix(strings.EXTENSION_SUFFIX)
        self.example = QLabel()
        self.example.setObjectName("exampleDue")
        self.example.setWordWrap(True)
        font = self.example.font()
        font.setBold(True)
        self.example.setFont(font)

        fields.add(form, "duration_text", strings.WORDING, self.wording)
        form.addRow("", self.reading)
        rule = QHBoxLayout()
        rule.setContentsMargins(0, 0, 0, 0)
        rule.addWidget(self.unit)
        value_label = QLabel(strings.VALUE)
        value_label.setBuddy(self.value)
        rule.addWidget(value_label)
        rule.addWidget(self.value)
        cutoff_label = QLabel(strings.CUTOFF)
        cutoff_label.setBuddy(self.cutoff)
        rule.addWidget(cutoff_label)
        rule.addWidget(self.cutoff)
        rule.addStretch(1)
        rule_label = QLabel(strings.RULE)
        rule_label.setBuddy(self.unit)
        form.addRow(rule_label, rule)
        fields.add(form, "max_extension_days", strings.EXTENSION, self.extension)
        form.addRow(strings.EXAMPLE, self.example)

        self.wording.textChanged.connect(self._wording_typed)
        self.unit.currentIndexChanged.connect(self._rule_edited)
        self.value.valueChanged.connect(self._rule_edited)
        self.cutoff.timeChanged.connect(self._rule_edited)
        self.extension.valueChanged.connect(self._rule_edited)

    # ------------------------------------------------------------------ values
    def set_procedure(self, procedure: Procedure | None) -> None:
        self._filling = True
        self.wording.setPlainText(procedure.duration_text if procedure else "")
        self._show_rule(procedure.duration if procedure else Duration(DurationUnit.WORKING_DAYS, 1))
        self.extension.setValue(procedure.max_extension_days if procedure else 0)
        self._filling = False
        if procedure is not None and procedure.duration is None:
            self._show_reading(read_processing_time(procedure.duration_text).problem, problem=True)
        self._refresh()

    def duration(self) -> Duration | None:
        unit = self.current_unit()
        if unit is None:
            return None
        value = 0 if unit is DurationUnit.SAME_DAY else self.value.value()
        return Duration(unit, value, self.cutoff_time())

    def current_unit(self) -> DurationUnit | None:
        return UNITS[max(self.unit.currentIndex(), 0)][1]

    def cutoff_time(self) -> time:
        shown = self.cutoff.time()
        return time(shown.hour(), shown.minute())

    def duration_text(self) -> str:
        return self.wording.toPlainText()

    def max_extension_days(self) -> int:
        return self.extension.value()

    # ------------------------------------------------------------------ reacting
    def _show_rule(self, duration: Duration | None) -> None:
        unit = None if duration is None else duration.unit
        self.value.setMaximum(MAX_WORKING_HOURS if unit is DurationUnit.WORKING_HOURS else MAX_DAYS)
        self.unit.setCurrentIndex(next(i for i, (_text, u) in enumerate(UNITS) if u is unit))
        if duration is not None and duration.unit is not DurationUnit.SAME_DAY:
            self.value.setValue(duration.value)
        cutoff = duration.cutoff if duration is not None else DEFAULT_CUTOFF
        self.cutoff.setTime(QTime(cutoff.hour, cutoff.minute))

    def _wording_typed(self) -> None:
        if self._filling:
            return
        reading = read_processing_time(self.wording.toPlainText())
        if reading.duration is None:
            self._show_reading(reading.problem, problem=True)
        else:
            self._filling = True
            self._show_rule(reading.duration)
            self.extension.setValue(reading.extension_days)
            self._filling = False
            extension = (
                strings.WORDING_EXTENSION.format(days=reading.extension_days)
                if reading.extension_days
                else ""
            )
            self._show_reading(
                strings.WORDING_READ.format(rule=reading.duration.describe(), extension=extension),
                problem=False,
            )
        self._refresh()
        self.changed.emit()

    def _show_reading(self, text: str, *, problem: bool) -> None:
        self.reading.setText(text)
        self.reading.setStyleSheet(PROBLEM_STYLE if problem else READ_STYLE)
        self.reading.setVisible(bool(text))

    def _rule_edited(self) -> None:
        if self._filling:
            return
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        unit = self.current_unit()
        self.value.setEnabled(
            unit in (DurationUnit.WORKING_DAYS, DurationUnit.CALENDAR_DAYS, DurationUnit.WORKING_HOURS)
        )
        self.value.setMaximum(MAX_WORKING_HOURS if unit is DurationUnit.WORKING_HOURS else MAX_DAYS)
        self.cutoff.setEnabled(unit is DurationUnit.SAME_DAY)
        try:
            text = example_text(self.duration(), self.clock(), self.calendar)
        except UserFacingError as error:
            text = error.message
        self.example.setText(text)
        self.example.setStyleSheet(PROBLEM_STYLE if self.duration() is None else "")
