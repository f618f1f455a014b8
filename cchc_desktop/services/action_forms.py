"""Plain data of the forms printed by lifecycle actions: Mẫu 02 (supplement request), Mẫu 03 (refusal),
Mẫu 04 (apology and extension) and Mẫu 05 (stop notice), taken from the dossier and the event that
caused them."""

from __future__ import annotations

from datetime import datetime

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.documents import refusal, stop_notice, supplement_request
from cchc_desktop.documents.data import (
    ExtensionApologyData,
    FormHeader,
    Person,
    RefusalData,
    StopNoticeData,
    SupplementRequestData,
)
from cchc_desktop.documents.extension_apology import commune_header
from cchc_desktop.domain.lifecycle import Action, event_label
from cchc_desktop.services.records import DossierRecord, EventRecord
from cchc_desktop.services.settings import AgencySettings


def _latest(events: list[EventRecord], action: Action) -> EventRecord:
    for event in reversed(events):
        if event.kind == action.value:
            return event
    raise InvalidInputError(
        f"Hồ sơ chưa có bước “{event_label(action.value)}” nên chưa có biểu mẫu này để in."
    )


def _header(settings: AgencySettings, suffix: str, day: datetime) -> FormHeader:
    return FormHeader(settings.parent_body, settings.unit_name, suffix, settings.place_name, day.date())


def _applicant(record: DossierRecord) -> Person:
    return Person(
        record.applicant_name,
        record.applicant_id_number,
        record.applicant_address,
        record.applicant_phone,
        record.applicant_email,
    )


def supplement_request_data(
    record: DossierRecord, settings: AgencySettings, events: list[EventRecord], reprint: int
) -> SupplementRequestData:
    event = _latest(events, Action.REQUEST_SUPPLEMENT)
    guide = event.actor or settings.clerk_name
    return SupplementRequestData(
        header=_header(settings, supplement_request.number_suffix(settings.unit_abbreviation), event.at),
        dossier_code=record.code,
        applicant=_applicant(record),
        procedure_name=record.procedure_name,
        items=tuple(str(item) for item in event.data.get("items", [])),
        reason=event.note,
        contact_name=guide,
        contact_phone=settings.counter_phone,
        guide_name=guide,
        reprint_number=reprint,
    )


def refusal_data(
    record: DossierRecord, settings: AgencySettings, events: list[EventRecord], reprint: int
) -> RefusalData:
    event = _latest(events, Action.REFUSE)
    return RefusalData(
        header=_header(settings, refusal.number_suffix(settings.unit_abbreviation), event.at),
        receiving_unit=settings.receiving_unit,
        dossier_code=record.code,
        applicant=_applicant(record),
        procedure_name=record.procedure_name,
        reason=event.note,
        receiver_name=event.actor or settings.clerk_name,
        reprint_number=reprint,
    )


def extension_data(
    record: DossierRecord, settings: AgencySettings, events: list[EventRecord], reprint: int
) -> ExtensionApologyData:
    event = _latest(events, Action.EXTEND)
    return ExtensionApologyData(
        header=commune_header(settings.commune_name, settings.place_name, event.at.date()),
        agency_name=f"Ủy ban nhân dân xã {settings.commune_name}",
        applicant=_applicant(record),
        dossier_code=record.code,
        procedure_name=record.procedure_name,
        received_at=record.received_at,
        original_due_at=datetime.fromisoformat(str(event.data["previous_appointment"])),
        new_due_at=datetime.fromisoformat(str(event.data["appointment_at"])),
        reason=event.note,
        signer_authority=settings.signer_authority,
        signer_title=settings.signer_title,
        signer_name=settings.signer_name,
        reprint_number=reprint,
    )


def stop_notice_data(
    record: DossierRecord, settings: AgencySettings, events: list[EventRecord], reprint: int
) -> StopNoticeData:
    event = _latest(events, Action.STOP)
    return StopNoticeData(
        header=_header(settings, stop_notice.number_suffix(settings.unit_abbreviation), event.at),
        receiving_unit=settings.receiving_unit,
        applicant=_applicant(record),
        dossier_code=record.code,
        procedure_name=record.procedure_name,
        received_at=record.received_at,
        requested_at=datetime.fromisoformat(str(event.data["requested_at"])),
        returned_items=str(event.data.get("returned_items", "")),
        signer_title=settings.signer_title,
        signer_name=settings.signer_name,
        reprint_number=reprint,
    )
