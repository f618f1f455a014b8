"""Dossiers, their events and the number sequences behind codes and register rows."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from cchc_desktop.storage.tables import DossierEventRow, DossierRow, NumberSequenceRow


def next_number(session: Session, name: str) -> int:
    """Bump and return the named counter. Callers hold the write lock (`Database.write`), so two
    transactions can never read the same value."""
    row = session.get(NumberSequenceRow, name)
    if row is None:
        row = NumberSequenceRow(name=name, value=0)
    row.value += 1
    session.add(row)
    session.flush()
    return row.value


def add_dossier(session: Session, dossier: DossierRow) -> DossierRow:
    session.add(dossier)
    session.flush()
    return dossier


def add_event(session: Session, event: DossierEventRow) -> DossierEventRow:
    session.add(event)
    session.flush()
    return event


def by_code(session: Session, code: str) -> DossierRow | None:
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


def latest_by_id_number(session: Session, id_number: str) -> DossierRow | None:
    """The most recent dossier of a returning citizen (same ID number)."""
    return session.exec(
        select(DossierRow)
        .where(DossierRow.applicant_id_number == id_number)
        .order_by(col(DossierRow.received_at).desc(), col(DossierRow.id).desc())
    ).first()


def received_between(session: Session, start: datetime, end: datetime) -> list[DossierRow]:
    """Dossiers received in [start, end), in register order."""
    return list(
        session.exec(
            select(DossierRow)
            .where(col(DossierRow.received_at) >= start, col(DossierRow.received_at) < end)
            .order_by(col(DossierRow.received_at), col(DossierRow.id))
        )
    )


def due_between(session: Session, start: datetime, end: datetime, statuses: list[str]) -> list[DossierRow]:
    """Dossiers in one of `statuses` whose due time is in [start, end), earliest first."""
    return list(
        session.exec(
            select(DossierRow)
            .where(
                col(DossierRow.due_at) >= start,
                col(DossierRow.due_at) < end,
                col(DossierRow.status).in_(statuses),
            )
            .order_by(col(DossierRow.due_at), col(DossierRow.id))
        )
    )


def count_dossiers(session: Session) -> int:
    return session.exec(select(func.count()).select_from(DossierRow)).one()
