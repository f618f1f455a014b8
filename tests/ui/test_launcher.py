from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from cchc_desktop.ui import crash_dialog
from cchc_desktop.ui.launcher import acquire_instance_lock


def test_a_second_instance_on_the_same_database_is_refused(tmp_path: Path) -> None:
    first = QLockFile(str(tmp_path / "cchc.sqlite3.lock"))
    second = QLockFile(str(tmp_path / "cchc.sqlite3.lock"))
    assert acquire_instance_lock(first)
    assert not acquire_instance_lock(second)
    first.unlock()
    assert acquire_instance_lock(second)
    second.unlock()


def test_an_uncaught_exception_is_logged_and_shown(
    qtbot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(crash_dialog._CrashReporter, "_show", lambda self, summary: shown.append(summary))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash_dialog.install_crash_hook(tmp_path / "cchc.log")
    reporter = crash_dialog._reporter
    assert reporter is not None
    try:
        raise ValueError("hỏng")
    except ValueError as error:
        with caplog.at_level(logging.CRITICAL), qtbot.waitSignal(reporter.crashed):
            crash_dialog._report(type(error), error, error.__traceback__)
    assert "uncaught exception" in caplog.text
    qtbot.waitUntil(lambda: bool(shown))
    assert "ValueError: hỏng" in shown[0]
