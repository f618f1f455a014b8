"""Bulk reads and writes for the exchange file: many dossiers in one statement each."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, select, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from cchc_desktop.storage.bulk_insert import insert_many
from cchc_desktop.storage.row_faults import json_fallback, sound
from cchc_desktop.storage.tables import DossierEventRow, DossierRow

DOSSIER = DossierRow.__table__  # type: ignore[attr-defined]
EVENT = DossierEventRow.__table__  # type: ignore[attr-defined]
# Columns an import may change on a dossier that already exists; register numbers, events and the
# documents received stay as the counter recorded them.
UPDATABLE = (
    "procedure_id", "procedure_code", "procedure_name", "field_name", "channel", "applicant_name",
    "applicant_name_folded", "applicant_id_number", "applicant_phone", "applicant_address", "received_at",
    "due_at", "appointment_at", "resolved_at", "returned_at", "status", "status_at", "fee_amount",
    "payment_method", "resolving_body",
)  # fmt: skip


# SQLite's page cache during an import (64 MiB, the default is 2 MiB): the dossier table's thirteen indexes
# take rows in no particular order, and with the default cache every insert reads and spills index pages
# (a plain executemany of 200,000 dossiers: about 18 s with the default cache, 11 s with this one).
IMPORT_CACHE_KIB = 64 * 1024


@contextmanager
def roomy_cache(session: Session) -> Iterator[None]:
    """A larger SQLite page cache on this session's connection for the block, the usual one after it."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    usual = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        # Not over the import's own error: a connection that cannot take a pragma is discarded anyway.
        with suppress(DBAPIError):
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(usual)}")


def existing_values(session: Session, codes: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """Code → the UPDATABLE columns (in that order) of the dossiers among `codes` that exist."""
    found: dict[str, tuple[Any, ...]] = {}
    columns = [DOSSIER.c[name] for name in UPDATABLE]
    for start in range(0, len(codes), 900):  # SQLite's bound-parameter limit
        chunk = list(codes[start : start + 900])
        query = select(DOSSIER.c.code, *columns).where(DOSSIER.c.code.in_(chunk))
        for code, *values in session.execute(query):
            found[code] = tuple(values)
    return found


def insert_dossiers(
    session: Session,
    rows: list[dict[str, Any]],
    event_kind: str,
    at: datetime,
    counter: str = "",
    recorded_by: str = "",
) -> list[int]:
    """Add the rows, each with its import event recorded by `counter` and the account `recorded_by` (the
    dossiers themselves were taken in elsewhere, so their own counter stays empty); returns their ids."""
    if not rows:
        return []
    before = session.execute(select(func.coalesce(func.max(DOSSIER.c.id), 0))).scalar_one()
    insert_many(session.connection(), DOSSIER, rows)
    # In id order: the imported events follow the dossiers' order on both engines (PostgreSQL promises
    # no order without ORDER BY).
    new_ids = (
        session.execute(select(DOSSIER.c.id).where(DOSSIER.c.id > before).order_by(DOSSIER.c.id))
        .scalars()
        .all()
    )
    insert_many(
        session.connection(),
        EVENT,
        [
            {"dossier_id": i, "at": at, "kind": event_kind, "actor": "", "giver": "", "taker": "", "note": "",
             "data_json": "{}", "counter": counter, "recorded_by": recorded_by}
            for i in new_ids
        ],
    )  # fmt: skip
    return list(new_ids)


def ids_of(session: Session, codes: Sequence[str]) -> list[int]:
    """The ids of the dossiers among `codes` that exist."""
    found: list[int] = []
    for start in range(0, len(codes), 900):  # SQLite's bound-parameter limit
        chunk = list(codes[start : start + 900])
        found.extend(session.execute(select(DOSSIER.c.id).where(DOSSIER.c.code.in_(chunk))).scalars())
    return found


def update_dossiers(session: Session, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    statement = (
        update(DOSSIER)
        .where(DOSSIER.c.code == bindparam("match_code"))
        # A changed row is a new version: a dossier window still showing the old one must not save over it.
        .values({**{name: bindparam(name) for name in UPDATABLE}, "version": DOSSIER.c.version + 1})
    )
    session.connection().execute(
        statement, [{"match_code": row["code"], **{name: row[name] for name in UPDATABLE}} for row in rows]
    )
    return len(rows)


def dossiers_for_export(
    session: Session, start: datetime | None, end: datetime | None, batch: int = 5000
) -> Iterator[DossierRow]:
    """Dossiers received in [start, end) (all when None), oldest first, fetched in batches."""
    period: list[ColumnElement[bool]] = []
    if start is not None:
        period.append(DOSSIER.c.received_at >= start)
    if end is not None:
        period.append(DOSSIER.c.received_at < end)

    def unguarded_or_not(guarded: bool) -> bool:
        # Streamed rows cannot be fetched again, so on PostgreSQL one count first finds out whether
        # the quick JSON casts hold for the period (they raise when a row's JSON does not parse).
        if not guarded:
            session.execute(select(func.count()).select_from(DOSSIER).where(sound(session, False), *period))
        return guarded

    # Rows changed behind the app's back cannot be read; the health check reports them.
    readable = sound(session, json_fallback(session, unguarded_or_not))
    query = select(DossierRow).where(readable, *period).order_by(DOSSIER.c.received_at, DOSSIER.c.id)
    result = session.execute(query.execution_options(yield_per=batch))
    for (row,) in result:
        yield row
