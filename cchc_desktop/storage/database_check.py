"""Read-only checks of a database file (integrity, ours or not, revision) and SQLite's errors as ours."""

from __future__ import annotations

import errno
import functools
import os
import sqlite3
import urllib.parse
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from cchc_desktop.storage.database_files import file_size

Check = Literal["integrity_check", "quick_check"]


class DamagedDatabaseError(Exception):
    """The file is not a readable SQLite database or fails its integrity check."""


class ForeignDatabaseError(Exception):
    """A readable SQLite file without the tables of CCHC Desk."""


class IncompleteSchemaError(DamagedDatabaseError):
    """One of ours, but a table or a column of this version's schema is missing."""


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


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every schema revision of this version (all of them at or below head)."""
    from alembic.script import ScriptDirectory

    from cchc_desktop.storage.migrate import alembic_config  # migrate imports this module (via backup)

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(revision.revision for revision in script.walk_revisions())


def examine(path: Path, check: Check = "integrity_check") -> DatabaseFacts:
    """Check `path` (read-only) and describe it; raises `DamagedDatabaseError`,
    `ForeignDatabaseError` or `UnknownRevisionError`."""
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    if file_size(path) == 0:
        raise DamagedDatabaseError("the file is empty")
    try:
        connection = connect_readonly(path)
        try:
            problems = _problems(connection, check)
            if problems:
                raise DamagedDatabaseError("; ".join(problems))
            revision = _stamp(connection, path)
            if revision is None:
                raise ForeignDatabaseError(f"{path} has no tables")
            if revision not in known_revisions():
                raise UnknownRevisionError(revision)
            missing = schema_problems(connection, revision)
            if missing:
                raise IncompleteSchemaError("; ".join(missing))
            count, newest = connection.execute("SELECT count(*), max(received_at) FROM dossier").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise translated_error(error, path) from error
    return DatabaseFacts(revision, int(count), _parse_moment(newest))


def look_inside(path: Path) -> tuple[str | None, list[str]]:
    """What an existing file is, read-only and before anything opens it for writing (the engine
    switches a file to WAL on connect): its schema revision (None when it has no tables yet, a new
    file) and what it lacks of this version's schema. Raises `IsADirectoryError`,
    `DamagedDatabaseError` (not SQLite, or damaged), `ForeignDatabaseError` or an `OSError`."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if file_size(path) == 0:
        return None, []
    try:
        connection = connect_readonly(path)
        try:
            revision = _stamp(connection, path)
            return revision, [] if revision is None else schema_problems(connection, revision)
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise translated_error(error, path) from error


def account_count(path: Path) -> int:
    """How many sign-in accounts the file holds, read-only (0 in a file made before accounts existed).
    Raises like `look_inside` for a file that cannot be read."""
    try:
        connection = connect_readonly(path)
        try:
            if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'account'").fetchone():
                return 0
            return int(connection.execute("SELECT count(*) FROM account").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise translated_error(error, path) from error


def schema_problems(connection: sqlite3.Connection, revision: str) -> list[str]:
    """The tables and columns a file stamped `revision` should have and lacks (in Vietnamese: they
    end up in the clerk's message)."""
    problems = []
    for table, expected in expected_columns(revision).items():
        columns = {str(row[1]) for row in connection.execute(f'PRAGMA table_info("{table}")')}
        if not columns:
            problems.append(f"thiếu bảng {table}")
            continue
        missing = [column for column in expected if column not in columns]
        if missing:
            problems.append(f"bảng {table} thiếu cột {', '.join(missing)}")
    return problems


@functools.cache
def expected_columns(revision: str) -> dict[str, tuple[str, ...]]:
    """Table → columns of a file at `revision`: this version's models at the head; for an older
    revision (a file about to be upgraded, an old backup) what the migrations build up to it, in a
    scratch in-memory database, since a later revision's columns are not missing there."""
    from sqlmodel import SQLModel

    import cchc_desktop.storage.tables  # noqa: F401  (registers the tables)
    from cchc_desktop.storage.migrate import HEAD_REVISION  # migrate imports this module

    if revision == HEAD_REVISION or revision not in known_revisions():  # a newer file is refused anyway
        return {t.name: tuple(c.name for c in t.columns) for t in SQLModel.metadata.sorted_tables}
    from sqlalchemy import create_engine, inspect

    from cchc_desktop.storage.migrate import upgrade_to

    scratch = create_engine("sqlite://")
    try:
        upgrade_to(scratch, revision)
        inspector = inspect(scratch)
        return {
            name: tuple(column["name"] for column in inspector.get_columns(name))
            for name in inspector.get_table_names()
            if name != "alembic_version"
        }
    finally:
        scratch.dispose()


def _stamp(connection: sqlite3.Connection, path: Path) -> str | None:
    """The revision of one of our files; None when the file has no tables at all."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return None
    if not {"alembic_version", "dossier"} <= tables:
        raise ForeignDatabaseError(f"{path} has no alembic_version or dossier table")
    stamp = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if stamp is None:
        raise ForeignDatabaseError(f"{path} has no schema revision")
    return str(stamp[0])


def integrity_problems(path: Path, check: Check = "quick_check") -> list[str]:
    """What SQLite's `check` finds wrong with `path` (read-only); empty when it is sound."""
    try:
        connection = connect_readonly(path)
        try:
            return _problems(connection, check)
        finally:
            connection.close()
    except sqlite3.Error as error:
        return [str(error)]


def verify_integrity(path: Path) -> None:
    try:
        connection = connect_readonly(path)
        try:
            problems = _problems(connection, "integrity_check")
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise translated_error(error, path) from error
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


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that can never change `path` (nor create it)."""
    text = path.resolve().as_posix()
    if text.startswith("//"):  # a Windows share: SQLite wants file:////server/share/...
        text = "//" + text
    elif not text.startswith("/"):  # a drive letter: file:/C:/...
        text = "/" + text
    return sqlite3.connect(f"file:{urllib.parse.quote(text, safe='/:')}?mode=ro", uri=True)


def translated_error(error: sqlite3.Error, path: Path) -> Exception:
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
