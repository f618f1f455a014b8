"""The audit log's table: appending under the write lock, reading it back in order for the verification
and page by page for the log window, and the dossier rows' stored state the verification compares."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlmodel import Session, col

from cchc_desktop.storage.bulk_insert import insert_many
from cchc_desktop.storage.tables import AuditEntryRow, DossierRow

AUDIT = AuditEntryRow.__table__  # type: ignore[attr-defined]
DOSSIER = DossierRow.__table__  # type: ignore[attr-defined]
CHAIN_COLUMNS = [AUDIT.c[name] for name in (
    "seq", "at", "username", "user_name", "counter", "action", "object_kind", "object_key", "before", "after",
    "state_digest", "prev_hash", "hash",
)]  # fmt: skip


def last_link(session: Session) -> tuple[int, str] | None:
    """The newest entry's number and hash (the caller holds the write lock, so nobody appends meanwhile)."""
    row = session.execute(select(AUDIT.c.seq, AUDIT.c.hash).order_by(AUDIT.c.seq.desc()).limit(1)).first()
    return None if row is None else (int(row[0]), str(row[1]))


def append(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert entries (dicts of AuditEntryRow's columns) in one statement per batch."""
    for start in range(0, len(rows), 5000):
        insert_many(session.connection(), AUDIT, list(rows[start : start + 5000]))


def last_seq_of(session: Session, action: str) -> int:
    """The newest entry of one action (0 without any): a stamp that moves with every change it records."""
    newest = session.execute(
        select(func.max(AuditEntryRow.seq)).where(col(AuditEntryRow.action) == action)
    ).scalar()
    return int(newest or 0)


def count_entries(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AUDIT)).scalar_one())


def chain_batches(session: Session, batch: int = 20000) -> Iterator[Sequence[Any]]:
    """Every entry in order, `batch` at a time, by key ranges (no cursor held across batches)."""
    after = -1
    while True:
        query = select(*CHAIN_COLUMNS).where(AUDIT.c.seq > after).order_by(AUDIT.c.seq).limit(batch)
        try:
            rows: Sequence[Any] = session.execute(query).all()
        except (ValueError, TypeError):  # a time another tool wrote as text SQLite cannot read back
            rows = _entries_one_by_one(session, after, batch)
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def _entries_one_by_one(session: Session, after: int, batch: int) -> list[tuple[Any, ...]]:
    """The batch again, entry by entry; an entry that cannot be read comes back with every field None
    but its number (the verification reports it as changed)."""
    numbers = session.execute(
        select(AUDIT.c.seq).where(AUDIT.c.seq > after).order_by(AUDIT.c.seq).limit(batch)
    ).scalars()
    rows: list[tuple[Any, ...]] = []
    for seq in list(numbers):
        try:
            rows.append(tuple(session.execute(select(*CHAIN_COLUMNS).where(AUDIT.c.seq == seq)).one()))
        except (ValueError, TypeError):
            rows.append((seq, *([None] * (len(CHAIN_COLUMNS) - 1))))
    return rows


def latest_dossier_digests(session: Session) -> dict[str, tuple[int, str]]:
    """For each dossier code, the number and state digest of the newest entry that recorded its state."""
    recorded = and_(AUDIT.c.object_kind == "dossier", AUDIT.c.state_digest != "")
    newest = (
        select(AUDIT.c.object_key, func.max(AUDIT.c.seq).label("seq"))
        .where(recorded)
        .group_by(AUDIT.c.object_key)
        .subquery()
    )
    rows = session.execute(
        select(AUDIT.c.object_key, AUDIT.c.seq, AUDIT.c.state_digest).join(
            newest, and_(AUDIT.c.object_key == newest.c.object_key, AUDIT.c.seq == newest.c.seq)
        )
    )
    return {str(key): (int(seq), str(digest)) for key, seq, digest in rows}


UNREADABLE = "__unreadable__"  # the key marking a dossier row some value of which cannot be read


def dossier_states(
    session: Session, ids: Iterable[int] | None = None, batch: int = 5000
) -> Iterator[dict[str, Any]]:
    """Dossier rows as {column: value}, every column, as the database returns them (the state a digest is
    taken of); all of them in id order when `ids` is None."""
    keys = [column.name for column in DOSSIER.columns]
    if ids is not None:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), batch):
            chunk = wanted[start : start + batch]
            query = select(DOSSIER).where(DOSSIER.c.id.in_(chunk)).order_by(DOSSIER.c.id)
            yield from (dict(zip(keys, row, strict=True)) for row in session.execute(query))
        return
    after = -1
    while True:
        query = select(DOSSIER).where(DOSSIER.c.id > after).order_by(DOSSIER.c.id).limit(batch)
        try:
            states = [dict(zip(keys, row, strict=True)) for row in session.execute(query)]
        except (ValueError, TypeError):  # a value another tool wrote that SQLite cannot read back
            states = _dossiers_one_by_one(session, keys, after, batch)
        if not states:
            return
        yield from states
        after = states[-1]["id"]


def _dossiers_one_by_one(session: Session, keys: list[str], after: int, batch: int) -> list[dict[str, Any]]:
    """The batch again, row by row; a row that cannot be read comes back as its id and code with
    `UNREADABLE` set (the verification names it)."""
    heads = session.execute(
        select(DOSSIER.c.id, DOSSIER.c.code).where(DOSSIER.c.id > after).order_by(DOSSIER.c.id).limit(batch)
    ).all()
    states: list[dict[str, Any]] = []
    for dossier_id, code in heads:
        try:
            row = session.execute(select(DOSSIER).where(DOSSIER.c.id == dossier_id)).one()
            states.append(dict(zip(keys, row, strict=True)))
        except (ValueError, TypeError):
            states.append({"id": dossier_id, "code": str(code), UNREADABLE: True})
    return states


@dataclass(frozen=True)
class EntryFilter:
    """The log window's filters; empty fields do not filter. `date_to` is inclusive (whole day)."""

    username: str = ""
    action: str = ""
    object_key: str = ""
    start: datetime | None = None
    end: datetime | None = None  # exclusive


def _where(entry_filter: EntryFilter) -> list[Any]:
    conditions: list[Any] = []
    if entry_filter.username:
        conditions.append(AUDIT.c.username == entry_filter.username)
    if entry_filter.action:
        conditions.append(AUDIT.c.action == entry_filter.action)
    if entry_filter.object_key:
        conditions.append(
            and_(AUDIT.c.object_kind == "dossier", AUDIT.c.object_key == entry_filter.object_key)
        )
    if entry_filter.start is not None:
        conditions.append(AUDIT.c.at >= entry_filter.start)
    if entry_filter.end is not None:
        conditions.append(AUDIT.c.at < entry_filter.end)
    return conditions


def count_filtered(session: Session, entry_filter: EntryFilter) -> int:
    query = select(func.count()).select_from(AUDIT).where(*_where(entry_filter))
    return int(session.execute(query).scalar_one())


def page(session: Session, entry_filter: EntryFilter, offset: int, limit: int) -> list[AuditEntryRow]:
    """Newest first; `offset` rows skipped. The log window asks for the pages it shows."""
    query = (
        select(AuditEntryRow)
        .where(*_where(entry_filter))
        .order_by(AuditEntryRow.seq.desc())  # type: ignore[attr-defined]
        .offset(offset)
        .limit(limit)
    )
    return list(session.scalars(query))


def page_before(
    session: Session, entry_filter: EntryFilter, before_seq: int | None, limit: int
) -> list[AuditEntryRow]:
    """Newest first, the entries older than `before_seq` (all when None): a page that costs the same
    however deep in the log it starts (the primary key bounds it; an OFFSET walks every skipped row)."""
    conditions = _where(entry_filter)
    if before_seq is not None:
        conditions.append(AUDIT.c.seq < before_seq)
    query = (
        select(AuditEntryRow)
        .where(*conditions)
        .order_by(AuditEntryRow.seq.desc())  # type: ignore[attr-defined]
        .limit(limit)
    )
    return list(session.scalars(query))


def usernames(session: Session) -> list[str]:
    return [
        str(name)
        for name in session.execute(select(AUDIT.c.username).distinct().order_by(AUDIT.c.username)).scalars()
    ]
