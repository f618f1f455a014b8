"""Corrections of a saved dossier: procedure, applicant details, receipt time. Each is an event with the
values before and after, and an audit entry with the same values; the due date moves only when the clerk
confirms it. Needs CORRECT."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cchc_desktop.core.errors import InvalidInputError, NotFoundError
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.dossiers import EventKind
from cchc_desktop.domain.identifiers import check_email, check_person_id, check_phone, normalize_phone
from cchc_desktop.domain.intake import birth_date_error
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.text import fold, nfc
from cchc_desktop.services import audit_log
from cchc_desktop.services.deadlines import due_for_procedure
from cchc_desktop.services.permissions import require
from cchc_desktop.services.records import DossierRecord, record_of
from cchc_desktop.services.stale_dossier import require_version
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import catalogue_repo, dossier_repo
from cchc_desktop.storage.tables import DossierEventRow

CORRECTABLE = (
    "procedure_code",
    "applicant_name",
    "applicant_id_number",
    "applicant_birth_date",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "received_at",
)


# The date of birth may be removed, not only changed: this value of `Correction.applicant_birth_date`
# clears it (None leaves it as it is, like every field).
NO_BIRTH_DATE = date.min


@dataclass(frozen=True)
class Correction:
    """New values; None leaves a field as it is."""

    procedure_code: str | None = None
    applicant_name: str | None = None
    applicant_id_number: str | None = None
    applicant_birth_date: date | None = None
    applicant_phone: str | None = None
    applicant_email: str | None = None
    applicant_address: str | None = None
    received_at: datetime | None = None


@dataclass(frozen=True)
class CorrectionResult:
    record: DossierRecord
    changed: tuple[str, ...]
    proposed_due_at: datetime
    due_moved: bool


def _errors(correction: Correction) -> dict[str, str]:
    errors: dict[str, str] = {}
    if correction.applicant_name is not None and not nfc(correction.applicant_name):
        errors["applicant_name"] = "Họ tên không được để trống."
    if correction.applicant_id_number is not None:
        check = check_person_id(correction.applicant_id_number)
        if check.error:
            errors["applicant_id_number"] = check.error
    birth = correction.applicant_birth_date
    if birth not in (None, NO_BIRTH_DATE) and (message := birth_date_error(birth, date.today())):
        errors["applicant_birth_date"] = message
    if correction.applicant_phone is not None and (message := check_phone(correction.applicant_phone)):
        errors["applicant_phone"] = message
    if correction.applicant_email is not None and (message := check_email(correction.applicant_email)):
        errors["applicant_email"] = message
    if correction.received_at is not None and correction.received_at > datetime.now():
        errors["received_at"] = "Thời gian nhận hồ sơ không được sau thời điểm hiện tại."
    return errors


def correct_dossier(
    ws: Workspace,
    code: str,
    correction: Correction,
    reason: str,
    *,
    move_due: bool,
    actor: str = "",
    expected_version: int | None = None,
) -> CorrectionResult:
    """Apply `correction` to dossier `code` in one transaction. With `move_due` False the due date stays
    as printed; the result still tells what it would be (`proposed_due_at`) so the screen can ask.
    `expected_version` is the version the screen showed (`DossierChangedError` when another counter
    changed the dossier since; None: no check). The event names `actor` while the database has no
    accounts; once it has, the signed-in user's full name (whatever the screen passes)."""
    require(ws, Permission.CORRECT)
    reason = nfc(reason)
    if not reason:
        raise InvalidInputError("Nhập lý do sửa thông tin hồ sơ.")
    errors = _errors(correction)
    if errors:
        raise InvalidInputError(" ".join(errors.values()))
    calendar = ws.calendar
    with ws.db.write() as tx:
        row = dossier_repo.by_code(tx, code.strip())
        if row is None or row.id is None:
            raise NotFoundError(f"Không tìm thấy hồ sơ mã {code.strip()}.")
        require_version(tx, row, expected_version)
        require(ws, Permission.CORRECT, assignee=row.assignee)
        _check_birth_against_id(correction, row.applicant_id_number)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        received_at = correction.received_at or row.received_at
        procedure = catalogue_repo.procedure_in_force(
            tx, correction.procedure_code or row.procedure_code, received_at.date()
        )
        if procedure is None:
            raise NotFoundError(f"Không có thủ tục mã {correction.procedure_code} trong danh mục.")
        for name, value in dataclasses.asdict(correction).items():
            if value is None:
                continue
            if isinstance(value, str):
                value = normalize_phone(value) if name == "applicant_phone" else nfc(value)
            elif name == "applicant_birth_date" and value == NO_BIRTH_DATE:
                value = None
            if getattr(row, name) != value:
                before[name] = _plain(getattr(row, name))
                after[name] = _plain(value)
                setattr(row, name, value)
        if "procedure_code" in after:
            row.procedure_id = procedure.id
            row.procedure_name = procedure.name
            row.field_name = procedure.field
            row.resolving_body = procedure.resolving_body
        if "applicant_name" in after:
            row.applicant_name_folded = fold(row.applicant_name)
        proposed = due_for_procedure(procedure, received_at, calendar).due_at
        due_moved = move_due and proposed != row.due_at
        if due_moved:
            before["due_at"] = _plain(row.due_at)
            after["due_at"] = _plain(proposed)
            row.due_at = proposed
            row.appointment_at = proposed
            if "received_at" in after:
                row.status_at = received_at
        if not after:
            raise InvalidInputError("Không có thông tin nào thay đổi.")
        tx.add(row)
        dossier_repo.add_event(
            tx,
            DossierEventRow(
                dossier_id=row.id,
                at=datetime.now().replace(microsecond=0),
                kind=EventKind.CORRECTED.value,
                actor=actor if ws.actor.system else ws.actor.display,
                counter=ws.counter,
                recorded_by=ws.actor.username,
                note=reason,
                data_json=json.dumps({"before": before, "after": after}, ensure_ascii=False),
            ),
        )
        audit_log.record_dossier(tx, ws, AuditAction.CORRECTION, row, before=before, after=after)
        record = record_of(row)
    return CorrectionResult(record, tuple(after), proposed, due_moved)


def _check_birth_against_id(correction: Correction, stored_id_number: str) -> None:
    """A new date of birth must agree with the ID number's century and year digits, as at intake."""
    birth = correction.applicant_birth_date
    if birth is None or birth == NO_BIRTH_DATE:
        return
    check = check_person_id(correction.applicant_id_number or stored_id_number, birth)
    if check.error:
        raise InvalidInputError(check.error)


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
