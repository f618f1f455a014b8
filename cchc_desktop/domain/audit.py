"""The audit log's entries and their hash chain.

Each entry's hash is SHA-256 over its own content and the previous entry's hash, so changing, deleting or
inserting an entry breaks the chain from that entry on. An entry about a dossier also carries the digest
of the dossier row as the change left it (`state_digest`): a row changed afterwards with plain SQL no
longer matches its last entry. Both are plain functions of stored text, so a verification on any engine,
in any process, recomputes the same values.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any

GENESIS_HASH = "0" * 64


class AuditAction(enum.StrEnum):
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    BASELINE = "baseline"
    INTAKE = "intake"
    DOSSIER_EVENT = "dossier_event"
    CORRECTION = "correction"
    IMPORT = "import"
    PRINT = "print"
    EXPORT = "export"
    REGISTER = "register"
    REPORT = "report"
    BACKUP = "backup"
    RESTORE = "restore"
    SETTINGS = "settings"
    CALENDAR = "calendar"
    CATALOGUE = "catalogue"
    ACCOUNT = "account"
    AUDIT_EXPORT = "audit_export"
    ATTACH = "attach"
    DETACH = "detach"


AUDIT_ACTION_LABELS = {
    AuditAction.SIGN_IN: "Đăng nhập",
    AuditAction.SIGN_IN_FAILED: "Đăng nhập không thành công",
    AuditAction.SIGN_OUT: "Đăng xuất",
    AuditAction.BASELINE: "Ghi nhận ban đầu",
    AuditAction.INTAKE: "Tiếp nhận hồ sơ",
    AuditAction.DOSSIER_EVENT: "Xử lý hồ sơ",
    AuditAction.CORRECTION: "Sửa thông tin hồ sơ",
    AuditAction.IMPORT: "Nhập dữ liệu",
    AuditAction.PRINT: "In phiếu",
    AuditAction.EXPORT: "Xuất dữ liệu",
    AuditAction.REGISTER: "In sổ, danh sách",
    AuditAction.REPORT: "Báo cáo CCHC",  # its text saved, the report printed or written to files
    AuditAction.BACKUP: "Sao lưu",
    AuditAction.RESTORE: "Khôi phục",
    AuditAction.SETTINGS: "Sửa thông tin cơ quan",
    AuditAction.CALENDAR: "Sửa lịch làm việc",
    AuditAction.CATALOGUE: "Sửa danh mục thủ tục",
    AuditAction.ACCOUNT: "Tài khoản",
    AuditAction.AUDIT_EXPORT: "Xuất nhật ký",
    AuditAction.ATTACH: "Gắn bản số hóa",
    AuditAction.DETACH: "Xóa bản số hóa",
}


class ObjectKind(enum.StrEnum):
    DOSSIER = "dossier"
    ACCOUNT = "account"
    SETTINGS = "settings"
    CALENDAR = "calendar"
    CATALOGUE = "catalogue"
    FILE = "file"
    DATABASE = "database"
    SESSION = "session"
    REPORT = "report"  # the annual CCHC report of a year


@dataclass(frozen=True)
class AuditContent:
    """What an entry says; `before`/`after` are JSON text exactly as stored."""

    seq: int
    at: datetime
    username: str
    user_name: str
    counter: str
    action: str
    object_kind: str
    object_key: str
    before: str
    after: str
    state_digest: str


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spacing; dates as ISO text. Control characters are escaped, so the
    text stores unchanged on both engines (PostgreSQL refuses a raw NUL)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


SEPARATOR = "\x1f"  # the unit separator; the app never writes it into a field


def entry_hash(previous_hash: str, content: AuditContent) -> str:
    return fields_hash(
        previous_hash,
        content.seq,
        content.at,
        content.username,
        content.user_name,
        content.counter,
        content.action,
        content.object_kind,
        content.object_key,
        content.before,
        content.after,
        content.state_digest,
    )


def fields_hash(previous_hash: str, seq: int, at: datetime, *texts: str) -> str:
    """SHA-256 over the fields joined by the unit separator. A field holding the separator itself (only
    written behind the app's back) makes the join ambiguous, so that content is hashed as a JSON list
    instead; the JSON text escapes the separator, so the two forms never meet."""
    parts = [previous_hash, str(seq), at.isoformat(timespec="microseconds"), *texts]
    text = SEPARATOR.join(parts)
    if text.count(SEPARATOR) != len(parts) - 1:
        text = json.dumps(parts, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _typed(value: Any) -> Any:
    if isinstance(value, datetime):
        return "t" + value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return "d" + value.isoformat()
    raise TypeError(f"not a column value: {type(value).__name__}")


# The C encoder; only dates and times go through Python (`_typed`). A million rows in a few seconds.
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_typed)


def state_digest(values: Mapping[str, Any]) -> str:
    """The digest of a dossier row's columns (all of them: names and values, in name order)."""
    keys = sorted(values)
    text = _ROW_ENCODER.encode([keys, [values[key] for key in keys]])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def with_digests(states: Iterable[Mapping[str, Any]]) -> Iterator[tuple[Mapping[str, Any], str]]:
    """Each state with its `state_digest`, for many rows of one table (an import, the log's check): the
    column names are sorted and encoded once while the rows keep the same columns, the values picked in
    C. The same text is hashed as by `state_digest`, so the digests are the same."""
    columns: frozenset[str] = frozenset()
    head = "[[],"
    pick: Callable[[Mapping[str, Any]], Any] | None = None  # None: fewer than two columns
    for values in states:
        if columns != values.keys():  # the dict's view compares as a set, in C
            names = sorted(values)
            columns = frozenset(names)
            head = "[" + _ROW_ENCODER.encode(names) + ","
            # itemgetter of one name gives the bare value, of none fails
            pick = itemgetter(*names) if len(names) > 1 else None
        if pick is None:
            yield values, state_digest(values)
            continue
        text = head + _ROW_ENCODER.encode(pick(values)) + "]"
        yield values, hashlib.sha256(text.encode("utf-8")).hexdigest()
