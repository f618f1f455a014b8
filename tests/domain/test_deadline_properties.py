"""Properties of due dates that must hold for any receipt time between 2023 and 2027."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.deadlines import Duration, DurationUnit, compute_due
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays
from cchc_desktop.services.calendar import default_overrides

CALENDAR = WorkingCalendar(vietnamese_public_holidays(), default_overrides())
moments = st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2027, 12, 1)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)
durations = st.one_of(
    st.just(Duration(DurationUnit.SAME_DAY)),
    st.integers(1, 30).map(lambda n: Duration(DurationUnit.WORKING_DAYS, n)),
    st.integers(1, 60).map(lambda n: Duration(DurationUnit.CALENDAR_DAYS, n)),
)


@settings(max_examples=300, deadline=None)
@given(moments, durations)
def test_due_is_a_working_day_within_office_hours(received: datetime, duration: Duration) -> None:
    due = compute_due(received, duration, CALENDAR)
    assert CALENDAR.is_working_day(due.date())
    assert CALENDAR.office_start(due.date()) <= due <= CALENDAR.office_end(due.date())
    assert due > received or (duration.unit is DurationUnit.SAME_DAY and due >= received)


@settings(max_examples=300, deadline=None)
@given(moments, st.integers(0, 60 * 24 * 5), durations)
def test_due_is_monotonic_in_receipt_time(
    received: datetime, later_by_minutes: int, duration: Duration
) -> None:
    later = received + timedelta(minutes=later_by_minutes)
    assert compute_due(received, duration, CALENDAR) <= compute_due(later, duration, CALENDAR)


@settings(max_examples=300, deadline=None)
@given(moments, st.integers(1, 30))
def test_one_more_working_day_is_later(received: datetime, days: int) -> None:
    shorter = compute_due(received, Duration(DurationUnit.WORKING_DAYS, days), CALENDAR)
    longer = compute_due(received, Duration(DurationUnit.WORKING_DAYS, days + 1), CALENDAR)
    assert longer > shorter
    assert CALENDAR.working_days_between(shorter.date(), longer.date()) == 1
