"""SQL of the tracking tab: count, one sorted page, urgency counts and the values of the filter combos.

Plans were checked with EXPLAIN QUERY PLAN on 200,000 dossiers. Without statistics SQLite takes any
equality on an indexed column as selective, so on its own it would read every "Hộ tịch" dossier of ten
years to find the few open ones. The query therefore says which index drives: the open states are always
few, so when the chosen states leave out "returned" the (status, due_at) index drives and the other
filters are kept off their indexes with SQLite's unary "+"; when "returned" is in (tens of thousands of
rows) the status term is kept off its index instead, and SQLite walks the index of the sort column or of
a filter. A dossier handed to an account ("Hồ sơ của tôi", `assignee`) is always one of a few that person
holds now (the result coming back clears it), so that index drives whenever the list is one person's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, String, case, false, literal, or_, type_coerce
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression
from sqlmodel import Session, col, func, select

from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.storage.sql_dialect import POSTGRESQL, SQLITE, bytewise, dialect_of
from cchc_desktop.storage.tables import DossierRow

# States that pile up over the years; every other state holds only the dossiers still being followed.
_UNBOUNDED_STATES = frozenset({DossierStatus.RETURNED.value})
# Lifecycle order for sorting by state (received → in processing → result ready → returned, then the rest).
_STATE_ORDER = (
    DossierStatus.RECEIVED,
    DossierStatus.IN_PROCESSING,
    DossierStatus.WAITING_SUPPLEMENT,
    DossierStatus.RESULT_READY,
    DossierStatus.RETURNED,
    DossierStatus.REFUSED,
    DossierStatus.WITHDRAWN,
    DossierStatus.STOPPED,
)


@dataclass(frozen=True)
class TrackingCriteria:
    """Plain conditions, all of them ANDed. `statuses` None means any state; an empty set matches nothing.
    `due_from` is inclusive, `due_before` exclusive. The search matches `code_text` inside the code,
    `name_text` (already folded) inside the folded name, `id_prefix`/`phone_prefix` at the start.
    `assignee` keeps the dossiers handed to that account (username)."""

    statuses: frozenset[str] | None = None
    field_name: str | None = None
    channel: str | None = None
    holder: str | None = None
    due_from: datetime | None = None
    due_before: datetime | None = None
    code_text: str = ""
    name_text: str = ""
    id_prefix: str = ""
    phone_prefix: str = ""
    assignee: str | None = None


PAGE_COLUMNS = (
    DossierRow.id,
    DossierRow.code,
    DossierRow.applicant_name,
    DossierRow.procedure_name,
    DossierRow.field_name,
    DossierRow.received_at,
    DossierRow.due_at,
    DossierRow.appointment_at,
    DossierRow.status,
    DossierRow.current_holder,
    DossierRow.channel,
)
_TIME_COLUMNS = frozenset({5, 6, 7})  # received_at, due_at, appointment_at


def _unindexed(column: Any, dialect: str) -> Any:
    """`+column`: the same value, but SQLite will not pick an index for this term. (PostgreSQL's planner
    has statistics and picks by itself; there the column stays as it is.)"""
    element = cast(ColumnElement[Any], col(column))
    if dialect != SQLITE:
        return element
    return UnaryExpression(element, operator=operators.custom_op("+"), type_=element.type)


def _status_rank() -> ColumnElement[int]:
    return case(
        {state.value: rank for rank, state in enumerate(_STATE_ORDER)},
        value=col(DossierRow.status),
        else_=len(_STATE_ORDER),
    )


SORT_KEYS: dict[str, Any] = {
    "code": DossierRow.code,
    "applicant": DossierRow.applicant_name_folded,
    "procedure": DossierRow.procedure_name,
    "field": DossierRow.field_name,
    "received": DossierRow.received_at,
    "due": DossierRow.due_at,
    "status": None,  # lifecycle rank, built per query
    "holder": DossierRow.current_holder,
}


_TIME_SORT_KEYS = frozenset({"received", "due"})


def _conditions(criteria: TrackingCriteria, for_page: bool, dialect: str) -> list[ColumnElement[bool]]:
    """The WHERE terms, with the index hints of the module docstring. A count wants the filter's own
    index (it reads index entries only); a page of "every state" wants to walk the index of its sort
    column and stop after one page, so there the field and channel terms are kept off their indexes."""
    statuses = criteria.statuses
    if statuses is not None and not statuses:
        return [false()]
    assignee_drives = criteria.assignee is not None
    status_drives = statuses is not None and not (statuses & _UNBOUNDED_STATES) and not assignee_drives

    def term(column: Any, hint: bool) -> Any:
        return _unindexed(column, dialect) if hint or assignee_drives else col(column)

    conditions: list[ColumnElement[bool]] = []
    if assignee_drives:
        conditions.append(col(DossierRow.assignee) == criteria.assignee)
    if statuses is not None:
        conditions.append(term(DossierRow.status, not status_drives).in_(sorted(statuses)))
    if criteria.field_name is not None:
        conditions.append(term(DossierRow.field_name, status_drives or for_page) == criteria.field_name)
    if criteria.channel is not None:
        conditions.append(term(DossierRow.channel, status_drives or for_page) == criteria.channel)
    if criteria.holder is not None:
        conditions.append(term(DossierRow.current_holder, status_drives) == criteria.holder)
    # The due range stays indexable: with the states it is a range of the (status, due_at) index.
    if criteria.due_from is not None:
        conditions.append(term(DossierRow.due_at, False) >= criteria.due_from)
    if criteria.due_before is not None:
        conditions.append(term(DossierRow.due_at, False) < criteria.due_before)
    search = _search(criteria, dialect)
    if search is None:
        return conditions
    if status_drives or assignee_drives or not (for_page or conditions):
        conditions.append(search)
    else:
        # The substring match reads the small search index once; the page (or the count) then walks
        # another index checking ids against that list, without reading the table rows it skips.
        matching = select(col(DossierRow.id)).where(search).correlate(None)
        conditions.append(_unindexed(DossierRow.id, dialect).in_(matching))
    return conditions


def _search(criteria: TrackingCriteria, dialect: str) -> ColumnElement[bool] | None:
    terms: list[ColumnElement[bool]] = []
    if criteria.code_text:
        # SQLite's LIKE ignores the case of ASCII letters ("h00" finds "H00"); PostgreSQL's ILIKE does.
        code = col(DossierRow.code)
        contains = code.icontains if dialect == POSTGRESQL else code.contains
        terms.append(contains(criteria.code_text, autoescape=True))
    if criteria.name_text:
        terms.append(col(DossierRow.applicant_name_folded).contains(criteria.name_text, autoescape=True))
    if criteria.id_prefix:
        terms.append(col(DossierRow.applicant_id_number).startswith(criteria.id_prefix, autoescape=True))
    if criteria.phone_prefix:
        terms.append(col(DossierRow.applicant_phone).startswith(criteria.phone_prefix, autoescape=True))
    return or_(*terms) if terms else None


def count(session: Session, criteria: TrackingCriteria) -> int:
    dialect = dialect_of(session)
    query = select(func.count()).select_from(DossierRow).where(*_conditions(criteria, False, dialect))
    return int(session.exec(query).one())


def page(
    session: Session, criteria: TrackingCriteria, sort_key: str, descending: bool, offset: int, limit: int
) -> list[tuple[Any, ...]]:
    """Rows of `PAGE_COLUMNS` (a time that cannot be read is None), ordered by `sort_key` (one of `SORT_KEYS`) and then by id, so that pages
    never overlap or skip a row even when many dossiers share the sort value. By state, the lifecycle
    order is reversed on request but each state keeps its most urgent dossiers first."""
    dialect = dialect_of(session)
    key = SORT_KEYS[sort_key]
    tie = col(DossierRow.id)
    order_by: tuple[Any, ...]
    if key is None:
        rank = _status_rank()
        order_by = (rank.desc() if descending else rank.asc(), col(DossierRow.due_at).asc(), tie.asc())
    else:
        value = col(key) if sort_key in _TIME_SORT_KEYS else bytewise(col(key), dialect)
        order_by = (value.desc(), tie.desc()) if descending else (value.asc(), tie.asc())
    # The times come back as their text and are parsed here, so that a row whose time was changed
    # behind the app's back is shown as faulty (None) instead of failing the whole page.
    columns = [
        type_coerce(col(column), String) if index in _TIME_COLUMNS else column
        for index, column in enumerate(PAGE_COLUMNS)
    ]
    query = (
        select(*cast(Any, columns))
        .where(*_conditions(criteria, True, dialect))
        .order_by(*order_by)
        .offset(offset)
        .limit(limit)
    )
    return [
        tuple(_moment(value) if index in _TIME_COLUMNS else value for index, value in enumerate(row))
        for row in session.exec(query).all()
    ]


def _moment(value: object) -> datetime | None:
    if isinstance(value, datetime):  # PostgreSQL: a timestamp column holds nothing else
        return value
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def urgency_counts(
    session: Session,
    running: frozenset[str],
    waiting: str,
    now: datetime,
    end_of_today: datetime,
    end_of_next_day: datetime,
    assignee: str | None = None,
) -> dict[str, int]:
    """Open dossiers by urgency in one grouped query over the (status, due_at) index: "waiting",
    "overdue" (due < now), "due_today", "due_next_day" and "on_track"; only those handed to `assignee`
    when given (then over its index)."""
    due = col(DossierRow.due_at)
    category = case(
        (col(DossierRow.status) == waiting, literal("waiting")),
        (due < now, literal("overdue")),
        (due < end_of_today, literal("due_today")),
        (due < end_of_next_day, literal("due_next_day")),
        else_=literal("on_track"),
    ).label("category")
    states = sorted(running | {waiting})
    conditions: list[ColumnElement[bool]]
    if assignee is None:
        conditions = [col(DossierRow.status).in_(states)]
    else:
        dialect = dialect_of(session)
        conditions = [
            col(DossierRow.assignee) == assignee,
            _unindexed(DossierRow.status, dialect).in_(states),
        ]
    query = select(category, func.count()).where(*conditions).group_by(category)
    return {str(name): int(number) for name, number in session.exec(query).all()}


def _distinct(session: Session, column: Any, skip: Sequence[str] = ("",)) -> list[str]:
    """Distinct values of an indexed column by hopping through its index (one seek per value), instead of
    reading every row as SELECT DISTINCT would."""
    dialect = dialect_of(session)
    ordered = bytewise(col(column), dialect)
    values: list[str] = []
    previous: str | None = None
    while True:
        query = select(func.min(ordered))
        if previous is not None:
            query = query.where(ordered > previous)
        found = session.exec(query).one()
        if found is None:
            return [v for v in values if v not in skip]
        values.append(found)
        previous = found


def field_names(session: Session) -> list[str]:
    return _distinct(session, DossierRow.field_name)


def holders(session: Session) -> list[str]:
    return _distinct(session, DossierRow.current_holder)
