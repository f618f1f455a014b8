"""The report period: a preset ("Năm CCHC (15/12 – 14/12)", calendar year, quarters, months), a past
year ("Năm 2025", "Năm CCHC 2025") or "Tùy chọn" with two dates; the actual dates are always shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cchc_desktop.domain.vn_format import short_date
from cchc_desktop.services import reporting
from cchc_desktop.ui.date_fields import DateField
from cchc_desktop.ui.report import strings

TYPING_DELAY_MS = 300  # a date typed digit by digit is computed once
PAST_YEARS = 3  # a late report, or one corrected after the year; older years through "Tùy chọn"


class PeriodBar(QWidget):
    changed = Signal()  # the period is different (after a preset or a date edit)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        current = reporting.period_presets(today)
        past = reporting.past_year_presets(today, PAST_YEARS)
        self.presets = {**current, **past}
        self.combo = QComboBox()
        self.combo.addItems(list(current))
        self.combo.insertSeparator(self.combo.count())
        self.combo.addItems(list(past))
        self.combo.insertSeparator(self.combo.count())
        self.combo.addItem(strings.CUSTOM)
        self.combo.setMaxVisibleItems(self.combo.count())  # every choice seen at once, no scrolling
        self.combo.setObjectName("reportPeriod")
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.shown = QLabel()
        self.shown.setObjectName("reportPeriodShown")
        self._setting = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        period_label = QLabel(strings.PERIOD_LABEL)
        period_label.setBuddy(self.combo)
        from_label = QLabel(strings.FROM_LABEL)
        from_label.setBuddy(self.date_from)
        to_label = QLabel(strings.TO_LABEL)
        to_label.setBuddy(self.date_to)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (period_label, self.combo, from_label, self.date_from, to_label, self.date_to):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addWidget(self.shown, 1)
        # The period in use stays shown; a refused day (31/02, …) is said under the bar and not used.
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(layout)
        column.addWidget(self.date_from.message)
        column.addWidget(self.date_to.message)
        self.combo.currentTextChanged.connect(self._preset_chosen)
        self.date_from.value_changed.connect(self._date_edited)
        self.date_to.value_changed.connect(self._date_edited)
        self._preset_chosen(self.combo.currentText())

    def _date_edit(self) -> DateField:
        return DateField(date(2000, 1, 1))  # a preset fills it at once

    @property
    def period(self) -> tuple[date, date]:
        """The last good period: a day typed wrong is refused beside the fields and not used."""
        return self.date_from.value(), self.date_to.value()

    def set_custom(self, date_from: date, date_to: date) -> None:
        """Choose "Tùy chọn" with these dates (at once, without the typing delay)."""
        self._setting = True
        try:
            self.combo.setCurrentText(strings.CUSTOM)
            self.date_from.setValue(date_from)
            self.date_to.setValue(date_to)
        finally:
            self._setting = False
        self._emit()

    def _preset_chosen(self, name: str) -> None:
        if name in self.presets:
            self._setting = True
            try:
                start, end = self.presets[name]
                self.date_from.setValue(start)
                self.date_to.setValue(end)
            finally:
                self._setting = False
            self._emit()
        elif not self._setting:
            self.date_from.setFocus()

    def _date_edited(self) -> None:
        if self._setting:
            return
        if self.combo.currentText() != strings.CUSTOM:
            self._setting = True
            self.combo.setCurrentText(strings.CUSTOM)
            self._setting = False
        self._timer.start()

    def _emit(self) -> None:
        self._timer.stop()
        start, end = self.period
        self.shown.setText(
            strings.PERIOD_SHOWN.format(start=short_date(start), end=short_date(end), year=end.year)
        )
        self.changed.emit()
