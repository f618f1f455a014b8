"""Dossier rows this version cannot read: changed behind the app's back (a status, channel or payment
word it does not know, JSON that does not parse, a time that is not a time).

SQLAlchemy turns a row into Python values as it loads it, and a bad time raises there, before any
service could catch it; the enums and JSON raise a little later, in every service that reads a row. So
the faults are found in SQL, in one place: `sound()` is the condition lists and exports add to skip such
rows, `faults_of` describes them for the health check, the report's refusal and the dossier screens.
The messages name the field, never its content (it may hold personal data).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.dossiers import Channel, DossierStatus, PaymentMethod, ResultDelivery
from cchc_desktop.storage.sql_dialect import POSTGRESQL, SQLITE, dialect_of, false_sql, json_readable

T = TypeVar("T")
FAULTY_MARK = "Lỗi dữ liệu"
# PostgreSQL's errors for text that is not JSON: invalid_text_representation, untranslatable_character.
_UNREADABLE_JSON = frozenset({"22P02", "22P05"})
_DATE_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*"


def _one_of(column: str, values: type[Any], dialect: str) -> str:
    words = ", ".join(f"'{member.value}'" for member in values)
    return f"coalesce({{d}}.{column} IN ({words}), {false_sql(dialect)})"


def _is_time(column: str, required: bool, dialect: str) -> str:
    if dialect == POSTGRESQL:
        return "true"  # a timestamp column holds nothing but times
    # SQLite also reads 'now' and Julian day numbers as times; the app's readers want YYYY-MM-DD....
    test = f"(datetime({{d}}.{column}) IS NOT NULL AND {{d}}.{column} GLOB '{_DATE_GLOB}')"
    return test if required else f"({{d}}.{column} IS NULL OR {test})"


def _json_readable(column: str, guarded: bool) -> str:
    """`sql_dialect.json_readable` on PostgreSQL as a template (its regular expressions' braces kept);
    "true" when not `guarded`: the caller casts blindly and handles the error (see `faults_of`)."""
    if not guarded:
        return "true"
    return json_readable("\x00", POSTGRESQL).replace("{", "{{").replace("}", "}}").replace("\x00", column)


# The received documents as `services.records` reads them: a JSON array of {"name", "kind", "count"}
# objects. Valid JSON of another shape (`{}`, a list of strings) is as unreadable as broken JSON.
# (json_type raises on malformed JSON, hence the CASE.)
_SQLITE_DOCUMENTS_READABLE = (
    "CASE WHEN coalesce(json_valid({d}.documents_json), 0) AND json_type({d}.documents_json) = 'array'"
    " THEN NOT EXISTS (SELECT 1 FROM json_each({d}.documents_json) AS j WHERE j.type != 'object'"
    " OR json_type(j.value, '$.name') IS NOT 'text' OR json_type(j.value, '$.kind') IS NOT 'text'"
    " OR json_type(j.value, '$.count') IS NOT 'integer')"
    " ELSE 0 END"
)


def _postgresql_documents_readable(guarded: bool) -> str:
    """The same on PostgreSQL: cast only behind the validity test (a CASE: its order is guaranteed), and
    an integer is a JSON number written without fraction or exponent, as SQLite's json_type 'integer'."""
    return (
        "CASE WHEN NOT (" + _json_readable("{d}.documents_json", guarded) + ") THEN false"
        " WHEN json_typeof(CAST({d}.documents_json AS json)) <> 'array' THEN false"
        " ELSE NOT EXISTS (SELECT 1 FROM json_array_elements(CAST({d}.documents_json AS json)) AS j(v)"
        " WHERE json_typeof(j.v) <> 'object'"
        " OR coalesce(json_typeof(j.v -> 'name'), '') <> 'string'"
        " OR coalesce(json_typeof(j.v -> 'kind'), '') <> 'string'"
        " OR coalesce(json_typeof(j.v -> 'count'), '') <> 'number'"
        " OR CAST(j.v -> 'count' AS text) !~ '^-?[0-9]+$')"
        " END"
    )


_DOCUMENTS_PROBLEM = "danh sách giấy tờ hỏng"


def _events_readable(dialect: str, guarded: bool) -> str:
    if dialect == POSTGRESQL:
        return (
            "NOT EXISTS (SELECT 1 FROM dossier_event AS e WHERE e.dossier_id = {d}.id"
            " AND CASE WHEN " + _json_readable("e.data_json", guarded) + " THEN"
            " json_typeof(CAST(e.data_json AS json)) <> 'object' ELSE true END)"
        )
    return (
        "NOT EXISTS (SELECT 1 FROM dossier_event AS e WHERE e.dossier_id = {d}.id"
        " AND (NOT coalesce(json_valid(e.data_json), 0) OR json_type(e.data_json) != 'object'"
        " OR datetime(e.at) IS NULL"
        f" OR e.at NOT GLOB '{_DATE_GLOB}'))"
    )


@cache
def _checks(dialect: str, guarded: bool = True) -> tuple[tuple[str, str], ...]:
    """(Vietnamese description, SQL that is true for a sound row); `{d}` is the dossier table or its alias.
    `guarded` False (PostgreSQL): JSON is cast without the costly validity test first."""
    documents = (
        _postgresql_documents_readable(guarded) if dialect == POSTGRESQL else _SQLITE_DOCUMENTS_READABLE
    )
    return (
        ("trạng thái không hợp lệ", _one_of("status", DossierStatus, dialect)),
        ("kênh nộp không hợp lệ", _one_of("channel", Channel, dialect)),
        ("hình thức thanh toán không hợp lệ", _one_of("payment_method", PaymentMethod, dialect)),
        ("hình thức trả kết quả không hợp lệ", _one_of("result_delivery", ResultDelivery, dialect)),
        (_DOCUMENTS_PROBLEM, documents),
        ("thời điểm tiếp nhận không đọc được", _is_time("received_at", True, dialect)),
        (
            "hạn giải quyết không đọc được",
            _is_time("due_at", True, dialect) + " AND " + _is_time("original_due_at", True, dialect),
        ),
        ("ngày hẹn trả không đọc được", _is_time("appointment_at", True, dialect)),
        (
            "thời điểm đổi trạng thái không đọc được",
            " AND ".join(
                (
                    _is_time("status_at", True, dialect),
                    _is_time("resolved_at", False, dialect),
                    _is_time("returned_at", False, dialect),
                )
            ),
        ),
        ("quá trình giải quyết hỏng", _events_readable(dialect, guarded)),
    )


def _report_checks(dialect: str, guarded: bool) -> tuple[tuple[str, str], ...]:
    """What the statistics read: everything but the received documents (whose check is the costly one)."""
    return tuple(check for check in _checks(dialect, guarded) if check[0] != _DOCUMENTS_PROBLEM)


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


def sound(session: Session, guarded: bool = True) -> ColumnElement[bool]:
    """A WHERE term on the `dossier` table, true for the rows this version can read; unguarded only
    inside `json_fallback`."""
    sound_sql = " AND ".join(f"({sql})" for _, sql in _checks(dialect_of(session), guarded))
    return cast(ColumnElement[bool], text(_sql(sound_sql, "dossier")))


def json_fallback(session: Session, run: Callable[[bool], T]) -> T:
    """`run(guarded)`: on SQLite with True; on PostgreSQL first with False (JSON cast without the validity
    test, which costs tens of microseconds a row in regular expressions), and again with True only when
    some row's JSON did not parse, which aborts that statement (rolled back to a savepoint)."""
    if dialect_of(session) == SQLITE:
        return run(True)
    try:
        with session.begin_nested():
            return run(False)
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) not in _UNREADABLE_JSON:
            raise
    return run(True)


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
    dialect = dialect_of(session)
    return json_fallback(
        session, lambda guarded: _faults(session, dialect, guarded, code, ids, open_or_received_since)
    )


def _faults(
    session: Session,
    dialect: str,
    guarded: bool,
    code: str | None,
    ids: Sequence[int] | None,
    open_or_received_since: datetime | None,
) -> list[DossierFault]:
    checks = _checks(dialect, guarded) if open_or_received_since is None else _report_checks(dialect, guarded)
    flags = ", ".join(f"NOT ({_sql(sql, 'd')})" for _, sql in checks)
    where = "NOT (" + " AND ".join(f"({_sql(sql, 'd')})" for _, sql in checks) + ")"
    parameters: dict[str, Any] = {}
    if code is not None:
        where += " AND d.code = :code"
        parameters["code"] = code
    if ids is not None:
        where += f" AND d.id IN ({', '.join(str(int(id_)) for id_ in ids) or 'NULL'})"
    if open_or_received_since is not None:
        # On SQLite, also the times that are text sorting before any date (on PostgreSQL all are times).
        text_before_dates = " OR d.received_at < '1'" if dialect == SQLITE else ""
        where += (
            f" AND (d.received_at >= :since{text_before_dates}"
            " OR d.resolved_at >= :since OR d.resolved_at IS NULL)"
        )
        parameters["since"] = open_or_received_since.strftime("%Y-%m-%d %H:%M:%S.%f")
    order = "d.code" if dialect == SQLITE else 'd.code COLLATE "C"'
    query = text(f"SELECT d.code, {flags} FROM dossier AS d WHERE {where} ORDER BY {order}")
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
