"""Build a realistic database of many dossiers (default 200,000 over ten years) for the benchmarks.

The mix follows a commune's year: mostly same-day certifications, then civil status, social protection
and a few long procedures; mostly online since 2023; nearly all resolved, a few late, the last weeks
still open. Rows go in through SQL in bulk (the intake service would take minutes for 200,000); the
number sequences are set so that new intakes continue after them.

    python bench/generate.py bench/data/cchc-200k.sqlite3 --count 200000
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sqlite3
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.deadlines import compute_due
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


def build_database(path: Path, count: int = 200_000, years: int = 10, seed: int = 20261125) -> Path:
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    workspace = open_workspace(resolve_paths(str(path)))
    save_settings(workspace, dataclasses.replace(workspace.settings(), **BENCH_AGENCY))
    calendar = workspace.calendar
    identifier = workspace.settings().agency_identifier
    procedures = procedures_in_force(workspace.db, date(2026, 1, 1))
    workspace.close()
    by_field: dict[str, list] = {}
    for procedure in procedures:
        by_field.setdefault(procedure.field, []).append(procedure)
    fields = list(FIELD_WEIGHTS)
    weights = [FIELD_WEIGHTS[f] for f in fields]

    end = datetime(2026, 11, 20, 17, 0)
    start = end - timedelta(days=365 * years)
    span = (end - start).total_seconds()
    moments = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(count))
    daily: dict[str, int] = {}
    register: dict[str, int] = {}
    dossiers = []
    events = []
    for index, moment in enumerate(moments, start=1):
        moment = moment.replace(second=0, microsecond=0)
        procedure = rng.choice(by_field[rng.choices(fields, weights)[0]])
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
            )
        )
        events.append((index, received, "received", "Lê Văn Tâm"))
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO dossier (id, code, procedure_id, procedure_code, procedure_name, field_name, applicant_name,"
            " applicant_name_folded, applicant_id_number, applicant_phone, applicant_email, applicant_address,"
            " channel, documents_json, received_at, due_at, original_due_at, appointment_at, status, status_at,"
            " resolved_at, returned_at, fee_amount, payment_method, register_volume, register_row, resolving_body,"
            " submitter_name, submitter_id_number, submitter_phone, submitter_address, authorisation_document,"
            " result_delivery, set_count, fee_exempt, fee_exempt_reason, current_holder, note, imported)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'','','','','','counter',1,0,'','','',0)",
            [tuple(_sql(v) for v in row) for row in dossiers],
        )
        connection.executemany(
            "INSERT INTO dossier_event (dossier_id, at, kind, actor, giver, taker, note, data_json)"
            " VALUES (?,?,?,?,'','','','{}')",
            [tuple(_sql(v) for v in row) for row in events],
        )
        connection.executemany(
            "INSERT OR REPLACE INTO number_sequence (name, value) VALUES (?, ?)",
            [(f"dossier:{identifier}:{day}", value) for day, value in daily.items()]
            + [(f"register:{volume}", value) for volume, value in register.items()],
        )
    connection.close()
    _audit_as_imported(path, len(dossiers))
    return path


def _audit_as_imported(path: Path, count: int) -> None:
    """The generated dossiers enter the audit log as an import's would (one entry each, with the row's
    digest), so the database verifies like one filled by the app."""
    workspace = open_workspace(resolve_paths(str(path)))
    try:
        with workspace.db.write() as tx:
            audit_log.record_dossiers(tx, SYSTEM_ACTOR, "", AuditAction.IMPORT, range(1, count + 1))
    finally:
        workspace.close()


def _sql(value: object) -> object:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--count", type=int, default=200_000)
    args = parser.parse_args()
    started = time.perf_counter()
    build_database(args.path, args.count)
    print(f"{args.count} dossiers in {args.path} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
