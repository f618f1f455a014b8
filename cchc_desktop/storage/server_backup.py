"""Backups of a centre server's database into the SQLite desk's backup format, and restoring them.

A backup is one SQLite file of our schema at the server's revision (built by the same Alembic
revisions, then stamped), filled from ONE repeatable-read transaction on the server so the copy is a
single moment even while counters save, written through a private temporary name and checked like
a desk's backup before it gets its name. Such a file restores onto a desk (`services/restore.py`) or
onto a server, and a desk's backup restores onto a server.

A backup's scans are not in the file (`attachment_blob.data` left NULL): they go into the companion
folder beside it; the system's own copies (before an upgrade, a restore, a move) keep them inside.

A restore onto the server upgrades a temporary copy of the backup to this version's schema first,
then, in ONE server transaction that holds the write lock every counter's save takes: deletes every
row of our tables, copies the backup's rows (ids kept), loads the scans' bytes from the companion
folder (each hash-checked), moves the id sequences on, commits. Any failure rolls back: the server
keeps its data, never half of a backup.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, select, text, update
from sqlalchemy.exc import DBAPIError

from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.storage import table_copy
from cchc_desktop.storage.attachment_store import blob_path, sha256_of
from cchc_desktop.storage.backup import copy_backup_file, write_verified
from cchc_desktop.storage.database import user_error
from cchc_desktop.storage.database_check import DatabaseFacts, examine, translated_error, verify_integrity
from cchc_desktop.storage.database_files import SIDECAR_SUFFIXES, partial_name, sidecar
from cchc_desktop.storage.engine import make_engine
from cchc_desktop.storage.migrate import HEAD_REVISION, stamped_revision, upgrade_to
from cchc_desktop.storage.server_engine import APPLICATION_NAME, CHANGES_CHANNEL, WRITE_LOCK_KEY
from cchc_desktop.storage.tables import AttachmentBlobRow

log = logging.getLogger(__name__)
_T = TypeVar("_T")
# Left out of a backup file (table_copy's `leave_out`): the scans go into its companion folder.
SCAN_BYTES = "attachment_blob.data"


@contextlib.contextmanager
def server_errors(address: ServerAddress) -> Iterator[None]:
    """The server's connection, login and lock-wait errors as the clerk's messages."""
    try:
        yield
    except DBAPIError as error:
        translated = user_error(error, address)
        if translated is None:
            raise
        raise translated from error


class CountersConnectedError(Exception):
    """Other counters are connected to the server's database; a restore would pull their data away."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} other counters connected")
        self.count = count


def backup_server_database(engine: Engine, target: Path) -> Path:
    """Write the server's database into the verified SQLite file `target` (the copy taken before an
    upgrade: any revision this version knows)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # The system's own copies (before an upgrade, a restore or a move) keep the scans' bytes inside: the
    # server's scans are not touched by an upgrade or a move, and a restore of such a copy finds them there.
    _write_backup(engine, target, verify_integrity, leave_out=())
    return target


def backup_server_checked(engine: Engine, target: Path) -> DatabaseFacts:
    """Like `backup_server_database`, but the file must pass every check a desk's backup passes
    (integrity, our schema at a known revision); `target.parent` must exist."""
    return _write_backup(engine, target, examine, leave_out={SCAN_BYTES})


def _write_backup(
    engine: Engine, target: Path, verify: Callable[[Path], _T], *, leave_out: Collection[str]
) -> _T:
    def fill(partial: Path) -> None:
        with _snapshot(engine) as source:
            revision = source.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            file_engine = make_engine(partial)
            try:
                upgrade_to(file_engine, revision)  # the schema of the server's revision, stamped
                with file_engine.begin() as copy:
                    # A backup's scans go into the companion folder (services/attachment_backup.py),
                    # not into the file: a busy year is gigabytes.
                    rows = table_copy.copy_tables(source, copy, leave_out=leave_out)
            finally:
                file_engine.dispose()
        _single_file(partial)
        log.info("backed up the server's database at revision %s: %d rows", revision, rows)

    return write_verified(target, fill, verify)


@contextlib.contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """One read-only REPEATABLE READ transaction: every table as of the same moment."""
    with engine.connect() as connection:
        snapshot = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with snapshot.begin():
            yield snapshot


def _single_file(path: Path) -> None:
    """Leave WAL mode (make_engine's) so the backup is one self-contained file."""
    try:
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = DELETE").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise translated_error(error, path) from error
    for suffix in ("-wal", "-shm"):
        sidecar(path, suffix).unlink(missing_ok=True)


class ScansRefusedError(Exception):
    """Scans a backup needs are missing from its companion folder or do not match their hash."""

    def __init__(self, hashes: list[str]) -> None:
        super().__init__(f"{len(hashes)} scans missing or altered")
        self.hashes = hashes


def load_scans(connection: Connection, folder: Path) -> None:
    """Inside a restore's transaction: the bytes of every kept blob row without them read from `folder` (a
    backup's companion folder) and checked against their hash, and the bytes a system copy carried inside
    the file checked too; `ScansRefusedError` names every missing or altered one after looking at all of
    them (the caller's transaction then rolls back)."""
    blobs = _table(AttachmentBlobRow)
    refused = list(
        connection.execute(
            text(
                "SELECT sha256 FROM attachment_blob WHERE data IS NOT NULL "
                "AND encode(sha256(data), 'hex') <> sha256 ORDER BY sha256"
            )
        ).scalars()
    )
    needed = connection.execute(
        select(blobs.c.sha256, blobs.c.size_bytes)
        .where(blobs.c.purged_at.is_(None), blobs.c.data.is_(None))
        .order_by(blobs.c.sha256)
    ).all()
    for sha256, size in needed:
        try:
            data = blob_path(folder, sha256).read_bytes()
        except OSError:
            refused.append(sha256)
            continue
        if len(data) != size or sha256_of(data) != sha256:
            refused.append(sha256)
            continue
        connection.execute(update(blobs).where(blobs.c.sha256 == sha256).values(data=data))
    if refused:
        raise ScansRefusedError(refused)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def other_counters(engine: Engine) -> int:
    """How many connections of CCHC Desk, other than this process's, the server's database has."""
    engine.dispose()  # our own idle pooled connections must not count
    with engine.connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND application_name = :name AND pid <> pg_backend_pid()"
                ),
                {"name": APPLICATION_NAME},
            ).scalar_one()
        )


def restore_server_database(
    engine: Engine,
    backup: Path,
    work_dir: Path,
    *,
    force: bool = False,
    progress: table_copy.Progress | None = None,
    scans: Path | None = None,
) -> int:
    """Replace every row of the server's database (at this version's schema) by the rows of the
    backup file, and the bytes of its scans from the folder `scans` (each hash-checked, see
    `load_scans`); returns the rows copied. `CountersConnectedError` when other counters are connected
    and not `force`. All or nothing."""
    if not force:
        count = other_counters(engine)
        if count:
            raise CountersConnectedError(count)
    work_dir.mkdir(parents=True, exist_ok=True)
    copy = partial_name(work_dir / "khoi-phuc.sqlite3")  # removed at the next start if we are killed
    try:
        copy_backup_file(backup, copy)
        file_engine = make_engine(copy)
        try:
            if stamped_revision(file_engine) != HEAD_REVISION:
                upgrade_to(file_engine, "head")
            with file_engine.connect() as source, source.begin(), engine.connect() as target, target.begin():
                # The write lock every save takes; the notice tells the live boards to read again (on commit).
                target.execute(
                    text("SELECT pg_advisory_xact_lock(:key), pg_notify(:channel, '')"),
                    {"key": WRITE_LOCK_KEY, "channel": CHANGES_CHANNEL},
                )
                table_copy.delete_all_rows(target)
                rows = table_copy.copy_tables(source, target, progress)
                if scans is not None:
                    load_scans(target, scans)
                return rows
        finally:
            file_engine.dispose()
    finally:
        for leftover in (copy, *(sidecar(copy, suffix) for suffix in SIDECAR_SUFFIXES)):
            leftover.unlink(missing_ok=True)
