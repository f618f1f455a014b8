"""Following open dossiers until the citizen has the result: filtered, sorted pages and urgency counts.

Every filter and sort runs in SQL (`storage.tracking_queries`); a screen asks for one page at a time and
never holds every dossier. Urgency (overdue, due today, due the next working day) is turned into due-time
ranges of the running states at the moment `now`, so it is a plain range condition in SQL.

"Hồ sơ của tôi" (`TrackingFilter.mine`) keeps the dossiers handed to the signed-in account. A specialist-only
account sees nothing else, whatever the screen asks (`own_only`): the scope is applied here, to the list, its
count and the urgency counts alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.dossiers import Channel, DossierStatus
from cchc_desktop.domain.text import fold, nfc
from cchc_desktop.domain.urgency import RUNNING_STATES, Urgency, urgency_bounds
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import row_faults, tracking_queries
from cchc_desktop.storage.tracking_queries import TrackingCriteria

OPEN_STATES = frozenset(
    {
        DossierStatus.RECEIVED,
        DossierStatus.IN_PROCESSING,
        DossierStatus.WAITING_SUPPLEMENT,
        DossierStatus.RESULT_READY,
    }
)
ALL_STATES = frozenset(DossierStatus)
SORT_COLUMNS = ("code", "applicant", "procedure", "field", "received", "due", "status", "holder")
# The categories `urgency_counts` reports: every open dossier whose clock runs or waits.
COUNTED = (Urgency.OVERDUE, Urgency.DUE_TODAY, Urgency.DUE_NEXT_DAY, Urgency.ON_TRACK, Urgency.WAITING)


@dataclass(frozen=True)
class TrackingFilter:
    statuses: frozenset[DossierStatus] = field(default=OPEN_STATES)
    field: str | None = None
    channel: Channel | None = None
    due_from: date | None = None
    due_to: date | None = None  # inclusive: the whole day
    holder: str | None = None
    search: str = ""
    urgency: Urgency | None = None
    mine: bool = False  # only the dossiers handed to the signed-in account ("Hồ sơ của tôi")


@dataclass(frozen=True)
class TrackingSort:
    column: str = "due"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.column not in SORT_COLUMNS:
            raise ValueError(f"cannot sort by {self.column!r}; one of {', '.join(SORT_COLUMNS)}")


@dataclass(frozen=True)
class TrackingRow:
    id: int
    code: str
    applicant_name: str
    procedure_name: str
    field_name: str
    received_at: datetime
    due_at: datetime
    appointment_at: datetime
    status: DossierStatus
    current_holder: str
    channel: Channel
    # What cannot be read in a row changed behind the app's back (shown as "Lỗi dữ liệu"); the fields
    # concerned then hold stand-in values that nothing may act on.
    faults: tuple[str, ...] = ()


def _values(states: frozenset[DossierStatus]) -> frozenset[str]:
    return frozenset(state.value for state in states)


def _urgency_window(
    urgency: Urgency, now: datetime, calendar: WorkingCalendar
) -> tuple[frozenset[DossierStatus], datetime | None, datetime | None]:
    """The states and the due-time range [from, before) of one urgency category at `now`."""
    bounds = urgency_bounds(now, calendar)
    return {
        Urgency.OVERDUE: (RUNNING_STATES, None, bounds.now),
        Urgency.DUE_TODAY: (RUNNING_STATES, bounds.now, bounds.end_of_today),
        Urgency.DUE_NEXT_DAY: (RUNNING_STATES, bounds.end_of_today, bounds.end_of_next_day),
        Urgency.ON_TRACK: (RUNNING_STATES, bounds.end_of_next_day, None),
        Urgency.WAITING: (frozenset({DossierStatus.WAITING_SUPPLEMENT}), None, None),
        Urgency.DONE: (ALL_STATES - RUNNING_STATES - {DossierStatus.WAITING_SUPPLEMENT}, None, None),
    }[urgency]


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else min(a, b)


def criteria_for(filter: TrackingFilter, now: datetime, calendar: WorkingCalendar) -> TrackingCriteria:
    """The filter as plain SQL conditions at the moment `now`."""
    states = frozenset(filter.statuses)
    due_from = datetime.combine(filter.due_from, time()) if filter.due_from else None
    due_before = datetime.combine(filter.due_to + timedelta(days=1), time()) if filter.due_to else None
    if filter.urgency is not None:
        urgent_states, urgent_from, urgent_before = _urgency_window(filter.urgency, now, calendar)
        states &= urgent_states
        due_from, due_before = _later(due_from, urgent_from), _earlier(due_before, urgent_before)
    return TrackingCriteria(
        statuses=None if states == ALL_STATES else _values(states),
        field_name=filter.field,
        channel=None if filter.channel is None else filter.channel.value,
        holder=filter.holder,
        due_from=due_from,
        due_before=due_before,
        **_search_terms(filter.search),
    )


def _search_terms(text: str) -> dict[str, str]:
    """What the search box matches: the code (inside), the name without case or diacritics (inside), and
    for digits the ID number or phone (from the start; "+84 912…" is the phone "0912…")."""
    text = nfc(text)
    if not text:
        return {}
    terms = {"code_text": text, "name_text": fold(text)}
    compact = re.sub(r"[\s.\-]", "", text)
    if compact.startswith("+84"):
        compact = "0" + compact[3:]
    if compact.isascii() and compact.isalnum() and any(ch.isdigit() for ch in compact):
        terms["id_prefix"] = compact.upper()
        if compact.isdigit():
            terms["phone_prefix"] = compact
    return terms


def own_only(ws: Workspace) -> bool:
    """True when the user may see only the dossiers handed to them: a specialist-only account, or nobody
    signed in on a database that has accounts (then the list is empty: no account is the system's)."""
    if ws.actor.system:
        return ws.has_accounts
    return not ws.actor.sees_every_dossier()


def _assignee(ws: Workspace, mine: bool) -> str | None:
    """The account whose dossiers are listed, or None for every dossier."""
    return ws.actor.username if mine or own_only(ws) else None


def _scoped_criteria(ws: Workspace, filter: TrackingFilter, now: datetime) -> TrackingCriteria:
    return replace(criteria_for(filter, now, ws.calendar), assignee=_assignee(ws, filter.mine))


def count(ws: Workspace, filter: TrackingFilter, now: datetime) -> int:
    criteria = _scoped_criteria(ws, filter, now)
    with ws.db.read() as tx:
        return tracking_queries.count(tx, criteria)


def page(
    ws: Workspace, filter: TrackingFilter, sort: TrackingSort, offset: int, limit: int, now: datetime
) -> list[TrackingRow]:
    """Rows `offset` … `offset + limit - 1` of the filtered list in the sort order (ties by id)."""
    criteria = _scoped_criteria(ws, filter, now)
    with ws.db.read() as tx:
        rows = tracking_queries.page(tx, criteria, sort.column, sort.descending, offset, limit)
        # What the page does not show (payment, JSON) is checked for its rows only: a few milliseconds.
        faults = {
            fault.code: fault.problems for fault in row_faults.faults_of(tx, ids=[row[0] for row in rows])
        }
    return [_tracking_row(row, faults.get(row[1], ())) for row in rows]


def _tracking_row(values: tuple[Any, ...], problems: tuple[str, ...]) -> TrackingRow:
    """One row of the list; what cannot be read (`problems` found in SQL, and what fails to convert
    here) is named in `faults` instead of failing the page."""
    (
        id_,
        code,
        applicant,
        procedure,
        field_name,
        received_at,
        due_at,
        appointment_at,
        status,
        holder,
        channel,
    ) = values
    faults: list[str] = []

    def moment(value: datetime | None, what: str) -> datetime:
        if value is None:
            faults.append(what)
            return datetime.min
        return value

    try:
        state = DossierStatus(status)
    except ValueError:
        faults.append("trạng thái không hợp lệ")
        state = DossierStatus.RECEIVED
    try:
        kind = Channel(channel)
    except ValueError:
        faults.append("kênh nộp không hợp lệ")
        kind = Channel.DIRECT
    return TrackingRow(
        id=id_,
        code=code,
        applicant_name=applicant,
        procedure_name=procedure,
        field_name=field_name,
        received_at=moment(received_at, "thời điểm tiếp nhận không đọc được"),
        due_at=moment(due_at, "hạn giải quyết không đọc được"),
        appointment_at=moment(appointment_at, "ngày hẹn trả không đọc được"),
        status=state,
        current_holder=holder,
        channel=kind,
        faults=tuple(dict.fromkeys([*problems, *faults])),
    )


def urgency_counts(ws: Workspace, now: datetime, mine: bool = False) -> dict[Urgency, int]:
    """Open dossiers per category at `now`: overdue, due today, due the next working day, on track and
    waiting for a supplement (never overdue), all in one grouped query; of the user's own dossiers with
    `mine` or when they see only theirs."""
    bounds = urgency_bounds(now, ws.calendar)
    with ws.db.read() as tx:
        found = tracking_queries.urgency_counts(
            tx,
            _values(RUNNING_STATES),
            DossierStatus.WAITING_SUPPLEMENT.value,
            bounds.now,
            bounds.end_of_today,
            bounds.end_of_next_day,
            _assignee(ws, mine),
        )
    return {category: found.get(category.value, 0) for category in COUNTED}


def field_names(ws: Workspace) -> list[str]:
    """The fields that have dossiers, in alphabetical order."""
    with ws.db.read() as tx:
        return tracking_queries.field_names(tx)


def holders(ws: Workspace) -> list[str]:
    """Everyone who holds or held a dossier, in alphabetical order."""
    with ws.db.read() as tx:
        return tracking_queries.holders(tx)
