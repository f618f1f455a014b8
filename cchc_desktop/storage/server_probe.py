"""Looking at a centre server before using it ("Kiểm tra kết nối"): connect once, read the schema stamp
and count the dossiers, changing nothing. One connection without a pool, closed at once; a dead host
costs the connect timeout (5 s), so callers run this off the GUI thread.

Also what diagnostics needs to know about the database in use: its engine and version, and its size.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass

import psycopg
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from cchc_desktop.core.errors import DatabaseTooNewError, UserFacingError
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.storage import database_check, dossier_repo
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.migrate import HEAD_REVISION
from cchc_desktop.storage.server_engine import connect_args, server_url
from cchc_desktop.storage.server_errors import GUIDE, connection_error
from cchc_desktop.storage.tables import DossierRow

log = logging.getLogger(__name__)


class ForeignTablesError(UserFacingError):
    """The database holds another program's tables (ours always carry an Alembic stamp)."""


@dataclass(frozen=True)
class ProbeResult:
    revision: str | None  # None: an empty database, the schema is created on first use
    dossiers: int | None  # None when there are no tables yet
    upgrade_needed: bool = False  # stamped by an older version: upgraded (after a backup) on first use


def probe_server(address: ServerAddress) -> ProbeResult:
    """Connect to `address` and look at its database; a `UserFacingError` saying what is wrong."""
    engine = create_engine(
        server_url(address), connect_args=connect_args(address), poolclass=NullPool, hide_parameters=True
    )
    try:
        with engine.connect() as connection:
            return _look(connection, address)
    except DBAPIError as error:
        original = error.orig
        translated = connection_error(original, address) if isinstance(original, psycopg.Error) else None
        if translated is None:
            raise
        raise translated from error
    finally:
        engine.dispose()


def _look(connection: Connection, address: ServerAddress) -> ProbeResult:
    inspector = inspect(connection)
    tables = inspector.get_table_names()
    if "alembic_version" not in tables:
        if tables:
            log.warning("server %s holds %d tables without a schema stamp", address.display, len(tables))
            raise ForeignTablesError(
                f"Cơ sở dữ liệu {address.database} trên máy chủ {address.host} đã có bảng của chương trình "
                "khác, không phải của CCHC Desk. Hãy tạo một cơ sở dữ liệu trống riêng cho CCHC Desk "
                f"({GUIDE}) hoặc chọn đúng tên cơ sở dữ liệu."
            )
        return ProbeResult(None, None)
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision != HEAD_REVISION and revision not in database_check.known_revisions():
        raise DatabaseTooNewError(
            f"Cơ sở dữ liệu {address.database} trên máy chủ {address.host} được tạo bởi phiên bản CCHC Desk "
            f"mới hơn (lược đồ {revision}). Hãy cài phiên bản mới nhất của phần mềm trên máy này."
        )
    if DossierRow.__tablename__ not in tables:
        return ProbeResult(revision, None, revision != HEAD_REVISION)
    with Session(bind=connection) as session:
        count = dossier_repo.count_dossiers(session)
    return ProbeResult(revision, count, revision != HEAD_REVISION)


@dataclass(frozen=True)
class EngineFacts:
    engine: str  # "SQLite 3.45.1", "PostgreSQL 15.10"
    size_bytes: int  # the file, or the server's database on disk


def engine_facts(db: Database) -> EngineFacts:
    """Which engine holds the data and how big it is (for the diagnostics text)."""
    if db.server is None:
        path = db.path
        return EngineFacts(f"SQLite {sqlite3.sqlite_version}", path.stat().st_size if path.exists() else 0)
    with db.read() as session:
        connection = session.connection()
        version = str(connection.execute(text("SHOW server_version")).scalar() or "?")
        size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar()
    return EngineFacts(f"PostgreSQL {version.split()[0]}", int(size or 0))
