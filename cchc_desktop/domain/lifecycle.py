"""The life of a dossier: which actions each state allows, and the deadline arithmetic of supplements
and extensions (domain.md §5).

received → in processing → result ready → returned; side states waiting for supplement, refused,
withdrawn, stopped. Returned, refused, withdrawn and stopped are final.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.deadlines import (
    Duration,
    DurationUnit,
    add_office_time,
    compute_due,
    office_time_between,
)
from cchc_desktop.domain.dossiers import EVENT_LABELS, STATUS_LABELS, DossierStatus

SUPPLEMENT_CLOSE_AFTER = timedelta(days=15)


class Action(enum.StrEnum):
    HAND_OVER = "hand_over"
    RECEIVE_RESULT = "receive_result"
    RETURN_RESULT = "return_result"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT_RECEIVED = "supplement_received"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    STOP = "stop"
    EXTEND = "extend"


ACTION_LABELS = {
    Action.HAND_OVER: "Chuyển hồ sơ",
    Action.RECEIVE_RESULT: "Nhận kết quả",
    Action.RETURN_RESULT: "Trả kết quả cho công dân",
    Action.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung",
    Action.SUPPLEMENT_RECEIVED: "Nhận hồ sơ bổ sung",
    Action.REFUSE: "Từ chối",
    Action.WITHDRAW: "Rút hồ sơ",
    Action.STOP: "Dừng giải quyết",
    Action.EXTEND: "Gia hạn (Mẫu 04)",
}

# Event kinds that are a hand-over between units, printed on the control slip (Mẫu 06).
HAND_OVER_KINDS = frozenset({Action.HAND_OVER.value, Action.RECEIVE_RESULT.value})
COUNTER_UNIT = "Bộ phận TN&TKQ"

_OPEN_ACTIONS = {Action.REQUEST_SUPPLEMENT, Action.REFUSE, Action.WITHDRAW, Action.STOP, Action.EXTEND}
ALLOWED: dict[DossierStatus, frozenset[Action]] = {
    DossierStatus.RECEIVED: frozenset({Action.HAND_OVER, Action.RECEIVE_RESULT, *_OPEN_ACTIONS}),
    DossierStatus.IN_PROCESSING: frozenset({Action.HAND_OVER, Action.RECEIVE_RESULT, *_OPEN_ACTIONS}),
    DossierStatus.WAITING_SUPPLEMENT: frozenset(
        {Action.SUPPLEMENT_RECEIVED, Action.REFUSE, Action.WITHDRAW, Action.STOP}
    ),
    DossierStatus.RESULT_READY: frozenset({Action.RETURN_RESULT}),
    DossierStatus.RETURNED: frozenset(),
    DossierStatus.REFUSED: frozenset(),
    DossierStatus.WITHDRAWN: frozenset(),
    DossierStatus.STOPPED: frozenset(),
}
OPEN_STATES = frozenset(
    {DossierStatus.RECEIVED, DossierStatus.IN_PROCESSING, DossierStatus.WAITING_SUPPLEMENT}
)
FINAL_STATES = frozenset(
    {DossierStatus.RETURNED, DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED}
)


class IllegalTransition(ValueError):  # noqa: N818  (the domain's word for it)
    def __init__(self, status: DossierStatus, action: Action) -> None:
        super().__init__(
            f"Hồ sơ đang ở trạng thái “{STATUS_LABELS[status]}” nên không thể “{ACTION_LABELS[action]}”."
        )


def allowed_actions(status: DossierStatus, has_extension: bool = False) -> list[Action]:
    actions = ALLOWED[status]
    return [a for a in Action if a in actions and not (a is Action.EXTEND and has_extension)]


def status_after(
    status: DossierStatus, action: Action, before_supplement: DossierStatus | None = None
) -> DossierStatus:
    """The state after `action`, or `IllegalTransition`."""
    if action not in ALLOWED[status]:
        raise IllegalTransition(status, action)
    return {
        Action.HAND_OVER: DossierStatus.IN_PROCESSING,
        Action.RECEIVE_RESULT: DossierStatus.RESULT_READY,
        Action.RETURN_RESULT: DossierStatus.RETURNED,
        Action.REQUEST_SUPPLEMENT: DossierStatus.WAITING_SUPPLEMENT,
        Action.SUPPLEMENT_RECEIVED: before_supplement or DossierStatus.RECEIVED,
        Action.REFUSE: DossierStatus.REFUSED,
        Action.WITHDRAW: DossierStatus.WITHDRAWN,
        Action.STOP: DossierStatus.STOPPED,
        Action.EXTEND: status,
    }[action]


class SupplementMode(enum.StrEnum):
    RESTART = "restart"
    PAUSE = "pause"


def due_after_supplement(
    mode: SupplementMode,
    duration: Duration,
    due_at: datetime,
    requested_at: datetime,
    completed_at: datetime,
    calendar: WorkingCalendar,
) -> datetime:
    """The new due time once the complete papers arrive at `completed_at`.

    restart (Nghị định 118/2025 Art 19(5)): a full new time limit, computed like at intake.
    pause: the working days that were left when the supplement was requested are added from the
    (effective) arrival, keeping the due time of day (clamped to that day's office hours); for a rule in
    working hours, the office time that was left.
    """
    if mode is SupplementMode.RESTART:
        return compute_due(completed_at, duration, calendar)
    start = calendar.effective_receipt_time(completed_at)
    if duration.unit is DurationUnit.WORKING_HOURS:  # the office time that was left, to the minute
        left_time = office_time_between(calendar.effective_receipt_time(requested_at), due_at, calendar)
        return add_office_time(start, left_time, calendar)
    left = max(
        calendar.working_days_between(calendar.effective_receipt_time(requested_at).date(), due_at.date()), 0
    )
    day = calendar.add_working_days(start.date(), left)
    candidate = datetime.combine(day, due_at.time())
    end_of_day = calendar.office_end(day)
    if candidate > end_of_day or candidate < start:
        return end_of_day
    return candidate


def extension_deadline(due_at: datetime, calendar: WorkingCalendar) -> date:
    """The last day on which the apology and extension (Mẫu 04) may go out: the last working day before
    the due date (NĐ 118 Art 19(6) "chậm nhất 01 ngày trước hạn"; the agency sends it on a working day,
    so a Monday due date means the Friday before, and a due date after Tết the last day before the break)."""
    return calendar.previous_working_day(due_at.date())


def extension_error(
    due_at: datetime,
    current_appointment: datetime,
    new_appointment: datetime,
    now: datetime,
    already_extended: bool,
    calendar: WorkingCalendar,
) -> str | None:
    """Why an extension (Mẫu 04) is not allowed now, or None (NĐ 118 Art 19(6): once, at the latest on
    `extension_deadline`)."""
    if already_extended:
        return "Hồ sơ đã được gia hạn một lần; theo quy định chỉ được gia hạn một lần."
    last_day = extension_deadline(due_at, calendar)
    if now.date() > last_day:
        return (
            f"Văn bản xin lỗi và gia hạn phải gửi chậm nhất 01 ngày làm việc trước hạn trả kết quả "
            f"({due_at:%d/%m/%Y}), tức ngày {last_day:%d/%m/%Y}; đã quá thời điểm gia hạn."
        )
    if new_appointment <= current_appointment:
        return "Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại."
    return None


def supplement_overdue(requested_at: datetime, now: datetime) -> bool:
    """A dossier not completed within 15 days of the supplement request is to be closed."""
    return now - requested_at > SUPPLEMENT_CLOSE_AFTER


def event_label(kind: str) -> str:
    """Vietnamese name of an event kind, for timelines ("Chuyển hồ sơ", "In Phiếu kiểm soát" …)."""
    for action in Action:
        if action.value == kind:
            return ACTION_LABELS[action]
    for event_kind, label in EVENT_LABELS.items():
        if event_kind.value == kind:
            return label
    return kind
