"""Copies of a database through SQLite's online backup API (never a plain file copy of a live file),
and the swap that puts a copy in place of the live database.

A copy is written under a temporary name created readable by the user only, fsynced, reopened and
checked, and only then renamed to its final name: a full disk, a read-only or a pulled drive leaves no
file under that name. SQLite reports those failures as its own errors; they leave this module as an
`OSError` with the matching errno, so callers handle one kind of error for every write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from cchc_desktop.core.files import fsync_directory
from cchc_desktop.storage.database_check import (
    DatabaseFacts,
    DatabaseInUseError,
    connect_readonly,
    examine,
    translated_error,
    verify_integrity,
)
from cchc_desktop.storage.database_files import (
    SIDECAR_SUFFIXES,
    create_private,
    file_size,
    fsync_file,
    partial_name,
    sidecar,
)

IN_USE_TIMEOUT_S = 2.0
_T = TypeVar("_T")


def timestamped_name(prefix: str, moment: datetime | None = None) -> str:
    moment = moment or datetime.now()
    return f"{prefix}-{moment:%Y%m%d-%H%M%S}.sqlite3"


def backup_database(source: Path, target: Path) -> Path:
    """Write a consistent copy of `source` to `target` (through a temporary name) and verify its
    integrity; any SQLite file will do (the copy taken before a migration or a restore)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_copy(source, target, verify_integrity, live_source=True)
    return target


def copy_backup_file(source: Path, target: Path) -> Path:
    """A verified copy of the backup file `source`, which is opened read-only (it may be on a USB stick
    or a write-protected folder, and must never change)."""
    _write_copy(source, target, verify_integrity)
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
        wal, journal = sidecar(database, "-wal"), sidecar(database, "-journal")
        if not discard_wal and (file_size(wal) > 0 or journal.exists()):
            raise DatabaseInUseError(f"{database} was written to after its checkpoint")
        for suffix in SIDECAR_SUFFIXES:
            sidecar(database, suffix).unlink(missing_ok=True)

    _write_copy(source, database, lambda path: examine(path, "quick_check"), before_replace=remove_sidecars)


def copy_files(database: Path, target: Path) -> Path:
    """Byte copies of a damaged database and its `-wal` (which holds the latest saves), kept as
    `target` and `target-wal` so opening `target` still sees them. Only for a file nobody has open."""
    _copy_bytes(database, target)
    wal = sidecar(database, "-wal")
    if file_size(wal) > 0:
        _copy_bytes(wal, sidecar(target, "-wal"))
    return target


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
        raise translated_error(error, database) from error
    if str(mode).lower() != "delete":
        raise DatabaseInUseError(f"{database} is open elsewhere (journal mode stays {mode})")


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
    return write_verified(
        target, lambda partial: _online_copy(source, partial, live_source), verify, before_replace
    )


def write_verified(
    target: Path,
    fill: Callable[[Path], None],
    verify: Callable[[Path], _T],
    before_replace: Callable[[], None] | None = None,
) -> _T:
    """Create a private temporary file beside `target`, let `fill` write the database into it, fsync,
    `verify` it, and only then rename it to `target`; on any failure no file is left behind."""
    partial = partial_name(target)
    try:
        create_private(partial)
        fill(partial)
        fsync_file(partial)
        result = verify(partial)
        if before_replace is not None:
            before_replace()
        os.replace(partial, target)
        fsync_directory(target.parent)
    except BaseException:
        for leftover in (partial, sidecar(partial, "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise
    return result


def _online_copy(source: Path, target: Path, live_source: bool) -> None:
    try:
        # A backup file is opened read-only so that nothing ever changes it. The live database is
        # opened like the app opens it: a read-only connection to a WAL file leaves -wal/-shm behind.
        src = sqlite3.connect(source) if live_source else connect_readonly(source)
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
        raise translated_error(error, target) from error


def _copy_bytes(source: Path, target: Path) -> None:
    partial = partial_name(target)
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
        fsync_directory(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
