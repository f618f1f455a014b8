"""Durations in working hours ("02 giờ làm việc"): office time counted session by session, skipping lunch,
evenings and non-working days. Each row was worked out by hand with the default sessions 07:30-11:30 and
13:30-17:00 (7.5 hours a day); the comment says how."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.domain.calendar import DEFAULT_SCHEDULE, OfficeSchedule, Session, WorkingCalendar
from cchc_desktop.domain.deadlines import Duration, DurationUnit, compute_due, working_days_counted
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays
from cchc_desktop.services.calendar import default_overrides

CALENDAR = WorkingCalendar(vietnamese_public_holidays(), default_overrides())


def wh(n: int) -> Duration:
    return Duration(DurationUnit.WORKING_HOURS, n)


# 2026-03-02 is an ordinary Monday; 2026-03-09 .. 13 an ordinary week.
CASES = [
    ("2026-03-02 08:00", wh(2), "2026-03-02 10:00", "inside the morning session"),
    ("2026-03-02 10:30", wh(2), "2026-03-02 14:30", "lunch crossing: 1 h to 11:30, 1 h from 13:30"),
    ("2026-03-02 09:30", wh(2), "2026-03-02 11:30", "ends exactly at 11:30: stays there, not 13:30"),
    ("2026-03-02 14:00", wh(3), "2026-03-02 17:00", "ends exactly at 17:00: stays there, not Tue 07:30"),
    ("2026-03-02 16:30", wh(2), "2026-03-03 09:00", "0.5 h on Monday, 1.5 h from Tue 07:30"),
    ("2026-03-02 12:00", wh(2), "2026-03-02 15:30", "received at lunch: counts from 13:30"),
    ("2026-03-02 06:45", wh(1), "2026-03-02 08:30", "before opening: counts from 07:30"),
    ("2026-03-02 19:00", wh(2), "2026-03-03 09:30", "evening receipt: counts from Tue 07:30"),
    ("2026-03-02 17:00", wh(1), "2026-03-03 08:30", "at closing time: counts from Tue 07:30"),
    ("2026-03-02 07:30", wh(8), "2026-03-03 08:00", "a full day is 7.5 h: 0.5 h on Tuesday"),
    ("2026-03-08 10:00", wh(2), "2026-03-09 09:30", "Sunday: counts from Mon 07:30"),
    ("2026-03-06 16:00", wh(4), "2026-03-09 10:30", "Friday afternoon: 1 h Friday, 3 h Monday"),
    ("2026-03-09 07:30", wh(40), "2026-03-16 10:00", "five full days 37.5 h, 2.5 h the next Monday"),
    ("2026-02-13 16:00", wh(2), "2026-02-23 08:30", "Tết 2026 Mon 16/2 - Fri 20/2: 1 h Fri, 1 h Mon 23"),
    ("2026-01-09 16:00", wh(2), "2026-01-10 08:30", "make-up Saturday 10/1/2026 is worked"),
    ("2024-05-03 16:30", wh(4), "2024-05-04 11:00", "make-up Saturday 4/5/2024: 0.5 h Fri, 3.5 h Sat"),
    ("2026-04-29 16:00", wh(3), "2026-05-04 09:30", "30/4 and 1/5/2026 off: 1 h Wed, 2 h Mon 4/5"),
]


@pytest.mark.parametrize(("received", "duration", "expected", "why"), CASES, ids=[c[3] for c in CASES])
def test_due_in_working_hours(received: str, duration: Duration, expected: str, why: str) -> None:
    due = compute_due(datetime.fromisoformat(received), duration, CALENDAR)
    assert due == datetime.fromisoformat(expected), why


def test_sessions_of_the_day_are_walked_when_office_hours_change() -> None:
    winter = OfficeSchedule(
        date(2026, 10, 15), (Session(time(8, 0), time(12, 0)), Session(time(13, 0), time(17, 0)))
    )
    calendar = WorkingCalendar(vietnamese_public_holidays(), (), (DEFAULT_SCHEDULE, winter))
    # Wed 14/10 still has the summer sessions: 0.5 h to 17:00; Thu 15/10 opens at 08:00: 1.5 h → 09:30.
    assert compute_due(datetime(2026, 10, 14, 16, 30), wh(2), calendar) == datetime(2026, 10, 15, 9, 30)
    # Winter lunch is 12:00-13:00: 11:00 + 2 h → 1 h before lunch, 1 h from 13:00.
    assert compute_due(datetime(2026, 10, 16, 11, 0), wh(2), calendar) == datetime(2026, 10, 16, 14, 0)


def test_describe_reads_as_printed_on_the_receipt() -> None:
    assert wh(2).describe() == "02 giờ làm việc"
    assert wh(40).describe() == "40 giờ làm việc"


@pytest.mark.parametrize("hours", [0, -1])
def test_at_least_one_hour(hours: int) -> None:
    with pytest.raises(ValueError, match="hour"):
        Duration(DurationUnit.WORKING_HOURS, hours)


def test_working_days_counted_is_the_days_spanned() -> None:
    same_day = datetime(2026, 3, 2, 10, 30)
    assert working_days_counted(same_day, compute_due(same_day, wh(2), CALENDAR), CALENDAR) == 0
    friday = datetime(2026, 3, 6, 16, 0)
    assert working_days_counted(friday, compute_due(friday, wh(4), CALENDAR), CALENDAR) == 1


def _due_by_counting_minutes(received: datetime, hours: int) -> datetime:
    """Independent oracle: step minute by minute through office time."""
    moment = CALENDAR.effective_receipt_time(received)
    left = hours * 60
    while True:
        if CALENDAR.is_office_time(moment):
            left -= 1
            if left == 0:
                return moment + timedelta(minutes=1)
        moment += timedelta(minutes=1)


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2027, 12, 1)).map(
        lambda moment: moment.replace(second=0, microsecond=0)
    ),
    st.integers(1, 40),
)
def test_due_counts_exactly_the_office_minutes(received: datetime, hours: int) -> None:
    assert compute_due(received, wh(hours), CALENDAR) == _due_by_counting_minutes(received, hours)
