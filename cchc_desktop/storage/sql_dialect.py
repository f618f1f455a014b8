"""What the two engines spell differently, in one place: the query modules ask here instead of writing
SQLite-only SQL, so services never know which engine they talk to.

SQLite keeps its SQL text exactly as it was (its plans were tuned with EXPLAIN QUERY PLAN, see
tracking_queries and statistics_queries); PostgreSQL gets the equivalent. The dialect is the session's
(`dialect_of`); `SQLITE` and `POSTGRESQL` are its two values.

Validating JSON on PostgreSQL 15 without raising: a cast of broken text to `json` is an error that
aborts the whole statement (there is no `pg_input_is_valid` before 16), yet the fault scan must report
such a row, not crash on it. `json_readable` therefore decides in SQL, with regular expressions, whether
the text is JSON that the server reads without error, and the callers cast only behind it (in a CASE, the
one construct whose evaluation order PostgreSQL promises). The test is sound by construction: strings
(with their escapes) are replaced by one placeholder, numbers and literals by another, then the innermost
arrays and objects are reduced to a value again and again; what is left must be one value. It refuses
three kinds of valid JSON the server would choke on later or that cannot occur in the app's data: the
escape \\u0000 and lone surrogate escapes (PostgreSQL's JSON operators raise on them), the two private-use
placeholder characters anywhere in the text, and nesting deeper than `_JSON_DEPTH`. PostgreSQL's
regular expressions cost 10-50 µs a row here (a cast costs under 1 µs), so the fault scan, the lists and
the export first cast without the test and repeat with it only when a statement fails on text that does
not parse (`row_faults.json_fallback`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


def dialect_of(session: Session) -> str:
    """The engine behind the session: "sqlite" or "postgresql"."""
    return session.get_bind().dialect.name


def false_sql(dialect: str) -> str:
    """The literal false (SQLite has no boolean type: its comparisons give 0 and 1)."""
    return "false" if dialect == POSTGRESQL else "0"


def bytewise(column: Any, dialect: str) -> Any:
    """`column` for ORDER BY, MIN and range comparisons in SQLite's order (code points, byte by byte),
    whatever collation the server's database was created with (vi_VN or en_US sort Vietnamese and the
    dots of codes differently)."""
    return column.collate("C") if dialect == POSTGRESQL else column


def greatest(first: Any, second: Any, dialect: str) -> ColumnElement[Any]:
    """The larger of two values (SQLite's two-argument max)."""
    return func.greatest(first, second) if dialect == POSTGRESQL else func.max(first, second)


def upsert(table: Any, dialect: str) -> Any:
    """An INSERT that can take `.on_conflict_do_update(...)` / `.excluded` on the session's engine."""
    return postgresql.insert(table) if dialect == POSTGRESQL else sqlite.insert(table)


def only_digits(expression: Any, dialect: str) -> ColumnElement[bool]:
    """True when the text holds no character other than 0-9 (SQLite: NOT GLOB '*[^0-9]*')."""
    if dialect == POSTGRESQL:
        return expression.op("!~")("[^0-9]")  # type: ignore[no-any-return]
    return expression.op("NOT GLOB")("*[^0-9]*")  # type: ignore[no-any-return]


# ------------------------------------------------------------------ JSON that the engine reads
_JSON_DEPTH = 8
_STRING_MARK = "\ue000"
_VALUE_MARK = "\ue001"
_WS = r"[ \t\n\r]"
_ESCAPE = (
    r'\\(?:["\\/bfnrt]|u(?!0000)(?![dD][89a-fA-F])[0-9a-fA-F]{4}'
    r"|u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})"
)
_STRING = rf'"(?:[^"\\\x01-\x1f]|{_ESCAPE})*"'
_SCALAR = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null"
_ANY_VALUE = f"[{_STRING_MARK}{_VALUE_MARK}]"
_CONTAINER = (
    rf"\[{_WS}*(?:{_ANY_VALUE}(?:{_WS}*,{_WS}*{_ANY_VALUE})*)?{_WS}*\]"
    rf"|\{{{_WS}*(?:{_STRING_MARK}{_WS}*:{_WS}*{_ANY_VALUE}"
    rf"(?:{_WS}*,{_WS}*{_STRING_MARK}{_WS}*:{_WS}*{_ANY_VALUE})*)?{_WS}*\}}"
)
# What the app writes: an array of flat objects, or one flat object, without escapes (the app writes
# UTF-8, not \\u escapes); checked in one match, about 10 µs for a list of two documents. PostgreSQL's
# regular expressions are slow on long patterns, so the general test is left for the rest.
_PLAIN_STRING = r'"[^"\\\x01-\x1f]*"'
_FLAT_VALUE = f"(?:{_PLAIN_STRING}|{_SCALAR})"
_FLAT_OBJECT = (
    rf"\{{{_WS}*(?:{_PLAIN_STRING}{_WS}*:{_WS}*{_FLAT_VALUE}"
    rf"(?:{_WS}*,{_WS}*{_PLAIN_STRING}{_WS}*:{_WS}*{_FLAT_VALUE})*)?{_WS}*\}}"
)
_FLAT = (
    rf"^{_WS}*(?:\[{_WS}*(?:{_FLAT_OBJECT}(?:{_WS}*,{_WS}*{_FLAT_OBJECT})*)?{_WS}*\]|{_FLAT_OBJECT}){_WS}*$"
)


def _literal(text: str) -> str:
    # For `sqlalchemy.text()`, where ":name" is a bound parameter and "\\:" a colon.
    return "'" + text.replace("'", "''").replace(":", "\\:") + "'"


def _reduced(expression: str) -> str:
    reduced = f"regexp_replace({expression}, {_literal(_STRING)}, {_literal(_STRING_MARK)}, 'g')"
    reduced = f"regexp_replace({reduced}, {_literal(_SCALAR)}, {_literal(_VALUE_MARK)}, 'g')"
    for _ in range(_JSON_DEPTH):
        reduced = f"regexp_replace({reduced}, {_literal(_CONTAINER)}, {_literal(_VALUE_MARK)}, 'g')"
    return reduced


def json_readable(expression: str, dialect: str) -> str:
    """SQL text for `sqlalchemy.text()`, true when the text `expression` (a column) is JSON that the
    engine's JSON functions read without raising, false otherwise (also for NULL)."""
    if dialect != POSTGRESQL:
        return f"coalesce(json_valid({expression}), 0)"
    return (
        f"CASE WHEN {expression} IS NULL THEN false"
        f" WHEN {expression} IN ('[]', '{{}}') THEN true"
        f" WHEN strpos({expression}, '\\') = 0 AND {expression} ~ {_literal(_FLAT)} THEN true"
        f" WHEN {expression} ~ {_literal(f'[{_STRING_MARK}{_VALUE_MARK}]')} THEN false"
        f" ELSE {_reduced(expression)} ~ {_literal(f'^{_WS}*{_ANY_VALUE}{_WS}*$')} END"
    )


# ------------------------------------------------------------------ dates and times in SQL text
# The columns are text on SQLite (SQLAlchemy's "YYYY-MM-DD HH:MM:SS.ffffff", compared as text) and
# `timestamp` on PostgreSQL; a bound string parameter is read as whatever it is compared with.
_MOMENT_PATTERN = (
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[ T]([01][0-9]|2[0-3]):[0-5][0-9]"
    r"(:[0-5][0-9](\.[0-9]{1,6})?)?$"
)


def date_of(expression: str, dialect: str) -> str:
    """The calendar day of a moment."""
    return f"CAST({expression} AS date)" if dialect == POSTGRESQL else f"date({expression})"


def year_month(expression: str, dialect: str) -> str:
    """The month of a moment as text "YYYY-MM"."""
    return f"to_char({expression}, 'YYYY-MM')" if dialect == POSTGRESQL else f"substr({expression}, 1, 7)"


def time_of_day(expression: str, dialect: str) -> str:
    """The time of day of a moment, comparable with a bound "HH:MM:SS"."""
    return f"CAST({expression} AS time)" if dialect == POSTGRESQL else f"time({expression})"


def moment(expression: str, dialect: str) -> str:
    """A moment column in whole seconds, comparable with a bound "YYYY-MM-DD HH:MM:SS" (on PostgreSQL the
    column itself: against a bound value in whole seconds the fraction never changes the outcome)."""
    return expression if dialect == POSTGRESQL else f"datetime({expression})"


def day_at(day: str, time_text: str, dialect: str) -> str:
    """The moment at the time of day `time_text` (SQL giving "HH:MM:SS") of the day `day`."""
    if dialect == POSTGRESQL:
        return f"({day} + CAST({time_text} AS time))"
    return f"datetime({day} || ' ' || {time_text})"


def json_moment(expression: str, key: str, dialect: str) -> str:
    """SQL text for `text()`: the moment written as text under `key` of the JSON object `expression`,
    NULL when absent or not a time, a day that does not exist (30 February) included, as Python's
    `datetime.fromisoformat` reads it (the caller has checked that the JSON parses). A day that does not
    exist would make PostgreSQL's cast fail the whole statement; SQLite would keep it as text."""
    if dialect != POSTGRESQL:
        value = f"json_extract({expression}, '$.{key}')"
        return f"CASE WHEN date({value}, '+0 days') = substr({value}, 1, 10) THEN datetime({value}) END"
    value = f"(CAST({expression} AS json) ->> '{key}')"
    day = f"CAST(substr({value}, 9, 2) AS integer)"
    # The first of the month plus (day - 1) days never fails; it lands on `day` only if the day exists.
    landed = f"EXTRACT(day FROM CAST(substr({value}, 1, 8) || '01' AS date) + ({day} - 1))"
    return (
        f"CASE WHEN {value} ~ {_literal(_MOMENT_PATTERN)} THEN"
        f" CASE WHEN {landed} = {day} THEN CAST({value} AS timestamp) END END"
    )


def always_true(dialect: str) -> str:
    return "true" if dialect == POSTGRESQL else "1"
