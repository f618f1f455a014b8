"""Bring a database file to the schema this version expects.

A new file gets every table and is stamped at the head revision. An older file is backed up (online
backup API) and then upgraded. A file stamped with a revision this version does not know was written
by a newer version and is refused. A file with tables but no revision is not ours and is refused.

Alembic is imported only when there is something to do: an up-to-date file (every start-up but the
first after an update) is recognised by reading its stamp with plain SQL, which spares about 100 ms of
imports at start-up.
"""

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import SQLModel

import cchc_desktop.storage.tables  # noqa: F401  (registers the tables)
from cchc_desktop.core.errors import DatabaseTooNewError, UserFacingError
from cchc_desktop.storage.backup import backup_database, timestamped_name

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0002"  # the newest revision in migrations/versions; a test keeps the two equal


@dataclass(frozen=True)
class MigrationOutcome:
    created: bool
    from_revision: str | None
    to_revision: str
    backup: Path | None
    seconds: float


def alembic_config() -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The head as Alembic finds it in migrations/versions (slow: imports Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def stamped_revision(engine: Engine) -> str | None:
    """The revision the file is stamped with, read without Alembic; None for a file without a stamp."""
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def current_revision(engine: Engine) -> str | None:
    """The revision as Alembic reads it (used by the tests to check `stamped_revision`)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class ForeignKeyCheckError(UserFacingError):
    """A migration left rows pointing at rows that do not exist; it has been rolled back."""


@contextmanager
def migration_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction for a schema change, with foreign keys off and checked before the commit.

    A batch migration copies a table, drops the old one and renames the copy: with foreign keys on,
    the DROP deletes the rows of every ON DELETE CASCADE child (or fails on the others). SQLite
    ignores `PRAGMA foreign_keys` inside a transaction, so it is switched off on this connection
    before BEGIN and back on after; `PRAGMA foreign_key_check` then stands in for the enforcement,
    and any dangling row rolls the whole migration back.
    """
    with engine.connect() as connection:
        raw = connection.connection.driver_connection  # outside SQLAlchemy's transaction, which autobegins
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield connection
                dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if dangling:
                    tables = sorted({str(row[0]) for row in dangling})
                    log.error(
                        "migration rolled back: %d rows break foreign keys in %s", len(dangling), tables
                    )
                    raise ForeignKeyCheckError(
                        f"Nâng cấp cơ sở dữ liệu bị hủy: {len(dangling)} dòng trong bảng "
                        f"{', '.join(tables)} trỏ tới dữ liệu không còn (lỗi khóa ngoại). "
                        "Dữ liệu không thay đổi; hãy báo cho bộ phận hỗ trợ."
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def upgrade_to(engine: Engine, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    with migration_transaction(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def prepare_database(engine: Engine, database: Path, backup_dir: Path) -> MigrationOutcome:
    started = time.perf_counter()
    current = stamped_revision(engine)
    if current == HEAD_REVISION:
        return MigrationOutcome(False, current, HEAD_REVISION, None, time.perf_counter() - started)
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = head_revision()
    if current is None:
        if inspect(engine).get_table_names():
            raise UserFacingError(
                f"Tệp {database} không phải cơ sở dữ liệu của CCHC Desk. "
                "Hãy chọn tệp khác bằng tùy chọn --db."
            )
        # One transaction: a start killed half-way leaves an empty file, never tables without a stamp.
        with migration_transaction(engine) as connection:
            SQLModel.metadata.create_all(connection)
            config.attributes["connection"] = connection
            command.stamp(config, "head")
        outcome = MigrationOutcome(True, None, head, None, time.perf_counter() - started)
        log.info("created database %s at revision %s", database, head)
        return outcome
    known = {revision.revision for revision in script.walk_revisions()}
    if current not in known:
        raise DatabaseTooNewError(
            f"Cơ sở dữ liệu {database} được tạo bởi phiên bản CCHC Desk mới hơn (lược đồ {current}). "
            "Hãy cài phiên bản mới nhất của phần mềm; dữ liệu không bị thay đổi."
        )
    backup = backup_database(database, backup_dir / timestamped_name(f"truoc-nang-cap-{current}"))
    upgrade_to(engine, "head")
    seconds = time.perf_counter() - started
    log.info("migrated %s from %s to %s in %.3f s (backup %s)", database, current, head, seconds, backup)
    return MigrationOutcome(False, current, head, backup, seconds)
