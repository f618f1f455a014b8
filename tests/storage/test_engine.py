from __future__ import annotations

import contextlib
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from cchc_desktop.storage.database import Database
from cchc_desktop.storage.tables import NumberSequenceRow


def test_sqlite_runs_with_wal_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    db = Database(tmp_path / "x.sqlite3")
    with db.read() as tx:
        assert tx.exec(text("PRAGMA journal_mode")).one()[0] == "wal"
        assert tx.exec(text("PRAGMA synchronous")).one()[0] == 2
        assert tx.exec(text("PRAGMA foreign_keys")).one()[0] == 1
    db.close()


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    db = Database(tmp_path / "x.sqlite3")
    NumberSequenceRow.metadata.create_all(db.engine)
    try:
        with db.write() as tx:
            tx.add(NumberSequenceRow(name="a", value=1))
            tx.flush()
            raise RuntimeError("power cut")
    except RuntimeError:
        pass
    with db.read() as tx:
        assert tx.get(NumberSequenceRow, "a") is None
    db.close()


def test_concurrent_writers_serialise_instead_of_losing_updates(tmp_path: Path) -> None:
    db = Database(tmp_path / "x.sqlite3")
    NumberSequenceRow.metadata.create_all(db.engine)
    with db.write() as tx:
        tx.add(NumberSequenceRow(name="counter", value=0))

    def bump() -> None:
        for _ in range(25):
            with db.write() as tx:
                row = tx.get(NumberSequenceRow, "counter")
                assert row is not None
                row.value += 1
                tx.add(row)

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with db.read() as tx:
        row = tx.get(NumberSequenceRow, "counter")
        assert row is not None and row.value == 100
    db.close()


def test_a_new_database_file_is_readable_by_its_owner_only(workspace: object, db_path: Path) -> None:
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


HOLD_THE_WRITE_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("ROLLBACK")
"""


@contextlib.contextmanager
def another_program_writing(database: Path, seconds: float) -> Iterator[None]:
    """A second process that holds the write lock (an import, the window saving) for `seconds`."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_WRITE_LOCK, str(database), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_read_only_commands_take_no_write_lock_and_a_blocked_write_says_the_data_is_busy(
    workspace: object, db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc_desktop.app import main
    from cchc_desktop.storage import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 1_000)
    with another_program_writing(db_path, 30):
        started = time.perf_counter()
        code = main(["--db", str(db_path), "report", "--from", "2026-01-01", "--to", "2026-01-31"])
        _out, err = capsys.readouterr()
        assert code == 0, err
        assert time.perf_counter() - started < 1.0  # no waiting for the lock either
        code = main(
            [
                "--db",
                str(db_path),
                "calendar",
                "set",
                "--date",
                "2026-09-03",
                "--kind",
                "day_off",
                "--name",
                "Nghỉ",
            ]
        )
        _out, err = capsys.readouterr()
    assert code != 0
    assert err == (
        "Đang chờ dữ liệu được giải phóng…\n"
        "Lỗi: Dữ liệu đang được một người dùng hoặc chương trình khác ghi; đã chờ 1 giây. "
        "Hãy thử lại sau ít phút.\n"
    )
