"""The frame every dialog with slow work shares: its task runner, the busy bar, the message line and
"Đóng" at the end of a row of buttons.

A subclass builds only its own content and actions: it places `progress` and `message` where its layout
wants them and makes one row with `button_row`. "Đóng" and Esc both go through `reject`, which a subclass
overrides when work still running must be waited for, or must not be left.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from cchc_desktop.ui.feedback import ERROR_STYLE, OK_STYLE, busy_bar, grow_to_fit, message_label
from cchc_desktop.ui.tasks import TaskRunner

CLOSE = "Đóng"


class _Stretch:
    """Where a button row puts its spare width."""


STRETCH: Final = _Stretch()


class TaskDialog(QDialog):
    def __init__(
        self,
        title: str,
        message_name: str,
        parent: QWidget | None = None,
        *,
        selectable_message: bool = True,
    ) -> None:
        super().__init__(parent)
        self.last_message = ""
        self.runner = TaskRunner(self)
        self.setWindowTitle(title)
        # Made without a parent: each widget joins the dialog, and so its tab order, where the subclass
        # lays it out.
        self.close_button = QPushButton(CLOSE)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.progress = busy_bar()
        self.message = message_label(message_name, selectable=selectable_message)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def show_message(self, text: str, error: bool = False) -> None:
        self.last_message = text
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        grow_to_fit(self)

    def button_row(self, *items: QWidget | _Stretch) -> QHBoxLayout:
        """`items` from the left, then "Đóng". The message line, when it stands in the row, takes the
        spare width; otherwise `STRETCH` marks where it goes."""
        row = QHBoxLayout()
        for item in items:
            if isinstance(item, _Stretch):
                row.addStretch(1)
            else:
                row.addWidget(item, 1 if item is self.message else 0)
        row.addWidget(self.close_button)
        return row
