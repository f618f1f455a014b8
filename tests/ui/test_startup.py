"""Start-up as the clerk starts the app: the window comes up without loading what only printing,
exports, migrations or the report tab need, and the log says where the time went."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# psycopg: only a centre server needs the PostgreSQL driver (about 100 ms to import); a desk's file never does.
DEFERRED = ("reportlab", "openpyxl", "docx", "alembic", "PIL", "cchc_desktop.ui.report.tab", "psycopg")
SMOKE = f"""
import sys
from cchc_desktop.app import main
code = main(["--smoke"])
print("loaded:", *sorted(name for name in {DEFERRED!r} if name in sys.modules))
sys.exit(code)
"""


def start(tmp_path: Path) -> list[str]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CCHC_DB": str(tmp_path / "cchc.sqlite3"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", SMOKE], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.splitlines()


def test_the_window_opens_without_loading_printing_export_or_migration_code(tmp_path: Path) -> None:
    start(tmp_path)  # creates the database (Alembic needed once)
    lines = start(tmp_path)
    assert any(line.startswith("startup_ms=") for line in lines)
    assert "loaded:" in lines and not [line for line in lines if line.startswith("loaded: ")]


def test_the_log_tells_how_long_each_start_up_phase_took(tmp_path: Path) -> None:
    start(tmp_path)
    log_text = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "state").rglob("*.log"))
    assert "start-up phases:" in log_text and "opening it (schema check and migration" in log_text
    assert "main window shown and idle after" in log_text
