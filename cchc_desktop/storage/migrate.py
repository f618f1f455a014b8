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
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

import cchc_desktop.storage.tables  # noqa: F401  (registers the tables)
from cchc_desktop.core.errors import DatabaseTooNewError, UserFacingError
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.storage import database_check as checks
from cchc_desktop.storage.backup import backup_database, timestamped_name
from cchc_desktop.storage.database import DataBusyError, UnusableDatabaseError, user_error

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0007"  # the newest revision in migrations/versions; a test keeps the two equal


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


def _look_inside(database: Path) -> str | None:
    """The revision of `database`, checked read-only before the engine touches it: a file that is not
    ours (another program's SQLite or Alembic database, a random file, a folder) or lacks part of our
    schema is refused and left byte for byte as it was."""
    keep = "Tệp được giữ nguyên, không bị thay đổi."
    try:
        current, missing = checks.look_inside(database)
    except IsADirectoryError as error:
        raise UnusableDatabaseError(
            restorable=False,
            message=f"{database} là một thư mục, không phải tệp cơ sở dữ liệu. "
            "Hãy chọn tệp .sqlite3 bằng tùy chọn --db.",
        ) from error
    except checks.ForeignDatabaseError as error:
        raise UnusableDatabaseError(
            restorable=False,
            message=f"Tệp {database} không phải cơ sở dữ liệu của CCHC Desk. {keep} "
            "Hãy chọn tệp khác bằng tùy chọn --db.",
        ) from error
    except checks.DamagedDatabaseError as error:
        log.warning("cannot open %s: %s", database, error)
        raise UnusableDatabaseError(
            restorable=True,
            message=f"Tệp {database} bị hỏng hoặc không phải cơ sở dữ liệu. {keep} "
            "Hãy khôi phục từ bản sao lưu (Hệ thống → Khôi phục hoặc lệnh restore) "
            "hoặc chọn tệp khác bằng tùy chọn --db.",
        ) from error
    except (OSError, checks.DatabaseInUseError) as error:
        log.warning("cannot read %s: %s", database, error)
        raise UnusableDatabaseError(
            restorable=False,
            message=f"Không đọc được tệp {database}: ổ đĩa bị lỗi, đã bị rút ra hoặc không có quyền đọc. "
            "Hãy kiểm tra ổ đĩa rồi mở lại.",
        ) from error
    if current is not None and current != HEAD_REVISION and current not in checks.known_revisions():
        raise DatabaseTooNewError(
            f"Cơ sở dữ liệu {database} được tạo bởi phiên bản CCHC Desk mới hơn (lược đồ {current}). "
            "Hãy cài phiên bản mới nhất của phần mềm; dữ liệu không bị thay đổi."
        )
    if missing:
        raise UnusableDatabaseError(
            restorable=True,
            message=f"Cơ sở dữ liệu {database} thiếu một phần ({'; '.join(missing)}). {keep} "
            "Hãy khôi phục từ bản sao lưu (Hệ thống → Khôi phục hoặc lệnh restore).",
        )
    return current


def prepare_database(engine: Engine, database: Path | ServerAddress, backup_dir: Path) -> MigrationOutcome:
    """Bring `database` (the file or server behind `engine`) to the head revision; `UserFacingError`
    when it cannot be opened, with the database left untouched."""
    try:
        if isinstance(database, ServerAddress):
            return _prepare_server(engine, database, backup_dir)
        return _prepare(engine, database, backup_dir)
    except DBAPIError as error:
        translated = user_error(error, database)
        if translated is None:
            raise
        raise translated from error


def _prepare(engine: Engine, database: Path, backup_dir: Path) -> MigrationOutcome:
    started = time.perf_counter()
    current = _look_inside(database)
    if current == HEAD_REVISION:
        return MigrationOutcome(False, current, HEAD_REVISION, None, time.perf_counter() - started)
    from alembic import command

    config = alembic_config()
    head = head_revision()
    if current is None:
        # One transaction: a start killed half-way leaves an empty file, never tables without a stamp.
        with migration_transaction(engine) as connection:
            SQLModel.metadata.create_all(connection)
            config.attributes["connection"] = connection
            command.stamp(config, "head")
        outcome = MigrationOutcome(True, None, head, None, time.perf_counter() - started)
        log.info("created database %s at revision %s", database, head)
        return outcome
    try:
        backup = backup_database(database, backup_dir / timestamped_name(f"truoc-nang-cap-{current}"))
    except checks.DatabaseInUseError as error:
        raise DataBusyError(
            f"Chưa nâng cấp được cơ sở dữ liệu {database}: một người dùng hoặc chương trình khác đang ghi. "
            "Hãy đóng CCHC Desk ở nơi khác rồi mở lại; dữ liệu không bị thay đổi."
        ) from error
    except checks.DamagedDatabaseError as error:
        log.warning("the copy before upgrading %s failed its check: %s", database, error)
        raise UnusableDatabaseError(
            f"Cơ sở dữ liệu {database} bị hỏng nên chưa nâng cấp được; dữ liệu không bị thay đổi. "
            "Hãy khôi phục từ bản sao lưu (Hệ thống → Khôi phục hoặc lệnh restore).",
            restorable=True,
        ) from error
    except OSError as error:
        raise UserFacingError(
            f"Chưa nâng cấp được cơ sở dữ liệu {database}: không ghi được bản sao lưu vào {backup_dir} "
            f"({error.strerror or error}). Hãy giải phóng ổ đĩa hoặc kiểm tra quyền ghi rồi mở lại; "
            "dữ liệu không bị thay đổi."
        ) from error
    upgrade_to(engine, "head")
    seconds = time.perf_counter() - started
    log.info("migrated %s from %s to %s in %.3f s (backup %s)", database, current, head, seconds, backup)
    return MigrationOutcome(False, current, head, backup, seconds)


def _prepare_server(engine: Engine, address: ServerAddress, backup_dir: Path) -> MigrationOutcome:
    from cchc_desktop.storage import server_migrate

    started = time.perf_counter()

    def create(connection: Connection) -> None:
        from alembic import command

        SQLModel.metadata.create_all(connection)
        config = alembic_config()
        config.attributes["connection"] = connection
        command.stamp(config, "head")

    def upgrade(connection: Connection, head: str) -> None:
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, head)

    def backup_before(current: str) -> Path:
        from cchc_desktop.storage.server_backup import backup_server_database

        target = backup_dir / timestamped_name(f"truoc-nang-cap-{current}")
        backup: Path = backup_server_database(engine, target)
        return backup

    try:
        steps = server_migrate.SchemaSteps(HEAD_REVISION, create, backup_before, upgrade)
        created, current, backup = server_migrate.prepare_server(engine, address, steps)
    except server_migrate.ForeignServerDatabaseError as error:
        raise UnusableDatabaseError(
            restorable=False,
            message=f"Cơ sở dữ liệu {address.database} trên máy chủ {address.host} đã có bảng của chương "
            "trình khác, không phải của CCHC Desk. Dữ liệu được giữ nguyên. Hãy tạo một cơ sở dữ liệu trống "
            "riêng cho CCHC Desk (docs/may-chu-du-lieu.md).",
        ) from error
    if not created:
        with engine.connect() as connection:
            missing = server_migrate.schema_problems(connection)
        if missing:
            raise UnusableDatabaseError(
                restorable=True,
                message=f"Cơ sở dữ liệu {address.database} trên máy chủ {address.host} thiếu một phần "
                f"({'; '.join(missing)}). Dữ liệu được giữ nguyên. Hãy khôi phục từ bản sao lưu.",
            )
    return MigrationOutcome(created, current, HEAD_REVISION, backup, time.perf_counter() - started)
