from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from cchc_desktop.ui import startup_checks
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.startup_checks import StartupChecks


def test_a_sound_database_gets_its_daily_backup_in_the_background(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    checks = StartupChecks(main_window, main_window.workspace.paths)
    checks.start()
    qtbot.waitUntil(lambda: checks.report is not None, timeout=10_000)
    assert checks.report is not None and checks.report.backup is not None
    assert checks.report.backup.exists()
    assert "Đã sao lưu tự động" in main_window.statusBar().currentMessage()


def test_a_damaged_database_is_reported(
    qtbot,
    main_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(
        startup_checks, "quick_check", lambda _path: "*** in database main ***\nPage 7 is never used"
    )
    checks = StartupChecks(main_window, main_window.workspace.paths)
    checks.start()
    qtbot.waitUntil(lambda: checks.report is not None, timeout=10_000)
    boxes = main_window.findChildren(QMessageBox)
    assert boxes and "bị hỏng" in boxes[0].text()
    assert checks.report is not None and checks.report.backup is None
    for box in boxes:
        box.close()
    assert not list(Path(main_window.workspace.paths.backups).glob("cchc-sao-luu-*"))
