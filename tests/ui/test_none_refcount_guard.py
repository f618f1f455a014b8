"""The window survives many thousands of Qt calls (PySide6 6.12.0 leaks a `None` reference per call)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import cchc_desktop.ui
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
edit = QLineEdit()
for _ in range(300_000):
    edit.setText("Nguyễn")
print("survived")
"""


def test_three_hundred_thousand_qt_calls_do_not_kill_the_interpreter() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
