"""How urgent an open dossier is, and its working time left in words ("còn 2 ngày làm việc")."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.dossiers import DossierStatus

# States whose clock runs: only these can be overdue (a waiting dossier never is, domain.md §5).
RUNNING_STATES = frozenset({DossierStatus.RECEIVED, DossierStatus.IN_PROCESSING})


class Urgency(enum.StrEnum):
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_NEXT_DAY = "due_next_day"
    ON_TRACK = "on_track"
    WAITING = "waiting"
    DONE = "done"


URGENCY_LABELS = {
    Urgency.OVERDUE: "Quá hạn",
    Urgency.DUE_TODAY: "Đến hạn hôm nay",
    Urgency.DUE_NEXT_DAY: "Đến hạn ngày làm việc tiếp theo",
    Urgency.ON_TRACK: "Trong hạn",
    Urgency.WAITING: "Chờ bổ sung",
    Urgency.DONE: "Đã xong",
}


@dataclass(frozen=True)
class UrgencyBounds:
    """Due-time limits of the categories at one moment, for SQL filters: overdue is due < now;
    due today is now ≤ due < end_of_today; due next day is end_of_today ≤ due < end_of_next_day."""

    now: datetime
    end_of_today: datetime
    end_of_next_day: datetime


def _midnight_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time())


def urgency_bounds(now: datetime, calendar: WorkingCalendar) -> UrgencyBounds:
    next_day = calendar.next_working_day(now.date())
    return UrgencyBounds(now, _midnight_after(now.date()), _midnight_after(next_day))


def urgency(status: DossierStatus, due_at: datetime, bounds: UrgencyBounds) -> Urgency:
    if status is DossierStatus.WAITING_SUPPLEMENT:
        return Urgency.WAITING
    if status not in RUNNING_STATES:
        return Urgency.DONE
    if due_at < bounds.now:
        return Urgency.OVERDUE
    if due_at < bounds.end_of_today:
        return Urgency.DUE_TODAY
    if due_at < bounds.end_of_next_day:
        return Urgency.DUE_NEXT_DAY
    return Urgency.ON_TRACK


def time_left_text(status: DossierStatus, due_at: datetime, now: datetime, calendar: WorkingCalendar) -> str:
    """ "còn 2 ngày làm việc", "hạn hôm nay 17:00", "quá hạn 1 ngày"; "" for a dossier whose clock stopped."""
    if status is DossierStatus.WAITING_SUPPLEMENT:
        return "dừng tính hạn (chờ bổ sung)"
    if status not in RUNNING_STATES:
        return ""
    if due_at < now:
        days = calendar.working_days_between(due_at.date(), now.date())
        return f"quá hạn {days} ngày" if days > 0 else f"quá hạn từ {due_at:%H:%M} hôm nay"
    if due_at.date() == now.date():
        return f"hạn hôm nay {due_at:%H:%M}"
    return f"còn {calendar.working_days_between(now.date(), due_at.date())} ngày làm việc"
