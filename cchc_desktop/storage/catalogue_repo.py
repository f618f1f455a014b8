"""The procedure catalogue: versions by effective date, each with its required documents."""

from datetime import date, time

from sqlmodel import Session, col, func, select

from cchc_desktop.domain.deadlines import Duration, DurationUnit
from cchc_desktop.domain.procedures import Procedure, RequiredDocument
from cchc_desktop.storage.sql_dialect import bytewise, dialect_of
from cchc_desktop.storage.tables import ProcedureDocumentRow, ProcedureRow


def add_procedure(session: Session, procedure: Procedure) -> int:
    row = ProcedureRow(
        code=procedure.code,
        name=procedure.name,
        field_name=procedure.field,
        duration_unit=procedure.duration.unit.value,
        duration_value=procedure.duration.value,
        cutoff=f"{procedure.duration.cutoff:%H:%M}",
        max_extension_days=procedure.max_extension_days,
        fee_amount=procedure.fee_amount,
        fee_text=procedure.fee_text,
        resolving_body=procedure.resolving_body,
        effective_from=procedure.effective_from,
        active=procedure.active,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    for position, document in enumerate(procedure.documents, start=1):
        session.add(
            ProcedureDocumentRow(
                procedure_id=row.id,
                position=position,
                name=document.name,
                kind=document.kind,
                count=document.count,
                required=document.required,
            )
        )
    return row.id


def _to_domain(session: Session, row: ProcedureRow) -> Procedure:
    documents = session.exec(
        select(ProcedureDocumentRow)
        .where(ProcedureDocumentRow.procedure_id == row.id)
        .order_by(col(ProcedureDocumentRow.position))
    )
    return Procedure(
        id=row.id,
        code=row.code,
        name=row.name,
        field=row.field_name,
        duration=Duration(
            DurationUnit(row.duration_unit), row.duration_value, time.fromisoformat(row.cutoff)
        ),
        effective_from=row.effective_from,
        max_extension_days=row.max_extension_days,
        fee_amount=row.fee_amount,
        fee_text=row.fee_text,
        resolving_body=row.resolving_body,
        documents=tuple(RequiredDocument(d.name, d.kind, d.count, d.required) for d in documents),
        active=row.active,
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
    return [_to_domain(session, row) for row in rows]


def all_versions(session: Session) -> list[Procedure]:
    """Every version of every procedure (the catalogue is small: tens to a few hundred rows)."""
    code = bytewise(col(ProcedureRow.code), dialect_of(session))
    rows = session.exec(select(ProcedureRow).order_by(code, col(ProcedureRow.effective_from)))
    return [_to_domain(session, row) for row in rows]
