"""One open database, a local SQLite file or a centre's PostgreSQL server: the engine plus short
transactions for reads and writes. Services get the same sessions from both and never ask which."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.storage import engine as engine_settings
from cchc_desktop.storage.database_check import DamagedDatabaseError, DatabaseInUseError, translated_error
from cchc_desktop.storage.engine import IMMEDIATE_OPTION, WAITING_OPTION, make_engine
from cchc_desktop.storage.server_engine import COUNTER_OPTION, make_server_engine
from cchc_desktop.storage.server_errors import LOCK_NOT_AVAILABLE, server_user_error

# Services receive these sessions and pass them to the query modules; they never build SQL themselves.
Tx = Session


class DataBusyError(UserFacingError):
    """Another connection (a second window, an import, another counter) held the write lock for
    longer than the busy timeout."""


class UnusableDatabaseError(UserFacingError):
    """The database cannot be opened as it is; `restorable` when putting a backup in its place is the
    fix (a damaged or incomplete file of ours, not another program's file or a newer version's)."""

    def __init__(self, message: str, *, restorable: bool) -> None:
        super().__init__(message)
        self.restorable = restorable


class DataUnwritableError(UserFacingError):
    """The database file or its folder cannot be written (read-only media, permissions, full disk)."""


def busy_message() -> str:
    seconds = engine_settings.BUSY_TIMEOUT_MS // 1000
    return (
        "Dữ liệu đang được một người dùng hoặc chương trình khác ghi; "
        f"đã chờ {seconds} giây. Hãy thử lại sau ít phút."
    )


def user_error(error: DBAPIError, database: Path | ServerAddress) -> UserFacingError | None:
    """SQLite's busy, read-only, full-disk and I/O errors, and the server's connection, password and
    lock-wait errors, as a message for the clerk; None for the others (a bug, or a damaged file the
    caller reports its own way)."""
    if isinstance(database, ServerAddress):
        if getattr(error.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            return DataBusyError(busy_message())
        return server_user_error(error, database)
    if not isinstance(error.orig, sqlite3.Error):
        return None
    translated = translated_error(error.orig, database)
    if isinstance(translated, DatabaseInUseError):
        return DataBusyError(busy_message())
    if isinstance(translated, DamagedDatabaseError):
        return UnusableDatabaseError(
            restorable=True,
            message=f"Cơ sở dữ liệu {database} bị hỏng; dữ liệu không bị thay đổi. Đừng nhập thêm hồ sơ; "
            "hãy khôi phục từ bản sao lưu (Hệ thống → Khôi phục hoặc lệnh restore).",
        )
    if not isinstance(translated, OSError):
        return None
    if translated.errno in (errno.EROFS, errno.EACCES):
        return DataUnwritableError(
            f"Không ghi được vào {database}: tệp hoặc ổ đĩa chỉ cho phép đọc, hoặc không có quyền ghi. "
            "Hãy chép dữ liệu vào ổ đĩa của máy hoặc bỏ chế độ chỉ đọc rồi mở lại; dữ liệu không bị thay đổi."
        )
    if translated.errno == errno.ENOSPC:
        return DataUnwritableError(
            f"Ổ đĩa chứa {database} đã đầy; chưa lưu được. Hãy giải phóng dung lượng rồi thử lại."
        )
    return DataUnwritableError(
        f"Không đọc/ghi được {database}: ổ đĩa bị lỗi hoặc đã bị rút ra. Hãy kiểm tra ổ đĩa rồi thử lại."
    )


class Database:
    def __init__(self, location: Path | ServerAddress, *, counter: str = "") -> None:
        self.location = location
        self.server = location if isinstance(location, ServerAddress) else None
        self.engine = make_engine(location) if isinstance(location, Path) else make_server_engine(location)
        # Set by the window: called with True when a write starts waiting for another program's
        # (or counter's) write, with False when that wait is over. Called on the thread that writes.
        self.on_waiting: Callable[[bool], None] | None = None
        self.set_counter(counter)

    def set_counter(self, counter: str) -> None:
        """The counter named in the server's change notices of this database's writes."""
        self._write_engine = self.engine.execution_options(
            **{IMMEDIATE_OPTION: True, WAITING_OPTION: self._waiting, COUNTER_OPTION: counter}
        )

    @property
    def path(self) -> Path:
        """The SQLite file; only for code that works on files (backup, restore, checks)."""
        if not isinstance(self.location, Path):
            raise TypeError("a server database has no file")
        return self.location

    @property
    def label(self) -> str:
        return f"máy chủ {self.server.display}" if self.server is not None else str(self.location)

    def _waiting(self, waiting: bool) -> None:
        if self.on_waiting is not None:
            self.on_waiting(waiting)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction that takes the write lock first; committed on success, rolled back on error.
        A lock held elsewhere for longer than the busy timeout ends in `DataBusyError`."""
        with (
            self._translated(),
            Session(self._write_engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._translated(), Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as error:
            translated = user_error(error, self.location)
            if translated is None:
                raise
            raise translated from error

    def close(self) -> None:
        self.engine.dispose()
