"""The SQLite engine with the pragmas the app relies on.

WAL so readers never block the writer; `synchronous=FULL` so a power cut after a save loses nothing;
foreign keys on; a busy timeout so a second writer waits instead of failing. Writes (through an
engine with the `IMMEDIATE_OPTION`) start with BEGIN IMMEDIATE, so two saves serialise on the write
lock before either reads a counter.
"""

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 15_000
IMMEDIATE_OPTION = "cchc_begin_immediate"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's events decide when a transaction starts (pysqlite's own handling is broken).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get(IMMEDIATE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(database: Path) -> Engine:
    database.parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error never carries a row's values (names, ID numbers) into a log or a dialog.
    engine = create_engine(
        f"sqlite:///{database}", connect_args={"check_same_thread": False}, hide_parameters=True
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
