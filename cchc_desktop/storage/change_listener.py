"""Noticing writes made by someone else (another counter, the command-line import) without polling the
tables: the server's change notices (LISTEN on `CHANGES_CHANNEL`), or a change mark read every few
seconds where notices cannot be had.

- `NoticeListener`: a dedicated server connection (detached from the pool, autocommit) that LISTENs and
  waits for notices; every write transaction sends one on commit (storage/server_engine.py).
- `ChangeMark`: "has anything been committed since the last look". On SQLite `PRAGMA data_version` on
  a connection of its own (it changes when any other connection commits: microseconds on any size);
  on the server, where LISTEN is refused (a connection pooler in transaction mode), the next
  transaction id of the server (`pg_snapshot_xmax`: only writes use one) with the newest dossier and
  event ids.

`NoticeListener.wait` blocks at most the time it is given, so the thread using it can stop promptly.
A failed connection raises `WatchFailedError`; the caller opens a new object later.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from cchc_desktop.storage.server_engine import CHANGES_CHANNEL

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

SQLITE_MARK = "PRAGMA data_version"
SERVER_MARK = (
    "SELECT pg_snapshot_xmax(pg_current_snapshot())::text, "
    "(SELECT max(id) FROM dossier_event), (SELECT max(id) FROM dossier)"
)


class WatchFailedError(Exception):
    """The connection used for watching failed (server unreachable or gone, file unreadable); the
    reads and writes of the screens say why in their own messages."""


class ListenRefusedError(Exception):
    """The server (or a pooler in front of it) does not deliver notices: read the change mark instead."""


def _driver_errors() -> tuple[type[BaseException], ...]:
    """The drivers' error classes. psycopg is imported only on a server (about 100 ms at start-up a
    one-desk window does not pay); until it is, none of its errors can be raised."""
    psycopg = sys.modules.get("psycopg")
    return (DBAPIError, sqlite3.Error, *((psycopg.Error,) if psycopg is not None else ()))


def _detached_connection(engine: Engine) -> Any:
    """The driver's connection (sqlite3 or psycopg), set up by the engine's connect hook and taken out
    of its pool: its own session state (autocommit, LISTEN) never reaches a pooled connection, and
    closing it never makes the pool reset a connection the server dropped."""
    try:
        pooled = engine.raw_connection()
    except _driver_errors() as error:
        raise _unavailable(getattr(error, "orig", error)) from error
    driver = pooled.driver_connection
    pooled.detach()
    return driver


def _unavailable(error: BaseException | None) -> WatchFailedError:
    log.warning("watching for changes: connection failed (%s)", type(error).__name__)
    return WatchFailedError(type(error).__name__)


class NoticeListener:
    """LISTEN on a connection of its own; `wait` returns the counters that wrote meanwhile."""

    def __init__(self, engine: Engine) -> None:
        import psycopg

        self._driver: psycopg.Connection[Any] = _detached_connection(engine)
        try:
            self._driver.rollback()  # the connect hook may have left a transaction open
            self._driver.autocommit = True
            self._listen()
        except psycopg.OperationalError as error:
            self.close()
            raise _unavailable(error) from error
        except psycopg.Error as error:
            self.close()
            log.warning("change notices: LISTEN refused (%s)", type(error).__name__)
            raise ListenRefusedError from error

    def _listen(self) -> None:
        self._driver.execute(f"LISTEN {CHANGES_CHANNEL}")

    def wait(self, timeout: float) -> list[str]:
        """Wait up to `timeout` seconds; the counters whose writes committed meanwhile (one per
        notice), [] when none did."""
        try:
            return [notice.payload for notice in self._driver.notifies(timeout=timeout)]
        except _driver_errors() as error:
            raise _unavailable(error) from error

    def close(self) -> None:
        try:
            self._driver.close()
        except Exception as error:  # a connection the server already dropped
            log.debug("change notices: closing failed (%s)", type(error).__name__)


class ChangeMark:
    """A change mark read on a connection of its own: `changed()` says whether it moved since the last
    look (the caller decides how often to look)."""

    def __init__(self, engine: Engine) -> None:
        server = engine.dialect.name == "postgresql"
        self._connection = _detached_connection(engine)
        self._statement = SERVER_MARK if server else SQLITE_MARK
        if server:
            try:
                self._connection.rollback()
                self._connection.autocommit = True  # each read sees the latest commits
            except _driver_errors() as error:
                self.close()
                raise _unavailable(error) from error
        self._last = self._read()

    def _read(self) -> tuple[Any, ...]:
        try:
            cursor = self._connection.cursor()
            try:
                cursor.execute(self._statement)
                return tuple(cursor.fetchone() or ())
            finally:
                cursor.close()
        except _driver_errors() as error:
            raise _unavailable(error) from error

    def changed(self) -> bool:
        mark = self._read()
        if mark == self._last:
            return False
        self._last = mark
        return True

    def close(self) -> None:
        try:
            self._connection.close()
        except Exception as error:
            log.debug("change mark: closing failed (%s)", type(error).__name__)
