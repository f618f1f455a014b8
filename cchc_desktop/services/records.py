"""Plain, read-only views of stored dossiers for screens, commands and documents (never ORM rows)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cchc_desktop.domain.dossiers import Channel, DossierStatus, PaymentMethod, ResultDelivery
from cchc_desktop.domain.intake import ReceivedItem
from cchc_desktop.storage.tables import DossierEventRow, DossierRow


@dataclass(frozen=True)
class DossierRecord:
    id: int
    code: str
    procedure_id: int | None
    procedure_code: str
    procedure_name: str
    field_name: str
    applicant_name: str
    applicant_id_number: str
    applicant_phone: str
    applicant_email: str
    applicant_address: str
    applicant_birth_date: date | None
    submitter_name: str
    submitter_id_number: str
    submitter_phone: str
    submitter_address: str
    authorisation_document: str
    channel: Channel
    result_delivery: ResultDelivery
    set_count: int
    documents: tuple[ReceivedItem, ...]
    received_at: datetime
    due_at: datetime
    original_due_at: datetime
    appointment_at: datetime
    status: DossierStatus
    status_at: datetime
    resolved_at: datetime | None
    returned_at: datetime | None
    fee_amount: int
    fee_exempt: bool
    fee_exempt_reason: str
    payment_method: PaymentMethod
    register_volume: str
    register_row: int | None
    resolving_body: str
    current_holder: str
    note: str
    counter: str = ""  # the counter that took it in ("Quầy 2 – Hộ tịch"), "" when not known
    version: int = 1  # what an action on this record passes as `expected_version`
    assignee: str = ""  # username of the specialist it was handed to ("" when nobody holds it)


@dataclass(frozen=True)
class EventRecord:
    at: datetime
    kind: str
    actor: str
    giver: str
    taker: str
    note: str
    data: dict[str, Any]
    counter: str = ""  # the counter that recorded the event
    recorded_by: str = ""  # the username of the account that recorded it ("" before accounts existed)


def documents_to_json(documents: tuple[ReceivedItem, ...]) -> str:
    return json.dumps(
        [
            {"name": d.name, "kind": d.kind, "count": d.count} | ({} if d.required else {"required": False})
            for d in documents
        ],
        ensure_ascii=False,
    )


def documents_from_json(documents_json: str) -> tuple[ReceivedItem, ...]:
    """The received documents as stored; a line without "required" (written before it existed) is required."""
    return tuple(
        ReceivedItem(d["name"], d["kind"], int(d["count"]), d.get("required", True) is not False)
        for d in json.loads(documents_json)
    )


def record_of(row: DossierRow) -> DossierRecord:
    assert row.id is not None
    return DossierRecord(
        id=row.id,
        code=row.code,
        procedure_id=row.procedure_id,
        procedure_code=row.procedure_code,
        procedure_name=row.procedure_name,
        field_name=row.field_name,
        applicant_name=row.applicant_name,
        applicant_id_number=row.applicant_id_number,
        applicant_phone=row.applicant_phone,
        applicant_email=row.applicant_email,
        applicant_address=row.applicant_address,
        applicant_birth_date=row.applicant_birth_date,
        submitter_name=row.submitter_name,
        submitter_id_number=row.submitter_id_number,
        submitter_phone=row.submitter_phone,
        submitter_address=row.submitter_address,
        authorisation_document=row.authorisation_document,
        channel=Channel(row.channel),
        result_delivery=ResultDelivery(row.result_delivery),
        set_count=row.set_count,
        documents=documents_from_json(row.documents_json),
        received_at=row.received_at,
        due_at=row.due_at,
        original_due_at=row.original_due_at,
        appointment_at=row.appointment_at,
        status=DossierStatus(row.status),
        status_at=row.status_at,
        resolved_at=row.resolved_at,
        returned_at=row.returned_at,
        fee_amount=row.fee_amount,
        fee_exempt=row.fee_exempt,
        fee_exempt_reason=row.fee_exempt_reason,
        payment_method=PaymentMethod(row.payment_method),
        register_volume=row.register_volume,
        register_row=row.register_row,
        resolving_body=row.resolving_body,
        current_holder=row.current_holder,
        note=row.note,
        counter=row.counter,
        version=row.version,
        assignee=row.assignee,
    )


def event_of(row: DossierEventRow) -> EventRecord:
    return EventRecord(
        row.at,
        row.kind,
        row.actor,
        row.giver,
        row.taker,
        row.note,
        json.loads(row.data_json),
        row.counter,
        row.recorded_by,
    )
