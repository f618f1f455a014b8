"""A working day of Qt traffic does not kill the interpreter or drain None/True/False.

PySide6 6.12.0 on Python 3.11 drops a reference to `None` or `True` on every Python-side signal and
aborts the interpreter ("deallocating True or False") after a few thousand; the soak, run as the clerk
starts the app (`cchc --soak`), catches that kind of binding in seconds. The bundle runs it too
(tests/test_packaging.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_soak(command: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CCHC_DB": str(tmp_path / "cchc.sqlite3"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)


def check_soak(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-3000:]}"
    line = next(line for line in result.stdout.splitlines() if line.startswith("soak:"))
    numbers = dict(re.findall(r"(\w+)=([+-]?\d+)", line))
    assert int(numbers["signals"]) >= 200_000
    assert int(numbers["keys"]) >= 30_000
    for singleton in ("None", "True", "False"):
        # A leak of one reference per call would show as a fall of tens of thousands (or an abort).
        assert int(numbers[singleton]) > -2_000, line
    assert line.endswith(" ok"), line


@pytest.mark.slow
def test_200000_signals_and_30000_typed_keys_leave_the_interpreter_alive(tmp_path: Path) -> None:
    check_soak(run_soak([sys.executable, str(ROOT / "main.py"), "--soak"], tmp_path))
