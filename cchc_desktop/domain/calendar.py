"""The working-time calendar of a Vietnamese state agency.

A day is a working day when it is Monday-Friday and not a public holiday, unless an override says
otherwise: a `day_off` override removes a day (an announced swap), a `make_up_workday` override adds one
(a make-up Saturday). Office hours come from dated schedules (summer/winter hours), each a list of
working sessions such as 07:30-11:30 and 13:30-17:00.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta


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

    def __post_init__(self) -> None:
        self._overrides = {override.day: override for override in self.overrides}
        self._schedules = sorted(self.schedules, key=lambda schedule: schedule.valid_from) or [
            DEFAULT_SCHEDULE
        ]
        self._schedule_starts = [schedule.valid_from for schedule in self._schedules]

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
        candidate = day + timedelta(days=1)
        # Tết plus weekends never exceeds a few weeks; the bound only guards against a broken calendar.
        for _ in range(366):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise ValueError(f"no working day within a year after {day}")

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        candidate = day - timedelta(days=1)
        for _ in range(366):
            if self.is_working_day(candidate):
                return candidate
            candidate -= timedelta(days=1)
        raise ValueError(f"no working day within a year before {day}")

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (`day` itself is not counted)."""
        if count < 0:
            raise ValueError("count must not be negative")
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many days are left from `start` until `end`; negative if late."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

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
