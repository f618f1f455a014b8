"""The procedure catalogue: versions by effective date, each with its required documents."""

from collections.abc import Iterable
from datetime import date, time

from sqlmodel import Session, col, func, select

from cchc_desktop.domain.deadlines import DEFAULT_CUTOFF, Duration, DurationUnit
from cchc_desktop.domain.procedures import Procedure, RequiredDocument
from cchc_desktop.storage.sql_dialect import bytewise, dialect_of
from cchc_desktop.storage.tables import DossierRow, ProcedureDocumentRow, ProcedureRow


def add_procedure(session: Session, procedure: Procedure) -> int:
    row = ProcedureRow(
        code=procedure.code, effective_from=procedure.effective_from, name="", field_name="", duration_unit=""
    )
    _fill(row, procedure)
    session.add(row)
    session.flush()
    assert row.id is not None
    _add_documents(session, row.id, procedure)
    return row.id


def replace_version(session: Session, procedure_id: int, procedure: Procedure) -> None:
    """Rewrite one version in place (the caller has made sure no dossier was received under it)."""
    row = session.get(ProcedureRow, procedure_id)
    if row is None:
        raise LookupError(procedure_id)
    _fill(row, procedure)
    session.add(row)
    for document in session.exec(
        select(ProcedureDocumentRow).where(ProcedureDocumentRow.procedure_id == procedure_id)
    ):
        session.delete(document)
    session.flush()
    _add_documents(session, procedure_id, procedure)


def _fill(row: ProcedureRow, procedure: Procedure) -> None:
    duration = procedure.duration
    row.name = procedure.name
    row.field_name = procedure.field
    row.duration_unit = duration.unit.value if duration else ""
    row.duration_value = duration.value if duration else 0
    row.cutoff = f"{(duration.cutoff if duration else DEFAULT_CUTOFF):%H:%M}"
    row.max_extension_days = procedure.max_extension_days
    row.fee_amount = procedure.fee_amount
    row.fee_text = procedure.fee_text
    row.resolving_body = procedure.resolving_body
    row.active = procedure.active
    row.duration_text = procedure.duration_text
    row.fee_exemptions = procedure.fee_exemptions
    row.result_text = procedure.result
    row.legal_basis = procedure.legal_basis
    row.decision_text = procedure.decision


def _add_documents(session: Session, procedure_id: int, procedure: Procedure) -> None:
    for position, document in enumerate(procedure.documents, start=1):
        session.add(
            ProcedureDocumentRow(
                procedure_id=procedure_id,
                position=position,
                name=document.name,
                kind=document.kind,
                count=document.count,
                required=document.required,
            )
        )


def _to_domain(
    session: Session, row: ProcedureRow, documents: list[ProcedureDocumentRow] | None = None
) -> Procedure:
    if documents is None:
        documents = list(
            session.exec(
                select(ProcedureDocumentRow)
                .where(ProcedureDocumentRow.procedure_id == row.id)
                .order_by(col(ProcedureDocumentRow.position))
            )
        )
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
        documents=tuple(RequiredDocument(d.name, d.kind, d.count, d.required) for d in documents),
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
    by_procedure: dict[int, list[ProcedureDocumentRow]] = {row.id: [] for row in rows if row.id is not None}
    documents = session.exec(select(ProcedureDocumentRow).order_by(col(ProcedureDocumentRow.position)))
    for document in documents:
        if document.procedure_id in by_procedure:
            by_procedure[document.procedure_id].append(document)
    return [_to_domain(session, row, by_procedure.get(row.id or 0, [])) for row in rows]


def versions_with_dossiers(session: Session, procedure_ids: Iterable[int]) -> set[int]:
    """Which of these versions some dossier was received under (such a version is never rewritten)."""
    wanted = list(procedure_ids)
    if not wanted:
        return set()
    used = session.exec(
        select(DossierRow.procedure_id).where(col(DossierRow.procedure_id).in_(wanted)).distinct()
    )
    return {procedure_id for procedure_id in used if procedure_id is not None}
