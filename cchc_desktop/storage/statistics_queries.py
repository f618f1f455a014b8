"""SQL of the annual report (biểu II.06a): every column of every field in one grouped query, and the
dossiers behind one number. The rules are those of `domain.statistics` (its docstring says which dossier
goes in which column); `columns_of` there is the same rule for one dossier, and the tests check that
both agree on generated data.

Both queries read only the dossiers that can belong to the period, through three disjoint index ranges:
received in the period (`received_at`), received before it and resolved at or after its start
(`resolved_at`), received before it and not resolved (`resolved_at IS NULL`: the open, refused, withdrawn
and stopped ones, about 1 % of all dossiers). On 200,000 dossiers a year reads about 22,000 rows, not
the whole table: the table of a year takes about 60 ms (bench/report.py). Each dossier is classified once
in `judged` (where it arrived from, where it ended the period); the grouped SUMs then only compare codes.

Early / on time needs the start of the working session containing the due time. Office hours are dated
schedules whose sessions are the same on every working day, so it is a CASE on `date(due_at)` (which
schedule) and `time(due_at)` (the last session start at or before it, else the first one), with the
session starts as parameters, exactly as `WorkingCalendar.session_start_containing` does it.

Times are compared as text. The columns hold SQLAlchemy's "YYYY-MM-DD HH:MM:SS.ffffff" and the period
bounds are bound in that same format, so plain comparisons are exact. Values built here (a session start,
a due date read from an event's JSON, the moment open dossiers are judged at) go through SQLite's
`datetime()`, which writes "YYYY-MM-DD HH:MM:SS" whatever the input looked like; the bound "now" has no
fraction of a second, so dropping fractions there never changes a comparison.

On PostgreSQL the times are `timestamp` columns and the same query is spelt with casts and interval-free
date arithmetic (`storage.sql_dialect`); it gives the same numbers (tests/services/test_reporting*.py
run on both engines).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import DateTime, bindparam, text
from sqlmodel import Session, col, select

from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.domain.lifecycle import Action
from cchc_desktop.domain.statistics import COLUMNS, DossierFacts, SupplementEvent
from cchc_desktop.domain.timeliness import TimelinessRule
from cchc_desktop.storage.sql_dialect import (
    POSTGRESQL,
    SQLITE,
    always_true,
    date_of,
    day_at,
    dialect_of,
    false_sql,
    json_moment,
    moment,
    time_of_day,
)
from cchc_desktop.storage.tables import DossierEventRow

RECEIVED, CARRIED_RESOLVED, CARRIED_OPEN = "received", "carried_resolved", "carried_open"
PARTS = (RECEIVED, CARRIED_RESOLVED, CARRIED_OPEN)
_DRIVERS = {
    RECEIVED: "received_at >= :start AND received_at < :end",
    CARRIED_RESOLVED: "received_at < :start AND resolved_at >= :start",
    CARRIED_OPEN: "received_at < :start AND resolved_at IS NULL",
}
_BASE_COLUMNS = (
    "id, field_name, channel, received_at, due_at, status, status_at, resolved_at, fee_amount, payment_method"
)
REQUEST = Action.REQUEST_SUPPLEMENT.value
ARRIVAL = Action.SUPPLEMENT_RECEIVED.value
_STATE_PARAMS = {
    "waiting": DossierStatus.WAITING_SUPPLEMENT.value,
    "result_ready": DossierStatus.RESULT_READY.value,
    "returned": DossierStatus.RETURNED.value,
    "refused": DossierStatus.REFUSED.value,
    "withdrawn": DossierStatus.WITHDRAWN.value,
    "stopped": DossierStatus.STOPPED.value,
    "online": "online",
    "request": REQUEST,
    "arrival": ARRIVAL,
}
_SIDE = "(:refused, :withdrawn, :stopped)"

# Each column of FieldStats as a condition on one row of `judged` (received_total is count(*)).
_COLUMN_CONDITIONS = {
    "received_online": "arrival = 'online'",
    "received_direct_postal": "arrival = 'other'",
    "carried_over": "arrival = 'carried'",
    "resolved_total": "ending IN ('early', 'on_time', 'late')",
    "resolved_early": "ending = 'early'",
    "resolved_on_time": "ending = 'on_time'",
    "resolved_late": "ending = 'late'",
    "in_progress_total": "ending IN ('within', 'waiting', 'overdue')",
    "in_progress_within": "ending IN ('within', 'waiting')",
    "in_progress_overdue": "ending = 'overdue'",
    "refused": "ending = :refused",
    "withdrawn": "ending = :withdrawn",
    "stopped": "ending = :stopped",
    "waiting_supplement": "ending = 'waiting'",
    "fee_dossiers": "arrival <> 'carried' AND fee_amount > 0",
    "paid_online": "arrival <> 'carried' AND fee_amount > 0 AND payment_method = :online",
}


def _session_start(
    schedules: Sequence[tuple[date, tuple[time, ...]]], params: dict[str, Any], dialect: str
) -> str:
    """SQL text of the start ("HH:MM:SS") of the session containing `due_at`, adding its parameters."""
    due_time, due_day = time_of_day("due_at", dialect), date_of("due_at", dialect)

    def starts_case(index: int, starts: tuple[time, ...]) -> str:
        names = []
        for position, start in enumerate(starts):
            name = f"s{index}_{position}"
            params[name] = start.strftime("%H:%M:%S")
            names.append(name)
        if len(names) == 1:
            return f":{names[0]}"
        whens = " ".join(f"WHEN {due_time} >= :{name} THEN :{name}" for name in reversed(names[1:]))
        return f"CASE {whens} ELSE :{names[0]} END"

    cases = [starts_case(index, starts) for index, (_, starts) in enumerate(schedules)]
    if len(cases) == 1:
        return cases[0]
    whens = []
    for index in range(len(schedules) - 1, 0, -1):
        params[f"vf{index}"] = schedules[index][0].isoformat()
        whens.append(f"WHEN {due_day} >= :vf{index} THEN {cases[index]}")
    return f"CASE {' '.join(whens)} ELSE {cases[0]} END"


def _early(
    rule: TimelinessRule,
    schedules: Sequence[tuple[date, tuple[time, ...]]],
    params: dict[str, Any],
    dialect: str,
) -> str:
    if rule is TimelinessRule.DAY:
        return f"{date_of('closed_at', dialect)} < {date_of('due_at', dialect)}"
    session_start = day_at(date_of("due_at", dialect), _session_start(schedules, params, dialect), dialect)
    return f"{moment('closed_at', dialect)} < {session_start}"


def _statistics_sql(early: str, dialect: str) -> str:
    candidates = " UNION ALL ".join(
        f"SELECT {_BASE_COLUMNS} FROM dossier WHERE {_DRIVERS[part]}" for part in PARTS
    )
    sums = ",\n  ".join(
        f"SUM(CASE WHEN {_COLUMN_CONDITIONS[column]} THEN 1 ELSE 0 END) AS {column}"
        for column in COLUMNS
        if column != "received_total"
    )
    # `judged` gives each dossier where it arrived from and where it ended the period: early, on_time,
    # late, refused, withdrawn, stopped (closed in the period), or waiting, overdue, within (open at the
    # end). "LIMIT -1" keeps SQLite from flattening it into the sums, which would evaluate these CASEs
    # once per column (MATERIALIZED does the same but needs SQLite 3.35); PostgreSQL has MATERIALIZED.
    materialized, no_limit = ("MATERIALIZED ", "") if dialect == POSTGRESQL else ("", "\n  LIMIT -1")
    false = false_sql(dialect)
    due = moment("due_at", dialect)
    previous_due = json_moment("e.data_json", "previous_due_at", dialect)
    return f"""
WITH candidate AS ({candidates}),
closing AS (
  SELECT *,
    CASE WHEN resolved_at IS NOT NULL OR status IN (:result_ready, :returned) THEN 'resolved'
         WHEN status IN {_SIDE} THEN status END AS closed_kind,
    CASE WHEN resolved_at IS NOT NULL THEN resolved_at
         WHEN status IN (:result_ready, :returned, {_SIDE[1:-1]}) THEN status_at
    END AS closed_at
  FROM candidate
),
judged AS {materialized}(
  SELECT field_name, fee_amount, payment_method,
    CASE WHEN received_at < :start THEN 'carried' WHEN channel = :online THEN 'online' ELSE 'other'
    END AS arrival,
    CASE
      WHEN closed_at < :end THEN
        CASE WHEN closed_kind <> 'resolved' THEN closed_kind
             WHEN closed_at > due_at THEN 'late'
             WHEN {early} THEN 'early'
             ELSE 'on_time' END
      -- still open at the end: its current state held then, unless it changed after the end
      WHEN closed_at IS NULL AND status_at < :end THEN
        CASE WHEN status = :waiting THEN 'waiting'
             WHEN {due} < :reference THEN 'overdue'
             ELSE 'within' END
      WHEN coalesce((SELECT e.kind = :request FROM dossier_event AS e
                     WHERE e.dossier_id = closing.id AND e.kind IN (:request, :arrival) AND e.at < :end
                     ORDER BY e.at DESC, e.id DESC LIMIT 1), {false}) THEN 'waiting'
      WHEN coalesce((SELECT {previous_due}
                     FROM dossier_event AS e
                     WHERE e.dossier_id = closing.id AND e.kind = :arrival AND e.at >= :end
                     ORDER BY e.at, e.id LIMIT 1), {due}) < :reference THEN 'overdue'
      ELSE 'within'
    END AS ending
  FROM closing
  WHERE closed_at IS NULL OR closed_at >= :start{no_limit}
)
SELECT field_name, count(*) AS received_total,
  {sums}
FROM judged
GROUP BY field_name
"""


def field_counts(
    session: Session,
    start: datetime,
    end: datetime,
    reference: datetime,
    schedules: Sequence[tuple[date, tuple[time, ...]]],
    rule: TimelinessRule,
) -> dict[str, dict[str, int]]:
    """Every column of biểu II.06a per field for [start, end), open dossiers judged at `reference`
    (min(now, end), in whole seconds); `schedules` are (valid from, session starts) in date order."""
    params: dict[str, Any] = {
        **_STATE_PARAMS,
        "start": start,
        "end": end,
        "reference": reference.strftime("%Y-%m-%d %H:%M:%S"),
    }
    dialect = dialect_of(session)
    sql = _statistics_sql(_early(rule, schedules, params, dialect), dialect)
    query = text(sql).bindparams(bindparam("start", type_=DateTime), bindparam("end", type_=DateTime))
    result = session.connection().execute(query, params)
    return {str(row.field_name): {column: int(getattr(row, column)) for column in COLUMNS} for row in result}


# ------------------------------------------------------------------ the dossiers behind one number
_EVENT_CHUNK = 500


def dossier_facts(
    session: Session,
    start: datetime | None = None,
    end: datetime | None = None,
    field_name: str | None = None,
    parts: Collection[str] = PARTS,
) -> list[tuple[str, DossierFacts]]:
    """(code, facts) of the dossiers that may belong to [start, end) through the chosen `parts`, of one
    field or all; without a period, every dossier. The supplement events are read for the dossiers whose
    state at `end` depends on them (for all of them without a period).

    The same index ranges as the table; the field term is kept off its index ("+field_name"), else
    SQLite would read every dossier of the field over the years. Times are parsed with
    `datetime.fromisoformat`, several times faster than SQLAlchemy's row processing on 20,000 rows."""
    dialect = dialect_of(session)
    unindexed = "+" if dialect == SQLITE else ""
    field_term = f" AND {unindexed}field_name = :field" if field_name is not None else ""
    select_part = f"SELECT code, {_BASE_COLUMNS} FROM dossier"
    if start is None or end is None:
        sql = f"{select_part} WHERE {always_true(dialect)}{field_term}"
    else:
        sql = " UNION ALL ".join(
            f"{select_part} WHERE {_DRIVERS[part]}{field_term}" for part in PARTS if part in parts
        )
    params = {k: v for k, v in {"start": start, "end": end, "field": field_name}.items() if f":{k}" in sql}
    alias = " AS candidate" if dialect == POSTGRESQL else ""
    query = text(f"SELECT * FROM ({sql}){alias} ORDER BY id").bindparams(
        *(bindparam(name, type_=DateTime) for name in ("start", "end") if name in params)
    )
    rows = session.connection().execute(query, params).all()
    codes: dict[int, str] = {}
    facts: dict[int, DossierFacts] = {}
    # PostgreSQL's driver gives datetimes already; SQLite gives the text.
    parse: Callable[[Any], datetime] = datetime.fromisoformat if dialect == SQLITE else _as_is
    for code, id_, field, channel, received, due, status, status_at, resolved, fee, payment in rows:
        codes[id_] = code
        facts[id_] = DossierFacts(
            field, channel, parse(received), parse(due), status, parse(status_at),
            None if resolved is None else parse(resolved), fee, payment,
        )  # fmt: skip
    wanted = [id_ for id_, fact in facts.items() if end is None or fact.needs_history(end)]
    for id_, events in _supplement_events(session, wanted).items():
        facts[id_] = dataclasses.replace(facts[id_], supplement_events=events)
    return [(codes[id_], fact) for id_, fact in facts.items()]


def _as_is(value: datetime) -> datetime:
    return value


def _supplement_events(session: Session, ids: list[int]) -> dict[int, tuple[SupplementEvent, ...]]:
    found: dict[int, list[SupplementEvent]] = {}
    for offset in range(0, len(ids), _EVENT_CHUNK):
        query = (
            select(DossierEventRow)
            .where(
                col(DossierEventRow.dossier_id).in_(ids[offset : offset + _EVENT_CHUNK]),
                col(DossierEventRow.kind).in_((REQUEST, ARRIVAL)),
            )
            .order_by(col(DossierEventRow.dossier_id), col(DossierEventRow.at), col(DossierEventRow.id))
        )
        for event in session.exec(query):
            found.setdefault(event.dossier_id, []).append(
                SupplementEvent(event.at, event.kind == REQUEST, _previous_due(event.data_json))
            )
    return {id_: tuple(events) for id_, events in found.items()}


def _previous_due(data_json: str) -> datetime | None:
    try:
        value = json.loads(data_json).get("previous_due_at")
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except (ValueError, AttributeError):
        return None
