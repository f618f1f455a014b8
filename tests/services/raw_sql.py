"""SQL behind the app's back (another tool, a hand edit) on whichever engine the test's workspace uses:
the same statements on the SQLite file and on the server's database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from cchc_desktop.storage.database import Database


def run_sql(db: Database, statement: str, parameters: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Run one statement in its own transaction outside the app's sessions; the rows it returns."""
    with db.engine.begin() as connection:
        result = connection.execute(text(statement), parameters or {})
        return [tuple(row) for row in result] if result.returns_rows else []


def count_rows(db: Database, table: str) -> int:
    return int(run_sql(db, f"SELECT count(*) FROM {table}")[0][0])


def table_rows(db: Database, table: str) -> list[tuple[Any, ...]]:
    """Every row of `table` in primary key order (ids included)."""
    return run_sql(db, f"SELECT * FROM {table} ORDER BY 1")


def copy_dossier(db: Database, original: str, **changes: Any) -> None:
    """Insert a copy of the dossier with the code `original`, with `changes` (a new id is given by the
    database)."""
    with db.engine.begin() as connection:
        names = list(connection.execute(text("SELECT * FROM dossier WHERE 1 = 0")).keys())
        columns = [name for name in names if name != "id"]
        values = ", ".join(f":{name}" if name in changes else name for name in columns)
        connection.execute(
            text(
                f"INSERT INTO dossier ({', '.join(columns)}) SELECT {values} FROM dossier WHERE code = :old_code"
            ),
            {**changes, "old_code": original},
        )
