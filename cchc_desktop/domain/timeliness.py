"""Early, on time or late: how a result ready at some moment compares with its due time (domain.md §6).

No text defines "early"; two rules are offered:
- by working session (default, as the national platform does): late if ready after the due time; early
  if ready before the start of the working half-day in which the due time falls; on time otherwise;
- by day: late if after the due time; early if on an earlier day than the due day; on time otherwise.
"""

from __future__ import annotations

import enum
from datetime import datetime

from cchc_desktop.domain.calendar import WorkingCalendar


class Timeliness(enum.StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


TIMELINESS_LABELS = {
    Timeliness.EARLY: "trước hạn",
    Timeliness.ON_TIME: "đúng hạn",
    Timeliness.LATE: "quá hạn",
}


class TimelinessRule(enum.StrEnum):
    SESSION = "session"
    DAY = "day"


def classify(
    ready_at: datetime, due_at: datetime, calendar: WorkingCalendar, rule: TimelinessRule
) -> Timeliness:
    if ready_at > due_at:
        return Timeliness.LATE
    if rule is TimelinessRule.DAY:
        return Timeliness.EARLY if ready_at.date() < due_at.date() else Timeliness.ON_TIME
    session_start = calendar.session_start_containing(due_at)
    return Timeliness.EARLY if ready_at < session_start else Timeliness.ON_TIME
