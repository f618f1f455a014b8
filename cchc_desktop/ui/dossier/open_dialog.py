"""Open a dossier by its code: typed, or scanned from the receipt's barcode/QR code."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from cchc_desktop.core.errors import NotFoundError
from cchc_desktop.services.intake import dossier_by_code
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dossier import strings
from cchc_desktop.ui.dossier.form_base import ERROR_STYLE
from cchc_desktop.ui.scan_to_open import SCAN_TARGET

CODE_MIN_WIDTH = 360


class OpenDossierDialog(QDialog):
    """Accepted with `code` set, then `chosen` emitted, once the code names a stored dossier."""

    chosen = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.code = ""
        self.setWindowTitle(strings.OPEN_TITLE)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(strings.OPEN_PLACEHOLDER)
        self.code_edit.setMinimumWidth(CODE_MIN_WIDTH)
        self.code_edit.setClearButtonEnabled(True)
        self.code_edit.setProperty(SCAN_TARGET, True)  # a scan here is an answer, not a new window
        self.error = QLabel()
        self.error.setObjectName("openError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setText(strings.OPEN_BUTTON)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(strings.CANCEL)
        self.buttons.accepted.connect(self.try_open)
        self.buttons.rejected.connect(self.reject)
        label = QLabel(strings.OPEN_LABEL)
        label.setBuddy(self.code_edit)
        form = QFormLayout()
        form.addRow(label, self.code_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.code_edit.textEdited.connect(lambda _text: self.error.hide())
        self.code_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_open(self) -> bool:
        """Accept when the code is known; else say so in red and keep the code selected for a rescan."""
        typed = self.code_edit.text().strip()
        if not typed:
            self.code_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        for candidate in dict.fromkeys((typed, typed.upper())):
            try:
                record = dossier_by_code(self.workspace, candidate)
            except NotFoundError:
                continue
            self.code = record.code
            self.accept()  # hidden first: the dossier window opened on `chosen` keeps the focus
            self.chosen.emit(record.code)
            return True
        self.error.setText(strings.NOT_FOUND.format(code=typed))
        self.error.show()
        self.code_edit.selectAll()
        self.code_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return False
