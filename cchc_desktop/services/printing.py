"""Printed documents of a stored dossier: build the forms' plain data, render, and log every print.

A print is prepared (rendered, with "BẢN IN LẠI LẦN n" when the form was printed before) and, once it
has gone to the printer or a file, recorded as an event of the dossier with its audit entry (the form
and where it went). Both need PRINT on the dossier: a specialist prints only the dossiers handed to them.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from cchc_desktop.core.errors import NotFoundError
from cchc_desktop.documents.data import (
    ControlSlipData,
    FormHeader,
    HandOver,
    Person,
    ReceiptData,
    ReceivedDocument,
)
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.dossiers import (
    PAYMENT_LABELS,
    RESULT_DELIVERY_LABELS,
    EventKind,
    PaymentMethod,
    ResultDelivery,
)
from cchc_desktop.domain.lifecycle import COUNTER_UNIT, HAND_OVER_KINDS
from cchc_desktop.domain.resolving_body import resolving_body_name
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.vn_format import money
from cchc_desktop.services import audit_log
from cchc_desktop.services.permissions import require
from cchc_desktop.services.records import DossierRecord, EventRecord, event_of, record_of
from cchc_desktop.services.settings import AgencySettings, settings_from_values
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import attachment_repo, catalogue_repo, dossier_repo, settings_repo
from cchc_desktop.storage.tables import DossierEventRow


class PrintedForm(enum.StrEnum):
    RECEIPT = "receipt"
    CONTROL_SLIP = "control_slip"
    SUPPLEMENT_REQUEST = "supplement_request"
    REFUSAL = "refusal"
    EXTENSION = "extension"
    STOP_NOTICE = "stop_notice"


PRINT_EVENTS = {
    PrintedForm.RECEIPT: EventKind.PRINTED_RECEIPT,
    PrintedForm.CONTROL_SLIP: EventKind.PRINTED_CONTROL_SLIP,
    PrintedForm.SUPPLEMENT_REQUEST: EventKind.PRINTED_SUPPLEMENT_REQUEST,
    PrintedForm.REFUSAL: EventKind.PRINTED_REFUSAL,
    PrintedForm.EXTENSION: EventKind.PRINTED_EXTENSION,
    PrintedForm.STOP_NOTICE: EventKind.PRINTED_STOP_NOTICE,
}
FORM_LABELS = {
    PrintedForm.RECEIPT: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    PrintedForm.CONTROL_SLIP: "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    PrintedForm.SUPPLEMENT_REQUEST: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    PrintedForm.REFUSAL: "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    PrintedForm.EXTENSION: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    PrintedForm.STOP_NOTICE: "Thông báo dừng giải quyết hồ sơ",
}


@dataclass(frozen=True)
class PrintJob:
    dossier_code: str
    form: PrintedForm
    reprint_number: int
    pdf: bytes


def fee_text(record: DossierRecord) -> str:
    if record.fee_exempt:
        return f"Miễn ({record.fee_exempt_reason})" if record.fee_exempt_reason else "Miễn"
    if record.fee_amount <= 0:
        return "Không thu"
    method = PAYMENT_LABELS.get(record.payment_method, "")
    return (
        f"{money(record.fee_amount)} ({method.lower()})"
        if record.payment_method is not PaymentMethod.NONE
        else money(record.fee_amount)
    )


def receipt_data(
    record: DossierRecord,
    settings: AgencySettings,
    duration_text: str,
    receiver: str,
    reprint_number: int,
    scanned_pages: Mapping[int, int] | None = None,
) -> ReceiptData:
    """`scanned_pages`: the pages digitised on each document line (from 0) that has any."""
    submitter = (
        Person(
            record.submitter_name,
            record.submitter_id_number,
            record.submitter_address,
            record.submitter_phone,
        )
        if record.submitter_name
        else None
    )
    return ReceiptData(
        header=FormHeader(
            parent_body=settings.parent_body,
            unit_name=settings.unit_name,
            number_suffix="",
            place_name=settings.place_name,
            issued_on=record.received_at.date(),
        ),
        dossier_code=record.code,
        receiving_unit=settings.receiving_unit,
        applicant=Person(
            record.applicant_name,
            record.applicant_id_number,
            record.applicant_address,
            record.applicant_phone,
            record.applicant_email,
        ),
        submitter=submitter,
        authorisation_document=record.authorisation_document,
        procedure_name=record.procedure_name,
        documents=tuple(ReceivedDocument(d.name, d.kind, d.count) for d in record.documents),
        set_count=record.set_count,
        duration_text=duration_text,
        received_at=record.received_at,
        due_at=record.appointment_at,
        result_delivery=settings.receiving_unit
        if record.result_delivery is ResultDelivery.COUNTER
        else RESULT_DELIVERY_LABELS[record.result_delivery],
        register_volume=record.register_volume,
        register_row=record.register_row,
        fee_text=fee_text(record),
        receiver_name=receiver,
        paper_size=settings.paper_size,
        copies=settings.receipt_copies,
        reprint_number=reprint_number,
        digitised=tuple(sorted(line + 1 for line in (scanned_pages or {}))),
        digitised_pages=sum((scanned_pages or {}).values()),
        counter=record.counter,
    )


def hand_overs_of(events: list[EventRecord]) -> tuple[HandOver, ...]:
    return tuple(
        HandOver(
            giver_unit=e.data.get("giver_unit", COUNTER_UNIT),
            giver=e.giver,
            taker_unit=e.data.get("taker_unit", ""),
            taker=e.taker,
            at=e.at,
            result=e.data.get("result", ""),
            note=e.note,
        )
        for e in events
        if e.kind in HAND_OVER_KINDS
    )


def control_slip_data(
    record: DossierRecord, settings: AgencySettings, events: list[EventRecord], reprint_number: int
) -> ControlSlipData:
    return ControlSlipData(
        header=FormHeader(
            parent_body=settings.parent_body,
            unit_name=settings.unit_name,
            number_suffix=f"PKS-{settings.unit_abbreviation}",
            place_name=settings.place_name,
            issued_on=record.received_at.date(),
        ),
        dossier_code=record.code,
        resolving_body=resolving_body_name(record.resolving_body, settings.commune_name),
        coordinating_body="",
        received_at=record.received_at,
        due_at=record.appointment_at,
        hand_overs=hand_overs_of(events),
        reprint_number=reprint_number,
    )


def prepare_print(ws: Workspace, code: str, form: PrintedForm) -> PrintJob:
    """Render `form` for the dossier `code`, marked as a reprint when it was printed before."""
    require(ws, Permission.PRINT)
    with ws.db.read() as tx:
        row = dossier_repo.by_code(tx, code.strip())
        if row is None:
            raise NotFoundError(f"Không tìm thấy hồ sơ mã {code.strip()}.")
        require(ws, Permission.PRINT, assignee=row.assignee)
        record = record_of(row)
        settings = settings_from_values(settings_repo.read_all(tx))
        settings.require_for_print()  # never a form with an empty (or the old example) agency
        events = [event_of(e) for e in dossier_repo.events_of(tx, record.id)]
        reprint_number = dossier_repo.count_events(tx, record.id, PRINT_EVENTS[form].value)
        procedure = catalogue_repo.procedure_by_id(tx, record.procedure_id) if record.procedure_id else None
        scanned: dict[int, int] = {}
        for attachment in attachment_repo.attachments_of(tx, record.id):
            scanned[attachment.document_index] = scanned.get(attachment.document_index, 0) + attachment.pages
    pdf = _render(
        form, record, settings, events, reprint_number, procedure.time_text if procedure else "", scanned
    )
    return PrintJob(record.code, form, reprint_number, pdf)


def _render(
    form: PrintedForm,
    record: DossierRecord,
    settings: AgencySettings,
    events: list[EventRecord],
    reprint: int,
    duration_text: str,
    scanned: Mapping[int, int],
) -> bytes:
    # ReportLab is imported here, not at start-up: the window must appear before it is loaded.
    if form is PrintedForm.RECEIPT:
        from cchc_desktop.documents.receipt import render_receipt

        receiver = (
            next((e.actor for e in events if e.kind == EventKind.RECEIVED.value), "") or settings.clerk_name
        )
        return render_receipt(receipt_data(record, settings, duration_text, receiver, reprint, scanned))
    if form is PrintedForm.CONTROL_SLIP:
        from cchc_desktop.documents.control_slip import render_control_slip

        return render_control_slip(control_slip_data(record, settings, events, reprint))
    from cchc_desktop.documents.extension_apology import render_extension_apology
    from cchc_desktop.documents.refusal import render_refusal
    from cchc_desktop.documents.stop_notice import render_stop_notice
    from cchc_desktop.documents.supplement_request import render_supplement_request
    from cchc_desktop.services import action_forms

    if form is PrintedForm.SUPPLEMENT_REQUEST:
        return render_supplement_request(
            action_forms.supplement_request_data(record, settings, events, reprint)
        )
    if form is PrintedForm.REFUSAL:
        return render_refusal(action_forms.refusal_data(record, settings, events, reprint))
    if form is PrintedForm.EXTENSION:
        return render_extension_apology(action_forms.extension_data(record, settings, events, reprint))
    return render_stop_notice(action_forms.stop_notice_data(record, settings, events, reprint))


def record_print(ws: Workspace, job: PrintJob, actor: str = "", target: str = "printer") -> None:
    """Log that `job` went to a printer or a file: the dossier's event (by `actor` on a database without
    accounts, else by the signed-in user's full name) and the audit entry naming the form and the target, in one transaction. The dossier row itself
    does not change."""
    require(ws, Permission.PRINT)
    with ws.db.write() as tx:
        row = dossier_repo.by_code(tx, job.dossier_code)
        if row is None or row.id is None:
            raise NotFoundError(f"Không tìm thấy hồ sơ mã {job.dossier_code}.")
        require(ws, Permission.PRINT, assignee=row.assignee)
        dossier_repo.add_event(
            tx,
            DossierEventRow(
                dossier_id=row.id,
                at=datetime.now().replace(microsecond=0),
                kind=PRINT_EVENTS[job.form].value,
                actor=actor if ws.actor.system else ws.actor.display,
                counter=ws.counter,
                recorded_by=ws.actor.username,
                note=f"In lại lần {job.reprint_number}" if job.reprint_number else "",
                data_json=json.dumps({"reprint_number": job.reprint_number, "target": target}),
            ),
        )
        audit_log.record(
            tx,
            ws,
            AuditAction.PRINT,
            ObjectKind.DOSSIER,
            row.code,
            after={
                "form": job.form.value,
                "form_name": FORM_LABELS[job.form],
                "reprint_number": job.reprint_number,
                "target": target,
            },
        )
