"""The agency's settings: names on the forms, the signer, printing and rule choices."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from typing import Any

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.domain.calendar import OfficeSchedule
from cchc_desktop.domain.text import nfc
from cchc_desktop.services.calendar import check_schedules
from cchc_desktop.storage import calendar_repo, settings_repo
from cchc_desktop.storage.database import Database

UNIT_NAMES = {
    "new": "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    "old": "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
}
# The same names as written inside a sentence ("… tiếp nhận hồ sơ của").
UNIT_NAMES_IN_TEXT = {
    "new": "Trung tâm Phục vụ hành chính công",
    "old": "Bộ phận Tiếp nhận và Trả kết quả",
}
# Suffix part of form numbers such as "Số: …/PKS-TTPVHCC".
UNIT_ABBREVIATIONS = {"new": "TTPVHCC", "old": "BPTNTKQ"}


@dataclass(frozen=True)
class AgencySettings:
    commune_name: str = "Đại Hợp"
    province_name: str = "Hải Phòng"
    unit_style: str = "new"  # "new" (since 1/7/2025) or "old"
    agency_identifier: str = "000.00.00.H00"
    counter_name: str = "Quầy số 1"
    counter_phone: str = ""
    clerk_name: str = ""
    signer_name: str = ""
    signer_title: str = "CHỦ TỊCH"
    signer_authority: str = "TM. ỦY BAN NHÂN DÂN"
    place_name: str = "Đại Hợp"
    register_volume: str = ""  # empty: the year of receipt
    receipt_copies: int = 2
    paper_size: str = "A4"  # A4 | A5
    supplement_mode: str = "restart"  # restart | pause
    classification_rule: str = "session"  # session | day

    @property
    def parent_body(self) -> str:
        """ "UBND XÃ ĐẠI HỢP", the line above the unit on every form."""
        return f"UBND XÃ {self.commune_name.upper()}"

    @property
    def unit_name(self) -> str:
        return UNIT_NAMES.get(self.unit_style, UNIT_NAMES["new"])

    @property
    def unit_abbreviation(self) -> str:
        return UNIT_ABBREVIATIONS.get(self.unit_style, UNIT_ABBREVIATIONS["new"])

    @property
    def receiving_unit(self) -> str:
        """ "Trung tâm Phục vụ hành chính công xã Đại Hợp", as written in running text."""
        name = UNIT_NAMES_IN_TEXT.get(self.unit_style, UNIT_NAMES_IN_TEXT["new"])
        return f"{name} xã {self.commune_name}"

    def validation_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.commune_name.strip():
            errors["commune_name"] = "Nhập tên xã."
        if not self.agency_identifier.strip():
            errors["agency_identifier"] = "Nhập mã định danh của cơ quan (dùng trong mã hồ sơ)."
        if any(ch.isspace() for ch in self.agency_identifier.strip()):
            errors["agency_identifier"] = "Mã định danh không được chứa khoảng trắng."
        if not self.place_name.strip():
            errors["place_name"] = "Nhập địa danh ghi ở dòng ngày tháng."
        if self.receipt_copies not in (1, 2, 3):
            errors["receipt_copies"] = "Số liên giấy tiếp nhận phải từ 1 đến 3."
        if self.paper_size not in ("A4", "A5"):
            errors["paper_size"] = "Khổ giấy phải là A4 hoặc A5."
        return errors


def settings_from_values(values: dict[str, Any]) -> AgencySettings:
    known = {f.name: f for f in fields(AgencySettings)}
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if key in known:
            clean[key] = nfc(value) if isinstance(value, str) else value
    return AgencySettings(**clean)


def load_settings(db: Database) -> AgencySettings:
    with db.read() as tx:
        return settings_from_values(settings_repo.read_all(tx))


def save_settings(
    db: Database, settings: AgencySettings, schedules: list[OfficeSchedule] | None = None
) -> AgencySettings:
    """Store every field (and the office hours, when given) in one transaction; returns the stored
    (NFC-normalised) settings. Invalid input raises `InvalidInputError` and writes nothing."""
    clean = settings_from_values(dataclasses.asdict(settings))
    errors = clean.validation_errors()
    if errors:
        raise InvalidInputError(" ".join(errors.values()))
    ordered = check_schedules(schedules) if schedules is not None else None
    with db.write() as tx:
        settings_repo.write_many(tx, dataclasses.asdict(clean))
        if ordered is not None:
            calendar_repo.replace_schedules(tx, ordered)
    return clean
