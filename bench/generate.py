"""Build a realistic database of many dossiers (default 200,000 over ten years) for the benchmarks.

The mix follows a commune's year: mostly same-day certifications, then civil status, social protection
and a few long procedures; mostly online since 2023. Rows go in through SQL in bulk (the intake service
would take minutes for 200,000); the number sequences are set so that new intakes continue after them.
Two profiles:

- tidy (the default): the history kept by the app itself; nearly all resolved, a few late, the last
  weeks still open, every dossier in the register with its documents and a "received" event.
- imported: the same ten years brought in from the online system, stored as an import stores them
  (`services/exchange.py`): no register rows, no documents received, result delivered online for the
  online ones, one "imported" event and one audit import entry each. 3 % never got a result date (still
  in processing or waiting for papers: open and overdue by years), 2 % closed 5-400 days after their
  due date, 5 % name a procedure the catalogue does not know (procedure_id NULL, code and name as the
  file has them, one with no code at all).

    python -m bench.generate bench/data/cchc-200k.sqlite3 --count 200000
    python -m bench.generate bench/data/cchc-200k-imported.sqlite3 --count 200000 --profile imported
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import random
import sqlite3
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.deadlines import compute_due
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.domain.roles import SYSTEM_ACTOR
from cchc_desktop.domain.text import fold
from cchc_desktop.services import audit_log
from cchc_desktop.services.catalogue import procedures_in_force
from cchc_desktop.services.settings import save_settings
from cchc_desktop.services.workspace import open_workspace

# The counter the benchmark database belongs to (a new database is not set up and prints nothing).
BENCH_AGENCY = {
    "commune_name": "Đại Hợp",
    "province_name": "Hải Phòng",
    "agency_identifier": "000.00.00.H00",
    "place_name": "Đại Hợp",
    "clerk_name": "Lê Văn Tâm",
    "signer_name": "Nguyễn Văn Hùng",
}

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Hữu", "Thu", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Phương",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
    "Ánh",
    "Đức",
    "Hằng",
    "Khánh",
]
VILLAGES = ["Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc", "Thôn Trung", "Khu dân cư số 3"]
FIELD_WEIGHTS = {
    "Chứng thực": 74,
    "Hộ tịch": 18,
    "Bảo trợ xã hội": 4,
    "Người có công": 1,
    "Xử lý đơn": 1,
    "Đăng ký kinh doanh": 1,
    "Xây dựng": 1,
}


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _citizen_id(rng: random.Random) -> str:
    return f"0{rng.choice(['01', '30', '31', '33', '34'])}{rng.choice('0123')}{rng.randint(50, 99):02d}{rng.randint(0, 999999):06d}"


PROFILES = ("tidy", "imported")
# The imported history: the share never closed in the online system (no result date, so they stay
# open and overdue by years), the share closed long after their due date, and the share whose
# procedure the catalogue does not know (kept by name, as an import keeps it).
NEVER_CLOSED = 0.03
LONG_OVERDUE = 0.02
UNKNOWN_PROCEDURE = 0.05
# Procedures of the old online system that the catalogue no longer lists (code, name, field); one has
# no code at all, as some exports leave it empty.
UNKNOWN_PROCEDURES = [
    ("1.001198", "Chứng thực bản sao từ bản chính (quy trình trước năm 2020)", "Chứng thực"),
    ("1.000893", "Đăng ký khai sinh (mẫu cũ)", "Hộ tịch"),
    ("2.000637", "Cấp bản sao trích lục hộ tịch (mẫu cũ)", "Hộ tịch"),
    ("1.003580", "Xác nhận hộ nghèo (thủ tục đã bãi bỏ)", "Bảo trợ xã hội"),
    ("", "Xác nhận lý lịch", "Chứng thực"),
]
IMPORTED_AT = datetime(2026, 11, 20, 17, 30)  # the moment the whole history came in
IMPORTED_FILE = "lich-su-dich-vu-cong.xlsx"

# Every column the generator writes, in the order of the rows it builds.
COLUMNS = (
    "id", "code", "procedure_id", "procedure_code", "procedure_name", "field_name", "applicant_name",
    "applicant_name_folded", "applicant_id_number", "applicant_phone", "applicant_email", "applicant_address",
    "channel", "documents_json", "received_at", "due_at", "original_due_at", "appointment_at", "status",
    "status_at", "resolved_at", "returned_at", "fee_amount", "payment_method", "register_volume",
    "register_row", "resolving_body", "result_delivery", "imported",
)  # fmt: skip


@dataclasses.dataclass
class _Rows:
    dossiers: Sequence[tuple[object, ...]]
    events: Sequence[tuple[object, ...]]
    sequences: list[tuple[str, int]]


def build_database(
    path: Path, count: int = 200_000, years: int = 10, seed: int = 20261125, profile: str = "tidy"
) -> Path:
    """`profile` "tidy" is a history kept by the app itself; "imported" one brought in from the online
    system (see the module's docstring)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    workspace = open_workspace(resolve_paths(str(path)))
    save_settings(workspace, dataclasses.replace(workspace.settings(), **BENCH_AGENCY))
    calendar = workspace.calendar
    identifier = workspace.settings().agency_identifier
    counter = workspace.counter
    procedures = procedures_in_force(workspace.db, date(2026, 1, 1))
    workspace.close()
    by_field: dict[str, list[Procedure]] = {}
    for procedure in procedures:
        by_field.setdefault(procedure.field, []).append(procedure)

    end = datetime(2026, 11, 20, 17, 0)
    start = end - timedelta(days=365 * years)
    span = (end - start).total_seconds()
    moments = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(count))
    if profile == "tidy":
        rows = _tidy_rows(rng, moments, end, by_field, calendar, identifier)
    else:
        with contextlib.closing(sqlite3.connect(path)) as connection:  # every version the import looks up
            known = {code for (code,) in connection.execute("SELECT code FROM procedure")}
        if any(code in known for code, _, _ in UNKNOWN_PROCEDURES):
            raise RuntimeError("an 'unknown' procedure of the imported profile is in the catalogue")
        rows = _imported_rows(rng, moments, end, by_field, calendar, identifier, counter)
    with sqlite3.connect(path) as connection:
        connection.executemany(
            f"INSERT INTO dossier ({', '.join(COLUMNS)}, submitter_name, submitter_id_number,"
            " submitter_phone, submitter_address, authorisation_document, set_count, fee_exempt,"
            " fee_exempt_reason, current_holder, note)"
            f" VALUES ({', '.join('?' * len(COLUMNS))}, '', '', '', '', '', 1, 0, '', '', '')",
            [tuple(_sql(v) for v in row) for row in rows.dossiers],
        )
        connection.executemany(
            "INSERT INTO dossier_event (dossier_id, at, kind, actor, counter, giver, taker, note, data_json)"
            " VALUES (?,?,?,?,?,'','','','{}')",
            [tuple(_sql(v) for v in row) for row in rows.events],
        )
        connection.executemany(
            "INSERT OR REPLACE INTO number_sequence (name, value) VALUES (?, ?)", rows.sequences
        )
    connection.close()
    if profile == "tidy":
        _audit_as_imported(path, len(rows.dossiers))
    else:
        _audit_as_imported(path, len(rows.dossiers), counter, {"file": IMPORTED_FILE})
    return path


def _field(rng: random.Random) -> str:
    return rng.choices(list(FIELD_WEIGHTS), list(FIELD_WEIGHTS.values()))[0]


def _tidy_rows(
    rng: random.Random,
    moments: list[datetime],
    end: datetime,
    by_field: dict[str, list[Procedure]],
    calendar: WorkingCalendar,
    identifier: str,
) -> _Rows:
    """Taken in at this counter: mostly same-day certifications, nearly all resolved in time, a few
    late, the last weeks still open; every dossier in the register."""
    daily: dict[str, int] = {}
    register: dict[str, int] = {}
    dossiers = []
    events = []
    for index, moment in enumerate(moments, start=1):
        moment = moment.replace(second=0, microsecond=0)
        procedure = rng.choice(by_field[_field(rng)])
        received = calendar.effective_receipt_time(moment) if rng.random() < 0.8 else moment
        due = compute_due(received, procedure.duration, calendar)
        day = f"{received:%y%m%d}"
        daily[day] = daily.get(day, 0) + 1
        volume = str(received.year)
        register[volume] = register.get(volume, 0) + 1
        online = rng.random() < (0.95 if received.year >= 2023 else 0.3)
        age_days = (end - received).days
        status, resolved, returned = "returned", None, None
        if age_days < 20 and rng.random() < 0.6:
            status = rng.choice(
                ["received", "in_processing", "in_processing", "result_ready", "waiting_supplement"]
            )
        elif rng.random() < 0.01:
            status = rng.choice(["refused", "withdrawn", "stopped"])
        if status in ("returned", "result_ready"):
            late = rng.random() < 0.01
            resolved = (
                due + timedelta(hours=rng.randint(1, 72))
                if late
                else received + (due - received) * rng.random()
            )
            resolved = resolved.replace(second=0, microsecond=0)
            if status == "returned":
                returned = resolved + timedelta(hours=rng.randint(0, 48))
        name = _name(rng)
        fee = procedure.fee_amount * rng.randint(1, 4) if procedure.fee_amount else 0
        payment = ("online" if online and rng.random() < 0.6 else "cash") if fee else "none"
        status_at = returned or resolved or received
        dossiers.append(
            (
                index,
                f"{identifier}-{day}-{daily[day]:04d}",
                procedure.id,
                procedure.code,
                procedure.name,
                procedure.field,
                name,
                fold(name),
                _citizen_id(rng),
                f"09{rng.randint(0, 99_999_999):08d}",
                "",
                f"{rng.choice(VILLAGES)}, xã Đại Hợp",
                "online" if online else "direct",
                json.dumps(
                    [{"name": d.name, "kind": d.kind, "count": d.count} for d in procedure.documents],
                    ensure_ascii=False,
                ),
                received,
                due,
                due,
                due,
                status,
                status_at,
                resolved,
                returned,
                fee,
                payment,
                volume,
                register[volume],
                procedure.resolving_body,
                "counter",
                0,
            )
        )
        events.append((index, received, "received", "Lê Văn Tâm", ""))
    sequences = [(f"dossier:{identifier}:{day}", value) for day, value in daily.items()]
    sequences += [(f"register:{volume}", value) for volume, value in register.items()]
    return _Rows(dossiers, events, sequences)


def _imported_rows(
    rng: random.Random,
    moments: list[datetime],
    end: datetime,
    by_field: dict[str, list[Procedure]],
    calendar: WorkingCalendar,
    identifier: str,
    counter: str,
) -> _Rows:
    """Ten years brought in from the online system, stored as `services/exchange.py` stores an import:
    no register row and no documents received, the result delivered the way the dossier came in, one
    "imported" event each. Some never got a result date (still in processing or waiting for papers, so
    open and overdue by years), some closed long after their due date, and some name a procedure the
    catalogue does not know (procedure_id NULL, code and name kept as in the file, the due date from the
    file)."""
    count = len(moments)
    never_closed = set(rng.sample(range(count), round(count * NEVER_CLOSED)))
    durations = {  # an unknown procedure's due date came with the file: as long as a like one's
        field: [p.duration for p in procedures if p.duration is not None]
        for field, procedures in by_field.items()
    }
    daily: dict[str, int] = {}
    dossiers = []
    events = []
    for index, moment in enumerate(moments, start=1):
        online = rng.random() < (0.95 if moment.year >= 2023 else 0.3)
        # The online system stamps an online submission when it arrives, a counter's during office hours.
        received = (moment if online else calendar.effective_receipt_time(moment)).replace(
            second=0, microsecond=0
        )
        if rng.random() < UNKNOWN_PROCEDURE:
            code, procedure_name, field = rng.choice(UNKNOWN_PROCEDURES)
            procedure_id, resolving_body, fee_amount = None, "", 0
            due = compute_due(received, rng.choice(durations[field]), calendar)
        else:
            procedure = rng.choice(by_field[_field(rng)])
            code, procedure_name, field = procedure.code, procedure.name, procedure.field
            procedure_id, resolving_body, fee_amount = (
                procedure.id,
                procedure.resolving_body,
                procedure.fee_amount,
            )
            due = compute_due(received, procedure.duration, calendar)
        day = f"{received:%y%m%d}"
        daily[day] = daily.get(day, 0) + 1
        status, resolved, returned, status_at = "returned", None, None, received
        if index - 1 in never_closed:
            status = rng.choice(["in_processing", "in_processing", "waiting_supplement"])
        elif (end - received).days < 20 and rng.random() < 0.6:
            status = rng.choice(
                ["received", "in_processing", "in_processing", "result_ready", "waiting_supplement"]
            )
        elif rng.random() < 0.01:
            status = rng.choice(["refused", "withdrawn", "stopped"])
            status_at = received + (due - received) * rng.random()
        if status in ("returned", "result_ready"):
            chance = rng.random()
            if chance < LONG_OVERDUE:
                resolved = due + timedelta(days=rng.randint(5, 400), hours=rng.randint(0, 8))
            elif chance < LONG_OVERDUE + 0.01:
                resolved = due + timedelta(hours=rng.randint(1, 72))
            else:
                resolved = received + (due - received) * rng.random()
            resolved = min(resolved.replace(second=0, microsecond=0), end)
            if status == "returned":
                returned = min(resolved + timedelta(hours=rng.randint(0, 48)), end)
            status_at = returned or resolved
        name = _name(rng)
        fee = fee_amount * rng.randint(1, 4) if fee_amount else 0
        payment = ("online" if online and rng.random() < 0.6 else "cash") if fee else "none"
        dossiers.append(
            (
                index,
                f"{identifier}-{day}-{daily[day]:04d}",
                procedure_id,
                code,
                procedure_name,
                field,
                name,
                fold(name),
                _citizen_id(rng),
                f"09{rng.randint(0, 99_999_999):08d}" if rng.random() < 0.9 else "",
                "",
                f"{rng.choice(VILLAGES)}, xã Đại Hợp",
                "online" if online else "direct",
                "[]",
                received,
                due,
                due,
                due,
                status,
                status_at.replace(second=0, microsecond=0),
                resolved,
                returned,
                fee,
                payment,
                "",
                None,
                resolving_body,
                "online" if online else "counter",
                1,
            )
        )
        events.append((index, IMPORTED_AT, "imported", "", counter))
    # The codes have the counter's own shape, so each day's counter moves past them, as an import does.
    sequences = [(f"dossier:{identifier}:{day}", value) for day, value in daily.items()]
    return _Rows(dossiers, events, sequences)


def _audit_as_imported(path: Path, count: int, counter: str = "", after: object = None) -> None:
    """The generated dossiers enter the audit log as an import's would (one entry each, with the row's
    digest), so the database verifies like one filled by the app."""
    workspace = open_workspace(resolve_paths(str(path)))
    try:
        with workspace.db.write() as tx:
            audit_log.record_dossiers(
                tx, SYSTEM_ACTOR, counter, AuditAction.IMPORT, range(1, count + 1), after
            )
    finally:
        workspace.close()


def _sql(value: object) -> object:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        default="tidy",
        help="tidy: kept by the app itself; imported: ten years brought in from the online system",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    build_database(args.path, args.count, profile=args.profile)
    print(f"{args.count} dossiers ({args.profile}) in {args.path} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
