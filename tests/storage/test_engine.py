from __future__ import annotations

import stat
import threading
from pathlib import Path

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
