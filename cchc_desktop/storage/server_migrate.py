"""Bring a centre server's database to this version's schema.

The same Alembic revisions as the SQLite file. Counters may start at the same moment, so the whole
check-create-or-upgrade runs under a session advisory lock (`MIGRATE_LOCK_KEY`): the second counter
waits, then finds the schema at head. PostgreSQL's DDL is transactional, so creating or upgrading is
one transaction: a counter killed half-way leaves the database as it was.

An empty database (no tables in its schema) is created and stamped. Tables without our stamp are
another program's: refused and left alone. A stamp this version does not know is a newer version's.
Before an upgrade the whole database is copied into a verified backup file (`backup_before`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import SQLModel

from cchc_desktop.core.errors import DatabaseTooNewError
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.storage import database_check as checks

log = logging.getLogger(__name__)
MIGRATE_LOCK_KEY = 0x43434844


class ForeignServerDatabaseError(Exception):
    """The database has tables but not ours."""


def _stamp(connection: Connection) -> str | None:
    inspector = inspect(connection)
    if not inspector.has_table("alembic_version"):
        if inspector.get_table_names():
            raise ForeignServerDatabaseError(", ".join(sorted(inspector.get_table_names())[:5]))
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_problems(connection: Connection) -> list[str]:
    """Tables and columns of this version's schema that the server's database lacks."""
    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    problems: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in present:
            problems.append(f"thiếu bảng {table.name}")
            continue
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        missing = [column.name for column in table.columns if column.name not in columns]
        if missing:
            problems.append(f"bảng {table.name} thiếu cột {', '.join(missing)}")
    return problems


@dataclass(frozen=True)
class SchemaSteps:
    """What `prepare_server` does at each stage (Alembic lives in storage/migrate.py)."""

    head: str
    create: Callable[[Connection], None]  # an empty database: every table, stamped at head
    backup_before: Callable[[str], Path]  # before upgrading from the revision given
    upgrade: Callable[[Connection, str], None]


def prepare_server(
    engine: Engine, address: ServerAddress, steps: SchemaSteps
) -> tuple[bool, str | None, Path | None]:
    """(created, revision found, backup) after bringing the database to `steps.head`."""
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATE_LOCK_KEY})
        connection.commit()
        try:
            return _prepare_locked(connection, address, steps)
        finally:
            connection.rollback()
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATE_LOCK_KEY})
            connection.commit()


def _prepare_locked(
    connection: Connection, address: ServerAddress, steps: SchemaSteps
) -> tuple[bool, str | None, Path | None]:
    head = steps.head
    current = _stamp(connection)
    connection.rollback()
    if current == head:
        return False, current, None
    if current is not None and current not in checks.known_revisions():
        raise DatabaseTooNewError(
            f"Cơ sở dữ liệu {address.database} trên máy chủ {address.host} được tạo bởi phiên bản CCHC Desk "
            f"mới hơn (lược đồ {current}). Hãy cài phiên bản mới nhất của phần mềm trên máy này; dữ liệu "
            "không bị thay đổi."
        )
    if current is None:
        started = time.perf_counter()
        with connection.begin():
            steps.create(connection)
        log.info("created the schema on %s in %.3f s", address.display, time.perf_counter() - started)
        return True, None, None
    backup = steps.backup_before(current)
    with connection.begin():
        steps.upgrade(connection, head)
    log.info("migrated %s from %s to %s (backup %s)", address.display, current, head, backup)
    return False, current, backup
