"""Checks run in the background once the window is shown: the database's quick check and, when it is
sound, the automatic daily backup. A damaged database is reported at once; nothing blocks the clerk."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.services.backup import automatic_daily_backup, latest_good_backup
from cchc_desktop.services.health import damaged_message, quick_check
from cchc_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
DAMAGED_TITLE = "Cơ sở dữ liệu bị hỏng"
BACKED_UP = "Đã sao lưu tự động: {path}"
BACKUP_FAILED = "Chưa sao lưu tự động được: {message}"


@dataclass(frozen=True)
class StartupReport:
    problem: str | None
    message: str
    backup: Path | None


def run_checks(paths: AppPaths, now: datetime) -> StartupReport:
    problem = quick_check(paths.database)
    if problem is not None:
        return StartupReport(problem, damaged_message(paths.database, latest_good_backup(paths)), None)
    try:
        backup = automatic_daily_backup(paths, now)
    except UserFacingError as error:
        log.warning("automatic backup failed: %s", error.message)
        return StartupReport(None, BACKUP_FAILED.format(message=error.message), None)
    return StartupReport(None, BACKED_UP.format(path=backup) if backup else "", backup)


class StartupChecks:
    def __init__(self, window: QMainWindow, paths: AppPaths) -> None:
        self.window = window
        self.paths = paths
        self.runner = TaskRunner(window)
        self.report: StartupReport | None = None

    def start(self) -> None:
        self.runner.submit(
            "startup checks", lambda: run_checks(self.paths, datetime.now()), self._done, self._failed
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

    def _failed(self, error: object) -> None:
        log.error("start-up checks failed: %s", error)
