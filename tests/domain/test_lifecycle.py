"""Every transition of the dossier lifecycle, the supplement arithmetic and the one-extension rule."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.deadlines import Duration, DurationUnit
from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.domain.lifecycle import (
    Action,
    IllegalTransition,
    SupplementMode,
    allowed_actions,
    due_after_supplement,
    extension_deadline,
    extension_error,
    status_after,
    supplement_overdue,
)
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays
from cchc_desktop.services.calendar import default_overrides

S, A = DossierStatus, Action  # short names keep the transition table readable

LEGAL = {
    (S.RECEIVED, A.HAND_OVER): S.IN_PROCESSING,
    (S.RECEIVED, A.RECEIVE_RESULT): S.RESULT_READY,
    (S.RECEIVED, A.REQUEST_SUPPLEMENT): S.WAITING_SUPPLEMENT,
    (S.RECEIVED, A.REFUSE): S.REFUSED,
    (S.RECEIVED, A.WITHDRAW): S.WITHDRAWN,
    (S.RECEIVED, A.STOP): S.STOPPED,
    (S.RECEIVED, A.EXTEND): S.RECEIVED,
    (S.IN_PROCESSING, A.HAND_OVER): S.IN_PROCESSING,
    (S.IN_PROCESSING, A.RECEIVE_RESULT): S.RESULT_READY,
    (S.IN_PROCESSING, A.REQUEST_SUPPLEMENT): S.WAITING_SUPPLEMENT,
    (S.IN_PROCESSING, A.REFUSE): S.REFUSED,
    (S.IN_PROCESSING, A.WITHDRAW): S.WITHDRAWN,
    (S.IN_PROCESSING, A.STOP): S.STOPPED,
    (S.IN_PROCESSING, A.EXTEND): S.IN_PROCESSING,
    (S.WAITING_SUPPLEMENT, A.SUPPLEMENT_RECEIVED): S.RECEIVED,
    (S.WAITING_SUPPLEMENT, A.REFUSE): S.REFUSED,
    (S.WAITING_SUPPLEMENT, A.WITHDRAW): S.WITHDRAWN,
    (S.WAITING_SUPPLEMENT, A.STOP): S.STOPPED,
    (S.RESULT_READY, A.RETURN_RESULT): S.RETURNED,
}
ALL = [(status, action) for status in S for action in A]


@pytest.mark.parametrize(("status", "action"), ALL, ids=[f"{s.value}-{a.value}" for s, a in ALL])
def test_each_state_allows_exactly_its_actions(status: S, action: A) -> None:
    expected = LEGAL.get((status, action))
    if expected is None:
        with pytest.raises(IllegalTransition, match="không thể"):
            status_after(status, action)
        assert action not in allowed_actions(status)
    else:
        assert status_after(status, action) is expected
        assert action in allowed_actions(status)


def test_completed_papers_send_the_dossier_back_where_it_was() -> None:
    assert status_after(S.WAITING_SUPPLEMENT, A.SUPPLEMENT_RECEIVED, S.IN_PROCESSING) is S.IN_PROCESSING


def test_a_second_extension_is_not_offered() -> None:
    assert A.EXTEND in allowed_actions(S.IN_PROCESSING)
    assert A.EXTEND not in allowed_actions(S.IN_PROCESSING, has_extension=True)


def test_final_states_allow_nothing() -> None:
    for status in (S.RETURNED, S.REFUSED, S.WITHDRAWN, S.STOPPED):
        assert allowed_actions(status) == []


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar(vietnamese_public_holidays(), default_overrides())


THREE_DAYS = Duration(DurationUnit.WORKING_DAYS, 3)
DUE = datetime(2026, 2, 13, 10, 0)  # received Tue 10/2/2026 10:00, 3 working days
REQUESTED = datetime(2026, 2, 11, 10, 0)


@pytest.mark.parametrize(
    ("mode", "completed", "expected"),
    [
        # restart: a full new limit from the arrival, across Tết 2026 (16-20/2 off)
        (SupplementMode.RESTART, datetime(2026, 2, 13, 16, 0), datetime(2026, 2, 25, 16, 0)),
        (SupplementMode.RESTART, datetime(2026, 2, 14, 9, 0), datetime(2026, 2, 26, 7, 30)),
        # pause: the 2 working days left on 11/2 (Thu 12, Fri 13) run again from the arrival
        (SupplementMode.PAUSE, datetime(2026, 2, 13, 16, 0), datetime(2026, 2, 24, 10, 0)),
        (SupplementMode.PAUSE, datetime(2026, 2, 14, 9, 0), datetime(2026, 2, 25, 10, 0)),
    ],
)
def test_due_after_a_supplement(
    calendar: WorkingCalendar, mode: SupplementMode, completed: datetime, expected: datetime
) -> None:
    assert due_after_supplement(mode, THREE_DAYS, DUE, REQUESTED, completed, calendar) == expected


def test_pause_requested_on_the_due_day_leaves_the_rest_of_the_arrival_day(calendar: WorkingCalendar) -> None:
    due = datetime(2026, 3, 4, 10, 0)
    result = due_after_supplement(
        SupplementMode.PAUSE,
        THREE_DAYS,
        due,
        datetime(2026, 3, 4, 9, 0),
        datetime(2026, 3, 9, 14, 0),
        calendar,
    )
    assert result == datetime(2026, 3, 9, 17, 0)


@pytest.mark.parametrize(
    ("requested", "completed", "expected"),
    [
        # 2 office hours received Mon 2/3/2026 10:30 (due 14:30): paused at 11:00, 1 h 30 left
        (datetime(2026, 3, 2, 11, 0), datetime(2026, 3, 4, 9, 0), datetime(2026, 3, 4, 10, 30)),
        # the papers come back at 16:00: an hour that day, half an hour the next morning
        (datetime(2026, 3, 2, 11, 0), datetime(2026, 3, 4, 16, 0), datetime(2026, 3, 5, 8, 0)),
        # paused over lunch (effective 13:30): one hour left
        (datetime(2026, 3, 2, 12, 0), datetime(2026, 3, 4, 9, 0), datetime(2026, 3, 4, 10, 0)),
    ],
)
def test_pause_of_a_rule_in_working_hours_keeps_the_office_time_left(
    calendar: WorkingCalendar, requested: datetime, completed: datetime, expected: datetime
) -> None:
    two_hours = Duration(DurationUnit.WORKING_HOURS, 2)
    due = datetime(2026, 3, 2, 14, 30)
    assert (
        due_after_supplement(SupplementMode.PAUSE, two_hours, due, requested, completed, calendar) == expected
    )


@pytest.mark.parametrize(
    ("now", "extended", "new", "message"),
    [
        (datetime(2026, 3, 4, 16, 0), False, datetime(2026, 3, 10, 10, 0), None),
        (datetime(2026, 3, 5, 8, 0), False, datetime(2026, 3, 10, 10, 0), "chậm nhất 01 ngày"),
        (datetime(2026, 3, 3, 8, 0), True, datetime(2026, 3, 10, 10, 0), "một lần"),
        (datetime(2026, 3, 3, 8, 0), False, datetime(2026, 3, 5, 10, 5), "phải sau"),
    ],
)
def test_one_extension_at_the_latest_a_day_before(
    calendar: WorkingCalendar, now: datetime, extended: bool, new: datetime, message: str | None
) -> None:
    due = datetime(2026, 3, 5, 10, 5)
    error = extension_error(due, due, new, now, extended, calendar)
    if message is None:
        assert error is None
    else:
        assert error is not None and message in error


@pytest.mark.parametrize(
    ("due", "last_day"),
    [
        (datetime(2026, 3, 5, 10, 5), date(2026, 3, 4)),  # Thursday → Wednesday
        (datetime(2026, 3, 9, 10, 5), date(2026, 3, 6)),  # Monday → the Friday before
        (datetime(2026, 2, 23, 10, 5), date(2026, 2, 13)),  # the Monday after Tết 2026 (16-20/2 off)
        (datetime(2026, 5, 4, 10, 0), date(2026, 4, 29)),  # after 30/4-1/5 and the weekend
    ],
)
def test_the_extension_goes_out_on_the_last_working_day_before_the_due_date(
    calendar: WorkingCalendar, due: datetime, last_day: date
) -> None:
    assert extension_deadline(due, calendar) == last_day


def test_an_extension_on_the_weekend_before_a_monday_due_date_is_too_late(calendar: WorkingCalendar) -> None:
    due = datetime(2026, 3, 9, 10, 5)
    new = datetime(2026, 3, 12, 10, 0)
    assert extension_error(due, due, new, datetime(2026, 3, 6, 16, 0), False, calendar) is None
    error = extension_error(due, due, new, datetime(2026, 3, 7, 9, 0), False, calendar)
    assert error is not None and "06/03/2026" in error


def test_a_supplement_request_older_than_15_days_is_to_be_closed() -> None:
    assert not supplement_overdue(datetime(2026, 3, 1, 9, 0), datetime(2026, 3, 16, 9, 0))
    assert supplement_overdue(datetime(2026, 3, 1, 9, 0), datetime(2026, 3, 16, 9, 1))
