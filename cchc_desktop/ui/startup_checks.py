"""Checks run in the background once the window is shown: the database's quick check, the faulty rows and
the scans stored at their sizes and, when the database is
sound, the automatic daily backup, then the verification of the audit log. A damaged database is
reported at once; a log or dossier changed behind the app's back is reported to whoever may read the log
(Permission.AUDIT_LOG, or anyone while the database has no accounts); nothing blocks the clerk.

Before the window, `explain_open_failure` tells the clerk why the database could not be opened at all,
with the newest good backup and, when putting it back is the fix, a button that does so."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.domain.roles import Permission
from cchc_desktop.services.audit_verify import AuditVerification
from cchc_desktop.services.backup import automatic_daily_backup, latest_good_backup
from cchc_desktop.services.health import (
    audit_message,
    damaged_message,
    faulty_dossiers,
    faulty_message,
    missing_scans,
    quick_check,
    scans_message,
    verify_audit_log,
)
from cchc_desktop.services.permissions import allowed
from cchc_desktop.services.restore import restore_from
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui import strings
from cchc_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
DAMAGED_TITLE = "Cơ sở dữ liệu bị hỏng"
FAULTY_TITLE = "Có hồ sơ bị lỗi dữ liệu"
SCANS_TITLE = "Thiếu bản số hóa trong kho lưu trữ"
AUDIT_TITLE = "Nhật ký hoặc dữ liệu bị thay đổi ngoài phần mềm"
BACKED_UP = "Đã sao lưu tự động: {path}"
BACKUP_FAILED = "Chưa sao lưu tự động được: {message}"
NEWEST_GOOD_BACKUP = "Bản sao lưu tốt gần nhất: {path}"
NO_GOOD_BACKUP = (
    "Không có bản sao lưu tốt trong thư mục {folder}; hãy tìm bản sao lưu trên ổ USB "
    "hoặc báo cho bộ phận hỗ trợ."
)
RESTORE_BUTTON = "Khôi phục từ bản sao lưu này"
QUIT_BUTTON = "Thoát"
RESTORE_FAILED_TITLE = "Chưa khôi phục được"


def explain_open_failure(error: UserFacingError, paths: AppPaths, parent: QWidget | None = None) -> bool:
    """Show why the database could not be opened and the newest good backup; True when the clerk
    chose to restore that backup and it is now in place (open the database again)."""
    backup = latest_good_backup(paths)
    box = QMessageBox(QMessageBox.Icon.Critical, strings.CANNOT_OPEN_TITLE, error.message, parent=parent)
    if backup is None:
        box.setInformativeText(NO_GOOD_BACKUP.format(folder=paths.backups))
    else:
        box.setInformativeText(NEWEST_GOOD_BACKUP.format(path=backup))
    restore = None
    if backup is not None and getattr(error, "restorable", False):
        restore = box.addButton(RESTORE_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(QUIT_BUTTON, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    box.exec()
    if restore is None or box.clickedButton() is not restore or backup is None:
        return False
    try:
        restore_from(paths, backup)
    except UserFacingError as failure:
        QMessageBox.critical(parent, RESTORE_FAILED_TITLE, failure.message)
        return False
    log.info("restored %s after the database could not be opened", backup)
    return True


@dataclass(frozen=True)
class StartupReport:
    problem: str | None
    message: str
    backup: Path | None
    faulty: str | None = None  # the dossiers changed behind the app's back, when there are any
    scans: str | None = None  # scans missing from the store (or of another size), when there are any


def run_checks(paths: AppPaths, now: datetime, workspace: Workspace | None = None) -> StartupReport:
    # The quick check reads the SQLite file; a server has none (paths.database is an unused default).
    problem = quick_check(paths.database) if paths.server is None else None
    if problem is not None:
        return StartupReport(problem, damaged_message(paths.database, latest_good_backup(paths)), None)
    faulty = None
    if workspace is not None:
        try:
            faults = faulty_dossiers(workspace.db)
        except UserFacingError as error:  # busy or unreadable: the next start checks again
            log.warning("faulty row check skipped: %s", type(error).__name__)
            faults = []
        faulty = faulty_message(faults) if faults else None
    scans = _scans(workspace) if workspace is not None else None
    try:
        backup = automatic_daily_backup(paths, now)
    except UserFacingError as error:
        log.warning("automatic backup failed: %s", error.message)
        return StartupReport(None, BACKUP_FAILED.format(message=error.message), None, faulty, scans)
    return StartupReport(None, BACKED_UP.format(path=backup) if backup else "", backup, faulty, scans)


def _scans(workspace: Workspace) -> str | None:
    """The cheap look at the scans: each kept one stored at its size (the hashes: `cchc check`)."""
    try:
        problems = missing_scans(workspace.db)
    except (UserFacingError, OSError) as error:  # busy or unreadable: the next start checks again
        log.warning("scan check skipped: %s", type(error).__name__)
        return None
    return scans_message(problems) if problems else None


class StartupChecks:
    def __init__(self, window: QMainWindow, paths: AppPaths) -> None:
        self.window = window
        self.paths = paths
        # Set on quitting, before the runner waits for its task: a long verification then stops at once.
        self._stop = threading.Event()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop.set)
        self.runner = TaskRunner(window)
        self.report: StartupReport | None = None
        self.audit: AuditVerification | None = None  # the log's verification, once it has run
        self.audit_box: QMessageBox | None = None
        self.scans_box: QMessageBox | None = None

    def start(self) -> None:
        workspace = getattr(self.window, "workspace", None)
        self.runner.submit(
            "startup checks",
            lambda: run_checks(self.paths, datetime.now(), workspace),
            self._done,
            self._failed,
        )

    def _done(self, result: object) -> None:
        assert isinstance(result, StartupReport)
        self.report = result
        if result.problem is not None:
            log.error("database check failed: %s", result.problem)
            box = QMessageBox(QMessageBox.Icon.Critical, DAMAGED_TITLE, result.message, parent=self.window)
            box.setDetailedText(result.problem)
            box.open()
        elif result.message:
            self.window.statusBar().showMessage(result.message, 15_000)
        if result.faulty is not None:
            box = QMessageBox(QMessageBox.Icon.Warning, FAULTY_TITLE, result.faulty, parent=self.window)
            box.open()
        if result.scans is not None:
            box = QMessageBox(QMessageBox.Icon.Warning, SCANS_TITLE, result.scans, parent=self.window)
            box.open()
            self.scans_box = box
        workspace: Workspace | None = getattr(self.window, "workspace", None)
        if result.problem is None and workspace is not None:
            # After the backup, on the same worker: seconds on a long log, never on the window's thread.
            db, stop = workspace.db, self._stop
            self.runner.submit(
                "audit verification", lambda: verify_audit_log(db, stop), self._audit_done, self._audit_failed
            )

    def _failed(self, error: object) -> None:
        log.error("start-up checks failed: %s", error)

    def _audit_done(self, result: object) -> None:
        if result is None:  # stopped: the window is closing
            return
        assert isinstance(result, AuditVerification)
        self.audit = result
        workspace: Workspace | None = getattr(self.window, "workspace", None)
        if result.ok or workspace is None or not allowed(workspace, Permission.AUDIT_LOG):
            return  # whoever may not read the log is not told what it holds
        box = QMessageBox(QMessageBox.Icon.Warning, AUDIT_TITLE, audit_message(result), parent=self.window)
        box.open()
        self.audit_box = box

    def _audit_failed(self, error: object) -> None:
        # Busy or unreachable (a UserFacingError): the next start checks again.
        log.warning("audit verification at start-up skipped: %s", type(error).__name__)
