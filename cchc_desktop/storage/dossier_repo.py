"""Dossiers, their events and the number sequences behind codes and register rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Integer, cast, update
from sqlmodel import Session, col, func, select

from cchc_desktop.domain.dossiers import dossier_code, dossier_code_prefix, parse_dossier_code
from cchc_desktop.storage.row_faults import json_fallback, refuse_if_faulty, sound
from cchc_desktop.storage.sql_dialect import POSTGRESQL, bytewise, dialect_of, greatest, only_digits, upsert
from cchc_desktop.storage.tables import DossierEventRow, DossierRow, NumberSequenceRow

SEQUENCE = NumberSequenceRow.__table__  # type: ignore[attr-defined]
# The longest sequence `parse_dossier_code` accepts: a longer tail is not one of ours.
_MAX_SEQUENCE_DIGITS = 9


def next_number(session: Session, name: str) -> int:
    """Bump and return the named counter. Callers hold the write lock (`Database.write`), so two
    transactions can never read the same value. On PostgreSQL the bump is also one upsert that locks the
    counter's row until commit, so even a write that came without the lock waits instead of sharing
    a number (SQLite has one writer at a time by construction)."""
    if dialect_of(session) == POSTGRESQL:
        statement = upsert(SEQUENCE, POSTGRESQL).values(name=name, value=1)
        bumped = statement.on_conflict_do_update(
            index_elements=[SEQUENCE.c.name], set_={"value": SEQUENCE.c.value + 1}
        ).returning(SEQUENCE.c.value)
        return int(session.execute(bumped).scalar_one())
    row = session.get(NumberSequenceRow, name)
    if row is None:
        row = NumberSequenceRow(name=name, value=0)
    row.value += 1
    session.add(row)
    session.flush()
    return row.value


def _set_number(session: Session, name: str, value: int) -> int:
    """Set a counter that `next_number` bumped in the same transaction."""
    # On the entity, so that a row the session holds is updated too.
    session.execute(update(NumberSequenceRow).where(col(NumberSequenceRow.name) == name).values(value=value))
    return value


def _code_counter(agency_identifier: str, day_yymmdd: str) -> str:
    return f"dossier:{agency_identifier}:{day_yymmdd}"


def _register_counter(volume: str) -> str:
    return f"register:{volume}"


# The counters normally run ahead of the dossiers, but a restored file (an old backup, a copy from
# another desk), a file edited by hand or rows written behind the app's back can hold numbers the
# counter has not reached. The next number is then checked against the table (one indexed lookup) and,
# when taken, replaced by the highest number in use plus one (one indexed range or MAX query): free by
# construction, so no retry loop, and the cost does not grow with the number of dossiers.
def next_code_sequence(session: Session, agency_identifier: str, day_yymmdd: str) -> int:
    """The sequence of the next dossier code of that agency and day, never one already in use."""
    name = _code_counter(agency_identifier, day_yymmdd)
    sequence = next_number(session, name)
    if not _code_taken(session, dossier_code(agency_identifier, day_yymmdd, sequence)):
        return sequence
    return _set_number(session, name, _highest_code_sequence(session, agency_identifier, day_yymmdd) + 1)


def _code_taken(session: Session, code: str) -> bool:
    # Not `by_code`: a row changed behind the app's back still holds its code, and is not read here.
    return session.exec(select(DossierRow.id).where(DossierRow.code == code)).first() is not None


def _highest_code_sequence(session: Session, agency_identifier: str, day_yymmdd: str) -> int:
    prefix = dossier_code_prefix(agency_identifier, day_yymmdd)
    # Every code starting with the prefix: the prefix ends with "-", and "." is the next character.
    end = prefix[:-1] + "."
    dialect = dialect_of(session)
    code = bytewise(col(DossierRow.code), dialect)  # a locale's collation would skip the dots and dashes
    tail = func.substr(DossierRow.code, len(prefix) + 1)
    highest = session.exec(
        select(func.max(cast(tail, Integer))).where(
            code >= prefix,
            code < end,
            func.length(tail).between(1, _MAX_SEQUENCE_DIGITS),
            only_digits(tail, dialect),
        )
    ).one()
    return int(highest or 0)


def next_register_row(session: Session, volume: str) -> int:
    """The next row of the register volume, never one already in use."""
    name = _register_counter(volume)
    row = next_number(session, name)
    taken = session.exec(
        select(DossierRow.id).where(DossierRow.register_volume == volume, DossierRow.register_row == row)
    ).first()
    if taken is None:
        return row
    highest = session.exec(
        select(func.max(DossierRow.register_row)).where(DossierRow.register_volume == volume)
    ).one()
    return _set_number(session, name, int(highest or 0) + 1)


def raise_code_counters(session: Session, codes: Iterable[str]) -> None:
    """Move each day's code counter to at least the highest sequence among `codes` (dossiers written
    without going through `next_code_sequence`, e.g. an import)."""
    highest: dict[str, int] = {}
    for code in codes:
        parsed = parse_dossier_code(code)
        if parsed is not None:
            name = _code_counter(parsed[0], parsed[1])
            highest[name] = max(highest.get(name, 0), parsed[2])
    if not highest:
        return
    dialect = dialect_of(session)
    statement = upsert(SEQUENCE, dialect)
    session.execute(  # one executemany: an import of ten years moves some 3,600 days
        statement.on_conflict_do_update(
            index_elements=[SEQUENCE.c.name],
            set_={"value": greatest(SEQUENCE.c.value, statement.excluded.value, dialect)},
        ),
        [{"name": name, "value": value} for name, value in highest.items()],
    )


def add_dossier(session: Session, dossier: DossierRow) -> DossierRow:
    session.add(dossier)
    session.flush()
    return dossier


def add_event(session: Session, event: DossierEventRow) -> DossierEventRow:
    session.add(event)
    session.flush()
    return event


def by_code(session: Session, code: str) -> DossierRow | None:
    """The dossier `code`; `FaultyDossierError` when its row was changed behind the app's back."""
    refuse_if_faulty(session, code)
    return session.exec(select(DossierRow).where(DossierRow.code == code)).first()


def events_of(session: Session, dossier_id: int) -> list[DossierEventRow]:
    return list(
        session.exec(
            select(DossierEventRow)
            .where(DossierEventRow.dossier_id == dossier_id)
            .order_by(col(DossierEventRow.at), col(DossierEventRow.id))
        )
    )


def count_events(session: Session, dossier_id: int, kind: str) -> int:
    return session.exec(
        select(func.count())
        .select_from(DossierEventRow)
        .where(DossierEventRow.dossier_id == dossier_id, DossierEventRow.kind == kind)
    ).one()


def recorded_a_step(session: Session, dossier_id: int, username: str) -> bool:
    """Whether the account recorded any step of the dossier (a specialist's result, for instance)."""
    query = select(DossierEventRow.id).where(
        DossierEventRow.dossier_id == dossier_id, DossierEventRow.recorded_by == username
    )
    return session.exec(query.limit(1)).first() is not None


def latest_by_id_number(session: Session, id_number: str) -> DossierRow | None:
    """The most recent dossier of a returning citizen (same ID number)."""
    return session.exec(
        select(DossierRow)
        .where(DossierRow.applicant_id_number == id_number)
        .order_by(col(DossierRow.received_at).desc(), col(DossierRow.id).desc())
    ).first()


def same_applicant_and_procedure(
    session: Session, id_number: str, procedure_code: str, statuses: Iterable[str], limit: int
) -> list[tuple[str, datetime, str]]:
    """Code, receipt time and status of this ID number's dossiers of one procedure in `statuses`, newest
    first (at most `limit`). Served by the index on the ID number: a citizen has a handful of dossiers."""
    return [
        (code, received_at, status)
        for code, received_at, status in session.exec(
            select(DossierRow.code, DossierRow.received_at, DossierRow.status)
            .where(
                DossierRow.applicant_id_number == id_number,
                DossierRow.procedure_code == procedure_code,
                col(DossierRow.status).in_(list(statuses)),
            )
            .order_by(col(DossierRow.received_at).desc(), col(DossierRow.id).desc())
            .limit(limit)
        )
    ]


def received_between(session: Session, start: datetime, end: datetime) -> list[DossierRow]:
    """Dossiers received in [start, end), in register order."""

    def run(guarded: bool) -> list[DossierRow]:
        readable = sound(session, guarded)
        return list(
            session.exec(
                select(DossierRow)
                .where(col(DossierRow.received_at) >= start, col(DossierRow.received_at) < end, readable)
                .order_by(col(DossierRow.received_at), col(DossierRow.id))
            )
        )

    return json_fallback(session, run)


def due_between(session: Session, start: datetime, end: datetime, statuses: list[str]) -> list[DossierRow]:
    """Dossiers in one of `statuses` whose due time is in [start, end), earliest first."""

    def run(guarded: bool) -> list[DossierRow]:
        return list(
            session.exec(
                select(DossierRow)
                .where(
                    col(DossierRow.due_at) >= start,
                    col(DossierRow.due_at) < end,
                    col(DossierRow.status).in_(statuses),
                    sound(session, guarded),
                )
                .order_by(col(DossierRow.due_at), col(DossierRow.id))
            )
        )

    return json_fallback(session, run)


def count_dossiers(session: Session) -> int:
    return session.exec(select(func.count()).select_from(DossierRow)).one()
