from __future__ import annotations

from datetime import date, datetime, time

import pytest

from cchc_desktop.domain.calendar import (
    CalendarOverride,
    OfficeSchedule,
    OverrideKind,
    Session,
    WorkingCalendar,
)
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays
from cchc_desktop.services.calendar import default_overrides


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar(vietnamese_public_holidays(), default_overrides())


def test_2026_days_off_and_make_up_saturdays(calendar: WorkingCalendar) -> None:
    days = list(calendar.special_days(2026))
    make_up = [d.day for d in days if d.working]
    off = {d.day for d in days if not d.working}
    assert make_up == [date(2026, 1, 10), date(2026, 8, 22)]
    assert {
        date(2026, 1, 2),
        date(2026, 8, 31),
        date(2026, 2, 16),
        date(2026, 2, 20),
        date(2026, 4, 27),
    } <= off
    assert all(d.weekday() < 5 for d in off)
    names = {d.day: d.name for d in days}
    assert names[date(2026, 2, 17)] == "Tết Nguyên Đán"
    assert "12729/VPCP-KGVX" in next(d.legal_basis for d in days if d.day == date(2026, 1, 2))


def test_each_announced_swap_of_2024_to_2026_is_applied(calendar: WorkingCalendar) -> None:
    for off in (date(2024, 4, 29), date(2025, 5, 2), date(2026, 1, 2), date(2026, 8, 31)):
        assert not calendar.is_working_day(off), off
    for worked in (date(2024, 5, 4), date(2025, 4, 26), date(2026, 1, 10), date(2026, 8, 22)):
        assert calendar.is_working_day(worked), worked


def test_saturday_opening_does_not_make_saturday_a_working_day(calendar: WorkingCalendar) -> None:
    assert not calendar.is_working_day(date(2026, 3, 7))
    assert calendar.effective_receipt_time(datetime(2026, 3, 7, 9, 0)) == datetime(2026, 3, 9, 7, 30)


def test_an_override_can_turn_a_package_holiday_back_into_a_working_day() -> None:
    override = CalendarOverride(date(2026, 11, 24), OverrideKind.MAKE_UP_WORKDAY, "Làm việc bình thường")
    calendar = WorkingCalendar(vietnamese_public_holidays(), [override])
    assert calendar.is_working_day(date(2026, 11, 24))


def test_dated_schedules_change_office_hours() -> None:
    winter = OfficeSchedule(
        date(2000, 1, 1), (Session(time(7, 30), time(11, 30)), Session(time(13, 30), time(17, 0)))
    )
    summer = OfficeSchedule(
        date(2026, 4, 15), (Session(time(7, 0), time(11, 30)), Session(time(13, 0), time(16, 30)))
    )
    calendar = WorkingCalendar(vietnamese_public_holidays(), (), [summer, winter])
    assert calendar.office_end(date(2026, 4, 14)) == datetime(2026, 4, 14, 17, 0)
    assert calendar.office_end(date(2026, 4, 15)) == datetime(2026, 4, 15, 16, 30)
    assert calendar.effective_receipt_time(datetime(2026, 4, 15, 7, 10)) == datetime(2026, 4, 15, 7, 10)
    assert calendar.effective_receipt_time(datetime(2026, 4, 14, 7, 10)) == datetime(2026, 4, 14, 7, 30)


def test_working_days_between_counts_forward_and_backward(calendar: WorkingCalendar) -> None:
    assert calendar.working_days_between(date(2026, 2, 13), date(2026, 2, 25)) == 3
    assert calendar.working_days_between(date(2026, 2, 25), date(2026, 2, 13)) == -3
    assert calendar.working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0


def test_session_start_containing(calendar: WorkingCalendar) -> None:
    assert calendar.session_start_containing(datetime(2026, 3, 2, 10, 0)) == datetime(2026, 3, 2, 7, 30)
    assert calendar.session_start_containing(datetime(2026, 3, 2, 16, 0)) == datetime(2026, 3, 2, 13, 30)


def test_overlapping_sessions_are_refused() -> None:
    with pytest.raises(ValueError):
        OfficeSchedule(
            date(2026, 1, 1), (Session(time(7, 30), time(12, 0)), Session(time(11, 0), time(17, 0)))
        )
