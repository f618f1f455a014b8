"""The crash dialog, and what its copy button puts on the clipboard, carry no personal data."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from cchc_desktop.ui import crash_dialog

SECRETS = ("Nguyễn Văn An", "030185001234", "0912 345 678", "C1234567")


def _raise_with_personal_data() -> None:
    raise ValueError("hồ sơ của Nguyễn Văn An, CCCD 030185001234, ĐT 0912 345 678, hộ chiếu C1234567")


def test_the_dialog_and_the_clipboard_show_the_error_masked(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[crash_dialog.CrashDialog] = []

    def show(self: crash_dialog._CrashReporter, summary: str) -> None:
        dialog = crash_dialog.CrashDialog(self.log_file, summary)
        qtbot.addWidget(dialog)
        shown.append(dialog)

    monkeypatch.setattr(crash_dialog._CrashReporter, "_show", show)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash_dialog.install_crash_hook(tmp_path / "cchc.log")
    try:
        _raise_with_personal_data()
    except ValueError as error:
        with caplog.at_level(logging.CRITICAL):
            crash_dialog._report(type(error), error, error.__traceback__)
    qtbot.waitUntil(lambda: bool(shown))
    dialog = shown[0]
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    shown_text = dialog.details_view.toPlainText()
    copied = QGuiApplication.clipboard().text()
    assert "ValueError: hồ sơ của [họ tên], CCCD *********234" in shown_text
    assert "_raise_with_personal_data" in copied  # the traceback is still there for support
    for secret in SECRETS:
        assert secret not in shown_text
        assert secret not in copied
