"""Back up the database onto a USB stick or into a folder.

The removable drives are listed first; "Chọn thư mục khác…" picks any folder. The copy runs in the
background (`backup_to`: SQLite's online backup API, or one snapshot of the centre's server), so the
window may stay open and saving; the scans then go into the folder `cchc-tep-dinh-kem` beside the file,
with the bar counting them (a busy year is thousands). The dialog reports the file, its size, the scans
and how long it took, or the Vietnamese reason it failed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.attachment_backup import BACKUP_FOLDER_NAME, ScanProgress, lost_scans_warning
from cchc_desktop.services.backup import BackupResult, backup_to
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

TITLE = "Sao lưu ra USB/thư mục"
INTRO = (
    "Chọn ổ USB hoặc thư mục để chép một bản sao lưu toàn bộ dữ liệu. Bản sao được kiểm tra lại "
    "trước khi báo xong; có thể tiếp tục làm việc trong lúc sao lưu."
)
DRIVES_LABEL = "Ổ &USB đang cắm:"
NO_DRIVES = "Không thấy ổ USB nào. Hãy cắm ổ rồi bấm “Tìm lại ổ”, hoặc chọn thư mục khác."
REFRESH = "&Tìm lại ổ"
REFRESH_TIP = "Tìm lại các ổ USB đang cắm"
OTHER = "Chọn thư mục &khác…"
OTHER_TIP = "Sao lưu vào một thư mục bất kỳ (ổ cứng ngoài, thư mục mạng…)"
BACKUP = "&Sao lưu"
BACKUP_TIP = "Sao lưu vào ổ đã chọn"
CHOOSE_TITLE = "Chọn thư mục để sao lưu"
BUSY = "Đang sao lưu vào {folder}…"
DONE = (
    "Đã sao lưu {count} hồ sơ vào {path} ({size} MB) lúc {moment:%H:%M} ngày {moment:%d/%m/%Y}, "
    "mất {seconds} giây."
)
SCANS = "Đang chép bản số hóa vào {folder}: {done}/{total}…"
SCANS_DONE = " Kèm {count} bản số hóa trong thư mục {folder} bên cạnh ({copied} bản mới chép); khi mang đi, hãy mang cả thư mục này."
FAILED = "Chưa sao lưu được: {message}"
DRIVE_TEXTS = DrivePickerTexts(
    drives_label=DRIVES_LABEL,
    no_drives=NO_DRIVES,
    refresh=REFRESH,
    other=OTHER,
    choose_title=CHOOSE_TITLE,
    refresh_tip=REFRESH_TIP,
    other_tip=OTHER_TIP,
)


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def done_text(result: BackupResult, moment: datetime) -> str:
    text = DONE.format(
        count=group_thousands(result.dossier_count),
        path=result.path,
        size=megabytes(result.size_bytes),
        moment=moment,
        seconds=f"{result.seconds:.1f}".replace(".", ","),
    )
    if result.scans:
        text += SCANS_DONE.format(
            count=group_thousands(len(result.scans)),
            folder=BACKUP_FOLDER_NAME,
            copied=group_thousands(result.scans_copied),
        )
    if result.scans_lost_codes:
        text += "\n\n" + lost_scans_warning(result.scans_lost_codes)
    return text


def throttled(emit: ScanProgress) -> ScanProgress:
    """`emit` at each whole percent (and the last scan), not once per scan of thousands."""
    shown: set[int] = set()

    def report(done: int, total: int) -> None:
        step = done * 100 // max(total, 1)
        if step not in shown or done == total:
            shown.add(step)
            emit(done, total)

    return report


class BackupDialog(TaskDialog):
    scans_copied = Signal(int, int)  # emitted on the worker thread, shown on the GUI thread

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        choose_folder: FolderChooser = existing_directory,
        list_drives: DriveLister = removable_drives,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(TITLE, "backupMessage", parent)
        self.workspace = workspace
        self.paths = workspace.paths
        self.now = now
        self.backup_result: BackupResult | None = None
        self.folder: Path | None = None
        self.scans_copied.connect(self._show_progress)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.picker = DrivePicker(DRIVE_TEXTS, choose_folder, list_drives)
        self.picker.target_changed.connect(lambda _drive: self._update_buttons())
        self.picker.target_chosen.connect(self.back_up)
        self.backup_button = QPushButton(icon("save"), BACKUP)
        self.backup_button.setToolTip(BACKUP_TIP)
        self.backup_button.setAutoDefault(False)
        self.backup_button.clicked.connect(self.back_up_to_selected)
        self.backup_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row(STRETCH, self.backup_button))
        self.resize(640, 360)
        self.picker.refresh()

    def _update_buttons(self) -> None:
        busy = self.busy
        self.backup_button.setEnabled(not busy and self.picker.selected_drive() is not None)
        self.picker.set_busy(busy)
        self.progress.setVisible(busy)

    def back_up_to_selected(self) -> bool:
        drive = self.picker.selected_drive()
        return drive is not None and self.back_up(drive)

    def back_up(self, folder: Path) -> bool:
        if self.busy:
            return False
        paths, workspace, report = self.paths, self.workspace, throttled(self.scans_copied.emit)
        self.folder = folder
        self.progress.setRange(0, 0)  # the database first: no count yet
        self.show_message(BUSY.format(folder=folder))
        self.runner.submit(
            f"backup to {folder}",
            lambda: backup_to(paths, folder, by=workspace, progress=report),
            self._done,
            self._failed,
        )
        self._update_buttons()
        return True

    def _show_progress(self, done: int, total: int) -> None:
        if not self.busy or not total or self.folder is None:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.show_message(
            SCANS.format(folder=self.folder, done=group_thousands(done), total=group_thousands(total))
        )

    def _done(self, result: object) -> None:
        assert isinstance(result, BackupResult)
        self.backup_result = result
        self._update_buttons()
        self.show_message(done_text(result, self.now()))

    def _failed(self, error: Exception) -> None:
        self._update_buttons()
        self.show_message(FAILED.format(message=error_text(error)), error=True)

    def reject(self) -> None:
        self.runner.wait_until_idle(60_000)  # a half-written backup is removed by the service itself
        super().reject()
