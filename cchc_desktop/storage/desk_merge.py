"""Merging a desk's whole database into a centre server's, in one server transaction.

The server may be new (created and seeded a moment ago) or already hold other desks' dossiers, so
ids are not kept but remapped: dossiers move up by the server's largest dossier id (ids are only
ever compared, never shown; an empty server keeps the desk's ids), events likewise and follow their
dossier,
procedure versions are matched by (code, effective_from) and only the missing ones are added (with
their document lists). What the server already has wins: its calendar days, office schedules and
catalogue versions stay; its settings stay unless `desk_settings_win` (a server whose agency is not
set up yet takes the desk's); number sequences take the larger value of the two.

A dossier code or a register row (volume, row) that the server already has is refused with the
list, nothing written: renumbering would contradict the receipts and the paper register already
handed out. The check runs again under the write lock, so a counter saving meanwhile cannot slip a
duplicate in.

Attachments follow their dossier (ids moved up like events'); the scans' bytes, which a desk keeps in its
folder, go into the server's `attachment_blob.data`, each read and checked against its hash: a scan
missing or altered refuses the whole move (`ScansMissingError`). A scan the server has already is kept.

The desk's accounts and audit log are not merged: the server's audit chain cannot take in another
chain's entries (their numbers and hashes belong to the desk), and a desk's account (its name, its
password) is not the centre's to inherit. The caller's `record` writes the server's entries for the
moved dossiers in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select, text
from sqlalchemy.dialects import postgresql
from sqlmodel import Session

from cchc_desktop.storage import table_copy
from cchc_desktop.storage.attachment_store import blob_path, sha256_of
from cchc_desktop.storage.server_engine import CHANGES_CHANNEL, WRITE_LOCK_KEY
from cchc_desktop.storage.tables import (
    AccountRow,
    AttachmentBlobRow,
    AttachmentRow,
    AuditEntryRow,
    CalendarOverrideRow,
    DossierEventRow,
    DossierRow,
    NumberSequenceRow,
    OfficeScheduleRow,
    ProcedureDocumentRow,
    ProcedureRow,
    SettingRow,
)

SEEDED_KEY = "seeded"
# Settings that describe the server's own database, never taken from a desk: the seed mark, and the
# mark that the audit log's baseline was written (services/audit_log.py).
SERVER_OWN_KEYS = frozenset({SEEDED_KEY, "audit_baseline"})


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


DOSSIER = _table(DossierRow)
EVENT = _table(DossierEventRow)
PROCEDURE = _table(ProcedureRow)
DOCUMENT = _table(ProcedureDocumentRow)
OVERRIDE = _table(CalendarOverrideRow)
SCHEDULE = _table(OfficeScheduleRow)
SETTING = _table(SettingRow)
SEQUENCE = _table(NumberSequenceRow)
BLOB = _table(AttachmentBlobRow)
ATTACHMENT = _table(AttachmentRow)
NOT_MOVED = frozenset({_table(AccountRow).name, _table(AuditEntryRow).name})
# Writes the server's entries for the moved dossiers (their ids on the server), inside the merge.
RecordMoved = Callable[[Session, Sequence[int]], object]


class CollisionError(Exception):
    """Dossier codes or register rows of the desk that the server already has."""

    def __init__(self, codes: list[str], register_rows: list[tuple[str, int]]) -> None:
        super().__init__(f"{len(codes)} codes and {len(register_rows)} register rows collide")
        self.codes = codes
        self.register_rows = register_rows


class ScansMissingError(Exception):
    """Scans the desk keeps are missing from its folder or do not match their hash."""

    def __init__(self, hashes: list[str]) -> None:
        super().__init__(f"{len(hashes)} scans missing or altered")
        self.hashes = hashes


@dataclass(frozen=True)
class MergeOutcome:
    dossiers: int
    events: int
    procedures_added: int
    calendar_days_added: int
    settings_taken: int
    rows: int


def collisions(source: Connection, target: Connection) -> CollisionError | None:
    """What the desk has that the server has too (sorted), or None."""
    codes = sorted(_codes(source) & _codes(target))
    rows = sorted(_register_rows(source) & _register_rows(target))
    return CollisionError(codes, rows) if codes or rows else None


def check_collisions(source_engine: Engine, target_engine: Engine) -> None:
    """Raise `CollisionError` when the desk's codes or register rows are on the server already."""
    with source_engine.connect() as source, source.begin(), target_engine.connect() as target, target.begin():
        found = collisions(source, target)
    if found is not None:
        raise found


def merge_desk(
    source_engine: Engine,
    target_engine: Engine,
    *,
    desk_settings_win: bool,
    progress: table_copy.Progress | None = None,
    record: RecordMoved | None = None,
    scans: Path | None = None,
) -> MergeOutcome:
    """Copy the desk behind `source_engine` into the server behind `target_engine` (both at this
    version's schema): all or nothing; `record` runs in the same transaction after the copy. `scans` is
    the desk's folder of scans (storage/attachment_store.desk_folder)."""
    with source_engine.connect() as source, source.begin(), target_engine.connect() as target, target.begin():
        # The write lock every save takes; the notice tells the live boards to read again (on commit).
        target.execute(
            text("SELECT pg_advisory_xact_lock(:key), pg_notify(:channel, '')"),
            {"key": WRITE_LOCK_KEY, "channel": CHANGES_CHANNEL},
        )
        found = collisions(source, target)
        if found is not None:
            raise found
        outcome, moved = _merge(source, target, desk_settings_win, _Counter(source, progress), scans)
        if record is not None:
            # A session inside the server's open transaction: its commit only releases its savepoint.
            with Session(bind=target, join_transaction_mode="create_savepoint") as session:
                record(session, moved)
                session.commit()
        return outcome


class _Counter:
    """Progress over every row of the desk."""

    def __init__(self, source: Connection, progress: table_copy.Progress | None) -> None:
        moved = [table for table in table_copy.our_tables() if table.name not in NOT_MOVED]
        self.total = table_copy.count_rows(source, moved)
        self.done = 0
        self.progress = progress
        self.add(0)

    def add(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


def _merge(
    source: Connection, target: Connection, desk_settings_win: bool, counter: _Counter, scans: Path | None
) -> tuple[MergeOutcome, list[int]]:
    """What was merged, and the moved dossiers' ids on the server."""
    procedures, added = _merge_procedures(source, target, counter)
    offset, event_offset, attachment_offset = (
        _largest_id(target, table) for table in (DOSSIER, EVENT, ATTACHMENT)
    )
    dossiers = _copy_remapped(
        source,
        target,
        DOSSIER,
        counter,
        lambda row: {
            **row,
            "id": row["id"] + offset,
            "procedure_id": None if row["procedure_id"] is None else procedures[row["procedure_id"]],
        },
    )
    events = _copy_remapped(
        source,
        target,
        EVENT,
        counter,
        lambda row: {**row, "id": row["id"] + event_offset, "dossier_id": row["dossier_id"] + offset},
    )
    if scans is not None:
        _merge_scans(source, target, scans, counter)
        _copy_remapped(
            source,
            target,
            ATTACHMENT,
            counter,
            lambda row: {
                **row,
                "id": row["id"] + attachment_offset,
                "dossier_id": row["dossier_id"] + offset,
            },
        )
    days = _add_missing(source, target, OVERRIDE, "day", counter)
    _add_missing(source, target, SCHEDULE, "valid_from", counter, drop_id=True)
    settings = _merge_settings(source, target, desk_settings_win, counter)
    _merge_sequences(source, target, counter)
    table_copy.reset_sequences(target, table_copy.our_tables())
    moved = target.execute(select(DOSSIER.c.id).where(DOSSIER.c.id > offset).order_by(DOSSIER.c.id))
    return MergeOutcome(dossiers, events, added, days, settings, counter.done), list(moved.scalars())


def _merge_scans(source: Connection, target: Connection, folder: Path, counter: _Counter) -> None:
    """The desk's blob rows the server lacks, with their bytes read from `folder` and hash-checked; a
    scan the server holds only as purged gets its bytes back. `ScansMissingError` names every scan
    missing or altered (the caller's transaction rolls back)."""
    held = {
        sha: data_kept for sha, data_kept in target.execute(select(BLOB.c.sha256, BLOB.c.data.is_not(None)))
    }
    names = [n for n in table_copy.shared_columns(source, target, BLOB) if n != "data"]
    refused: list[str] = []
    for batch in table_copy.read_batches(source, BLOB, names):
        for row in batch:
            sha = row["sha256"]
            if row["purged_at"] is not None:
                if sha not in held:
                    table_copy.insert_rows(target, BLOB, [row])
                continue
            if held.get(sha):
                continue
            try:
                data = blob_path(folder, sha).read_bytes()
            except OSError:
                refused.append(sha)
                continue
            if len(data) != row["size_bytes"] or sha256_of(data) != sha:
                refused.append(sha)
                continue
            if sha in held:
                target.execute(BLOB.update().where(BLOB.c.sha256 == sha).values(data=data, purged_at=None))
            else:
                target.execute(BLOB.insert().values({**row, "data": data}))
        counter.add(len(batch))
    if refused:
        raise ScansMissingError(refused)


def _merge_procedures(
    source: Connection, target: Connection, counter: _Counter
) -> tuple[dict[int, int], int]:
    """Desk procedure id → server procedure id, adding the versions the server lacks."""
    existing = {
        (code, effective_from): id_
        for id_, code, effective_from in target.execute(
            select(PROCEDURE.c.id, PROCEDURE.c.code, PROCEDURE.c.effective_from)
        )
    }
    names = table_copy.shared_columns(source, target, PROCEDURE)
    document_names = [n for n in table_copy.shared_columns(source, target, DOCUMENT) if n != "id"]
    mapping: dict[int, int] = {}
    added = 0
    for batch in table_copy.read_batches(source, PROCEDURE, names):
        for row in batch:
            key = (row["code"], row["effective_from"])
            if key in existing:
                mapping[row["id"]] = existing[key]
                continue
            values = {name: value for name, value in row.items() if name != "id"}
            new_id = int(
                target.execute(PROCEDURE.insert().values(values).returning(PROCEDURE.c.id)).scalar_one()
            )
            mapping[row["id"]] = existing[key] = new_id
            documents = source.execute(
                select(*(DOCUMENT.c[n] for n in document_names))
                .where(DOCUMENT.c.procedure_id == row["id"])
                .order_by(DOCUMENT.c.id)
            ).mappings()
            copied = [{**document, "procedure_id": new_id} for document in documents]
            table_copy.insert_rows(target, DOCUMENT, copied)
            added += 1
        counter.add(len(batch))
    counter.add(table_copy.count_rows(source, [DOCUMENT]))
    return mapping, added


def _copy_remapped(
    source: Connection, target: Connection, table: Table, counter: _Counter, remap: Any
) -> int:
    names = table_copy.shared_columns(source, target, table)
    copied = 0
    for batch in table_copy.read_batches(source, table, names):
        table_copy.insert_rows(target, table, [remap(row) for row in batch])
        copied += len(batch)
        counter.add(len(batch))
    return copied


def _add_missing(
    source: Connection,
    target: Connection,
    table: Table,
    key: str,
    counter: _Counter,
    *,
    drop_id: bool = False,
) -> int:
    """Insert the desk's rows whose `key` the server does not have; the server's rows stay."""
    present = {value for (value,) in target.execute(select(table.c[key]))}
    names = [n for n in table_copy.shared_columns(source, target, table) if not (drop_id and n == "id")]
    added = 0
    for batch in table_copy.read_batches(source, table, names):
        missing = [row for row in batch if row[key] not in present]
        table_copy.insert_rows(target, table, missing)
        added += len(missing)
        counter.add(len(batch))
    return added


def _merge_settings(source: Connection, target: Connection, desk_wins: bool, counter: _Counter) -> int:
    server = {key: value for key, value in target.execute(select(SETTING.c.key, SETTING.c.value))}
    taken = 0
    for key, value in source.execute(select(SETTING.c.key, SETTING.c.value)).all():
        counter.add(1)
        if key in SERVER_OWN_KEYS:
            continue
        if key not in server:
            target.execute(SETTING.insert().values(key=key, value=value))
        elif desk_wins and server[key] != value:
            target.execute(SETTING.update().where(SETTING.c.key == key).values(value=value))
        else:
            continue
        taken += 1
    return taken


def _merge_sequences(source: Connection, target: Connection, counter: _Counter) -> None:
    rows = [
        {"name": name, "value": value}
        for name, value in source.execute(select(SEQUENCE.c.name, SEQUENCE.c.value))
    ]
    counter.add(len(rows))
    if not rows:
        return
    statement = postgresql.insert(SEQUENCE)
    statement = statement.on_conflict_do_update(
        index_elements=[SEQUENCE.c.name],
        set_={"value": func.greatest(SEQUENCE.c.value, statement.excluded.value)},
    )
    target.execute(statement, rows)


def _largest_id(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())


def _codes(connection: Connection) -> set[str]:
    return {code for (code,) in connection.execute(select(DOSSIER.c.code))}


def _register_rows(connection: Connection) -> set[tuple[str, int]]:
    statement = select(DOSSIER.c.register_volume, DOSSIER.c.register_row).where(
        DOSSIER.c.register_row.is_not(None)
    )
    return {(volume, row) for volume, row in connection.execute(statement)}
