"""A small dialog asking one date (the day a list applies from, the day a procedure is retired), with the
question restated for the date typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from cchc_desktop.domain.vn_format import short_date
from cchc_desktop.ui.catalogue import strings
from cchc_desktop.ui.date_fields import DateField, first_refused, with_message


class DatePrompt(QDialog):
    def __init__(
        self,
        title: str,
        intro: str,
        day: date,
        ok_text: str,
        *,
        question: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`question(day text)`: the sentence shown under the date, following it as it is typed."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.question = question
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(intro))
        self.day = DateField(day)
        self.day.setObjectName("promptDay")
        self.asked = QLabel()
        self.asked.setObjectName("promptQuestion")
        self.asked.setWordWrap(True)
        form = QFormLayout()
        label = QLabel(strings.FROM_DAY)
        label.setBuddy(self.day)
        form.addRow(label, with_message(self.day))
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(strings.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.asked)
        layout.addWidget(buttons)
        self.day.value_changed.connect(self._restate)
        self._restate()
        self.day.setFocus()

    def value(self) -> date:
        return self.day.value()

    def _restate(self) -> None:
        if self.question is not None:
            self.asked.setText(self.question(short_date(self.day.value())))
        self.asked.setVisible(self.question is not None)

    def submit(self) -> None:
        if not first_refused(self.day):
            self.accept()
