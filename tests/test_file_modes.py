"""Files the app writes are readable by the user only: the database and its -wal/-shm, backups,
exports and the log (0o600), their folders (0o700)."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TextIO

import pytest

from cchc_desktop.app import main
from cchc_desktop.cli import commands
from cchc_desktop.core.files import write_file_atomically
from cchc_desktop.core.logging_setup import LOG_FILE_NAME, configure_logging
from cchc_desktop.core.paths import default_log_dir, resolve_paths
from cchc_desktop.services.backup import automatic_daily_backup
from cchc_desktop.services.workspace import Workspace

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows has no POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_as_usual() -> Iterator[None]:
    """A usual desktop umask (group and others may read) and no app handler left on the root logger."""
    import logging

    previous = os.umask(0o022)
    yield
    os.umask(previous)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_cchc", False)]:
        root.removeHandler(handler)
        handler.close()


@pytest.mark.usefixtures("umask_as_usual")
def test_a_real_run_leaves_only_private_files(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, int] = {}

    def look(ws: Workspace, _args: argparse.Namespace, _out: TextIO) -> None:
        database = ws.paths.database
        with ws.db.write() as session:  # the -wal and -shm exist while the database is open
            del session
        for path in (
            database,
            database.with_name(database.name + "-wal"),
            database.with_name(database.name + "-shm"),
        ):
            seen[path.name] = mode(path)

    monkeypatch.setitem(commands.COMMANDS, "dossier", look)
    assert main(["--db", str(db_path), "dossier", "X"]) == 0  # a new database
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["--db", str(db_path), "backup", "--to", str(usb)]) == 0
    argv = ["--db", str(db_path), "report", "--from", "2026-01-01", "--to", "2026-12-31"]
    assert main([*argv, "--json", str(usb / "bc.json")]) == 0
    capsys.readouterr()
    assert seen == {"cchc.sqlite3": 0o600, "cchc.sqlite3-wal": 0o600, "cchc.sqlite3-shm": 0o600}
    assert mode(db_path) == 0o600
    (backup,) = usb.glob("*.sqlite3")
    assert mode(backup) == 0o600
    assert mode(usb / "bc.json") == 0o600
    log_file = default_log_dir() / LOG_FILE_NAME
    assert mode(log_file) == 0o600 and mode(log_file.parent) == 0o700


@pytest.mark.usefixtures("umask_as_usual")
def test_files_are_private_even_under_a_lax_umask(tmp_path: Path) -> None:
    """Where the app creates a file itself, it gives the mode explicitly (a library may change the umask)."""
    export = write_file_atomically(tmp_path / "so-theo-doi.pdf", b"%PDF-1.4")
    assert mode(export) == 0o600
    log_file = configure_logging(tmp_path / "logs")
    assert mode(log_file) == 0o600 and mode(log_file.parent) == 0o700
    database = tmp_path / "data" / "cchc.sqlite3"
    database.parent.mkdir()
    from cchc_desktop.services.workspace import open_workspace

    paths = resolve_paths(str(database))
    open_workspace(paths).close()
    backup = automatic_daily_backup(paths, datetime(2026, 3, 2, 8, 0))
    assert backup is not None
    assert mode(backup) == 0o600 and mode(paths.backups) == 0o700
