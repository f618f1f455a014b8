from __future__ import annotations

from datetime import datetime

import pytest

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays
from cchc_desktop.domain.timeliness import Timeliness, TimelinessRule, classify
from cchc_desktop.domain.urgency import Urgency, time_left_text, urgency, urgency_bounds
from cchc_desktop.services.calendar import default_overrides

CALENDAR = WorkingCalendar(vietnamese_public_holidays(), default_overrides())
NOW = datetime(2026, 2, 13, 10, 0)  # Friday before Tết 2026: the next working day is Mon 23/2


@pytest.mark.parametrize(
    ("due", "status", "expected", "text"),
    [
        (datetime(2026, 2, 12, 16, 0), DossierStatus.IN_PROCESSING, Urgency.OVERDUE, "quá hạn 1 ngày"),
        (datetime(2026, 2, 13, 9, 0), DossierStatus.RECEIVED, Urgency.OVERDUE, "quá hạn từ 09:00 hôm nay"),
        (datetime(2026, 2, 13, 17, 0), DossierStatus.RECEIVED, Urgency.DUE_TODAY, "hạn hôm nay 17:00"),
        (datetime(2026, 2, 23, 17, 0), DossierStatus.RECEIVED, Urgency.DUE_NEXT_DAY, "còn 1 ngày làm việc"),
        (datetime(2026, 2, 25, 10, 0), DossierStatus.IN_PROCESSING, Urgency.ON_TRACK, "còn 3 ngày làm việc"),
        (
            datetime(2026, 2, 10, 10, 0),
            DossierStatus.WAITING_SUPPLEMENT,
            Urgency.WAITING,
            "dừng tính hạn (chờ bổ sung)",
        ),
        (datetime(2026, 2, 10, 10, 0), DossierStatus.RETURNED, Urgency.DONE, ""),
    ],
)
def test_urgency_and_time_left(due: datetime, status: DossierStatus, expected: Urgency, text: str) -> None:
    assert urgency(status, due, urgency_bounds(NOW, CALENDAR)) is expected
    assert time_left_text(status, due, NOW, CALENDAR) == text


@pytest.mark.parametrize(
    ("ready", "rule", "expected"),
    [
        (datetime(2026, 3, 5, 7, 0), TimelinessRule.SESSION, Timeliness.EARLY),  # before the morning session
        (datetime(2026, 3, 5, 9, 0), TimelinessRule.SESSION, Timeliness.ON_TIME),  # in the due session
        (datetime(2026, 3, 5, 10, 6), TimelinessRule.SESSION, Timeliness.LATE),
        (datetime(2026, 3, 4, 16, 0), TimelinessRule.DAY, Timeliness.EARLY),
        (datetime(2026, 3, 5, 7, 0), TimelinessRule.DAY, Timeliness.ON_TIME),
        (datetime(2026, 3, 5, 10, 6), TimelinessRule.DAY, Timeliness.LATE),
    ],
)
def test_early_on_time_late(ready: datetime, rule: TimelinessRule, expected: Timeliness) -> None:
    assert classify(ready, datetime(2026, 3, 5, 10, 5), CALENDAR, rule) is expected


def test_same_day_work_done_in_the_morning_is_early_by_session() -> None:
    due = datetime(2026, 3, 5, 17, 0)  # same-day certification, due at closing time
    assert classify(datetime(2026, 3, 5, 10, 0), due, CALENDAR, TimelinessRule.SESSION) is Timeliness.EARLY
    assert classify(datetime(2026, 3, 5, 10, 0), due, CALENDAR, TimelinessRule.DAY) is Timeliness.ON_TIME
