"""Write the report (PDF, DOCX, XLSX) onto a USB stick or into a folder.

The removable drives are listed first; "Chọn thư mục khác…" picks any folder. The writing is the
service's (services.report_export): all three files or none, and a pulled or full drive leaves the
copies of an earlier export untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from cchc_desktop.documents.report_figures_data import ReportFigures
from cchc_desktop.domain.statistics import Statistics
from cchc_desktop.services.annual_report import ReportFiles
from cchc_desktop.services.report_export import export_report
from cchc_desktop.services.report_texts import ReportTexts
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.drive_picker import (
    DriveLister,
    DrivePicker,
    DrivePickerTexts,
    FolderChooser,
    existing_directory,
)
from cchc_desktop.ui.dialogs.import_dialog import error_text
from cchc_desktop.ui.dialogs.removable_drives import removable_drives
from cchc_desktop.ui.dialogs.task_dialog import STRETCH, TaskDialog
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.report import strings

DRIVE_TEXTS = DrivePickerTexts(
    drives_label=strings.EXPORT_DRIVES,
    no_drives=strings.EXPORT_NO_DRIVES,
    refresh=strings.EXPORT_REFRESH,
    other=strings.EXPORT_OTHER,
    choose_title=strings.EXPORT_CHOOSE,
)


class UsbExportDialog(TaskDialog):
    def __init__(
        self,
        ws: Workspace,
        stats: Statistics,
        texts: ReportTexts,
        parent: QWidget | None = None,
        choose_folder: FolderChooser = existing_directory,
        list_drives: DriveLister = removable_drives,
        now: Callable[[], datetime] = datetime.now,
        figures: ReportFigures | None = None,
    ) -> None:
        super().__init__(strings.EXPORT_TITLE, "exportMessage", parent)
        self.ws, self.stats, self.texts = ws, stats, texts
        self.figures = figures  # the charts' page, when the report has it
        self.now = now
        self.files: ReportFiles | None = None
        intro = QLabel(strings.EXPORT_INTRO.format(year=stats.period_to.year))
        intro.setWordWrap(True)
        self.picker = DrivePicker(DRIVE_TEXTS, choose_folder, list_drives)
        self.picker.target_changed.connect(lambda _drive: self._update_buttons())
        self.picker.target_chosen.connect(self.export_to)
        self.export_button = QPushButton(icon("save"), strings.EXPORT_WRITE)
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export_to_selected)
        self.export_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row(STRETCH, self.export_button))
        self.resize(640, 380)
        self.picker.refresh()

    def _update_buttons(self) -> None:
        busy = self.busy
        self.export_button.setEnabled(not busy and self.picker.selected_drive() is not None)
        self.picker.set_busy(busy)
        self.progress.setVisible(busy)

    def export_to_selected(self) -> bool:
        drive = self.picker.selected_drive()
        return drive is not None and self.export_to(drive)

    def export_to(self, folder: Path) -> bool:
        if self.busy:
            return False
        ws, stats, texts, moment, figures = self.ws, self.stats, self.texts, self.now(), self.figures
        stem = strings.FILE_STEM.format(year=stats.period_to.year)
        self.show_message(strings.EXPORT_BUSY.format(folder=folder))
        self.runner.submit(
            f"report to {folder}",
            lambda: export_report(ws, stats, texts, folder, moment, stem, figures),
            self._done,
            self._failed,
        )
        self._update_buttons()
        return True

    def _done(self, result: object) -> None:
        assert isinstance(result, ReportFiles)
        self.files = result
        self._update_buttons()
        paths = [p for p in (result.pdf, result.docx, result.xlsx) if p is not None]
        folder = paths[0].parent if paths else ""
        listing = "\n".join(f"• {p.name} ({max(1, p.stat().st_size // 1024)} KB)" for p in paths)
        self.show_message(strings.EXPORT_DONE.format(count=len(paths), folder=folder, files=listing))

    def _failed(self, error: Exception) -> None:
        self._update_buttons()
        self.show_message(strings.EXPORT_FAILED.format(message=error_text(error)), error=True)

    def reject(self) -> None:
        self.runner.wait_until_idle(60_000)
        super().reject()
