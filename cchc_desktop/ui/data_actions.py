"""The "Hệ thống" menu's data actions: import, export, backup and restore.

A restore replaces the database file under the running window, so the window closes its workspace
before the swap and the app starts again on the restored data afterwards (every screen then reads it
afresh; nothing cached from the old file survives).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from cchc_desktop.domain.roles import Permission
from cchc_desktop.services.permissions import refusal_for
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.ui.icons import icon

IMPORT = "Nhập dữ liệu từ tệp…"
EXPORT = "Xuất dữ liệu ra tệp…"
BACKUP = "Sao lưu ra USB/thư mục…"
RESTORE = "Khôi phục từ bản sao lưu…"
RESTARTING_TITLE = "Đã khôi phục dữ liệu"
RESTARTING = "Đã khôi phục dữ liệu. Phần mềm sẽ mở lại để đọc dữ liệu mới."


def restart_app() -> None:
    """Start the app again (same arguments), as a new process."""
    arguments = sys.argv[1:] if getattr(sys, "frozen", False) else sys.argv
    QProcess.startDetached(sys.executable, arguments)


class DataActions:
    def __init__(
        self,
        window: QMainWindow,
        workspace: Callable[[], Workspace],
        on_imported: Callable[[], None],
        before_restore: Callable[[], None],
        restart: Callable[[], None] = restart_app,
    ) -> None:
        self.window = window
        self.workspace = workspace
        self.on_imported = on_imported
        self.before_restore = before_restore
        self.restart = restart
        self._tips: dict[QAction, str] = {}
        self.import_action = self._action(IMPORT, "open", "Ctrl+I", self.open_import)
        self.export_action = self._action(EXPORT, "save", "Ctrl+Shift+E", self.open_export)
        self.backup_action = self._action(BACKUP, "save", "Ctrl+B", self.open_backup)
        self.restore_action = self._action(RESTORE, "refresh", None, self.open_restore)

    def _action(self, text: str, icon_name: str, shortcut: str | None, slot: Callable[[], object]) -> QAction:
        action = QAction(icon(icon_name), text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text.rstrip('…')} ({shortcut})")
        action.triggered.connect(slot)
        self._tips[action] = action.toolTip()
        return action

    def actions(self) -> list[QAction]:
        return [self.import_action, self.export_action, self.backup_action, self.restore_action]

    def apply_permissions(self, ws: Workspace) -> None:
        """Disable what the signed-in user may not do, the reason as the tooltip."""
        for action, permission in (
            (self.import_action, Permission.IMPORT),
            (self.export_action, Permission.EXPORT),
            (self.backup_action, Permission.BACKUP),
            (self.restore_action, Permission.RESTORE),
        ):
            reason = refusal_for(ws, permission)
            action.setEnabled(reason is None)
            action.setToolTip(reason or self._tips[action])

    # The dialogs (and the services behind them) load when first used, not at start-up.
    def open_import(self) -> None:
        from cchc_desktop.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.workspace(), self.window)
        dialog.imported.connect(self.on_imported)
        dialog.exec()

    def open_export(self) -> None:
        from cchc_desktop.ui.dialogs.export_dialog import ExportDialog

        ExportDialog(self.workspace(), self.window).exec()

    def open_backup(self) -> None:
        from cchc_desktop.ui.dialogs.backup_dialog import BackupDialog

        BackupDialog(self.workspace(), self.window).exec()

    def open_restore(self) -> None:
        from cchc_desktop.services.restore import restore_from
        from cchc_desktop.ui.dialogs.restore_dialog import RestoreDialog

        ws = self.workspace()
        paths = ws.paths
        # The workspace is closed when the restore starts; it still names who restores.
        forced = None if paths.server is None else lambda file: restore_from(paths, file, by=ws, force=True)
        dialog = RestoreDialog(
            lambda file: restore_from(paths, file, by=ws),
            self.window,
            start_folder=paths.backups,
            perform_forced=forced,
        )
        dialog.restore_starting.connect(lambda _file: self._close_workspace())
        dialog.restore_finished.connect(self._after_restore)
        dialog.exec()

    def _close_workspace(self) -> None:
        self.before_restore()
        self.workspace().close()

    def _after_restore(self, result: object) -> None:
        from cchc_desktop.services.restore import RestoreResult

        if isinstance(result, RestoreResult):
            QMessageBox.information(self.window, RESTARTING_TITLE, RESTARTING)
            self.restart()
            self.window.close()
            return
        # The restore failed: the old database is still in place; check that it opens again.
        open_workspace(self.workspace().paths).close()
