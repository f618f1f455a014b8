"""Which column of biểu II.06a each dossier lands in, the invariants of the table and its JSON form."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

import pytest

from cchc_desktop.domain.calendar import DEFAULT_SCHEDULE, OfficeSchedule, Session, WorkingCalendar
from cchc_desktop.domain.deadlines import Duration, DurationUnit, compute_due
from cchc_desktop.domain.statistics import (
    COLUMNS,
    DossierFacts,
    FieldStats,
    Statistics,
    SupplementEvent,
    build_statistics,
    columns_of,
    invariant_errors,
    recount,
    report_period,
    schedule_session_starts,
    to_json_dict,
)
from cchc_desktop.domain.timeliness import TimelinessRule

CALENDAR = WorkingCalendar(public_holidays={})
MARCH = (date(2025, 3, 1), date(2025, 3, 31))
AFTER = datetime(2025, 4, 10, 9, 0)  # the report is made after the period: open dossiers judged at its end
INSIDE = datetime(2025, 3, 20, 12, 0)  # the report is made during the period: judged now


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute)


def dossier(
    received: datetime,
    due: datetime,
    status: str = "received",
    status_at: datetime | None = None,
    resolved: datetime | None = None,
    channel: str = "online",
    fee: int = 0,
    payment: str = "none",
    events: tuple[SupplementEvent, ...] = (),
) -> DossierFacts:
    if resolved is not None and status == "received":
        status = "returned"
    return DossierFacts(
        field_name="Chứng thực",
        channel=channel,
        received_at=received,
        due_at=due,
        status=status,
        status_at=status_at or resolved or received,
        resolved_at=resolved,
        fee_amount=fee,
        payment_method=payment,
        supplement_events=events,
    )


IN = ("received_total", "received_online")
CARRIED = ("received_total", "carried_over")
EARLY = ("resolved_total", "resolved_early")
ON_TIME = ("resolved_total", "resolved_on_time")
LATE = ("resolved_total", "resolved_late")
WITHIN = ("in_progress_total", "in_progress_within")
OVERDUE = ("in_progress_total", "in_progress_overdue")
WAITING = (*WITHIN, "waiting_supplement")
SAME_DAY = {"received": at(3, 10, 8), "due": at(3, 10, 17)}

CASES = [
    ("online, ready before the session of the due time", dossier(**SAME_DAY, resolved=at(3, 10, 10)), AFTER, (*IN, *EARLY)),
    ("ready in the session of the due time", dossier(**SAME_DAY, resolved=at(3, 10, 14)), AFTER, (*IN, *ON_TIME)),
    ("ready exactly when the session starts", dossier(**SAME_DAY, resolved=at(3, 10, 13, 30)), AFTER, (*IN, *ON_TIME)),
    ("ready exactly at the due time", dossier(**SAME_DAY, resolved=at(3, 10, 17)), AFTER, (*IN, *ON_TIME)),
    ("ready after the due time", dossier(**SAME_DAY, resolved=at(3, 11, 8)), AFTER, (*IN, *LATE)),
    (
        "direct and postal share column (5)",
        dossier(**SAME_DAY, resolved=at(3, 10, 10), channel="postal"),
        AFTER,
        ("received_total", "received_direct_postal", *EARLY),
    ),
    ("carried over and resolved in the period", dossier(at(2, 27), at(3, 5), resolved=at(3, 4)), AFTER, (*CARRIED, *EARLY)),
    ("carried over and still open, overdue at the end", dossier(at(2, 27), at(3, 5)), AFTER, (*CARRIED, *OVERDUE)),
    ("resolved before the period", dossier(at(2, 20), at(2, 21), resolved=at(2, 21, 8)), AFTER, ()),
    ("refused before the period", dossier(at(2, 20), at(2, 25), "refused", at(2, 21)), AFTER, ()),
    ("received after the period", dossier(at(4, 2), at(4, 3)), AFTER, ()),
    ("received at the very start", dossier(at(3, 1, 0), at(3, 4), resolved=at(3, 3)), AFTER, (*IN, *EARLY)),
    ("resolved after the period is in progress", dossier(at(3, 28), at(4, 3), resolved=at(4, 2)), AFTER, (*IN, *WITHIN)),
    ("resolved at the very end of the period counts as in progress", dossier(at(3, 28), at(4, 3), resolved=at(4, 1, 0)), AFTER, (*IN, *WITHIN)),
    ("open and past its due time at the end", dossier(at(3, 26), at(3, 31, 17)), AFTER, (*IN, *OVERDUE)),
    ("judged now during the period: due later", dossier(at(3, 10), at(3, 25)), INSIDE, (*IN, *WITHIN)),
    ("judged now during the period: due before now", dossier(at(3, 10), at(3, 18)), INSIDE, (*IN, *OVERDUE)),
    ("due exactly now is not overdue", dossier(at(3, 10), INSIDE), INSIDE, (*IN, *WITHIN)),
    (
        "waiting for a supplement at the end is never overdue",
        dossier(at(3, 10), at(3, 14), "waiting_supplement", at(3, 12)),
        AFTER,
        (*IN, *WAITING),
    ),
    (
        "waiting only since after the end, without history: it was running",
        dossier(at(3, 10), at(3, 14), "waiting_supplement", at(4, 3)),
        AFTER,
        (*IN, *OVERDUE),
    ),
    ("refused in the period", dossier(at(3, 10), at(3, 14), "refused", at(3, 12)), AFTER, (*IN, "refused")),
    ("withdrawn in the period", dossier(at(3, 10), at(3, 14), "withdrawn", at(3, 12)), AFTER, (*IN, "withdrawn")),
    ("stopped in the period", dossier(at(3, 10), at(3, 14), "stopped", at(3, 12)), AFTER, (*IN, "stopped")),
    ("carried over and refused", dossier(at(2, 26), at(3, 4), "refused", at(3, 3)), AFTER, (*CARRIED, "refused")),
    ("refused after the period is in progress", dossier(at(3, 28), at(4, 15), "refused", at(4, 3)), AFTER, (*IN, *WITHIN)),
    (
        "history: asked for a supplement before the end, completed after",
        dossier(
            at(3, 10),
            at(4, 9),
            resolved=at(4, 5),
            events=(SupplementEvent(at(3, 20), True), SupplementEvent(at(4, 2), False, at(3, 25))),
        ),
        AFTER,
        (*IN, *WAITING),
    ),
    (
        "history: supplement completed before the end",
        dossier(
            at(3, 10),
            at(3, 31, 10),
            resolved=at(4, 5),
            events=(SupplementEvent(at(3, 12), True), SupplementEvent(at(3, 14), False, at(3, 13))),
        ),
        AFTER,
        (*IN, *OVERDUE),
    ),
    (
        "history: the due date at the end is the one a later supplement replaced",
        dossier(
            at(3, 10),
            at(4, 9),
            resolved=at(4, 8),
            events=(SupplementEvent(at(4, 2), True), SupplementEvent(at(4, 3), False, at(3, 28))),
        ),
        AFTER,
        (*IN, *OVERDUE),
    ),
    (
        "result ready without a result time: the time of the state",
        dossier(at(3, 12, 8), at(3, 12, 17), "result_ready", at(3, 12, 10)),
        AFTER,
        (*IN, *EARLY),
    ),
    (
        "a fee paid online",
        dossier(**SAME_DAY, resolved=at(3, 10, 10), fee=2000, payment="online"),
        AFTER,
        (*IN, *EARLY, "fee_dossiers", "paid_online"),
    ),
    (
        "a fee paid in cash",
        dossier(**SAME_DAY, resolved=at(3, 10, 10), fee=2000, payment="cash"),
        AFTER,
        (*IN, *EARLY, "fee_dossiers"),
    ),
    (
        "a carried-over fee belongs to the period it was received in",
        dossier(at(2, 27), at(3, 5), resolved=at(3, 4), fee=2000, payment="online"),
        AFTER,
        (*CARRIED, *EARLY),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("facts", "now", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_dossier_lands_in_its_columns(
    facts: DossierFacts, now: datetime, expected: tuple[str, ...]
) -> None:
    period = report_period(*MARCH, now)
    assert columns_of(facts, period, CALENDAR, TimelinessRule.SESSION) == frozenset(expected)


def test_the_cases_together_pass_every_invariant() -> None:
    stats = recount([c[1] for c in CASES], *MARCH, AFTER, CALENDAR, TimelinessRule.SESSION)
    assert invariant_errors(stats) == []
    assert stats.totals.received_total == sum(1 for c in CASES if c[3])


@pytest.mark.parametrize(
    ("resolved", "session", "day"),
    [
        (at(3, 10, 16), "resolved_early", "resolved_early"),  # the evening before the due day
        (at(3, 11, 9), "resolved_early", "resolved_on_time"),  # due day, morning: before the due session
        (at(3, 11, 14), "resolved_on_time", "resolved_on_time"),
        (at(3, 11, 17, 1), "resolved_late", "resolved_late"),
    ],
)
def test_the_15_00_cutoff_and_both_rules(resolved: datetime, session: str, day: str) -> None:
    same_day = Duration(DurationUnit.SAME_DAY)
    assert compute_due(at(3, 10, 14, 59), same_day, CALENDAR) == at(3, 10, 17)
    due = compute_due(at(3, 10, 15, 30), same_day, CALENDAR)
    assert due == at(3, 11, 17)  # received at 15:30: due the next working day
    facts = dossier(at(3, 10, 15, 30), due, resolved=resolved)
    period = report_period(*MARCH, AFTER)
    assert session in columns_of(facts, period, CALENDAR, TimelinessRule.SESSION)
    assert day in columns_of(facts, period, CALENDAR, TimelinessRule.DAY)


def test_a_receipt_after_15_00_on_the_last_day_is_still_within() -> None:
    same_day = Duration(DurationUnit.SAME_DAY)
    period = report_period(*MARCH, AFTER)
    before_cutoff = dossier(at(3, 31, 14, 30), compute_due(at(3, 31, 14, 30), same_day, CALENDAR))
    after_cutoff = dossier(at(3, 31, 15, 30), compute_due(at(3, 31, 15, 30), same_day, CALENDAR))
    assert "in_progress_overdue" in columns_of(before_cutoff, period, CALENDAR, TimelinessRule.SESSION)
    assert "in_progress_within" in columns_of(after_cutoff, period, CALENDAR, TimelinessRule.SESSION)


def test_the_session_comes_from_the_schedule_in_force_on_the_due_day() -> None:
    summer = OfficeSchedule(date(2025, 3, 15), (Session(time(7), time(11)), Session(time(13), time(17))))
    calendar = WorkingCalendar(public_holidays={}, schedules=[summer, DEFAULT_SCHEDULE])
    assert schedule_session_starts(calendar) == [
        (DEFAULT_SCHEDULE.valid_from, (time(7, 30), time(13, 30))),
        (date(2025, 3, 15), (time(7), time(13))),
    ]
    period = report_period(*MARCH, AFTER)
    winter_day = dossier(at(3, 10, 8), at(3, 10, 17), resolved=at(3, 10, 13, 10))
    summer_day = dossier(at(3, 20, 8), at(3, 20, 17), resolved=at(3, 20, 13, 10))
    assert "resolved_early" in columns_of(winter_day, period, calendar, TimelinessRule.SESSION)
    assert "resolved_on_time" in columns_of(summer_day, period, calendar, TimelinessRule.SESSION)


# ------------------------------------------------------------------ the table
def consistent_row(scale: int = 1) -> FieldStats:
    return FieldStats(
        received_total=10 * scale,
        received_online=7 * scale,
        received_direct_postal=2 * scale,
        carried_over=1 * scale,
        resolved_total=6 * scale,
        resolved_early=4 * scale,
        resolved_on_time=1 * scale,
        resolved_late=1 * scale,
        in_progress_total=2 * scale,
        in_progress_within=2 * scale,
        refused=1 * scale,
        stopped=1 * scale,
        waiting_supplement=1 * scale,
        fee_dossiers=4 * scale,
        paid_online=3 * scale,
    )


def table(**rows: FieldStats) -> Statistics:
    return Statistics(
        date(2025, 1, 1), date(2025, 12, 31), TimelinessRule.SESSION, rows, sum(rows.values(), FieldStats())
    )


def test_rows_add_up_column_by_column() -> None:
    assert consistent_row() + consistent_row(2) == consistent_row(3)
    assert consistent_row().received_in_period == 9


@pytest.mark.parametrize(
    ("paid", "fees", "rate"),
    [
        (0, 0, 0.0),
        (618, 1140, 54.21),
        (1, 3, 33.33),
        (2, 3, 66.67),
        (1, 8, 12.5),
        (10841, 20000, 54.21),
        (5, 5, 100.0),
    ],
)
def test_the_online_payment_rate_has_two_decimals_rounded_half_up(paid: int, fees: int, rate: float) -> None:
    assert FieldStats(fee_dossiers=fees, paid_online=paid).online_payment_rate == rate


def test_a_consistent_table_has_no_errors() -> None:
    assert invariant_errors(table(**{"Chứng thực": consistent_row(), "Hộ tịch": consistent_row(3)})) == []


BROKEN = [
    ({"carried_over": 2}, "cột (3) = 10 nhưng (4) + (5) + (6) = 11"),
    ({"resolved_late": 2}, "cột (7) = 6 nhưng (8) + (9) + (10) = 7"),
    ({"in_progress_overdue": 1}, "cột (11) = 2 nhưng (12) + (13) = 3"),
    ({"withdrawn": 1}, "cột (3) = 10 nhưng (7) + (11) + từ chối + rút + dừng = 11"),
    ({"waiting_supplement": 3}, "hồ sơ chờ bổ sung không bao giờ quá hạn"),
    ({"paid_online": 5}, "5 hồ sơ thanh toán trực tuyến nhiều hơn"),
    ({"fee_dossiers": 10, "paid_online": 3}, "10 hồ sơ phải nộp phí, lệ phí nhiều hơn"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_a_broken_row_is_reported(change: dict[str, int], message: str) -> None:
    broken = dataclasses.replace(consistent_row(), **change)
    errors = invariant_errors(table(**{"Hộ tịch": broken}))
    assert any(message in error and error.startswith("Lĩnh vực “Hộ tịch”") for error in errors), errors
    assert any(message in error and error.startswith("Tổng cộng") for error in errors), errors


def test_totals_that_are_not_the_sum_of_the_fields_are_reported() -> None:
    stats = dataclasses.replace(table(**{"Chứng thực": consistent_row()}), totals=consistent_row(2))
    errors = invariant_errors(stats)
    assert "Tổng cộng: cột received_total = 20 nhưng tổng các lĩnh vực = 10." in errors


def test_the_json_form_carries_every_column_and_the_rate() -> None:
    stats = build_statistics(
        date(2023, 1, 1), date(2023, 12, 31), TimelinessRule.DAY, {"Hộ tịch": {"received_total": 3}}
    )
    data = to_json_dict(stats)
    assert data["period"] == {"from": "2023-01-01", "to": "2023-12-31"}
    assert data["rule"] == "day"
    assert list(data["by_field"]) == ["Hộ tịch"]
    assert set(data["totals"]) == {*COLUMNS, "online_payment_rate"} == set(data["by_field"]["Hộ tịch"])
    assert all(type(data["totals"][c]) is int for c in COLUMNS)
    assert data["totals"]["online_payment_rate"] == 0.0
