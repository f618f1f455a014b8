"""The reporting service: the table of a period from the database, the dossiers behind each number, the
periods offered, the report's sentences, and the SQL checked against the dossier-by-dossier rule."""

from __future__ import annotations

import csv
import dataclasses
import json
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import delete

from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.calendar import DEFAULT_SCHEDULE, OfficeSchedule, Session
from cchc_desktop.domain.exchange_format import COLUMNS as FILE_COLUMNS
from cchc_desktop.domain.statistics import COLUMNS, build_statistics, recount
from cchc_desktop.domain.timeliness import TimelinessRule
from cchc_desktop.services import audit_log, reporting, workflow
from cchc_desktop.services.exchange import import_file
from cchc_desktop.services.settings import save_settings
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage.tables import DossierEventRow, DossierRow

MARCH = (date(2025, 3, 1), date(2025, 3, 31))
AFTER = datetime(2025, 4, 10, 9, 0)


def t(month: int, day: int, hour: int = 9, minute: int = 0) -> str:
    return f"2025-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"


IN = ("received_total", "received_online")
DIRECT = ("received_total", "received_direct_postal")
CARRIED = ("received_total", "carried_over")
WITHIN = ("in_progress_total", "in_progress_within")
OVERDUE = ("in_progress_total", "in_progress_overdue")
FEE = ("fee_dossiers",)
# code: (exchange-file values, the columns the dossier is counted in for March 2025 judged on 10/4)
ROWS: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "A": (
        {"procedure_code": "2.000815", "received_at": t(3, 10, 8), "resolved_at": t(3, 10, 10), "fee": "2000", "payment": "online"},
        (*IN, "resolved_total", "resolved_early", *FEE, "paid_online"),
    ),
    "B": (
        {"procedure_code": "2.000815", "channel": "direct", "received_at": t(3, 10, 8), "returned_at": t(3, 10, 14), "fee": "2000", "payment": "cash"},
        (*DIRECT, "resolved_total", "resolved_on_time", *FEE),
    ),
    "C": (
        {"procedure_code": "1.004873", "channel": "postal", "received_at": t(3, 10), "resolved_at": t(3, 14)},
        (*DIRECT, "resolved_total", "resolved_late"),
    ),
    "D": (  # carried over, resolved in the period
        {"procedure_code": "1.004873", "received_at": t(2, 26), "resolved_at": t(3, 3, 8)},
        (*CARRIED, "resolved_total", "resolved_on_time"),
    ),
    "E": ({"procedure_code": "1.001776", "received_at": t(2, 20)}, (*CARRIED, *OVERDUE)),
    "F": ({"procedure_code": "1.004873", "received_at": t(3, 11), "status": "từ chối", "status_at": t(3, 12)}, (*IN, "refused")),
    "G": ({"procedure_code": "1.004873", "received_at": t(3, 11), "status": "rút hồ sơ", "status_at": t(3, 13)}, (*IN, "withdrawn")),
    "H": ({"procedure_code": "1.004873", "received_at": t(3, 11), "status": "stopped", "status_at": t(3, 14)}, (*IN, "stopped")),
    "I": (  # due 19/3, waiting for a supplement since 18/3: never overdue
        {"procedure_code": "1.001776", "received_at": t(3, 10), "status": "chờ bổ sung", "status_at": t(3, 18)},
        (*IN, *WITHIN, "waiting_supplement"),
    ),
    "J": ({"procedure_code": "2.000815", "received_at": t(3, 31, 15, 30)}, (*IN, *WITHIN)),  # due 1/4 17:00
    "K": ({"procedure_code": "2.000815", "received_at": t(3, 31, 14, 30)}, (*IN, *OVERDUE)),  # due 31/3 17:00
    "L": ({"procedure_code": "1.004873", "received_at": t(3, 28), "resolved_at": t(4, 2, 8)}, (*IN, *WITHIN)),
    "M": ({"procedure_code": "1.004873", "received_at": t(2, 3), "status": "refused", "status_at": t(2, 5)}, ()),
    "N": ({"procedure_code": "2.000815", "received_at": t(4, 2, 8)}, ()),
    "O": ({"procedure_code": "1.004873", "received_at": t(2, 27), "status": "refused", "status_at": t(3, 4)}, (*CARRIED, "refused")),
}  # fmt: skip


def import_rows(ws: Workspace, folder: Path, rows: dict[str, dict[str, str]]) -> None:
    path = folder / "rows.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(FILE_COLUMNS))
        writer.writeheader()
        for code, values in rows.items():
            writer.writerow({"code": code, "applicant_name": "Trần Thị Bình", "channel": "online", **values})
    report = import_file(ws, path)
    assert report.ok and report.written, report.problems


@pytest.fixture
def march(workspace: Workspace, tmp_path: Path) -> Workspace:
    import_rows(workspace, tmp_path, {code: values for code, (values, _) in ROWS.items()})
    return workspace


def test_every_cell_counts_the_dossiers_expected(march: Workspace) -> None:
    stats = reporting.compute_statistics(march, *MARCH, now=AFTER)
    reporting.check(stats)
    for column in COLUMNS:
        expected = sorted(code for code, (_, columns) in ROWS.items() if column in columns)
        assert getattr(stats.totals, column) == len(expected), column
        assert sorted(reporting.dossiers_for_cell(march, MARCH, None, column, AFTER)) == expected, column
    assert stats.totals.online_payment_rate == 50.0
    assert list(stats.by_field) == ["Bảo trợ xã hội", "Chứng thực", "Hộ tịch"]
    assert stats.by_field["Bảo trợ xã hội"].carried_over == 1
    assert reporting.dossiers_for_cell(march, MARCH, "Hộ tịch", "refused", AFTER) == ["F", "O"]
    assert reporting.dossiers_for_cell(march, MARCH, "Không có", "received_total", AFTER) == []


def test_the_classification_rule_comes_from_the_settings(march: Workspace) -> None:
    assert reporting.compute_statistics(march, *MARCH, now=AFTER).rule is TimelinessRule.SESSION
    save_settings(march, dataclasses.replace(march.settings(), classification_rule="day"))
    by_day = reporting.compute_statistics(march, *MARCH, now=AFTER)
    assert by_day.rule is TimelinessRule.DAY
    assert (by_day.totals.resolved_early, by_day.totals.resolved_on_time) == (0, 3)  # A is now on time
    assert reporting.dossiers_for_cell(march, MARCH, None, "resolved_on_time", AFTER) == ["A", "B", "D"]


def test_a_report_made_during_the_period_judges_open_dossiers_now(march: Workspace) -> None:
    stats = reporting.compute_statistics(march, *MARCH, now=datetime(2025, 3, 18, 12, 0))
    # on 18/3 at noon: E (due 3/3) overdue; I is waiting; nothing else open is past its due time yet
    assert reporting.dossiers_for_cell(
        march, MARCH, None, "in_progress_overdue", datetime(2025, 3, 18, 12)
    ) == ["E"]
    assert stats.totals.in_progress_overdue == 1


def test_the_state_at_the_end_is_rebuilt_from_the_supplement_events(
    workspace: Workspace, tmp_path: Path
) -> None:
    import_rows(
        workspace,
        tmp_path,
        {
            "P": {"procedure_code": "1.001776", "received_at": t(3, 24)},  # due 2/4
            "Q": {"procedure_code": "1.004873", "received_at": t(3, 25)},  # due 28/3
        },
    )
    moment = datetime.fromisoformat
    workflow.request_supplement(
        workspace, "P", items=["Tờ khai"], reason="Thiếu", actor="Thu", at=moment(t(3, 26))
    )
    workflow.supplement_received(workspace, "P", actor="Thu", at=moment(t(4, 3)))
    workflow.receive_result(workspace, "P", giver="Thu", taker="Tâm", at=moment(t(4, 7)))
    workflow.request_supplement(
        workspace, "Q", items=["Tờ khai"], reason="Thiếu", actor="Thu", at=moment(t(4, 2))
    )
    workflow.supplement_received(workspace, "Q", actor="Thu", at=moment(t(4, 3)))
    stats = reporting.compute_statistics(workspace, *MARCH, now=AFTER)
    # P waited at the end of March; Q was running with its first due date (28/3), since replaced.
    assert (stats.totals.waiting_supplement, stats.totals.in_progress_overdue) == (1, 1)
    assert reporting.dossiers_for_cell(workspace, MARCH, None, "waiting_supplement", AFTER) == ["P"]
    assert reporting.dossiers_for_cell(workspace, MARCH, None, "in_progress_overdue", AFTER) == ["Q"]
    april = reporting.compute_statistics(workspace, date(2025, 4, 1), date(2025, 4, 30), now=AFTER)
    # in April: both carried over, P resolved, Q still open past its new due date (8/4) on 10/4
    totals = april.totals
    assert (totals.carried_over, totals.resolved_total, totals.in_progress_overdue) == (2, 1, 1)


def test_a_reversed_period_is_refused(workspace: Workspace) -> None:
    with pytest.raises(InvalidInputError, match="phải bằng hoặc sau ngày bắt đầu"):
        reporting.compute_statistics(workspace, date(2025, 3, 31), date(2025, 3, 1))
    with pytest.raises(InvalidInputError, match="Không có cột"):
        reporting.dossiers_for_cell(workspace, MARCH, None, "resolved", AFTER)


def test_a_table_that_contradicts_itself_cannot_be_exported() -> None:
    good = build_statistics(*MARCH, TimelinessRule.SESSION, {"Hộ tịch": {"received_total": 1, "received_online": 1, "in_progress_total": 1, "in_progress_within": 1}})  # fmt: skip
    reporting.check(good)
    broken = dataclasses.replace(good, totals=dataclasses.replace(good.totals, resolved_early=1))
    with pytest.raises(UserFacingError) as raised:
        reporting.check(broken)
    assert "chưa xuất báo cáo" in raised.value.message
    assert "Tổng cộng: cột (7) = 0 nhưng (8) + (9) + (10) = 1." in raised.value.message


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            date(2026, 11, 25),
            [(date(2025, 12, 15), date(2026, 12, 14)), (date(2026, 1, 1), date(2026, 12, 31)),
             (date(2026, 10, 1), date(2026, 12, 31)), (date(2026, 7, 1), date(2026, 9, 30)),
             (date(2026, 11, 1), date(2026, 11, 30)), (date(2026, 10, 1), date(2026, 10, 31))],
        ),
        (  # after 14/12 the report of the CCHC year just ended is being written
            date(2026, 12, 20),
            [(date(2025, 12, 15), date(2026, 12, 14)), (date(2026, 1, 1), date(2026, 12, 31)),
             (date(2026, 10, 1), date(2026, 12, 31)), (date(2026, 7, 1), date(2026, 9, 30)),
             (date(2026, 12, 1), date(2026, 12, 31)), (date(2026, 11, 1), date(2026, 11, 30))],
        ),
        (
            date(2027, 1, 5),
            [(date(2026, 12, 15), date(2027, 12, 14)), (date(2027, 1, 1), date(2027, 12, 31)),
             (date(2027, 1, 1), date(2027, 3, 31)), (date(2026, 10, 1), date(2026, 12, 31)),
             (date(2027, 1, 1), date(2027, 1, 31)), (date(2026, 12, 1), date(2026, 12, 31))],
        ),
        (
            date(2024, 3, 10),
            [(date(2023, 12, 15), date(2024, 12, 14)), (date(2024, 1, 1), date(2024, 12, 31)),
             (date(2024, 1, 1), date(2024, 3, 31)), (date(2023, 10, 1), date(2023, 12, 31)),
             (date(2024, 3, 1), date(2024, 3, 31)), (date(2024, 2, 1), date(2024, 2, 29))],
        ),
    ],
)  # fmt: skip
def test_period_presets(today: date, expected: list[tuple[date, date]]) -> None:
    presets = reporting.period_presets(today)
    assert list(presets) == [
        "Năm CCHC (15/12 – 14/12)",
        "Năm dương lịch",
        "Quý này",
        "Quý trước",
        "Tháng này",
        "Tháng trước",
    ]
    assert list(presets.values()) == expected


def test_the_sentences_name_late_and_overdue_dossiers_and_a_period_without_fees() -> None:
    counts = {
        "Hộ tịch": {"resolved_total": 10, "resolved_early": 7, "resolved_on_time": 1, "resolved_late": 2,
                    "in_progress_total": 3, "in_progress_within": 2, "in_progress_overdue": 1},
        "Đất đai": {"resolved_total": 1, "resolved_early": 1},
    }  # fmt: skip
    stats = build_statistics(date(2025, 1, 1), date(2025, 3, 31), TimelinessRule.SESSION, counts)
    paragraph = reporting.statistics_paragraph(stats)
    assert paragraph.startswith("Tổng số hồ sơ TTHC đã tiếp nhận từ ngày 01/01/2025 đến ngày 31/03/2025: ")
    assert "(hộ tịch 10; đất đai 1); quá hạn: 2 hồ sơ, bằng 18,2%;" in paragraph
    assert paragraph.endswith("trong hạn: 2 hồ sơ, quá hạn: 1 hồ sơ.")
    assert reporting.payment_paragraph(stats) == (
        "Tỉ lệ thanh toán trực tuyến từ ngày 01/01/2025 đến ngày 31/03/2025: không có hồ sơ phải nộp phí, lệ phí."
    )
    empty = reporting.statistics_paragraph(build_statistics(*MARCH, TimelinessRule.DAY, {}))
    assert "giải quyết trước hạn: 0 hồ sơ, đạt 0,0%, đúng hạn 0 hồ sơ, bằng 0,0%; quá hạn: 0 hồ sơ;" in empty


# ------------------------------------------------------------------ SQL against the rule, dossier by dossier
PERIODS = [MARCH, (date(2025, 3, 15), date(2025, 3, 15)), (date(2025, 3, 10), date(2025, 4, 6))]
NOWS = [
    datetime(2025, 4, 20, 8, 0),
    datetime(2025, 3, 15, 13, 30),
    datetime(2025, 4, 1),
    datetime(2025, 2, 1),
]
CLOCKS = [
    time(0),
    time(7, 30),
    time(8, 15),
    time(11, 30),
    time(13),
    time(13, 30),
    time(15),
    time(17),
    time(23, 59),
]
SCHEDULES = [
    DEFAULT_SCHEDULE,
    OfficeSchedule(date(2025, 3, 15), (Session(time(7), time(11)), Session(time(13), time(17)))),
    OfficeSchedule(
        date(2025, 3, 25),
        (
            Session(time(7, 30), time(11, 30)),
            Session(time(13, 30), time(15)),
            Session(time(15, 15), time(17)),
        ),
    ),
]


EDGES = sorted(
    {
        datetime.combine(day, time()) + timedelta(days=shift)
        for period in PERIODS
        for day, shift in zip(period, (0, 1), strict=True)
    }
    | set(NOWS)
)


def _moment(rng: random.Random, around: datetime | None = None, chance: float = 0.3) -> datetime:
    """A time near the period bounds, often on an edge: a bound itself, a session start, a due time."""
    if around is not None and rng.random() < chance:
        return around
    if rng.random() < 0.15:
        return rng.choice(EDGES)
    day = date(2025, 3, 1) + timedelta(days=rng.randint(-12, 45))
    clock = rng.choice(CLOCKS) if rng.random() < 0.7 else time(rng.randint(0, 23), rng.randint(0, 59))
    return datetime.combine(day, clock)


def _on(rng: random.Random, day: date) -> datetime:
    return datetime.combine(day, rng.choice(CLOCKS) if rng.random() < 0.8 else time(rng.randint(7, 17), 45))


def _later(
    rng: random.Random, start: datetime, around: datetime | None = None, chance: float = 0.3
) -> datetime:
    moment = _moment(rng, around, chance)
    return moment if moment >= start else start + (start - moment) / 3


def random_dossiers(rng: random.Random, count: int) -> list[tuple[DossierRow, list[DossierEventRow]]]:
    dossiers = []
    for index in range(count):
        received = _moment(rng)
        due = _later(rng, received, _on(rng, received.date() + timedelta(days=rng.randint(0, 6))), 0.5)
        status = rng.choice(
            ["received", "in_processing", "waiting_supplement", "result_ready", "returned", "refused", "withdrawn", "stopped"]
        )  # fmt: skip
        resolved = returned = None
        status_at = _later(rng, received)
        if status in ("result_ready", "returned") and rng.random() < 0.95:
            around = rng.choice([due, _on(rng, due.date()), _on(rng, due.date()), rng.choice(EDGES)])
            resolved = _later(rng, received, around, 0.7)
            returned = resolved + timedelta(hours=rng.randint(0, 30)) if status == "returned" else None
            status_at = returned or resolved
        row = DossierRow(
            code=f"T-{index:05d}",
            procedure_code="X",
            procedure_name="Thủ tục thử",
            field_name=rng.choice(["Chứng thực", "Hộ tịch", "Đất đai"]),
            applicant_name="Lê Thị Cúc",
            applicant_name_folded="le thi cuc",
            channel=rng.choice(["online", "direct", "postal"]),
            received_at=received,
            due_at=due,
            original_due_at=due,
            appointment_at=due,
            status=status,
            status_at=status_at,
            resolved_at=resolved,
            returned_at=returned,
            fee_amount=rng.choice([0, 0, 2000]),
            payment_method=rng.choice(["online", "cash", "none"]),
        )
        events = []
        at = received
        for _ in range(rng.choice([0, 0, 0, 1, 2, 3])):
            at = at if events and rng.random() < 0.2 else _later(rng, at, around=rng.choice(EDGES))
            requested = rng.random() < 0.5
            # "2026-02-30…": written by another tool; no such day, so no time (as Python reads it).
            previous = rng.choice(
                [_moment(rng).isoformat(), _moment(rng).isoformat(), "hỏng", "2026-02-30T10:00"]
            )
            data = {} if requested else {"previous_due_at": previous}
            if not requested and rng.random() < 0.2:
                data = {}
            kind = "request_supplement" if requested else "supplement_received"
            events.append(DossierEventRow(dossier_id=0, at=at, kind=kind, data_json=json.dumps(data)))
        dossiers.append((row, events))
    return dossiers


def store(ws: Workspace, dossiers: list[tuple[DossierRow, list[DossierEventRow]]]) -> None:
    """The generated dossiers in place of any earlier ones, entered in the audit log as an import's are."""
    with ws.db.write() as tx:
        tx.exec(delete(DossierEventRow))
        tx.exec(delete(DossierRow))
        ids = []
        for row, events in dossiers:
            tx.add(row)
            tx.flush()
            assert row.id is not None
            ids.append(row.id)
            for event in events:
                event.dossier_id = row.id
                tx.add(event)
        audit_log.record_dossiers(tx, ws.actor, ws.counter, AuditAction.IMPORT, ids)


def assert_sql_matches_the_rule(ws: Workspace) -> None:
    facts = [fact for _, fact in reporting.facts_in_database(ws)]
    for period in PERIODS:
        for now in NOWS:
            for rule in TimelinessRule:
                sql = reporting.compute_statistics(ws, *period, now=now, rule=rule)
                assert sql == recount(facts, *period, now, ws.calendar, rule), (period, now, rule)
                reporting.check(sql)


@pytest.fixture
def dated_schedules(workspace: Workspace) -> Workspace:
    save_settings(workspace, workspace.settings(), schedules=SCHEDULES)
    workspace.calendar_changed()
    return workspace


def dossier_row(code: str, due: datetime, resolved: datetime) -> tuple[DossierRow, list[DossierEventRow]]:
    received = datetime.combine(due.date(), time(0))
    return DossierRow(
        code=code, procedure_code="X", procedure_name="Thủ tục thử", field_name="Chứng thực",
        applicant_name="Lê Thị Cúc", applicant_name_folded="le thi cuc", channel="online", received_at=received,
        due_at=due, original_due_at=due, appointment_at=due, status="returned", status_at=resolved,
        resolved_at=resolved, returned_at=resolved,
    ), []  # fmt: skip


@pytest.mark.parametrize(
    ("due", "resolved", "expected"),
    [
        (
            datetime(2025, 3, 14, 13, 30),
            datetime(2025, 3, 14, 13, 29),
            "resolved_early",
        ),  # 07:30-11:30, 13:30-17:00
        (datetime(2025, 3, 14, 13, 30), datetime(2025, 3, 14, 13, 30), "resolved_on_time"),
        (datetime(2025, 3, 14, 13, 29), datetime(2025, 3, 14, 7, 30), "resolved_on_time"),
        (
            datetime(2025, 3, 14, 7, 0),
            datetime(2025, 3, 14, 6, 59),
            "resolved_early",
        ),  # before the first session
        (
            datetime(2025, 3, 15, 13, 0),
            datetime(2025, 3, 15, 12, 59),
            "resolved_early",
        ),  # 07:00-11:00, 13:00-17:00
        (datetime(2025, 3, 15, 12, 59), datetime(2025, 3, 15, 7, 0), "resolved_on_time"),
        (datetime(2025, 3, 24, 13, 15), datetime(2025, 3, 24, 13, 10), "resolved_on_time"),  # still 13:00
        (
            datetime(2025, 3, 25, 15, 15),
            datetime(2025, 3, 25, 15, 0),
            "resolved_early",
        ),  # a third session at 15:15
        (datetime(2025, 3, 25, 15, 14), datetime(2025, 3, 25, 13, 30), "resolved_on_time"),
        (datetime(2025, 3, 25, 16, 0), datetime(2025, 3, 25, 15, 14), "resolved_early"),
    ],
)
def test_the_session_of_the_due_time_follows_the_dated_schedules(
    dated_schedules: Workspace, due: datetime, resolved: datetime, expected: str
) -> None:
    store(dated_schedules, [dossier_row("S", due, resolved)])
    stats = reporting.compute_statistics(dated_schedules, *MARCH, now=AFTER, rule=TimelinessRule.SESSION)
    assert getattr(stats.totals, expected) == 1
    assert_sql_matches_the_rule(dated_schedules)


def test_sql_matches_the_rule_on_many_generated_dossiers(dated_schedules: Workspace) -> None:
    ws = dated_schedules
    store(ws, random_dossiers(random.Random(20250301), 1500))
    assert_sql_matches_the_rule(ws)
    stats = reporting.compute_statistics(ws, *MARCH, now=NOWS[0])
    for column in COLUMNS:
        assert len(reporting.dossiers_for_cell(ws, MARCH, None, column, NOWS[0])) == getattr(
            stats.totals, column
        )
        codes = reporting.dossiers_for_cell(ws, MARCH, "Hộ tịch", column, NOWS[0])
        assert len(codes) == getattr(stats.by_field["Hộ tịch"], column)


# Each example replaces every dossier with SQL deletes, which no service does: the log names them deleted.
@pytest.mark.audit_tampered
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False), count=st.integers(1, 12))
def test_sql_matches_the_rule_for_any_dossiers(
    dated_schedules: Workspace, rng: random.Random, count: int
) -> None:
    store(dated_schedules, random_dossiers(rng, count))
    assert_sql_matches_the_rule(dated_schedules)


@pytest.mark.parametrize(
    ("start", "end", "phrase"),
    [
        (date(2023, 1, 1), date(2023, 12, 31), "trong năm 2023"),
        (date(2025, 12, 15), date(2026, 12, 14), "trong năm 2026"),
        (date(2026, 1, 1), date(2026, 6, 30), "từ ngày 01/01/2026 đến ngày 30/06/2026"),
        (date(2026, 1, 1), date(2026, 12, 14), "từ ngày 01/01/2026 đến ngày 14/12/2026"),
    ],
)
def test_the_report_names_a_whole_year_as_a_year_and_any_other_period_by_its_dates(
    start: date, end: date, phrase: str
) -> None:
    assert reporting.period_phrase(start, end) == phrase
