"""The agency's settings: names on the forms, the signer, printing and rule choices."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.calendar import OfficeSchedule
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.text import nfc
from cchc_desktop.services import audit_log
from cchc_desktop.services.calendar import check_schedules, replace_schedules
from cchc_desktop.services.permissions import require
from cchc_desktop.storage import settings_repo
from cchc_desktop.storage.database import Database

if TYPE_CHECKING:  # the workspace reads the settings when it opens
    from cchc_desktop.services.workspace import Workspace

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

# What every printed form names: the agency, the place, the clerk and the signer, in the order the
# first-run dialog asks for them, with the words the clerk sees.
REQUIRED_FOR_PRINT = {
    "commune_name": "tên xã",
    "province_name": "tỉnh/thành phố",
    "agency_identifier": "mã định danh cơ quan",
    "place_name": "địa danh",
    "clerk_name": "công chức tiếp nhận",
    "signer_name": "họ tên người ký",
}
# Earlier versions seeded every new database with this example agency (xã Đại Hợp). A database that
# still holds all of it, with no clerk or signer typed in, was never set up.
OLD_EXAMPLE_AGENCY = {
    "commune_name": "Đại Hợp",
    "province_name": "Hải Phòng",
    "agency_identifier": "000.00.00.H00",
    "place_name": "Đại Hợp",
    "clerk_name": "",
    "signer_name": "",
}
# The identifier is opaque (provinces re-issue them): only letters, digits and dots, such as 000.17.22.H56.
_IDENTIFIER = re.compile(r"[A-Za-z0-9]+(\.[A-Za-z0-9]+)*")
IDENTIFIER_MAX_LENGTH = 40
SETTINGS_MENU = "Hệ thống → Thông tin cơ quan và giờ làm việc…"


class AgencyNotSetUpError(UserFacingError):
    """The agency's details needed on a printed form (or in a dossier code) are not filled in yet."""

    exit_code = 2
    command_line_hint = "Trên dòng lệnh: cchc agency --commune … --province … (xem cchc agency --help)."


@dataclass(frozen=True)
class AgencySettings:
    commune_name: str = ""
    province_name: str = ""
    unit_style: str = "new"  # "new" (since 1/7/2025) or "old"
    agency_identifier: str = ""
    counter_name: str = "Quầy số 1"
    counter_phone: str = ""
    clerk_name: str = ""
    signer_name: str = ""
    signer_title: str = "CHỦ TỊCH"
    signer_authority: str = "TM. ỦY BAN NHÂN DÂN"
    place_name: str = ""
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
        if not self.province_name.strip():
            errors["province_name"] = "Nhập tên tỉnh/thành phố."
        if not self.agency_identifier.strip():
            errors["agency_identifier"] = "Nhập mã định danh của cơ quan (dùng trong mã hồ sơ)."
        elif any(ch.isspace() for ch in self.agency_identifier.strip()):
            errors["agency_identifier"] = "Mã định danh không được chứa khoảng trắng."
        elif not _IDENTIFIER.fullmatch(self.agency_identifier.strip()) or (
            len(self.agency_identifier.strip()) > IDENTIFIER_MAX_LENGTH
        ):
            errors["agency_identifier"] = (
                "Mã định danh chỉ gồm chữ cái không dấu, chữ số và dấu chấm, "
                "ví dụ 000.17.22.H56 (xem văn bản cấp mã của tỉnh)."
            )
        if not self.place_name.strip():
            errors["place_name"] = "Nhập địa danh ghi ở dòng ngày tháng."
        if not self.clerk_name.strip():
            errors["clerk_name"] = "Nhập họ tên công chức tiếp nhận (ký trên giấy tiếp nhận)."
        if not self.signer_name.strip():
            errors["signer_name"] = "Nhập họ tên người ký văn bản."
        if self.receipt_copies not in (1, 2, 3):
            errors["receipt_copies"] = "Số liên giấy tiếp nhận phải từ 1 đến 3."
        if self.paper_size not in ("A4", "A5"):
            errors["paper_size"] = "Khổ giấy phải là A4 hoặc A5."
        return errors

    def is_old_example(self) -> bool:
        """True for the example agency an older version seeded, never edited since."""
        return all(getattr(self, name) == value for name, value in OLD_EXAMPLE_AGENCY.items())

    def missing_fields(self) -> list[str]:
        """The names (of `REQUIRED_FOR_PRINT`) still to fill in; all of them on an old example seed."""
        if self.is_old_example():
            return list(REQUIRED_FOR_PRINT)
        return [name for name in REQUIRED_FOR_PRINT if not str(getattr(self, name)).strip()]

    def missing_for_print(self) -> list[str]:
        """What a printed form still lacks, as the clerk calls it ("tên xã", …); empty when set up."""
        return [REQUIRED_FOR_PRINT[name] for name in self.missing_fields()]

    def require_for_print(self) -> None:
        """Raise `AgencyNotSetUpError`, naming what is missing, unless every form can be printed."""
        missing = self.missing_for_print()
        if missing:
            raise AgencyNotSetUpError(
                f"Chưa in được vì thông tin cơ quan chưa đủ: còn thiếu {', '.join(missing)}. "
                f"Vào {SETTINGS_MENU} để nhập, rồi in lại."
            )

    def require_for_code(self) -> None:
        """Raise `AgencyNotSetUpError` unless a dossier code can be given (it starts with the identifier)."""
        if "agency_identifier" in self.missing_fields():
            raise AgencyNotSetUpError(
                "Chưa lưu được: mã hồ sơ cần mã định danh của cơ quan, chưa được nhập. "
                f"Vào {SETTINGS_MENU} để nhập, rồi lưu lại (hồ sơ đang nhập vẫn giữ nguyên)."
            )


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
    ws: Workspace, settings: AgencySettings, schedules: list[OfficeSchedule] | None = None
) -> AgencySettings:
    """Store every field (and the office hours, when given) in one transaction with the audit entries
    (the changed fields, old → new; the hours as a CALENDAR entry); returns the stored (NFC-normalised)
    settings. Needs SETTINGS (and CALENDAR for the hours); the first run saves them as the system actor,
    before the first account exists. Invalid input raises `InvalidInputError` and writes nothing."""
    require(ws, Permission.SETTINGS)
    if schedules is not None:
        require(ws, Permission.CALENDAR)
    clean = settings_from_values(dataclasses.asdict(settings))
    errors = clean.validation_errors()
    if errors:
        raise InvalidInputError(" ".join(errors.values()))
    ordered = check_schedules(schedules) if schedules is not None else None
    with ws.db.write() as tx:
        stored = dataclasses.asdict(settings_from_values(settings_repo.read_all(tx)))
        wanted = dataclasses.asdict(clean)
        before = {key: stored[key] for key in wanted if stored[key] != wanted[key]}
        after = {key: wanted[key] for key in before}
        settings_repo.write_many(tx, wanted)
        if after:
            audit_log.record(
                tx, ws, AuditAction.SETTINGS, ObjectKind.SETTINGS, "", before=before, after=after
            )
        if ordered is not None:
            replace_schedules(tx, ws, ordered)
    if ordered is not None:
        ws.calendar_changed()
    return clean
