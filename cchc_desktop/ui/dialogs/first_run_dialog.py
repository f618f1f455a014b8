"""The first start on a new database: who we are (agency, commune, province, identifier, clerk, signer).

Every printed form carries these names, so nothing is printed until they are filled in. The clerk may
postpone ("Để sau") and still type dossiers; printing then says what is missing and where to fill it.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.services.settings import REQUIRED_FOR_PRINT, save_settings, settings_from_values
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.settings_dialog import AgencyFields
from cchc_desktop.ui.slow_ops import slow_op

TITLE = "Thiết lập lần đầu: thông tin cơ quan"
INTRO = (
    "<b>Chào mừng đến với CCHC Desk.</b><br>"
    "Trước khi in giấy tiếp nhận đầu tiên, hãy nhập thông tin của cơ quan. Các thông tin này được in "
    "trên mọi biểu mẫu, sổ theo dõi và báo cáo; mã định danh đứng đầu mọi mã hồ sơ."
)
LATER_NOTE = (
    "Có thể sửa lại bất cứ lúc nào ở Hệ thống → Thông tin cơ quan và giờ làm việc… "
    "Chọn “Để sau” thì vẫn nhập được hồ sơ; khi lưu hồ sơ đầu tiên chương trình sẽ hỏi lại, "
    "và chưa in được cho đến khi nhập đủ."
)
SAVE = "Lưu và bắt đầu"
LATER = "Để sau"


class FirstRunDialog(QDialog):
    """Asks for the fields a printed form needs; Save stores them (validated), "Để sau" closes."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(700)
        self.current = workspace.settings()
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.agency = AgencyFields("Cơ quan và người ký", list(REQUIRED_FOR_PRINT), self.current)
        self.inputs = self.agency.inputs
        self.errors = self.agency.errors
        note = QLabel(LATER_NOTE)
        note.setWordWrap(True)
        note.setObjectName("firstRunNote")
        self.failure = QLabel()
        self.failure.setStyleSheet("color: #b00020;")
        self.failure.setWordWrap(True)
        self.failure.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(LATER, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.agency)
        layout.addWidget(note)
        layout.addWidget(self.failure)
        layout.addWidget(self.buttons)
        first_empty = next((edit for edit in self.inputs.values() if not edit.text().strip()), None)
        (first_empty or next(iter(self.inputs.values()))).setFocus()

    def save(self) -> None:
        settings = settings_from_values({**dataclasses.asdict(self.current), **self.agency.values()})
        if self.agency.show_errors(settings.validation_errors()):
            return
        try:
            with slow_op("first-run settings save"):
                save_settings(self.workspace, settings)
        except InvalidInputError as error:  # a field outside this dialog (set by an older version)
            self.failure.setText(error.message)
            self.failure.show()
            return
        self.accept()


def needs_first_run(workspace: Workspace) -> bool:
    """True while a printed form would still lack one of the agency's names."""
    return bool(workspace.settings().missing_for_print())
