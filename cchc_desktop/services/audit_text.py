"""The audit log's stored values as a reader sees them: Vietnamese names for the fields, the states,
roles and kinds in words, dates the Vietnamese way, and a change as "field: old → new".

Entries keep their before/after as canonical JSON (domain/audit.py) written by many services; a key or
value this module does not know is shown as stored rather than hidden.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from cchc_desktop.domain.audit import AUDIT_ACTION_LABELS, AuditAction, ObjectKind
from cchc_desktop.domain.dossiers import EVENT_LABELS, STATUS_LABELS
from cchc_desktop.domain.lifecycle import ACTION_LABELS
from cchc_desktop.domain.roles import ROLE_LABELS

OBJECT_LABELS = {
    ObjectKind.DOSSIER: "Hồ sơ",
    ObjectKind.ACCOUNT: "Tài khoản",
    ObjectKind.SETTINGS: "Thông tin cơ quan",
    ObjectKind.CALENDAR: "Lịch làm việc",
    ObjectKind.CATALOGUE: "Danh mục thủ tục",
    ObjectKind.FILE: "Tệp",
    ObjectKind.DATABASE: "Cơ sở dữ liệu",
    ObjectKind.SESSION: "Phiên làm việc",
    ObjectKind.REPORT: "Báo cáo",
}

FIELD_LABELS = {
    # agency settings (services/settings.py)
    "commune_name": "Tên xã",
    "province_name": "Tỉnh/thành phố",
    "unit_style": "Tên bộ phận",
    "agency_identifier": "Mã định danh cơ quan",
    "counter_name": "Tên quầy",
    "counter_phone": "Điện thoại quầy",
    "clerk_name": "Công chức tiếp nhận",
    "signer_name": "Người ký",
    "signer_title": "Chức danh người ký",
    "signer_authority": "Thẩm quyền ký",
    "place_name": "Địa danh",
    "register_volume": "Quyển sổ",
    "receipt_copies": "Số liên giấy tiếp nhận",
    "paper_size": "Khổ giấy",
    "supplement_mode": "Thời hạn khi bổ sung hồ sơ",
    "classification_rule": "Cách phân loại đúng hạn",
    "schedules": "Giờ làm việc",
    "idle_lock_minutes": "Tự khóa màn hình sau (phút)",
    "auto_sign_in_username": "Tự động đăng nhập",
    # calendar
    "day": "Ngày",
    "kind": "Loại",
    "name": "Tên",
    "legal_basis": "Căn cứ",
    "valid_from": "Áp dụng từ",
    # accounts and sessions
    "username": "Tên đăng nhập",
    "full_name": "Họ tên",
    "position": "Chức vụ",
    "roles": "Vai trò",
    "active": "Đang hoạt động",
    "password": "Mật khẩu",
    "note": "Ghi chú",
    # the catalogue
    "code": "Mã thủ tục",
    "effective_from": "Áp dụng từ",
    "duration": "Thời hạn giải quyết",
    "duration_text": "Thời hạn theo văn bản",
    "field": "Lĩnh vực",
    "max_extension_days": "Gia hạn tối đa (ngày)",
    "fee_amount": "Mức thu (đồng)",
    "fee_text": "Phí, lệ phí",
    "fee_exemptions": "Miễn, giảm phí",
    "resolving_body": "Cơ quan giải quyết",
    "documents": "Thành phần hồ sơ",
    "result": "Kết quả",
    "decision": "Quyết định công bố",
    "retired_from": "Bãi bỏ từ",
    # dossiers
    "procedure": "Thủ tục",
    "procedure_code": "Mã thủ tục",
    "applicant_name": "Họ tên người nộp",
    "applicant_id_number": "Số định danh",
    "applicant_birth_date": "Ngày sinh",
    "applicant_phone": "Điện thoại",
    "applicant_email": "Email",
    "applicant_address": "Địa chỉ",
    "received_at": "Tiếp nhận lúc",
    "due_at": "Hạn trả kết quả",
    "status": "Trạng thái",
    "action": "Việc",
    "at": "Lúc",
    "form": "Mẫu",
    # digitised papers
    "attachment": "Bản số hóa số",
    "attachments": "Số bản số hóa",
    "scans": "Số bản số hóa",
    "scans_lost": "Hồ sơ thiếu bản số hóa",
    "document": "Giấy tờ số",
    "pages": "Số trang",
    "bytes": "Dung lượng (byte)",
    "sha256": "Mã băm SHA-256",
    "reason": "Lý do",
    # files, backups, reports
    "output": "Hình thức",
    "printer": "Máy in",
    "file": "Tệp",
    "files": "Tệp",
    "folder": "Thư mục",
    "rows": "Số dòng",
    "dossiers": "Số hồ sơ",
    "entries": "Số mục",
    "year": "Năm",
    "period": "Kỳ",
    "period_from": "Từ ngày",
    "period_to": "Đến ngày",
    "filter": "Bộ lọc",
    "revision": "Lược đồ",
    "previous": "Dữ liệu trước khi khôi phục",
    "text": "Nội dung",
}

VALUE_LABELS: dict[str, str] = {
    **{status.value: label for status, label in STATUS_LABELS.items()},
    **{action.value: label for action, label in ACTION_LABELS.items()},
    **{kind.value: label for kind, label in EVENT_LABELS.items()},
    "day_off": "Ngày nghỉ",
    "make_up_workday": "Ngày làm bù",
}
ROLE_VALUE_LABELS = {role.value: label for role, label in ROLE_LABELS.items()}
NOTHING = "(trống)"
UNCHANGED = "(không thay đổi)"
REMOVED = "đã xóa"


def action_label(action: str) -> str:
    try:
        return AUDIT_ACTION_LABELS[AuditAction(action)]
    except ValueError:
        return action


def object_text(kind: str, key: str) -> str:
    """ "Hồ sơ 000.00.00.H00-260302-0001", "Tài khoản nguyenvana", "Thông tin cơ quan"."""
    try:
        label = OBJECT_LABELS[ObjectKind(kind)]
    except ValueError:
        label = kind
    return f"{label} {key}" if key else label


def parse_stored(text: str) -> Any:
    """The stored JSON value; None for an empty column. Text that is not JSON (written by hand) is
    returned as it is."""
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key)


_FIELD_ORDER = {key: index for index, key in enumerate(FIELD_LABELS)}


def _ordered(keys: Iterable[str]) -> list[str]:
    """Fields in the order the forms show them (the stored JSON sorts them by name); unknown ones last."""
    return sorted(keys, key=lambda key: (_FIELD_ORDER.get(key, len(_FIELD_ORDER)), key))


def value_text(value: Any, key: str = "") -> str:
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, list | tuple):
        if key == "roles":
            return ", ".join(ROLE_VALUE_LABELS.get(str(item), str(item)) for item in value) or NOTHING
        return "; ".join(value_text(item) for item in value) or NOTHING
    if isinstance(value, Mapping):
        return ", ".join(f"{field_label(k)}: {value_text(value[k], k)}" for k in _ordered(value)) or NOTHING
    if isinstance(value, str):
        return VALUE_LABELS.get(value) or _moment_text(value) or value
    return str(value)


def _moment_text(value: str) -> str | None:
    """ISO dates and times the Vietnamese way; None for any other text."""
    if len(value) < 10 or not value[:4].isdigit() or value[4] != "-":
        return None
    try:
        if len(value) == 10:
            return f"{date.fromisoformat(value):%d/%m/%Y}"
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return f"{moment:%H:%M %d/%m/%Y}"


def values_text(value: Any) -> str:
    """One side (before or after) of an entry: "Tên xã: Đại Hợp; Khổ giấy: A4"; "" when nothing."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return "; ".join(f"{field_label(k)}: {value_text(value[k], k)}" for k in _ordered(value))
    return value_text(value)


def change_text(before: Any, after: Any) -> str:
    """What the entry changed: the differing fields as "field: old → new"; one side alone as its
    fields; "" when the entry records neither."""
    if isinstance(before, Mapping) and isinstance(after, Mapping):
        keys = _ordered({*before, *after})
        changed = [
            f"{field_label(key)}: {value_text(before.get(key), key)} → {value_text(after.get(key), key)}"
            for key in keys
            if before.get(key) != after.get(key)
        ]
        return "; ".join(changed) or UNCHANGED
    if before is not None and after is not None:
        return f"{values_text(before)} → {values_text(after)}"
    if before is not None:
        return f"{REMOVED}: {values_text(before)}"
    return values_text(after)
