"""Copies of a database through SQLite's online backup API (never a plain file copy of a live file),
checks of a database file, and the swap that puts a copy in place of the live database.

A copy is written under a temporary name created readable by the user only, fsynced, reopened and
checked, and only then renamed to its final name: a full disk, a read-only or a pulled drive leaves no
file under that name. SQLite reports those failures as its own errors; they leave this module as an
`OSError` with the matching errno, so callers handle one kind of error for every write.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import secrets
import sqlite3
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, TypeVar

PARTIAL_SUFFIX = ".partial"
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
IN_USE_TIMEOUT_S = 2.0
Check = Literal["integrity_check", "quick_check"]
_T = TypeVar("_T")


class DamagedDatabaseError(Exception):
    """The file is not a readable SQLite database or fails its integrity check."""


class ForeignDatabaseError(Exception):
    """A readable SQLite file without the tables of CCHC Desk."""


class UnknownRevisionError(Exception):
    """The file is stamped with a schema revision this version does not know (a newer version)."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"unknown schema revision {revision}")
        self.revision = revision


class DatabaseInUseError(Exception):
    """Another connection (a window, another counter) still has the database open."""


@dataclass(frozen=True)
class DatabaseFacts:
    revision: str
    dossier_count: int
    newest_received_at: datetime | None


def timestamped_name(prefix: str, moment: datetime | None = None) -> str:
    moment = moment or datetime.now()
    return f"{prefix}-{moment:%Y%m%d-%H%M%S}.sqlite3"


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every schema revision of this version (all of them at or below head)."""
    from alembic.script import ScriptDirectory

    from cchc_desktop.storage.migrate import alembic_config  # migrate imports this module

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(revision.revision for revision in script.walk_revisions())


# ---------------------------------------------------------------- copies


def backup_database(source: Path, target: Path) -> Path:
    """Write a consistent copy of `source` to `target` (through a temporary name) and verify its
    integrity; any SQLite file will do (the copy taken before a migration or a restore)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_copy(source, target, _verify_integrity, live_source=True)
    return target


def backup_checked(source: Path, target: Path) -> DatabaseFacts:
    """Like `backup_database`, but the copy must also be one of ours; `target.parent` must exist."""
    return _write_copy(source, target, examine, live_source=True)


def replace_database(source: Path, database: Path, *, discard_wal: bool = False) -> None:
    """Put a copy of `source` in place of `database`, which nobody may have open.

    The live `-wal`/`-shm` are removed just before the rename: they must hold nothing that is not in
    the database file (`detach_live` checkpointed it). A non-empty `-wal` or a `-journal` means someone
    wrote since, and the swap is refused, unless `discard_wal` (the damaged files were kept by
    `copy_files`). On any failure `database` is left as it was.
    """

    def remove_sidecars() -> None:
        wal, journal = _sidecar(database, "-wal"), _sidecar(database, "-journal")
        if not discard_wal and (_size(wal) > 0 or journal.exists()):
            raise DatabaseInUseError(f"{database} was written to after its checkpoint")
        for suffix in SIDECAR_SUFFIXES:
            _sidecar(database, suffix).unlink(missing_ok=True)

    _write_copy(source, database, lambda path: examine(path, "quick_check"), before_replace=remove_sidecars)


def copy_files(database: Path, target: Path) -> Path:
    """Byte copies of a damaged database and its `-wal` (which holds the latest saves), kept as
    `target` and `target-wal` so opening `target` still sees them. Only for a file nobody has open."""
    _copy_bytes(database, target)
    wal = _sidecar(database, "-wal")
    if _size(wal) > 0:
        _copy_bytes(wal, _sidecar(target, "-wal"))
    return target


def _write_copy(
    source: Path,
    target: Path,
    verify: Callable[[Path], _T],
    before_replace: Callable[[], None] | None = None,
    *,
    live_source: bool = False,
) -> _T:
    if not source.is_file():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(source))
    partial = _partial_name(target)
    try:
        _create_private(partial)
        _online_copy(source, partial, live_source)
        _fsync(partial)
        result = verify(partial)
        if before_replace is not None:
            before_replace()
        os.replace(partial, target)
        _fsync_directory(target.parent)
    except BaseException:
        for leftover in (partial, _sidecar(partial, "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise
    return result


def _online_copy(source: Path, target: Path, live_source: bool) -> None:
    try:
        # A backup file is opened read-only so that nothing ever changes it. The live database is
        # opened like the app opens it: a read-only connection to a WAL file leaves -wal/-shm behind.
        src = sqlite3.connect(source) if live_source else _connect_readonly(source)
        try:
            dst = sqlite3.connect(target, isolation_level=None)
            try:
                src.backup(dst)
                # A copy of a WAL database is marked WAL too; a backup file is one self-contained file.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as error:
        raise _translated(error, target) from error


def _copy_bytes(source: Path, target: Path) -> None:
    partial = _partial_name(target)
    try:
        descriptor = os.open(
            partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600
        )
        with open(descriptor, "wb") as out, open(source, "rb") as data:
            while chunk := data.read(1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
        _fsync_directory(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------- checks


def examine(path: Path, check: Check = "integrity_check") -> DatabaseFacts:
    """Check `path` (read-only) and describe it; raises `DamagedDatabaseError`,
    `ForeignDatabaseError` or `UnknownRevisionError`."""
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    if _size(path) == 0:
        raise DamagedDatabaseError("the file is empty")
    try:
        connection = _connect_readonly(path)
        try:
            problems = _problems(connection, check)
            if problems:
                raise DamagedDatabaseError("; ".join(problems))
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"alembic_version", "dossier"} <= tables:
                raise ForeignDatabaseError(f"{path} has no alembic_version or dossier table")
            stamp = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if stamp is None:
                raise ForeignDatabaseError(f"{path} has no schema revision")
            revision = str(stamp[0])
            if revision not in known_revisions():
                raise UnknownRevisionError(revision)
            count, newest = connection.execute("SELECT count(*), max(received_at) FROM dossier").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise _translated(error, path) from error
    return DatabaseFacts(revision, int(count), _parse_moment(newest))


def integrity_problems(path: Path, check: Check = "quick_check") -> list[str]:
    """What SQLite's `check` finds wrong with `path` (read-only); empty when it is sound."""
    try:
        connection = _connect_readonly(path)
        try:
            return _problems(connection, check)
        finally:
            connection.close()
    except sqlite3.Error as error:
        return [str(error)]


def detach_live(database: Path) -> None:
    """Checkpoint the live database into its main file and leave WAL mode, which SQLite allows only
    when no other connection has the file open: afterwards the file alone holds every save.
    Raises `DatabaseInUseError` when someone still has it open."""
    try:
        connection = sqlite3.connect(database, timeout=IN_USE_TIMEOUT_S, isolation_level=None)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            (mode,) = connection.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise _translated(error, database) from error
    if str(mode).lower() != "delete":
        raise DatabaseInUseError(f"{database} is open elsewhere (journal mode stays {mode})")


def _verify_integrity(path: Path) -> None:
    try:
        connection = _connect_readonly(path)
        try:
            problems = _problems(connection, "integrity_check")
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise _translated(error, path) from error
    if problems:
        raise DamagedDatabaseError("; ".join(problems))


def _problems(connection: sqlite3.Connection, check: Check) -> list[str]:
    rows = [str(row[0]) for row in connection.execute(f"PRAGMA {check}(20)")]
    return [] if rows == ["ok"] else rows


def _parse_moment(value: object) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


# ---------------------------------------------------------------- files and errors


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that can never change `path` (nor create it)."""
    text = path.resolve().as_posix()
    if text.startswith("//"):  # a Windows share: SQLite wants file:////server/share/...
        text = "//" + text
    elif not text.startswith("/"):  # a drive letter: file:/C:/...
        text = "/" + text
    return sqlite3.connect(f"file:{urllib.parse.quote(text, safe='/:')}?mode=ro", uri=True)


def _translated(error: sqlite3.Error, path: Path) -> Exception:
    """SQLite's error as the exception callers handle: OSError for the disk, ours for the content."""
    primary = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DamagedDatabaseError(str(error))
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseInUseError(f"{path}: {error}")
    number = {
        sqlite3.SQLITE_FULL: errno.ENOSPC,
        sqlite3.SQLITE_READONLY: errno.EROFS,
        sqlite3.SQLITE_PERM: errno.EACCES,
        sqlite3.SQLITE_AUTH: errno.EACCES,
        sqlite3.SQLITE_IOERR: errno.EIO,
        sqlite3.SQLITE_CANTOPEN: errno.EACCES if path.parent.is_dir() else errno.ENOENT,
    }.get(primary)
    if number is None:
        return error
    return OSError(number, f"{os.strerror(number)} ({error})", str(path))


def _partial_name(target: Path) -> Path:
    """A temporary name beside `target`, different for every writer (two threads, two processes)."""
    return target.with_name(f"{target.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")


def _create_private(path: Path) -> None:
    """Create the empty file readable by the user only before SQLite writes into it (SQLite gives its
    journal the same permissions)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDWR)  # Windows cannot flush a read-only handle
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_directory(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened (Windows)
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _sidecar(database: Path, suffix: str) -> Path:
    return database.with_name(database.name + suffix)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
