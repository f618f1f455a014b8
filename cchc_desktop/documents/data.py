"""Plain input of the printed forms. The services layer fills these; the renderers only read them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from cchc_desktop.domain.text import nfc

# A register number (volume, row) a dossier does not have: one that came in by import.
NO_NUMBER = "—"
# The documents of a dossier without a list recorded at the counter (it came in by import).
ELECTRONIC_DOCUMENTS = "Theo hồ sơ điện tử"


@dataclass(frozen=True)
class FormHeader:
    parent_body: str  # "UBND XÃ ĐẠI HỢP"
    unit_name: str  # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" or "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
    number_suffix: str  # "" for Mẫu 01 ("Số: …/"), "PKS-TTPVHCC" for Mẫu 06
    place_name: str  # "Đại Hợp"
    issued_on: date
    number: str = ""  # the document number when one is allocated; "" leaves dots to fill in by hand


@dataclass(frozen=True)
class ReceivedDocument:
    name: str
    kind: str  # bản chính / bản sao / bản chứng thực / bản photo
    count: int


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ReceiptData:
    header: FormHeader
    dossier_code: str  # "000.00.00.H00-260125-0001"
    receiving_unit: str  # "Trung tâm Phục vụ hành chính công xã Đại Hợp"
    applicant: Person
    submitter: Person | None  # the authorised person who files, with authorisation_document
    authorisation_document: str
    procedure_name: str
    documents: tuple[ReceivedDocument, ...]  # () prints one row ELECTRONIC_DOCUMENTS
    set_count: int
    duration_text: str  # "03 ngày làm việc" / "Trong ngày"
    received_at: datetime
    due_at: datetime
    result_delivery: str  # the counter, or "Qua dịch vụ bưu chính công ích"
    register_volume: str  # "2026"; "" (imported) prints NO_NUMBER
    register_row: int | None  # None (imported) prints NO_NUMBER
    fee_text: str  # "8.000 đồng (tiền mặt)" or "Không thu"
    receiver_name: str  # the clerk; "" leaves the line for a handwritten name
    paper_size: str = "A4"  # "A4" | "A5"
    copies: int = 2
    reprint_number: int = 0  # 0 first print; n ≥ 1 marks every page "BẢN IN LẠI LẦN n"
    counter: str = ""  # the counter that took the dossier in ("Quầy 2 – Hộ tịch"); "" prints no line
    digitised: tuple[int, ...] = ()  # the numbers (from 1) of the documents scanned at the counter
    digitised_pages: int = 0


@dataclass(frozen=True)
class HandOver:
    giver_unit: str
    giver: str
    taker_unit: str
    taker: str
    at: datetime | None
    result: str = ""  # "trước hạn" / "đúng hạn" / "quá hạn" or ""
    note: str = ""


@dataclass(frozen=True)
class ControlSlipData:
    header: FormHeader
    dossier_code: str
    resolving_body: str  # "Cơ quan (bộ phận) giải quyết hồ sơ"
    coordinating_body: str  # "Cơ quan phối hợp giải quyết hồ sơ" (may be "")
    received_at: datetime
    due_at: datetime
    hand_overs: tuple[HandOver, ...]  # known hand-overs, the first one from "Bộ phận TN&TKQ"
    reprint_number: int = 0


@dataclass(frozen=True)
class SupplementRequestData:
    """Mẫu 02. `dossier_code` is "" when the request is made at the counter before intake."""

    header: FormHeader  # number_suffix "PBS-TTPVHCC"
    dossier_code: str
    applicant: Person
    procedure_name: str
    items: tuple[str, ...]  # each missing or faulty paper, in full
    reason: str
    contact_name: str  # whom to call while completing the dossier
    contact_phone: str
    guide_name: str  # the clerk who signs as NGƯỜI HƯỚNG DẪN; "" leaves room to write it
    reprint_number: int = 0


@dataclass(frozen=True)
class RefusalData:
    """Mẫu 03."""

    header: FormHeader  # number_suffix "PTC-TTPVHCC"
    receiving_unit: str  # "Trung tâm Phục vụ hành chính công xã Đại Hợp"
    dossier_code: str  # "" when the dossier was never recorded ("Mã hồ sơ (nếu có)")
    applicant: Person
    procedure_name: str
    reason: str
    receiver_name: str
    reprint_number: int = 0


@dataclass(frozen=True)
class ExtensionApologyData:
    """Mẫu 04, issued by the commune People's Committee (see extension_apology.commune_header)."""

    header: FormHeader  # parent_body "ỦY BAN NHÂN DÂN", unit_name "XÃ ĐẠI HỢP", number_suffix "PXL"
    agency_name: str  # "Ủy ban nhân dân xã Đại Hợp", as written in running text
    applicant: Person
    dossier_code: str
    procedure_name: str
    received_at: datetime
    original_due_at: datetime
    new_due_at: datetime
    reason: str
    signer_authority: str  # "TM. ỦY BAN NHÂN DÂN"
    signer_title: str  # "CHỦ TỊCH"
    signer_name: str
    reprint_number: int = 0


@dataclass(frozen=True)
class StopNoticeData:
    """Mẫu 05 (draft layout: the official one was not available)."""

    header: FormHeader  # number_suffix "TBD-TTPVHCC"
    receiving_unit: str
    applicant: Person
    dossier_code: str
    procedure_name: str
    received_at: datetime
    requested_at: datetime  # when the applicant asked to stop
    returned_items: str  # originals, fees returned, as the sector's law says; free text
    signer_title: str  # "GIÁM ĐỐC", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" ...
    signer_name: str
    reprint_number: int = 0


@dataclass(frozen=True)
class RegisterRow:
    number: int | None  # Số thứ tự in the volume; None (imported, never entered) prints NO_NUMBER
    code: str
    procedure_name: str
    applicant_name: str
    address_phone: str
    resolving_body: str
    received_at: datetime
    appointment_at: datetime
    returned_at: datetime | None
    delivery: str  # "Trực tiếp", "Trực tuyến", "Qua dịch vụ bưu chính công ích"


@dataclass(frozen=True)
class RegisterData:
    """Mẫu 07 for a period."""

    header: FormHeader  # number_suffix "STD-TTPVHCC"
    volume: str  # "Quyển số"
    date_from: date
    date_to: date
    rows: tuple[RegisterRow, ...]


@dataclass(frozen=True)
class DailyRow:
    code: str
    procedure_name: str
    applicant_name: str
    time: datetime  # received: the receipt time; due next: the due time
    holder: str = ""  # who has the dossier now ("Đang ở")
    status: str = ""
    due_at: datetime | None = None  # received dossiers: the appointment ("Hẹn trả")


@dataclass(frozen=True)
class DailyListData:
    header: FormHeader
    day: date
    next_working_day: date
    received: tuple[DailyRow, ...]
    due_next: tuple[DailyRow, ...]


T = TypeVar("T")


def normalized(value: T) -> T:
    """The same value with every string NFC-normalised and trimmed (input methods may type decomposed
    Vietnamese letters, which print as separate accents and defeat text search in the PDF)."""
    return _normalize(value)  # type: ignore[no-any-return]


def _normalize(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, tuple):
        return tuple(_normalize(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {field.name: _normalize(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value
