"""Restore the database from a backup file.

The chosen file is checked first (`check_backup_file`, in the background): its dossier count and newest
receipt, or the reason it is refused (damaged, not ours, from a newer version) in red. "Khôi phục" needs
the confirmation box ticked. The restore itself is the caller's `perform_restore(file)` (the window closes
its workspace, calls `restore_from` and opens the database again), run in the background; the dialog
then shows what the CLI prints, including where the previous data was kept to undo. On a server a second
box runs `perform_forced(file)` instead, which restores even while other counters are connected.

The dialog knows nothing of the window: `restore_starting` (on the GUI thread, just before
`perform_restore` runs) and `restore_finished` (the result or the exception) let the window close and
reopen what it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.attachment_backup import BACKUP_FOLDER_NAME
from cchc_desktop.services.restore import BackupInfo, RestoreResult, check_backup_file
from cchc_desktop.ui.dialogs.backup_dialog import megabytes
from cchc_desktop.ui.dialogs.import_dialog import (
    OpenFileChooser,
    documents_folder,
    error_text,
    open_file_name,
)
from cchc_desktop.ui.dialogs.task_dialog import STRETCH, TaskDialog
from cchc_desktop.ui.feedback import ERROR_STYLE, message_label
from cchc_desktop.ui.icons import icon

TITLE = "Khôi phục từ bản sao lưu"
INTRO = (
    "Thay toàn bộ dữ liệu hiện tại bằng dữ liệu trong một tệp sao lưu (cchc-sao-luu-….sqlite3). "
    "Dữ liệu hiện tại được sao lưu trước, nên có thể hoàn tác."
)
CHOOSE = "&Chọn tệp sao lưu…"
CHOOSE_TIP = "Chọn tệp sao lưu (.sqlite3) trên ổ USB hoặc trong thư mục sao lưu"
CHOOSE_TITLE = "Chọn tệp sao lưu để khôi phục"
FILE_FILTER = "Tệp sao lưu CCHC Desk (*.sqlite3);;Mọi tệp (*)"
NO_FILE = "Chưa chọn tệp."
CHECKING = "Đang kiểm tra tệp {path}…"
DETAILS = (
    "Tệp sao lưu {path}: {count} hồ sơ, hồ sơ nhận gần nhất: {newest} ({size} MB). "
    "Kiểm tra kỹ đây là bản cần khôi phục."
)
NO_NEWEST = "không có"
SCANS = " Kèm {count} bản số hóa trong thư mục {folder} bên cạnh tệp."
SCANS_MISSING = (
    " {missing} bản số hóa không có trong thư mục {folder} bên cạnh tệp: hãy chép cả thư mục đó cùng tệp "
    "sao lưu; nếu không, chỉ khôi phục được khi máy này còn giữ nguyên các bản đó."
)
CONFIRM = "Tôi hiểu dữ liệu hiện tại sẽ được thay (đã có bản sao lưu trước khi khôi phục)"
RESTORE = "&Khôi phục"
RESTORE_TIP = "Thay dữ liệu hiện tại bằng dữ liệu trong tệp sao lưu"
RESTORING = "Đang khôi phục… (không tắt máy, không rút ổ USB)"
RESTORED = "Đã khôi phục {count} hồ sơ từ {path}."
UPGRADED = "Đã nâng cấp từ lược đồ {revision}."
PREVIOUS_DAMAGED = "Cơ sở dữ liệu cũ bị hỏng; tệp gốc được giữ ở {previous}"
PREVIOUS_KEPT = (
    "Dữ liệu trước khi khôi phục được lưu ở {previous}; để hoàn tác: khôi phục lại từ tệp đó "
    "(Hệ thống → Khôi phục từ bản sao lưu)."
)
FAILED = "Chưa khôi phục được: {message}"
FORCE = "Khôi phục cả khi quầy khác còn mở phần mềm (chỉ khi chắc chắn không ai đang nhập hồ sơ)"
FORCE_TIP = (
    "Trên máy chủ dữ liệu, khôi phục bị từ chối khi quầy khác còn kết nối; đánh dấu để vẫn khôi phục. "
    "Các quầy đó cần mở lại phần mềm sau khi khôi phục."
)
WAIT = "Đang khôi phục; chờ xong rồi đóng."

PerformRestore = Callable[[Path], object]


def details_text(info: BackupInfo) -> str:
    newest = f"{info.newest_received_at:%d/%m/%Y %H:%M}" if info.newest_received_at else NO_NEWEST
    text = DETAILS.format(
        path=info.path,
        count=group_thousands(info.dossier_count),
        newest=newest,
        size=megabytes(info.size_bytes),
    )
    if info.scans:
        text += SCANS.format(count=group_thousands(info.scans), folder=BACKUP_FOLDER_NAME)
    if info.scans_missing:
        text += SCANS_MISSING.format(missing=group_thousands(info.scans_missing), folder=BACKUP_FOLDER_NAME)
    return text


def result_text(result: RestoreResult) -> str:
    """The lines `cchc restore` prints, with the undo said the GUI way."""
    lines = [RESTORED.format(count=group_thousands(result.info.dossier_count), path=result.info.path)]
    if result.upgraded_from:
        lines.append(UPGRADED.format(revision=result.upgraded_from))
    if result.previous is not None:
        template = PREVIOUS_DAMAGED if result.previous_damaged else PREVIOUS_KEPT
        lines.append(template.format(previous=result.previous))
    return "\n".join(lines)


class RestoreDialog(TaskDialog):
    restore_starting = Signal(Path)  # GUI thread, just before perform_restore runs in the background
    restore_finished = Signal(object)  # the RestoreResult (or what perform_restore returned), or the error

    def __init__(
        self,
        perform_restore: PerformRestore,
        parent: QWidget | None = None,
        choose_file: OpenFileChooser = open_file_name,
        start_folder: Path | None = None,
        perform_forced: PerformRestore | None = None,
    ) -> None:
        """`perform_forced` (on a server): the restore that does not wait for the other counters,
        offered by a check box."""
        super().__init__(TITLE, "restoreMessage", parent)
        self.perform_restore = perform_restore
        self.perform_forced = perform_forced
        self.choose_file = choose_file
        self.start_folder = start_folder
        self.info: BackupInfo | None = None
        self.outcome: object = None
        self._restoring = False
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.choose_button = QPushButton(icon("open"), CHOOSE)
        self.choose_button.setToolTip(CHOOSE_TIP)
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_and_check)
        self.details = message_label("restoreDetails")
        self.details.setText(NO_FILE)
        self.confirm = QCheckBox(CONFIRM)
        self.confirm.setEnabled(False)
        self.confirm.toggled.connect(lambda _checked: self._update_buttons())
        self.force = QCheckBox(FORCE)
        self.force.setToolTip(FORCE_TIP)
        self.force.setVisible(perform_forced is not None)
        self.restore_button = QPushButton(icon("warning"), RESTORE)
        self.restore_button.setToolTip(RESTORE_TIP)
        self.restore_button.setAutoDefault(False)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(self.confirm)
        layout.addWidget(self.force)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(self.button_row(STRETCH, self.restore_button))
        self.resize(680, 300)
        self.choose_button.setFocus()

    def _details(self, text: str, error: bool = False) -> None:
        self.details.setText(text)
        self.details.setStyleSheet(ERROR_STYLE if error else "")

    def _update_buttons(self) -> None:
        busy = self.busy
        self.progress.setVisible(busy)
        self.choose_button.setEnabled(not busy)
        self.close_button.setEnabled(not self._restoring)
        self.confirm.setEnabled(not busy and self.info is not None)
        self.force.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.info is not None and self.confirm.isChecked())

    # ------------------------------------------------------------------ check
    def choose_and_check(self) -> bool:
        folder = self.start_folder if self.start_folder is not None else documents_folder()
        chosen = self.choose_file(self, CHOOSE_TITLE, str(folder), FILE_FILTER)
        if not chosen:
            return False
        self.check(Path(chosen))
        return True

    def check(self, file: Path) -> None:
        if self.busy:
            return
        self.info = None
        self.confirm.setChecked(False)
        self._details(CHECKING.format(path=file))
        self.show_message("")
        self.runner.submit(
            f"check backup {file.name}", lambda: check_backup_file(file), self._checked, self._refused
        )
        self._update_buttons()

    def _checked(self, info: object) -> None:
        assert isinstance(info, BackupInfo)
        self.info = info
        self._details(details_text(info))
        self._update_buttons()
        self.confirm.setFocus()

    def _refused(self, error: Exception) -> None:
        self.info = None
        self._details(error_text(error), error=True)
        self._update_buttons()

    # ------------------------------------------------------------------ restore
    def restore(self) -> bool:
        if self.busy or self.info is None or not self.confirm.isChecked():
            return False
        forced = self.perform_forced is not None and self.force.isChecked()
        file = self.info.path
        perform = self.perform_forced if forced and self.perform_forced is not None else self.perform_restore
        self._restoring = True
        self.restore_starting.emit(file)
        self.show_message(RESTORING)
        self.runner.submit(f"restore {file.name}", lambda: perform(file), self._restored, self._failed)
        self._update_buttons()
        return True

    def _restored(self, result: object) -> None:
        self._restoring = False
        self.outcome = result
        self.info = None  # restoring the same file twice is never what the clerk means
        self.confirm.setChecked(False)
        self._update_buttons()
        self.show_message(result_text(result) if isinstance(result, RestoreResult) else str(result or ""))
        self.restore_finished.emit(result)

    def _failed(self, error: Exception) -> None:
        self._restoring = False
        self.outcome = error
        self.confirm.setChecked(False)
        self._update_buttons()
        self.show_message(FAILED.format(message=error_text(error)), error=True)
        self.restore_finished.emit(error)

    def reject(self) -> None:
        if self._restoring:
            self.show_message(WAIT, error=True)
            return
        self.runner.wait_until_idle(30_000)
        super().reject()
