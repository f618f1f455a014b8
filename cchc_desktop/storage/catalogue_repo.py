"""The procedure catalogue: versions by effective date, each with its required documents."""

from collections.abc import Iterable
from datetime import date, time

import sqlalchemy as sa
from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, func, select

from cchc_desktop.domain.deadlines import DEFAULT_CUTOFF, Duration, DurationUnit
from cchc_desktop.domain.procedures import Procedure, RequiredDocument
from cchc_desktop.storage.sql_dialect import bytewise, dialect_of
from cchc_desktop.storage.tables import DossierRow, ProcedureDocumentRow, ProcedureRow


def add_procedure(session: Session, procedure: Procedure) -> int:
    statement = insert(ProcedureRow).values(**_columns(procedure)).returning(col(ProcedureRow.id))
    procedure_id = int(session.execute(statement).scalar_one())
    _add_documents(session, procedure_id, procedure)
    return procedure_id


def replace_version(session: Session, procedure_id: int, procedure: Procedure) -> None:
    """Rewrite one version in place (the caller has made sure no dossier was received under it)."""
    changed = session.execute(
        update(ProcedureRow).where(col(ProcedureRow.id) == procedure_id).values(**_columns(procedure))
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        raise LookupError(procedure_id)
    session.execute(
        delete(ProcedureDocumentRow).where(col(ProcedureDocumentRow.procedure_id) == procedure_id)
    )
    _add_documents(session, procedure_id, procedure)


def _columns(procedure: Procedure) -> dict[str, object]:
    duration = procedure.duration
    return {
        "code": procedure.code,
        "effective_from": procedure.effective_from,
        "name": procedure.name,
        "field_name": procedure.field,
        "duration_unit": duration.unit.value if duration else "",
        "duration_value": duration.value if duration else 0,
        "cutoff": f"{(duration.cutoff if duration else DEFAULT_CUTOFF):%H:%M}",
        "max_extension_days": procedure.max_extension_days,
        "fee_amount": procedure.fee_amount,
        "fee_text": procedure.fee_text,
        "resolving_body": procedure.resolving_body,
        "active": procedure.active,
        "duration_text": procedure.duration_text,
        "fee_exemptions": procedure.fee_exemptions,
        "result_text": procedure.result,
        "legal_basis": procedure.legal_basis,
        "decision_text": procedure.decision,
    }


def _add_documents(session: Session, procedure_id: int, procedure: Procedure) -> None:
    rows = [
        {
            "procedure_id": procedure_id,
            "position": position,
            "name": document.name,
            "kind": document.kind,
            "count": document.count,
            "required": document.required,
        }
        for position, document in enumerate(procedure.documents, start=1)
    ]
    if rows:
        session.execute(insert(ProcedureDocumentRow), rows)


def _to_domain(
    session: Session, row: ProcedureRow, documents: list[RequiredDocument] | None = None
) -> Procedure:
    if documents is None:
        documents = _documents_of(session, [row.id or 0]).get(row.id or 0, [])
    return Procedure(
        id=row.id,
        code=row.code,
        name=row.name,
        field=row.field_name,
        duration=(
            Duration(DurationUnit(row.duration_unit), row.duration_value, time.fromisoformat(row.cutoff))
            if row.duration_unit
            else None
        ),
        effective_from=row.effective_from,
        max_extension_days=row.max_extension_days,
        fee_amount=row.fee_amount,
        fee_text=row.fee_text,
        resolving_body=row.resolving_body,
        documents=tuple(documents),
        active=row.active,
        duration_text=row.duration_text,
        fee_exemptions=row.fee_exemptions,
        result=row.result_text,
        legal_basis=row.legal_basis,
        decision=row.decision_text,
    )


def procedure_in_force(session: Session, code: str, on: date) -> Procedure | None:
    """The version of `code` in force on `on`: the latest effective_from not after it (or the earliest
    version, for a dossier dated before the catalogue begins)."""
    base = select(ProcedureRow).where(ProcedureRow.code == code)
    row = session.exec(
        base.where(col(ProcedureRow.effective_from) <= on).order_by(col(ProcedureRow.effective_from).desc())
    ).first()
    if row is None:
        row = session.exec(base.order_by(col(ProcedureRow.effective_from))).first()
    return None if row is None else _to_domain(session, row)


def procedure_by_id(session: Session, procedure_id: int) -> Procedure | None:
    row = session.get(ProcedureRow, procedure_id)
    return None if row is None else _to_domain(session, row)


def procedures_in_force(session: Session, on: date) -> list[Procedure]:
    """Every active procedure code in its version in force on `on`, ordered by field and name."""
    dialect = dialect_of(session)
    latest = (
        select(ProcedureRow.code, func.max(ProcedureRow.effective_from).label("effective_from"))
        .where(col(ProcedureRow.effective_from) <= on)
        .group_by(col(ProcedureRow.code))
        .subquery()
    )
    rows = session.exec(
        select(ProcedureRow)
        .join(
            latest,
            (col(ProcedureRow.code) == latest.c.code)
            & (col(ProcedureRow.effective_from) == latest.c.effective_from),
        )
        .where(col(ProcedureRow.active))
        .order_by(bytewise(col(ProcedureRow.field_name), dialect), bytewise(col(ProcedureRow.name), dialect))
    ).all()
    return _with_documents(session, list(rows))


def all_versions(session: Session) -> list[Procedure]:
    """Every version of every procedure, by code and date (a catalogue holds a few hundred to a few
    thousand versions: read in two queries, not one per version)."""
    code = bytewise(col(ProcedureRow.code), dialect_of(session))
    rows = session.exec(select(ProcedureRow).order_by(code, col(ProcedureRow.effective_from)))
    return _with_documents(session, list(rows))


def versions_of(session: Session, code: str) -> list[Procedure]:
    rows = session.exec(
        select(ProcedureRow).where(ProcedureRow.code == code).order_by(col(ProcedureRow.effective_from))
    )
    return _with_documents(session, list(rows))


def _with_documents(session: Session, rows: list[ProcedureRow]) -> list[Procedure]:
    documents = _documents_of(session, [row.id for row in rows if row.id is not None])
    return [_to_domain(session, row, documents.get(row.id or 0, [])) for row in rows]


MANY_VERSIONS = 500  # above this, reading every document row is cheaper than a long IN list


def _documents_of(session: Session, procedure_ids: list[int]) -> dict[int, list[RequiredDocument]]:
    """The documents of these versions in order, read as plain rows (thousands of them for a province's
    whole list: ORM objects would cost more than the query)."""
    wanted = set(procedure_ids)
    query = sa.select(  # sqlmodel's select takes at most four columns
        col(ProcedureDocumentRow.procedure_id),
        col(ProcedureDocumentRow.name),
        col(ProcedureDocumentRow.kind),
        col(ProcedureDocumentRow.count),
        col(ProcedureDocumentRow.required),
    ).order_by(col(ProcedureDocumentRow.procedure_id), col(ProcedureDocumentRow.position))
    if len(wanted) <= MANY_VERSIONS:
        query = query.where(col(ProcedureDocumentRow.procedure_id).in_(wanted))
    documents: dict[int, list[RequiredDocument]] = {}
    for procedure_id, name, kind, count, required in session.execute(query):
        if procedure_id in wanted:
            documents.setdefault(procedure_id, []).append(RequiredDocument(name, kind, count, required))
    return documents


def fields_in_use(session: Session) -> list[str]:
    return [name for (name,) in session.execute(select(ProcedureRow.field_name).distinct())]


def versions_with_dossiers(session: Session, procedure_ids: Iterable[int]) -> set[int]:
    """Which of these versions some dossier was received under (such a version is never rewritten)."""
    wanted = list(procedure_ids)
    if not wanted:
        return set()
    used = session.exec(
        select(DossierRow.procedure_id).where(col(DossierRow.procedure_id).in_(wanted)).distinct()
    )
    return {procedure_id for procedure_id in used if procedure_id is not None}
