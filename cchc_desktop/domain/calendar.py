"""The working-time calendar of a Vietnamese state agency.

A day is a working day when it is Monday-Friday and not a public holiday, unless an override says
otherwise: a `day_off` override removes a day (an announced swap), a `make_up_workday` override adds one
(a make-up Saturday). Office hours come from dated schedules (summer/winter hours), each a list of
working sessions such as 07:30-11:30 and 13:30-17:00.
"""

from __future__ import annotations

import enum
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise

# `next_working_day` gives up when none of the next 366 days is worked: Tết plus weekends never comes
# close, so only a broken calendar (a whole year marked off) gets there.
_MAX_GAP = 366
_LAST_ORDINAL = date.max.toordinal()


class OverrideKind(enum.StrEnum):
    DAY_OFF = "day_off"
    MAKE_UP_WORKDAY = "make_up_workday"


@dataclass(frozen=True)
class CalendarOverride:
    day: date
    kind: OverrideKind
    name: str
    legal_basis: str = ""


@dataclass(frozen=True)
class Session:
    start: time
    end: time

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError(f"session must start before it ends: {self.start}-{self.end}")


@dataclass(frozen=True)
class OfficeSchedule:
    """Office hours in force from `valid_from` until the next schedule starts."""

    valid_from: date
    sessions: tuple[Session, ...]

    def __post_init__(self) -> None:
        if not self.sessions:
            raise ValueError("an office schedule needs at least one session")
        for earlier, later in zip(self.sessions, self.sessions[1:], strict=False):
            if not earlier.end <= later.start:
                raise ValueError("office sessions must be in order and must not overlap")


DEFAULT_SCHEDULE = OfficeSchedule(
    valid_from=date(2000, 1, 1),
    sessions=(Session(time(7, 30), time(11, 30)), Session(time(13, 30), time(17, 0))),
)


@dataclass(frozen=True)
class NonWorkingDay:
    """A day listed by `WorkingCalendar.special_days`: a weekday off or a make-up Saturday/Sunday."""

    day: date
    working: bool
    name: str
    legal_basis: str = ""


class _Span:
    """The working days of the whole years from `first_year` on, numbered in date order; never changed
    once published (a wider span replaces it whole).

    `counts[o - first]` is the number of working days up to and including the day of ordinal `o`, counted
    from the calendar's first span (negative before it, so that widening backwards renumbers nothing);
    `workdays[k - base - 1]` is the working day numbered `k`; `base` is the count of the day before the
    span. `long_gaps` lists the indexes `i` where more than a year separates `workdays[i]` from
    `workdays[i + 1]`, and `steady` is `workdays` when no step from a day of the span to the next working
    day is longer than a year (the fast path of `add_working_days`), else empty: only a broken calendar
    has such a step. Lists rather than arrays: indexing a list is several times faster, and a century is
    about 2 MB.
    """

    __slots__ = (
        "base",
        "counts",
        "end",
        "first",
        "first_year",
        "last_year",
        "long_gaps",
        "size",
        "steady",
        "workdays",
    )

    def __init__(self, first_year: int, counts: list[int], workdays: list[date], base: int) -> None:
        self.first_year = first_year
        self.first = date(first_year, 1, 1).toordinal()
        self.size = len(counts)
        self.end = self.first + self.size  # the ordinal after the span
        self.last_year = date.fromordinal(self.end - 1).year if counts else first_year - 1
        self.counts = counts
        self.workdays = workdays
        self.base = base
        self.long_gaps = tuple(
            index
            for index, (day, following) in enumerate(pairwise(workdays))
            if following.toordinal() - day.toordinal() > _MAX_GAP
        )
        leading_run_ok = bool(workdays) and workdays[0].toordinal() - self.first <= _MAX_GAP
        self.steady = workdays if leading_run_ok and not self.long_gaps else []


def _no_working_day_after(ordinal: int) -> Exception:
    """What stepping to the next working day from this day raises when none of the next 366 days is
    worked: running past the last date Python knows, or the broken calendar."""
    if ordinal + _MAX_GAP > _LAST_ORDINAL:
        return OverflowError("date value out of range")
    return ValueError(f"no working day within a year after {date.fromordinal(ordinal)}")


@dataclass
class WorkingCalendar:
    """Answers "is this a working day" and "when does office time start/end" for any date.

    `public_holidays` maps a date to its name (`public_holidays.PublicHolidays`); it must cover every
    year the calendar is asked about, and be safe to read from several threads (reports and imports run
    in worker threads on the window's calendar): the `holidays` package's own table is not.
    """

    public_holidays: Mapping[date, str]
    overrides: Iterable[CalendarOverride] = ()
    schedules: Iterable[OfficeSchedule] = (DEFAULT_SCHEDULE,)
    _overrides: dict[date, CalendarOverride] = field(init=False, repr=False)
    _schedules: list[OfficeSchedule] = field(init=False, repr=False)
    _schedule_starts: list[date] = field(init=False, repr=False)
    _span: _Span = field(init=False, repr=False, compare=False)
    _lock: threading.Lock = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._overrides = {override.day: override for override in self.overrides}
        self._schedules = sorted(self.schedules, key=lambda schedule: schedule.valid_from) or [
            DEFAULT_SCHEDULE
        ]
        self._schedule_starts = [schedule.valid_from for schedule in self._schedules]
        self._span = _Span(1, [], [], 0)
        self._lock = threading.Lock()  # held while a wider span is built

    # ------------------------------------------------------------------ days
    def is_working_day(self, day: date) -> bool:
        override = self._overrides.get(day)
        if override is not None:
            return override.kind is OverrideKind.MAKE_UP_WORKDAY
        if day in self.public_holidays:
            return False
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        ordinal = day.toordinal()
        span = self._span_covering(ordinal, min(ordinal + _MAX_GAP, _LAST_ORDINAL))
        index = span.counts[ordinal - span.first] - span.base
        if index < len(span.workdays) and span.workdays[index].toordinal() - ordinal <= _MAX_GAP:
            return span.workdays[index]
        raise _no_working_day_after(ordinal)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        ordinal = day.toordinal()
        if ordinal == 1:
            raise OverflowError("date value out of range")
        span = self._span_covering(max(ordinal - _MAX_GAP, 1), ordinal)
        index = span.counts[ordinal - 1 - span.first] - span.base - 1
        if index >= 0 and ordinal - span.workdays[index].toordinal() <= _MAX_GAP:
            return span.workdays[index]
        if ordinal - _MAX_GAP < 1:
            raise OverflowError("date value out of range")
        raise ValueError(f"no working day within a year before {day}")

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (`day` itself is not counted)."""
        if count < 0:
            raise ValueError("count must not be negative")
        if count == 0:
            return day
        ordinal = day.toordinal()
        span = self._span
        offset = ordinal - span.first
        if 0 <= offset < span.size:
            index = span.counts[offset] + count - span.base - 1
            if index < len(span.steady):
                return span.steady[index]
        return self._add_working_days_checked(ordinal, count)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many days are left from `start` until `end`; negative if late."""
        span = self._span
        origin = span.first
        first = start.toordinal() - origin
        last = end.toordinal() - origin
        size = span.size
        if not (0 <= first < size and 0 <= last < size):
            low, high = sorted((start.toordinal(), end.toordinal()))
            span = self._span_covering(low, high)
            first = start.toordinal() - span.first
            last = end.toordinal() - span.first
        counts = span.counts
        return counts[last] - counts[first]

    # ------------------------------------------------------------------ day numbering
    def _add_working_days_checked(self, ordinal: int, count: int) -> date:
        """`add_working_days` when the span must grow or a step may be longer than a year: fails where
        stepping one working day at a time would, with the same error."""
        span = self._span_covering(ordinal, min(ordinal + _MAX_GAP, _LAST_ORDINAL))
        while True:
            # Indexes are per span (another thread may have widened it backwards); numbers are not.
            first_index = span.counts[ordinal - span.first] - span.base
            index = first_index + count - 1
            workdays = span.workdays
            if first_index >= len(workdays) or workdays[first_index].toordinal() - ordinal > _MAX_GAP:
                raise _no_working_day_after(ordinal)
            gap = bisect_left(span.long_gaps, first_index)
            if gap < len(span.long_gaps) and span.long_gaps[gap] < index:
                raise _no_working_day_after(workdays[span.long_gaps[gap]].toordinal())
            if index < len(workdays):
                return workdays[index]
            last_day = span.end - 1
            if last_day - workdays[-1].toordinal() >= _MAX_GAP or last_day == _LAST_ORDINAL:
                raise _no_working_day_after(workdays[-1].toordinal())
            # About 250 working days a year: twice the days still needed, and a year more, is plenty.
            wanted = last_day + 2 * (index - len(workdays) + 1) + _MAX_GAP
            span = self._span_covering(ordinal, min(wanted, _LAST_ORDINAL))

    def _span_covering(self, low: int, high: int) -> _Span:
        """The day numbering of whole years covering the ordinals `low`..`high`, widened if needed."""
        span = self._span
        if span.first <= low and high < span.end:
            return span
        with self._lock:
            span = self._span
            if not (span.first <= low and high < span.end):
                span = self._widened(span, date.fromordinal(low).year, date.fromordinal(high).year)
                self._span = span  # published whole: readers see the old span or the new one
        return span

    def _widened(self, span: _Span, first_year: int, last_year: int) -> _Span:
        if not span.counts:  # the first question: its years are numbered from 0
            flags = self._worked_flags(first_year, last_year)
            return _Span(first_year, *self._numbered(flags, first_year, 0), base=0)
        counts: list[int] = []
        workdays: list[date] = []
        base = span.base
        if first_year < span.first_year:
            flags = self._worked_flags(first_year, span.first_year - 1)
            base -= sum(flags)
            counts, workdays = self._numbered(flags, first_year, base)
        else:
            first_year = span.first_year
        counts.extend(span.counts)
        workdays.extend(span.workdays)
        if last_year > span.last_year:
            flags = self._worked_flags(span.last_year + 1, last_year)
            later_counts, later_workdays = self._numbered(flags, span.last_year + 1, span.counts[-1])
            counts.extend(later_counts)
            workdays.extend(later_workdays)
        return _Span(first_year, counts, workdays, base)

    def _worked_flags(self, first_year: int, last_year: int) -> list[bool]:
        """Whether each day of the years `first_year`..`last_year` is worked, in date order."""
        first = date(first_year, 1, 1).toordinal()
        last = date(last_year, 12, 31).toordinal()
        return [self.is_working_day(date.fromordinal(ordinal)) for ordinal in range(first, last + 1)]

    @staticmethod
    def _numbered(flags: list[bool], first_year: int, base: int) -> tuple[list[int], list[date]]:
        """Running working-day counts of the days flagged from 1 January of `first_year` on (counting
        from `base`), and the working days among them."""
        counts: list[int] = []
        workdays: list[date] = []
        number = base
        ordinal = date(first_year, 1, 1).toordinal()
        for worked in flags:
            if worked:
                number += 1
                workdays.append(date.fromordinal(ordinal))
            counts.append(number)
            ordinal += 1
        return counts, workdays

    def special_days(self, year: int) -> Iterator[NonWorkingDay]:
        """Every weekday that is not worked and every weekend day that is, in date order."""
        day = date(year, 1, 1)
        while day.year == year:
            working = self.is_working_day(day)
            is_weekday = day.weekday() < 5
            if working != is_weekday:
                override = self._overrides.get(day)
                if override is not None:
                    yield NonWorkingDay(day, working, override.name, override.legal_basis)
                else:
                    yield NonWorkingDay(day, working, self.public_holidays.get(day, ""))
            day += timedelta(days=1)

    # ------------------------------------------------------------------ hours
    def schedule_on(self, day: date) -> OfficeSchedule:
        index = bisect_right(self._schedule_starts, day) - 1
        return self._schedules[max(index, 0)]

    def sessions_on(self, day: date) -> tuple[Session, ...]:
        return self.schedule_on(day).sessions if self.is_working_day(day) else ()

    def office_start(self, day: date) -> datetime:
        return datetime.combine(day, self.schedule_on(day).sessions[0].start)

    def office_end(self, day: date) -> datetime:
        return datetime.combine(day, self.schedule_on(day).sessions[-1].end)

    def is_office_time(self, moment: datetime) -> bool:
        clock = moment.time()
        return any(s.start <= clock < s.end for s in self.sessions_on(moment.date()))

    def effective_receipt_time(self, moment: datetime) -> datetime:
        """When a dossier recorded at `moment` counts as received.

        Inside a working session: `moment` itself. Outside office hours (before opening, at lunch, in
        the evening, on a weekend or day off): the start of the next working session.
        """
        moment = moment.replace(second=0, microsecond=0)
        clock = moment.time()
        for session in self.sessions_on(moment.date()):
            if clock < session.start:
                return datetime.combine(moment.date(), session.start)
            if clock < session.end:
                return moment
        return self.office_start(self.next_working_day(moment.date()))

    def session_start_containing(self, moment: datetime) -> datetime:
        """Start of the working session (half-day) in which `moment` falls, or the last one before it."""
        day = moment.date()
        clock = moment.time()
        starts = [s.start for s in self.schedule_on(day).sessions if s.start <= clock]
        if starts:
            return datetime.combine(day, starts[-1])
        return datetime.combine(day, self.schedule_on(day).sessions[0].start)
