"""Start-up as the clerk starts the app: the window comes up without loading what only printing,
exports, migrations or the report tab need, and the log says where the time went."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import event
from sqlalchemy.engine import Engine

from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.main_window import MainWindow
from tests.services.test_tracking import add_dossiers

ROOT = Path(__file__).resolve().parents[2]
# psycopg: only a centre server needs the PostgreSQL driver (about 100 ms to import); a desk's file never does.
DEFERRED = ("reportlab", "openpyxl", "docx", "alembic", "PIL", "cchc_desktop.ui.report.tab", "psycopg")
# What the window's frame is painted without (ui/launcher.py).
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "qtawesome", "holidays", "cchc_desktop.services.workspace")
SMOKE = f"""
import sys
from cchc_desktop.app import main
code = main(["--smoke"])
print("loaded:", *sorted(name for name in {DEFERRED!r} if name in sys.modules))
sys.exit(code)
"""


def start(tmp_path: Path, script: str = SMOKE) -> list[str]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CCHC_DB": str(tmp_path / "cchc.sqlite3"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.splitlines()


def test_the_window_opens_without_loading_printing_export_or_migration_code(tmp_path: Path) -> None:
    start(tmp_path)  # creates the database (Alembic needed once)
    lines = start(tmp_path)
    assert any(line.startswith("startup_ms=") for line in lines)
    assert "loaded:" in lines and not [line for line in lines if line.startswith("loaded: ")]


FRAME_FIRST = f"""
import sys
from cchc_desktop.ui import main_window
first_painted = main_window.MainWindow._first_painted
def painted(self):
    loaded = sorted(name for name in {HEAVY!r} if name in sys.modules)
    print("at first paint:", *loaded, flush=True)
    first_painted(self)
main_window.MainWindow._first_painted = painted
from cchc_desktop.app import main
sys.exit(main(["--smoke"]))
"""


def test_the_window_is_painted_before_the_database_layer_and_the_icon_font_load(tmp_path: Path) -> None:
    """The clerk sees the window's frame while SQLAlchemy, the services and the icons load behind it."""
    start(tmp_path)  # creates the database
    lines = start(tmp_path, FRAME_FIRST)
    assert "at first paint:" in lines, lines
    assert lines.index("at first paint:") < [line.startswith("ready_ms=") for line in lines].index(True)


def test_the_log_tells_how_long_each_start_up_phase_took(tmp_path: Path) -> None:
    start(tmp_path)
    log_text = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "state").rglob("*.log"))
    assert "start-up phases:" in log_text and "opening the database (schema check and migration" in log_text
    assert "ms importing the database layer" in log_text
    assert "main window shown and idle after" in log_text
    phases = (
        "window visible",
        "window painted",
        "window ready",
        "tracking first page shown",
        "tracking counts shown",
    )
    for phase in phases:
        assert re.search(rf"start-up phase: {phase} after \d+ ms", log_text), phase


def test_no_dossier_is_read_on_the_gui_thread_before_the_window_shows_and_the_list_follows(
    qtbot,
    workspace: Workspace,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    """On an imported history thousands of dossiers stay open and overdue: each list row's "quá hạn N
    ngày" is work, and a server may be slow to answer. None of it may hold the window back."""
    from cchc_desktop.ui import launcher
    from cchc_desktop.ui.models import tracking_model

    add_dossiers(workspace)
    monkeypatch.setenv("CCHC_DB", str(db_path))
    seen: list[tuple[str, bool, bool]] = []  # what, on the GUI thread, with the window visible

    def window_visible() -> bool:
        return any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets())

    def note(what: str) -> None:
        on_gui = threading.current_thread() is threading.main_thread()
        seen.append((what, on_gui, on_gui and window_visible()))

    def statement(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        if re.search(r"\bdossier\b", sql):
            note("dossier query")

    time_left_text = tracking_model.time_left_text

    def row_text(*args: Any) -> str:
        note("row's time left")
        return time_left_text(*args)

    monkeypatch.setattr(tracking_model, "time_left_text", row_text)
    shown: list[tuple[int, str]] = []
    destroy = launcher._destroy

    def closing(window: MainWindow) -> None:
        shown.append((window.tracking_tab.model.rowCount(), window.tracking_label.text()))
        destroy(window)

    monkeypatch.setattr(launcher, "_destroy", closing)
    event.listen(Engine, "before_cursor_execute", statement)
    try:
        assert launcher.run_gui(None, smoke=True) == 0
    finally:
        event.remove(Engine, "before_cursor_execute", statement)
    assert [what for what, on_gui, visible in seen if on_gui and not visible] == []
    assert {what for what, on_gui, _visible in seen if not on_gui} == {"dossier query", "row's time left"}
    printed = [line.split("=")[0] for line in capsys.readouterr().out.splitlines()]
    # painted, filled, then the list read after it
    assert printed == ["startup_ms", "ready_ms", "tracking_first_page_ms"]
    assert shown == [(7, shown[0][1])] and shown[0][1].startswith("Hồ sơ đang giải quyết: ")
