"""The calendar is read from worker threads (reports, exports, imports) while the window uses it: a year of
public holidays loaded on first use must never be seen half-filled."""

from __future__ import annotations

import random
import sys
import threading
from collections.abc import Iterator
from datetime import date

import holidays
import pytest

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays

YEARS = range(2027, 2041)
THREADS = 12
ROUNDS = 15


@pytest.fixture
def eager_thread_switches() -> Iterator[None]:
    """Switch threads every microsecond instead of every 5 ms, so that a lookup filling a year is
    interrupted by the others as it would be on a busy machine."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def _weekday_holidays() -> dict[int, list[date]]:
    """Tết, 30/4, 1/5, 2/9 … of each year that fall on a weekday, from a table no thread shares."""
    reference = holidays.country_holidays("VN", years=YEARS)
    by_year: dict[int, list[date]] = {year: [] for year in YEARS}
    for day in reference:
        if day.weekday() < 5:
            by_year[day.year].append(day)
    return by_year


@pytest.mark.usefixtures("eager_thread_switches")
def test_threads_asking_a_fresh_calendar_about_new_years_never_see_a_holiday_as_a_working_day() -> None:
    expected = _weekday_holidays()
    assert all(len(days) >= 5 for days in expected.values())
    wrong: list[date] = []
    errors: list[BaseException] = []
    for round_number in range(ROUNDS):
        calendar = WorkingCalendar(vietnamese_public_holidays())
        barrier = threading.Barrier(THREADS)

        def ask(
            seed: int, calendar: WorkingCalendar = calendar, barrier: threading.Barrier = barrier
        ) -> None:
            years = list(YEARS)
            random.Random(seed).shuffle(years)
            try:
                barrier.wait()
                for year in years:
                    wrong.extend(day for day in expected[year] if calendar.is_working_day(day))
            except BaseException as error:  # reported to the main thread below
                errors.append(error)

        threads = [threading.Thread(target=ask, args=(round_number * THREADS + n,)) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors, f"{len(errors)} lookups failed, e.g. {errors[:3]}"
    assert not wrong, f"{len(wrong)} holidays seen as working days, e.g. {sorted(set(wrong))[:5]}"
