"""Due dates of administrative procedures (domain.md §4).

- N working days: the day of receipt is not counted; due on the N-th working day after it at the
  receipt's time of day (clamped to that day's closing time when office hours differ).
- Same day with a cut-off (15:00): received before the cut-off → due at the end of office hours that
  day; at or after it → the end of office hours of the next working day.
- Calendar days: the period ends at the close of office hours on day receipt + N (Bộ luật Dân sự 2015,
  Art. 148: a period in days ends at the end of its last day); a last day that is not a working day
  moves to the next working day.
- N working hours ("02 giờ làm việc"): office time counted through the working sessions of working days,
  skipping lunch, evenings and days off; due at the exact moment the hours run out (a period that ends at a
  session's end stays at that end: 11:30, 17:00).
A receipt outside office hours counts from the start of the next working session, and the cut-off
applies to that time.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from cchc_desktop.domain.calendar import WorkingCalendar

DEFAULT_CUTOFF = time(15, 0)


class DurationUnit(enum.StrEnum):
    WORKING_DAYS = "working_days"
    SAME_DAY = "same_day"
    CALENDAR_DAYS = "calendar_days"
    WORKING_HOURS = "working_hours"


@dataclass(frozen=True)
class Duration:
    unit: DurationUnit
    value: int = 0
    cutoff: time = DEFAULT_CUTOFF

    def __post_init__(self) -> None:
        if self.unit is DurationUnit.SAME_DAY:
            if self.value != 0:
                raise ValueError("a same-day duration has no day count")
        elif self.unit is DurationUnit.WORKING_HOURS:
            if self.value < 1:
                raise ValueError("a duration in working hours needs at least one hour")
        elif self.value < 1:
            raise ValueError("a duration in days needs at least one day")

    def describe(self) -> str:
        """Vietnamese wording as printed on the receipt ("03 ngày làm việc", "Trong ngày")."""
        if self.unit is DurationUnit.SAME_DAY:
            minutes = f" {self.cutoff:%M}" if self.cutoff.minute else ""
            return f"Trong ngày (tiếp nhận trước {self.cutoff:%H} giờ{minutes})"
        if self.unit is DurationUnit.WORKING_DAYS:
            return f"{self.value:02d} ngày làm việc"
        if self.unit is DurationUnit.WORKING_HOURS:
            return f"{self.value:02d} giờ làm việc"
        return f"{self.value:02d} ngày"


def compute_due(received_at: datetime, duration: Duration, calendar: WorkingCalendar) -> datetime:
    """The due date and time of a dossier received at `received_at`."""
    start = calendar.effective_receipt_time(received_at)
    if duration.unit is DurationUnit.SAME_DAY:
        day = start.date()
        if start.time() >= duration.cutoff:
            day = calendar.next_working_day(day)
        return calendar.office_end(day)
    if duration.unit is DurationUnit.WORKING_DAYS:
        day = calendar.add_working_days(start.date(), duration.value)
        return min(datetime.combine(day, start.time()), calendar.office_end(day))
    if duration.unit is DurationUnit.WORKING_HOURS:
        return add_office_time(start, timedelta(hours=duration.value), calendar)
    end_day = start.date() + timedelta(days=duration.value)
    if not calendar.is_working_day(end_day):
        end_day = calendar.next_working_day(end_day)
    return calendar.office_end(end_day)


def add_office_time(start: datetime, span: timedelta, calendar: WorkingCalendar) -> datetime:
    """`start` (inside a working session) plus `span` of office time."""
    left = span
    day, clock = start.date(), start.time()
    while True:
        for session in calendar.sessions_on(day):
            begin = datetime.combine(day, max(session.start, clock))
            end = datetime.combine(day, session.end)
            if begin >= end:
                continue
            if begin + left <= end:
                return begin + left
            left -= end - begin
        day, clock = calendar.next_working_day(day), time.min


def office_time_between(start: datetime, end: datetime, calendar: WorkingCalendar) -> timedelta:
    """The office time from `start` to `end` (zero when `end` is not after `start`); for rules in hours,
    whose spans are a few working days."""
    total = timedelta()
    day = start.date()
    while day <= end.date():
        for session in calendar.sessions_on(day):
            begin = max(datetime.combine(day, session.start), start)
            finish = min(datetime.combine(day, session.end), end)
            if finish > begin:
                total += finish - begin
        day = calendar.next_working_day(day)
    return total


def working_days_counted(received_at: datetime, due_at: datetime, calendar: WorkingCalendar) -> int:
    """Working days from the (effective) receipt to the due date, as shown next to the live due date."""
    start = calendar.effective_receipt_time(received_at)
    return calendar.working_days_between(start.date(), due_at.date())
