"""The SQLite engine with the pragmas the app relies on.

WAL so readers never block the writer; `synchronous=FULL` so a power cut after a save loses nothing;
foreign keys on; a busy timeout so a second writer waits instead of failing. Writes (through an
engine with the `IMMEDIATE_OPTION`) start with BEGIN IMMEDIATE, so two saves serialise on the write
lock before either reads a counter.
"""

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 15_000
IMMEDIATE_OPTION = "cchc_begin_immediate"
# With this option, a write that does not get the lock within WAITING_NOTICE_MS calls it with True,
# and with False when the wait is over (either way), so that the window can say it is waiting.
WAITING_OPTION = "cchc_waiting"
WAITING_NOTICE_MS = 300


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
    options = connection.get_execution_options()
    if not options.get(IMMEDIATE_OPTION, False):
        connection.exec_driver_sql("BEGIN")
        return
    waiting: Callable[[bool], None] | None = options.get(WAITING_OPTION)
    if waiting is not None and _begin_at_once(connection.connection.driver_connection):
        return
    if waiting is not None:
        waiting(True)  # the lock is held elsewhere: say so, then wait the rest of the busy timeout
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        if waiting is not None:
            waiting(False)


def _begin_at_once(raw: sqlite3.Connection) -> bool:
    """Try BEGIN IMMEDIATE with a short busy timeout; False when another connection holds the lock."""
    raw.execute(f"PRAGMA busy_timeout = {WAITING_NOTICE_MS}")
    try:
        raw.execute("BEGIN IMMEDIATE")
        return True
    except sqlite3.OperationalError as error:
        if (getattr(error, "sqlite_errorcode", 0) & 0xFF) not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise
        return False
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def make_engine(database: Path) -> Engine:
    database.parent.mkdir(parents=True, exist_ok=True)
    # hide_parameters: an error never carries a row's values (names, ID numbers) into a log or a dialog.
    engine = create_engine(
        f"sqlite:///{database}", connect_args={"check_same_thread": False}, hide_parameters=True
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
