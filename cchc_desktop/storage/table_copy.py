"""Copying the rows of our tables from one database to another (SQLite ↔ PostgreSQL), ids kept.

SQLAlchemy Core only, in batches (an executemany per batch), parents before children. Only the
columns both databases have are copied: a database at an older revision (a backup taken before an
upgrade, a frozen test file) lacks the columns later revisions added. On PostgreSQL every serial
sequence is moved past the largest id afterwards, so the next row a counter saves gets a free id.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, inspect, select, text
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import SQLModel

import cchc_desktop.storage.tables  # noqa: F401  (registers the tables)

BATCH_ROWS = 2000
# Called with (rows copied so far, rows to copy in all).
Progress = Callable[[int, int], None]


class RowCopyError(Exception):
    """A row could not be read or written (a value changed behind the app's back, a constraint)."""

    def __init__(self, table: str, error: Exception) -> None:
        super().__init__(f"{table}: {type(error).__name__}")
        self.table = table


def our_tables() -> list[Table]:
    """Every table of the schema, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def shared_columns(source: Connection, target: Connection, table: Table) -> list[str]:
    """The columns of `table` (in the models' order) that exist in both databases."""
    present = [
        {column["name"] for column in inspect(connection).get_columns(table.name)}
        for connection in (source, target)
    ]
    return [column.name for column in table.columns if column.name in present[0] & present[1]]


def count_rows(connection: Connection, tables: Iterable[Table]) -> int:
    return sum(
        int(connection.execute(select(func.count()).select_from(table)).scalar_one()) for table in tables
    )


def copy_tables(
    source: Connection,
    target: Connection,
    progress: Progress | None = None,
    tables: Sequence[Table] | None = None,
    leave_out: Collection[str] = (),
) -> int:
    """Copy every row of `tables` (default: all of ours that `source` has: an older revision lacks the
    newer tables) from `source` into `target`, keeping ids; the caller owns both transactions. Columns
    named in `leave_out` ("table.column") stay NULL in `target`. Returns the number of rows copied."""
    if tables is None:
        present = set(inspect(source).get_table_names())
        tables = [table for table in our_tables() if table.name in present]
    total = count_rows(source, tables)
    done = 0
    if progress is not None:
        progress(0, total)
    for table in tables:
        names = [n for n in shared_columns(source, target, table) if f"{table.name}.{n}" not in leave_out]
        for batch in read_batches(source, table, names):
            insert_rows(target, table, batch)
            done += len(batch)
            if progress is not None:
                progress(done, total)
    if target.dialect.name == "postgresql":
        reset_sequences(target, tables)
    return done


def read_batches(
    connection: Connection, table: Table, names: Sequence[str]
) -> Iterable[list[dict[str, Any]]]:
    """The rows of `table` as dicts of `names`, in primary-key order, BATCH_ROWS at a time."""
    columns = [table.c[name] for name in names]
    statement = select(*columns).order_by(*table.primary_key.columns)
    try:
        result = connection.execution_options(yield_per=BATCH_ROWS).execute(statement)
        for partition in result.mappings().partitions():
            yield [dict(row) for row in partition]
    except (ValueError, TypeError) as error:  # a date or number the type cannot parse
        raise RowCopyError(table.name, error) from error


def insert_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    # Only the given columns: `table.insert()` would add the models' Python-side defaults for the
    # others, which a database of an older revision does not have.
    columns = [sql_column(name, table.c[name].type) for name in rows[0]]
    try:
        connection.execute(sql_table(table.name, *columns).insert(), rows)
    except (IntegrityError, DataError) as error:  # a row the target's constraints refuse
        raise RowCopyError(table.name, error) from error


def reset_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """Move each serial `id` sequence past the largest id (to 1 for an empty table)."""
    for table in tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, 'id'), "
                f'coalesce((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
            ),
            {"table": table.name},
        )


def delete_all_rows(connection: Connection, tables: Sequence[Table] | None = None) -> None:
    """Empty our tables, children first."""
    for table in reversed(our_tables() if tables is None else tables):
        connection.execute(table.delete())
