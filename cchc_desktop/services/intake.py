"""Intake at the counter: validate, allocate the code and register row, store the dossier and its first
event in one transaction."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cchc_desktop.core.errors import InvalidInputError, NotFoundError
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.dossiers import DossierStatus, EventKind, dossier_code
from cchc_desktop.domain.intake import IntakeRequest, intake_errors
from cchc_desktop.domain.lifecycle import FINAL_STATES
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.text import fold
from cchc_desktop.services import audit_log
from cchc_desktop.services.catalogue import intake_refusal
from cchc_desktop.services.deadlines import DueDate, due_for_procedure
from cchc_desktop.services.permissions import require, require_view
from cchc_desktop.services.records import DossierRecord, documents_to_json, record_of
from cchc_desktop.services.scan_files import PreparedScan
from cchc_desktop.services.settings import AgencySettings, settings_from_values
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import catalogue_repo, dossier_repo, settings_repo
from cchc_desktop.storage.database import Tx
from cchc_desktop.storage.tables import DossierEventRow, DossierRow


class IntakeValidationError(InvalidInputError):
    """The request fails validation; `errors` maps each field to what the clerk must fix."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class OpenDossier:
    """A dossier of the same citizen and procedure that is not closed yet (the intake warns of it)."""

    code: str
    received_at: datetime
    status: DossierStatus


# Not returned, refused, withdrawn or stopped (domain/lifecycle.py): a result waiting at the counter counts.
NOT_CLOSED = tuple(status.value for status in DossierStatus if status not in FINAL_STATES)
# Shown: the newest and how many; more than this many open at once is not counted exactly.
OPEN_LISTED = 10


@dataclass(frozen=True)
class SavedDossier:
    record: DossierRecord
    due: DueDate
    # The citizen's other dossiers of this procedure still open when this one was saved, newest first.
    open_before: tuple[OpenDossier, ...] = ()


def register_volume_for(settings: AgencySettings, received_at: datetime) -> str:
    return settings.register_volume.strip() or str(received_at.year)


def save_intake(
    ws: Workspace,
    request: IntakeRequest,
    now: datetime | None = None,
    scans: Mapping[int, Sequence[PreparedScan]] | None = None,
) -> SavedDossier:
    """Store a new dossier, with the scans of its papers (`scans`: position in `request.documents` →
    prepared files) in the same transaction. Raises `IntakeValidationError` (nothing written) when a
    field is wrong."""
    require(ws, Permission.INTAKE)
    kept = [index for index, item in enumerate(request.documents) if item.count > 0]
    request = request.normalised()
    errors = intake_errors(request, now or datetime.now())
    if errors:
        raise IntakeValidationError(errors)
    calendar = ws.calendar
    created: list[Path] = []
    try:
        return _save(ws, request, calendar, kept, scans, created)
    except BaseException:
        if created:
            from cchc_desktop.services.attachments import remove_created

            remove_created(created)
        raise


def _save(
    ws: Workspace,
    request: IntakeRequest,
    calendar: WorkingCalendar,
    kept: list[int],
    scans: Mapping[int, Sequence[PreparedScan]] | None,
    created: list[Path],
) -> SavedDossier:
    with ws.db.write() as tx:
        procedure = catalogue_repo.procedure_in_force(tx, request.procedure_code, request.received_at.date())
        if procedure is None:
            raise IntakeValidationError(
                {"procedure_code": f"Không có thủ tục mã {request.procedure_code} trong danh mục."}
            )
        refusal = intake_refusal(procedure, request.received_at.date())
        if refusal is not None:
            raise IntakeValidationError({"procedure_code": refusal})
        settings = settings_from_values(settings_repo.read_all(tx))
        settings.require_for_code()  # the code starts with the agency identifier
        due = due_for_procedure(procedure, request.received_at, calendar)
        day = f"{request.received_at:%y%m%d}"
        sequence = dossier_repo.next_code_sequence(tx, settings.agency_identifier, day)
        volume = register_volume_for(settings, request.received_at)
        row_number = dossier_repo.next_register_row(tx, volume)
        # Signed in, the account took the dossier in, whatever name the screen passes (the agency's clerk).
        clerk = (request.clerk_name or settings.clerk_name) if ws.actor.system else ws.actor.display
        row = _dossier_row(request, procedure, settings, due, sequence, volume, row_number, clerk)
        row.counter = ws.counter
        open_before = _open_dossiers(tx, row.applicant_id_number, procedure.code)
        row = dossier_repo.add_dossier(tx, row)
        assert row.id is not None
        dossier_repo.add_event(
            tx,
            DossierEventRow(
                dossier_id=row.id,
                at=request.received_at,
                kind=EventKind.RECEIVED.value,
                actor=clerk,
                counter=ws.counter,
                recorded_by=ws.actor.username,
                note=request.back_entry_reason,
                data_json=json.dumps(
                    {
                        "due_at": due.due_at.isoformat(),
                        "effective_received_at": due.effective_received_at.isoformat(),
                    }
                ),
            ),
        )
        audit_log.record_dossier(
            tx,
            ws,
            AuditAction.INTAKE,
            row,
            after={"procedure": procedure.code, "received_at": row.received_at, "due_at": row.due_at},
        )
        if scans:
            # Loaded with the first scan, not at start-up: the window's first paint does not need it.
            from cchc_desktop.services.attachments import add_scans

            for given, files in sorted(scans.items()):
                if files and given in kept:
                    add_scans(ws, tx, row, kept.index(given), files, created)
        record = record_of(row)
    return SavedDossier(record=record, due=due, open_before=tuple(open_before))


def _dossier_row(
    request: IntakeRequest,
    procedure: Procedure,
    settings: AgencySettings,
    due: DueDate,
    sequence: int,
    volume: str,
    row_number: int,
    clerk: str,
) -> DossierRow:
    return DossierRow(
        code=dossier_code(settings.agency_identifier, f"{request.received_at:%y%m%d}", sequence),
        procedure_id=procedure.id,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        field_name=procedure.field,
        applicant_name=request.applicant_name,
        applicant_name_folded=fold(request.applicant_name),
        applicant_id_number=_cleaned_id(request.applicant_id_number),
        applicant_phone=request.applicant_phone,
        applicant_email=request.applicant_email,
        applicant_address=request.applicant_address,
        applicant_birth_date=request.applicant_birth_date,
        submitter_name=request.submitter_name,
        submitter_id_number=request.submitter_id_number,
        submitter_phone=request.submitter_phone,
        submitter_address=request.submitter_address,
        authorisation_document=request.authorisation_document,
        channel=request.channel.value,
        result_delivery=request.result_delivery.value,
        set_count=request.set_count,
        documents_json=documents_to_json(request.documents),
        received_at=request.received_at,
        due_at=due.due_at,
        original_due_at=due.due_at,
        appointment_at=due.due_at,
        status=DossierStatus.RECEIVED.value,
        status_at=request.received_at,
        fee_amount=0 if request.fee_exempt else request.fee_amount,
        fee_exempt=request.fee_exempt,
        fee_exempt_reason=request.fee_exempt_reason,
        payment_method=request.payment_method.value,
        register_volume=volume,
        register_row=row_number,
        resolving_body=procedure.resolving_body,
        current_holder=clerk,
        note=request.note,
    )


def dossier_by_code(ws: Workspace, code: str) -> DossierRecord:
    require(ws, Permission.VIEW_DOSSIERS)  # before the look-up: nobody learns which codes exist
    with ws.db.read() as tx:
        row = dossier_repo.by_code(tx, code.strip())
        if row is None or row.id is None:
            raise NotFoundError(f"Không tìm thấy hồ sơ mã {code.strip()}.")
        dossier_id = row.id
        require_view(
            ws,
            row.code,
            row.assignee,
            lambda: dossier_repo.recorded_a_step(tx, dossier_id, ws.actor.username),
        )
        return record_of(row)


def returning_applicant(ws: Workspace, id_number: str) -> DossierRecord | None:
    """The last dossier of this ID number, to fill in a returning citizen's details (at intake only)."""
    require(ws, Permission.INTAKE)
    cleaned = _cleaned_id(id_number)
    if not cleaned:
        return None
    with ws.db.read() as tx:
        row = dossier_repo.latest_by_id_number(tx, cleaned)
        return None if row is None else record_of(row)


def open_dossiers_of(ws: Workspace, id_number: str, procedure_code: str) -> list[OpenDossier]:
    """The dossiers of this ID number for this procedure that are not closed, newest first: at intake,
    a warning that the citizen may be filing the same request twice (never a refusal)."""
    require(ws, Permission.INTAKE)
    cleaned, code = _cleaned_id(id_number), procedure_code.strip()
    if not cleaned or not code:
        return []
    with ws.db.read() as tx:
        return _open_dossiers(tx, cleaned, code)


def _open_dossiers(tx: Tx, id_number: str, procedure_code: str) -> list[OpenDossier]:
    if not id_number:
        return []
    found = dossier_repo.same_applicant_and_procedure(tx, id_number, procedure_code, NOT_CLOSED, OPEN_LISTED)
    return [OpenDossier(code, received_at, DossierStatus(status)) for code, received_at, status in found]


def _cleaned_id(id_number: str) -> str:
    return id_number.replace(" ", "").replace(".", "").upper()
