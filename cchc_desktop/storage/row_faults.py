"""Dossier rows this version cannot read: changed behind the app's back (a status, channel or payment
word it does not know, JSON that does not parse, a time that is not a time).

SQLAlchemy turns a row into Python values as it loads it, and a bad time raises there, before any
service could catch it; the enums and JSON raise a little later, in every service that reads a row. So
the faults are found in SQL, in one place: `sound()` is the condition lists and exports add to skip such
rows, `faults_of` describes them for the health check, the report's refusal and the dossier screens.
The messages name the field, never its content (it may hold personal data).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, text
from sqlmodel import Session

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.dossiers import Channel, DossierStatus, PaymentMethod, ResultDelivery

FAULTY_MARK = "Lỗi dữ liệu"
_DATE_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*"


def _one_of(column: str, values: type[Any]) -> str:
    words = ", ".join(f"'{member.value}'" for member in values)
    return f"coalesce({{d}}.{column} IN ({words}), 0)"


def _is_time(column: str, required: bool) -> str:
    # SQLite also reads 'now' and Julian day numbers as times; the app's readers want YYYY-MM-DD....
    test = f"(datetime({{d}}.{column}) IS NOT NULL AND {{d}}.{column} GLOB '{_DATE_GLOB}')"
    return test if required else f"({{d}}.{column} IS NULL OR {test})"


# The received documents as `services.records` reads them: a JSON array of {"name", "kind", "count"}
# objects. Valid JSON of another shape (`{}`, a list of strings) is as unreadable as broken JSON.
# (json_type raises on malformed JSON, hence the CASE.)
_DOCUMENTS_READABLE = (
    "CASE WHEN coalesce(json_valid({d}.documents_json), 0) AND json_type({d}.documents_json) = 'array'"
    " THEN NOT EXISTS (SELECT 1 FROM json_each({d}.documents_json) AS j WHERE j.type != 'object'"
    " OR json_type(j.value, '$.name') IS NOT 'text' OR json_type(j.value, '$.kind') IS NOT 'text'"
    " OR json_type(j.value, '$.count') IS NOT 'integer')"
    " ELSE 0 END"
)

# (Vietnamese description, SQL that is true for a sound row); `{d}` is the dossier table or its alias.
_CHECKS: tuple[tuple[str, str], ...] = (
    ("trạng thái không hợp lệ", _one_of("status", DossierStatus)),
    ("kênh nộp không hợp lệ", _one_of("channel", Channel)),
    ("hình thức thanh toán không hợp lệ", _one_of("payment_method", PaymentMethod)),
    ("hình thức trả kết quả không hợp lệ", _one_of("result_delivery", ResultDelivery)),
    ("danh sách giấy tờ hỏng", _DOCUMENTS_READABLE),
    ("thời điểm tiếp nhận không đọc được", _is_time("received_at", True)),
    ("hạn giải quyết không đọc được", _is_time("due_at", True) + " AND " + _is_time("original_due_at", True)),
    ("ngày hẹn trả không đọc được", _is_time("appointment_at", True)),
    (
        "thời điểm đổi trạng thái không đọc được",
        " AND ".join(
            (_is_time("status_at", True), _is_time("resolved_at", False), _is_time("returned_at", False))
        ),
    ),
    (
        "quá trình giải quyết hỏng",
        "NOT EXISTS (SELECT 1 FROM dossier_event AS e WHERE e.dossier_id = {d}.id"
        " AND (NOT coalesce(json_valid(e.data_json), 0) OR json_type(e.data_json) != 'object'"
        " OR datetime(e.at) IS NULL"
        f" OR e.at NOT GLOB '{_DATE_GLOB}'))",
    ),
)
_SOUND_SQL = " AND ".join(f"({sql})" for _, sql in _CHECKS)
# What the statistics read: everything but the received documents (whose check is the costly one).
_REPORT_CHECKS = tuple(check for check in _CHECKS if check[1] is not _DOCUMENTS_READABLE)


def _sql(template: str, alias: str) -> str:
    return template.format(d=alias)


@dataclass(frozen=True)
class DossierFault:
    code: str
    problems: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.code}: {', '.join(self.problems)}"


class FaultyDossierError(UserFacingError):
    """The dossier asked for is one of the rows this version cannot read."""


def sound() -> ColumnElement[bool]:
    """A WHERE term on the `dossier` table, true for the rows this version can read."""
    return cast(ColumnElement[bool], text(_sql(_SOUND_SQL, "dossier")))


def faults_of(
    session: Session,
    *,
    code: str | None = None,
    ids: Sequence[int] | None = None,
    open_or_received_since: datetime | None = None,
) -> list[DossierFault]:
    """Every faulty dossier in code order; or the one with `code`; or those of `ids`; or those a report of a period
    starting at `open_or_received_since` reads (received since then, resolved since then or still
    open), together with those whose times are text that sorts outside the dates: found through the
    indexes on received_at and resolved_at instead of reading every dossier, and checked only for what
    the statistics read (not the list of received documents)."""
    checks = _CHECKS if open_or_received_since is None else _REPORT_CHECKS
    flags = ", ".join(f"NOT ({_sql(sql, 'd')})" for _, sql in checks)
    where = "NOT (" + " AND ".join(f"({_sql(sql, 'd')})" for _, sql in checks) + ")"
    parameters: dict[str, Any] = {}
    if code is not None:
        where += " AND d.code = :code"
        parameters["code"] = code
    if ids is not None:
        where += f" AND d.id IN ({', '.join(str(int(id_)) for id_ in ids) or 'NULL'})"
    if open_or_received_since is not None:
        where += (
            " AND (d.received_at >= :since OR d.received_at < '1'"
            " OR d.resolved_at >= :since OR d.resolved_at IS NULL)"
        )
        parameters["since"] = open_or_received_since.strftime("%Y-%m-%d %H:%M:%S.%f")
    query = text(f"SELECT d.code, {flags} FROM dossier AS d WHERE {where} ORDER BY d.code")
    faults = []
    for found_code, *bad in session.connection().execute(query, parameters):
        problems = tuple(name for (name, _), is_bad in zip(checks, bad, strict=True) if is_bad)
        faults.append(DossierFault(str(found_code), problems))
    return faults


def refuse_if_faulty(session: Session, code: str) -> None:
    """`FaultyDossierError` when the dossier `code` cannot be read; call before loading it."""
    found = faults_of(session, code=code)
    if found:
        raise FaultyDossierError(faulty_dossier_message(found[0]))


def faulty_dossier_message(fault: DossierFault) -> str:
    return (
        f"Hồ sơ {fault.code} có {FAULTY_MARK.lower()} ({', '.join(fault.problems)}): dữ liệu đã bị sửa "
        "ngoài phần mềm. Các hồ sơ khác vẫn dùng bình thường; hãy khôi phục từ bản sao lưu hoặc báo cho "
        "bộ phận hỗ trợ để sửa hồ sơ này."
    )
