"""Working-day arithmetic answers from numbered days, never by walking: checked against the day-by-day
definition over random ranges of 2000-2100 with random overrides, and on the clerk's real cases."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.domain.calendar import CalendarOverride, OverrideKind, WorkingCalendar
from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays
from cchc_desktop.domain.urgency import time_left_text
from cchc_desktop.services.calendar import default_overrides

HOLIDAYS = vietnamese_public_holidays()
FIRST, LAST = date(2000, 1, 1), date(2100, 12, 31)
# Fixed up front: iterating `HOLIDAYS` gives only the years filled so far.
HOLIDAY_DAYS = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
HOLIDAY_DAYS = [day for day in HOLIDAY_DAYS if day in HOLIDAYS]


class _Reference:
    """The definition, one day at a time (what the calendar did before it numbered its days)."""

    def __init__(self, holidays: Mapping[date, str], overrides: list[CalendarOverride]) -> None:
        self.holidays = holidays
        self.overrides = {override.day: override.kind for override in overrides}

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day] is OverrideKind.MAKE_UP_WORKDAY
        return day not in self.holidays and day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        for distance in range(1, 367):
            if self.is_working_day(day + timedelta(days=distance)):
                return day + timedelta(days=distance)
        raise ValueError(f"no working day within a year after {day}")

    def previous_working_day(self, day: date) -> date:
        for distance in range(1, 367):
            if self.is_working_day(day - timedelta(days=distance)):
                return day - timedelta(days=distance)
        raise ValueError(f"no working day within a year before {day}")

    def add_working_days(self, day: date, count: int) -> date:
        if count < 0:
            raise ValueError("count must not be negative")
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        if end < start:
            return -self.working_days_between(end, start)
        return sum(self.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def _outcome(call: Callable[[], object]) -> object:
    try:
        return call()
    except (ValueError, OverflowError) as error:
        return type(error).__name__, str(error)


@dataclass
class _Case:
    calendar: WorkingCalendar
    reference: _Reference


class _WithBlackout(Mapping[date, str]):
    """The real holidays plus every day of a block: a broken calendar with no working day for months."""

    def __init__(self, first: date, days: int) -> None:
        self.first, self.days = first, days

    def __getitem__(self, day: date) -> str:
        if 0 <= (day - self.first).days < self.days:
            return "Nghỉ"
        return HOLIDAYS[day]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and (0 <= (day - self.first).days < self.days or day in HOLIDAYS)

    def __iter__(self) -> Iterator[date]:
        return iter(HOLIDAYS)

    def __len__(self) -> int:
        return len(HOLIDAYS)


days_in_range = st.dates(min_value=FIRST, max_value=LAST)


@st.composite
def cases(draw: st.DrawFn, broken: bool = False) -> tuple[_Case, date]:
    """A calendar with random overrides around a random day (weekdays off, make-up Saturdays, holidays
    worked after all), optionally with a block of months off; and that day."""
    around = draw(days_in_range)
    near = st.integers(-400, 400).map(lambda n: around + timedelta(days=n))
    holidays_near = [day for day in HOLIDAY_DAYS if abs((day - around).days) <= 400]
    overrides: dict[date, CalendarOverride] = {}
    for day in draw(st.lists(near, max_size=30)):
        kind = OverrideKind.DAY_OFF if day.weekday() < 5 else OverrideKind.MAKE_UP_WORKDAY
        overrides[day] = CalendarOverride(day, kind, "Hoán đổi")
    if holidays_near:
        for day in draw(st.lists(st.sampled_from(holidays_near), max_size=3)):
            overrides[day] = CalendarOverride(day, OverrideKind.MAKE_UP_WORKDAY, "Làm việc bình thường")
    holidays: Mapping[date, str] = HOLIDAYS
    if broken:
        holidays = _WithBlackout(draw(near), draw(st.integers(300, 800)))
    listed = list(overrides.values())
    return _Case(WorkingCalendar(holidays, listed), _Reference(holidays, listed)), around


def _other_day(around: date) -> st.SearchStrategy[date]:
    return st.one_of(days_in_range, st.integers(-800, 800).map(lambda n: around + timedelta(days=n)))


@settings(max_examples=200, deadline=None)
@given(st.data(), cases())
def test_working_days_between_matches_counting_day_by_day(
    data: st.DataObject, case_and_day: tuple[_Case, date]
) -> None:
    case, around = case_and_day
    start = data.draw(_other_day(around))
    end = data.draw(_other_day(around))
    assert case.calendar.working_days_between(start, end) == case.reference.working_days_between(start, end)
    assert case.calendar.working_days_between(end, start) == -case.reference.working_days_between(start, end)


@settings(max_examples=200, deadline=None)
@given(st.data(), cases())
def test_adding_working_days_matches_stepping_day_by_day(
    data: st.DataObject, case_and_day: tuple[_Case, date]
) -> None:
    case, around = case_and_day
    start = data.draw(_other_day(around))
    count = data.draw(st.one_of(st.integers(0, 40), st.integers(0, 2600)))
    result = case.calendar.add_working_days(start, count)
    assert result == case.reference.add_working_days(start, count)
    assert case.calendar.working_days_between(start, result) == count
    assert case.calendar.next_working_day(start) == case.reference.next_working_day(start)
    assert case.calendar.previous_working_day(start) == case.reference.previous_working_day(start)


@settings(max_examples=200, deadline=None)
@given(st.data(), cases(broken=True))
def test_a_broken_calendar_fails_where_stepping_day_by_day_fails(
    data: st.DataObject, case_and_day: tuple[_Case, date]
) -> None:
    case, around = case_and_day
    start = data.draw(st.integers(-900, 400).map(lambda n: around + timedelta(days=n)))
    end = data.draw(_other_day(around))
    count = data.draw(st.integers(0, 600))
    calendar, reference = case.calendar, case.reference
    assert _outcome(lambda: calendar.add_working_days(start, count)) == _outcome(
        lambda: reference.add_working_days(start, count)
    )
    assert _outcome(lambda: calendar.next_working_day(start)) == _outcome(
        lambda: reference.next_working_day(start)
    )
    assert _outcome(lambda: calendar.previous_working_day(start)) == _outcome(
        lambda: reference.previous_working_day(start)
    )
    assert calendar.working_days_between(start, end) == reference.working_days_between(start, end)


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar(HOLIDAYS, default_overrides())


def test_same_day_and_reversed_ranges(calendar: WorkingCalendar) -> None:
    assert calendar.working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert calendar.working_days_between(date(2026, 3, 7), date(2026, 3, 7)) == 0  # a Saturday
    assert calendar.working_days_between(date(2026, 3, 9), date(2026, 3, 2)) == -5
    assert calendar.add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 7)
    with pytest.raises(ValueError, match="must not be negative"):
        calendar.add_working_days(date(2026, 3, 2), -1)


def test_tet_and_the_new_year_are_skipped(calendar: WorkingCalendar) -> None:
    # Tết 2026: Monday 16 to Friday 20 February off; received Friday 13, three days fall on 23-25.
    assert calendar.working_days_between(date(2026, 2, 13), date(2026, 2, 25)) == 3
    assert calendar.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert calendar.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert calendar.previous_working_day(date(2026, 2, 23)) == date(2026, 2, 13)
    # 1 January 2026 is a holiday and Friday 2 January an announced day off.
    assert calendar.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)
    assert calendar.working_days_between(date(2025, 12, 30), date(2026, 1, 5)) == 2
    # A range that starts and ends on days off counts the working days strictly inside.
    assert calendar.working_days_between(date(2026, 2, 15), date(2026, 2, 22)) == 0
    assert calendar.working_days_between(date(2026, 2, 14), date(2026, 3, 1)) == 5


def test_a_range_of_a_century_is_counted_exactly(calendar: WorkingCalendar) -> None:
    reference = _Reference(HOLIDAYS, default_overrides())
    expected = reference.working_days_between(FIRST, LAST)
    assert calendar.working_days_between(FIRST, LAST) == expected
    assert calendar.add_working_days(FIRST, expected) == reference.previous_working_day(LAST + timedelta(1))


def test_the_ends_of_the_calendar_fail_as_stepping_did() -> None:
    last, first = WorkingCalendar({}), WorkingCalendar({})  # two calendars: one span would be 10,000 years
    assert last.next_working_day(date(9999, 12, 30)) == date(9999, 12, 31)  # a Friday
    assert first.previous_working_day(date(1, 1, 2)) == date(1, 1, 1)  # a Monday
    assert first.working_days_between(date.min, date(1, 1, 8)) == 5
    for call in (
        lambda: last.next_working_day(date.max),
        lambda: last.add_working_days(date(9999, 12, 31), 1),
        lambda: first.previous_working_day(date.min),
    ):
        with pytest.raises(OverflowError):
            call()


class _CountingHolidays(Mapping[date, str]):
    def __init__(self) -> None:
        self.lookups = 0

    def __getitem__(self, day: date) -> str:
        self.lookups += 1
        return HOLIDAYS[day]

    def __contains__(self, day: object) -> bool:
        self.lookups += 1
        return day in HOLIDAYS

    def __iter__(self) -> Iterator[date]:
        return iter(HOLIDAYS)

    def __len__(self) -> int:
        return len(HOLIDAYS)


def test_long_overdue_rows_look_each_day_up_once_not_once_per_row() -> None:
    """200 dossiers overdue by 5-10 years: "quá hạn N ngày" used to walk every day of every row
    (hundreds of thousands of holiday look-ups on the GUI thread); now each year is numbered once."""
    holidays = _CountingHolidays()
    calendar = WorkingCalendar(holidays, default_overrides())
    now = datetime(2026, 12, 5, 9, 0)
    texts = [
        time_left_text(
            DossierStatus.IN_PROCESSING, now - timedelta(days=5 * 365 + 9 * row, hours=3), now, calendar
        )
        for row in range(200)
    ]
    assert texts[0].startswith("quá hạn ") and texts[0].endswith(" ngày")
    assert int(texts[-1].split()[2]) > int(texts[0].split()[2]) > 1200
    assert holidays.lookups <= 11 * 366


def test_after_the_years_are_numbered_counting_looks_nothing_up() -> None:
    holidays = _CountingHolidays()
    calendar = WorkingCalendar(holidays)
    calendar.working_days_between(FIRST, LAST)
    before = holidays.lookups
    for year in range(2000, 2091):
        calendar.working_days_between(date(year, 3, 1), date(year + 10, 2, 1))
        calendar.add_working_days(date(year, 3, 1), 2500)
    assert holidays.lookups == before


def test_threads_numbering_new_years_at_once_agree_with_one_thread() -> None:
    """Reports and imports ask the window's calendar from worker threads: each widens the numbered span
    to its own years, and every answer must still be the one a lone thread gets."""
    questions = [
        (FIRST + timedelta(days=rng.randrange(36_000)), rng.randrange(-4000, 4000), rng.randrange(3000))
        for rng in [random.Random(17)]
        for _ in range(400)
    ]
    alone = WorkingCalendar(HOLIDAYS, default_overrides())
    expected = [
        (alone.working_days_between(day, day + timedelta(days=span)), alone.add_working_days(day, count))
        for day, span, count in questions
    ]
    shared = WorkingCalendar(HOLIDAYS, default_overrides())
    answers: dict[int, list[tuple[int, date]]] = {}
    barrier = threading.Barrier(8)

    def ask(thread: int) -> None:
        barrier.wait()
        order = list(range(len(questions)))
        random.Random(thread).shuffle(order)
        got = {}
        for n in order:
            day, span, count = questions[n]
            got[n] = (
                shared.working_days_between(day, day + timedelta(days=span)),
                shared.add_working_days(day, count),
            )
        answers[thread] = [got[n] for n in range(len(questions))]

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 8
    assert all(got == expected for got in answers.values())
