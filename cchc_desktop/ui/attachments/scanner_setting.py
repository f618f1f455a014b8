"""The settings dialog's row for this computer's scanner folder (core/scanner_folder.py). Apart from the
folder's watcher and panel: the settings dialog is loaded at start-up, the watcher only once the window shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.core.scanner_folder import checked_folder, load_scanner_folder, save_scanner_folder
from cchc_desktop.ui.icons import icon

SETTING_LABEL = "Thư mục máy quét:"
SETTING_PLACEHOLDER = "thư mục máy quét lưu bản quét vào, ví dụ: D:\\Scan"
SETTING_CHOOSE = "Chọn…"
SETTING_CHOOSE_TITLE = "Chọn thư mục máy quét lưu bản quét vào"
SETTING_HINT = (
    "Riêng cho máy này: mỗi quầy chọn thư mục mà máy quét của mình lưu tệp vào (chức năng “Scan to "
    "folder” của máy quét); để trống nếu không dùng."
)
SETTING_NOT_FOUND = (
    "Không thấy thư mục “{path}” trên máy này. Hãy cắm ổ USB, kết nối mạng hoặc bấm “Chọn…” để chọn "
    "thư mục khác."
)
SETTING_NOT_SAVED = "Chưa lưu được thư mục máy quét ({reason}). Hãy kiểm tra ổ đĩa rồi bấm Lưu lại."
NOTE_STYLE = "color: #5f6b7a;"
WARNING_STYLE = "color: #b00020;"


class ScannerFolderSetting(QWidget):
    """The settings dialog's row for this computer's scanner folder: the path (typed or pasted), a
    "Chọn…" button, a hint that it is this computer's own choice and a message line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = load_scanner_folder()
        self._folder = self._saved
        self.edit = QLineEdit(str(self._saved) if self._saved is not None else "")
        self.edit.setObjectName("scanner_folder")
        self.edit.setPlaceholderText(SETTING_PLACEHOLDER)
        self.choose_button = QPushButton(icon("open"), SETTING_CHOOSE)
        self.choose_button.setObjectName("chooseScannerFolder")
        self.choose_button.clicked.connect(self.choose)
        self.hint = QLabel(SETTING_HINT)
        self.hint.setObjectName("scannerFolderHint")
        self.hint.setStyleSheet(NOTE_STYLE)
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("error_scanner_folder")
        self.error.setStyleSheet(WARNING_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.choose_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.error)
        column.addWidget(self.hint)
        self.setFocusProxy(self.edit)

    def choose(self) -> None:
        start = self.edit.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, SETTING_CHOOSE_TITLE, start)
        if chosen:
            self.edit.setText(str(Path(chosen)))

    def check(self, *, focus: bool = True) -> bool:
        """Read the path; False (the message shown, the field focused) when it cannot be saved. A folder
        not found is refused only when it was just changed: a saved folder on an unplugged USB stick
        must not stop the rest of the settings from being saved."""
        try:
            folder = checked_folder(self.edit.text())
            if folder is not None and folder != self._saved and not folder.is_dir():
                raise InvalidInputError(SETTING_NOT_FOUND.format(path=folder))
        except InvalidInputError as error:
            self.show_error(error.message, focus=focus)
            return False
        self._folder = folder
        self.error.hide()
        return True

    def save(self) -> bool:
        """Save what `check` read, when it changed; False (and the message shown) when it could not."""
        if self._folder == self._saved:
            return True
        try:
            save_scanner_folder(self._folder)
        except OSError as error:
            self.show_error(SETTING_NOT_SAVED.format(reason=error.strerror or type(error).__name__))
            return False
        except UserFacingError as error:
            self.show_error(error.message)
            return False
        self._saved = self._folder
        return True

    def folder(self) -> Path | None:
        return self._folder

    def show_error(self, message: str, *, focus: bool = True) -> None:
        self.error.setText(message)
        self.error.show()
        if focus:
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
