"""What the clerk records at intake, and the checks it must pass before anything is stored."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cchc_desktop.domain.dossiers import Channel, PaymentMethod, ResultDelivery
from cchc_desktop.domain.identifiers import check_email, check_person_id, check_phone, normalize_phone
from cchc_desktop.domain.text import nfc

# A receipt time this far before "now" is a back-entry and needs a reason.
BACK_ENTRY_TOLERANCE = timedelta(minutes=30)
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_NAME_LENGTH = 120
MAX_ADDRESS_LENGTH = 250
# Nobody filing today was born earlier; a 12-digit citizen ID cannot record an earlier century either.
EARLIEST_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True)
class ReceivedItem:
    """One paper as received: its name, kind (bản chính / bản sao …), how many, and whether the procedure
    requires it (an optional paper the citizen brought need not be digitised for the dossier to count as
    fully digitised)."""

    name: str
    kind: str
    count: int = 1
    required: bool = True


@dataclass(frozen=True)
class IntakeRequest:
    procedure_code: str
    applicant_name: str
    applicant_id_number: str
    received_at: datetime
    documents: tuple[ReceivedItem, ...]
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_address: str = ""
    applicant_birth_date: date | None = None
    applicant_gender: str = ""
    submitter_name: str = ""
    submitter_id_number: str = ""
    submitter_phone: str = ""
    submitter_address: str = ""
    authorisation_document: str = ""
    channel: Channel = Channel.DIRECT
    result_delivery: ResultDelivery = ResultDelivery.COUNTER
    set_count: int = 1
    fee_amount: int = 0
    fee_exempt: bool = False
    fee_exempt_reason: str = ""
    payment_method: PaymentMethod = PaymentMethod.NONE
    back_entry_reason: str = ""
    clerk_name: str = ""
    note: str = ""

    def normalised(self) -> IntakeRequest:
        """Every text field in NFC with outer spaces removed; phones in 0xxxxxxxxx form."""
        changes: dict[str, object] = {}
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if isinstance(value, str) and not isinstance(value, Channel | ResultDelivery | PaymentMethod):
                changes[item.name] = nfc(value)
        changes["applicant_name"] = " ".join(nfc(self.applicant_name).split())
        changes["applicant_phone"] = (
            normalize_phone(self.applicant_phone) if self.applicant_phone.strip() else ""
        )
        changes["submitter_phone"] = (
            normalize_phone(self.submitter_phone) if self.submitter_phone.strip() else ""
        )
        changes["documents"] = tuple(
            ReceivedItem(nfc(d.name), nfc(d.kind), d.count, d.required) for d in self.documents if d.count > 0
        )
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def birth_date_error(birth: date | None, today: date) -> str | None:
    """Why a date of birth (optional) cannot be right: in the future, or before 1900."""
    if birth is None:
        return None
    shown = f"{birth.day:02d}/{birth.month:02d}/{birth.year:04d}"
    if birth > today:
        return f"Ngày sinh {shown} ở sau hôm nay ({today:%d/%m/%Y}): kiểm tra lại ngày sinh."
    if birth < EARLIEST_BIRTH:
        return f"Ngày sinh {shown} trước năm {EARLIEST_BIRTH.year}: kiểm tra lại năm sinh."
    return None


def intake_errors(request: IntakeRequest, now: datetime) -> dict[str, str]:
    """Field name → Vietnamese message saying what to fix. Empty when the request may be saved."""
    r = request.normalised()
    errors: dict[str, str] = {}
    if not r.procedure_code:
        errors["procedure_code"] = "Chọn thủ tục hành chính."
    if not r.applicant_name:
        errors["applicant_name"] = "Nhập họ tên người nộp hồ sơ (hoặc tên tổ chức)."
    elif len(r.applicant_name) > MAX_NAME_LENGTH:
        errors["applicant_name"] = (
            f"Họ tên quá dài ({len(r.applicant_name)} ký tự, tối đa {MAX_NAME_LENGTH})."
        )
    birth_error = birth_date_error(r.applicant_birth_date, now.date())
    if birth_error:
        errors["applicant_birth_date"] = birth_error
    # A birth date that is itself wrong is not held against the ID number as well.
    birth = None if birth_error else r.applicant_birth_date
    id_check = check_person_id(r.applicant_id_number, birth, r.applicant_gender or None)
    if id_check.error:
        errors["applicant_id_number"] = id_check.error
    for name, message in (
        ("applicant_phone", check_phone(r.applicant_phone)),
        ("applicant_email", check_email(r.applicant_email)),
    ):
        if message:
            errors[name] = message
    if len(r.applicant_address) > MAX_ADDRESS_LENGTH:
        errors["applicant_address"] = f"Địa chỉ quá dài (tối đa {MAX_ADDRESS_LENGTH} ký tự)."
    if r.submitter_name:
        submitter_id = check_person_id(r.submitter_id_number)
        if submitter_id.error:
            errors["submitter_id_number"] = f"Người được ủy quyền: {submitter_id.error}"
        if not r.authorisation_document:
            errors["authorisation_document"] = "Ghi văn bản ủy quyền (số, ngày) của người nộp thay."
        phone_error = check_phone(r.submitter_phone)
        if phone_error:
            errors["submitter_phone"] = phone_error
    if not r.documents:
        errors["documents"] = "Đánh dấu ít nhất một giấy tờ đã nhận (thành phần hồ sơ)."
    if r.set_count < 1:
        errors["set_count"] = "Số lượng hồ sơ phải từ 1 bộ trở lên."
    if r.received_at > now + FUTURE_TOLERANCE:
        errors["received_at"] = "Thời gian nhận hồ sơ không được sau thời điểm hiện tại."
    elif r.received_at < now - BACK_ENTRY_TOLERANCE and not r.back_entry_reason:
        errors["back_entry_reason"] = "Nhập lý do vào sổ muộn (thời gian nhận sớm hơn hiện tại)."
    if r.fee_exempt and not r.fee_exempt_reason:
        errors["fee_exempt_reason"] = "Nhập lý do miễn, giảm phí, lệ phí."
    if r.fee_amount < 0:
        errors["fee_amount"] = "Phí, lệ phí không được âm."
    elif r.fee_amount > 0 and not r.fee_exempt and r.payment_method is PaymentMethod.NONE:
        errors["payment_method"] = "Chọn hình thức nộp phí, lệ phí (tiền mặt, chuyển khoản, trực tuyến)."
    return errors
