"""The register of dossiers (Sổ theo dõi hồ sơ, Mẫu 07) for a period, saved as PDF or Excel.

The file is rendered and written off the GUI thread (a year of dossiers takes a moment) and written
atomically: a failed write leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from cchc_desktop.services import registers
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.date_fields import DateField, first_refused, with_message
from cchc_desktop.ui.dialogs.buttons import action_button
from cchc_desktop.ui.dialogs.import_dialog import documents_folder, error_text
from cchc_desktop.ui.dialogs.task_dialog import STRETCH, TaskDialog

TITLE = "Sổ theo dõi hồ sơ (Mẫu 07)"
INTRO = "Các hồ sơ tiếp nhận trong khoảng ngày đã chọn, theo thứ tự vào sổ."
FROM_LABEL = "&Từ ngày:"
TO_LABEL = "Đế&n ngày:"
SAVE_PDF = "Lưu &PDF…"
SAVE_PDF_TIP = "Lưu sổ theo dõi hồ sơ thành tệp PDF để in hoặc gửi (Ctrl+S)"
SAVE_XLSX = "Lưu &Excel (.xlsx)…"
SAVE_XLSX_TIP = "Lưu sổ theo dõi hồ sơ thành bảng tính Excel (Ctrl+Shift+S)"
BUSY = "Đang tạo sổ theo dõi hồ sơ…"
SAVED = "Đã lưu sổ theo dõi hồ sơ vào {path}."
FAILED = "Chưa lưu được: {message}"
WRONG_RANGE = "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."
CHOOSE_TITLE = "Lưu sổ theo dõi hồ sơ"
PDF_FILTER = "Tệp PDF (*.pdf)"
XLSX_FILTER = "Bảng tính Excel (*.xlsx)"
FILE_NAME = "So-theo-doi-ho-so_{start:%Y-%m-%d}_{end:%Y-%m-%d}{suffix}"

# (parent, caption, suggested path, filter) → the chosen path, "" when cancelled
FileChooser = Callable[[QWidget, str, str, str], str]


def save_file_name(parent: QWidget, caption: str, suggested: str, file_filter: str) -> str:
    path, _chosen_filter = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
    return path


def with_suffix(path: str, suffix: str) -> Path:
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == suffix else chosen.with_name(chosen.name + suffix)


class RegisterDialog(TaskDialog):
    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        choose_file: FileChooser = save_file_name,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(TITLE, "registerMessage", parent)
        self.workspace = workspace
        self.choose_file = choose_file
        self.last_path: Path | None = None
        self.setMinimumWidth(520)
        day = today()
        self.date_from = self._date_edit(date(day.year, 1, 1))
        self.date_to = self._date_edit(day)
        self.pdf_button = action_button(SAVE_PDF, SAVE_PDF_TIP, "pdf", lambda: self.save(".pdf"))
        self.xlsx_button = action_button(SAVE_XLSX, SAVE_XLSX_TIP, "excel", lambda: self.save(".xlsx"))
        QShortcut(QKeySequence("Ctrl+S"), self, lambda: self.save(".pdf"))
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, lambda: self.save(".xlsx"))
        self.progress.setTextVisible(True)  # some styles keep room beside the bar for its (empty) text
        form = QFormLayout()
        for caption, field in ((FROM_LABEL, self.date_from), (TO_LABEL, self.date_to)):
            label = QLabel(caption)
            label.setBuddy(field)
            form.addRow(label, with_message(field))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(INTRO))
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row(self.pdf_button, self.xlsx_button, STRETCH))

    def _date_edit(self, day: date) -> DateField:
        return DateField(day)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.pdf_button.setEnabled(not busy)
        self.xlsx_button.setEnabled(not busy)

    def save(self, suffix: str) -> bool:
        """Ask where to save, then render and write in the background; False when nothing was started."""
        if self.busy:
            return False
        if first_refused(self.date_from, self.date_to):
            return False  # said under the day to correct, which has the focus
        start, end = self.date_from.value(), self.date_to.value()
        if end < start:
            self.show_message(WRONG_RANGE, error=True)
            return False
        suggested = documents_folder() / FILE_NAME.format(start=start, end=end, suffix=suffix)
        chosen = self.choose_file(
            self, CHOOSE_TITLE, str(suggested), PDF_FILTER if suffix == ".pdf" else XLSX_FILTER
        )
        if not chosen:
            return False
        path = with_suffix(chosen, suffix)
        ws = self.workspace
        self._set_busy(True)
        self.show_message(BUSY)  # an indeterminate bar draws no text of its own
        self.runner.submit(
            f"register {suffix}",
            lambda: registers.save_register(ws, path, start, end),
            self._saved,
            self._failed,
        )
        return True

    def _saved(self, path: object) -> None:
        assert isinstance(path, Path)
        self._set_busy(False)
        self.last_path = path
        self.show_message(SAVED.format(path=path), error=False)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.show_message(FAILED.format(message=error_text(error)), error=True)
