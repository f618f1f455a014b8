"""Bring a database file to the schema this version expects.

A new file gets every table and is stamped at the head revision. An older file is backed up (online
backup API) and then upgraded. A file stamped with a revision this version does not know was written
by a newer version and is refused. A file with tables but no revision is not ours and is refused.
"""

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import cchc_desktop.storage.tables  # noqa: F401  (registers the tables)
from cchc_desktop.core.errors import DatabaseTooNewError, UserFacingError
from cchc_desktop.storage.backup import backup_database, timestamped_name

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class MigrationOutcome:
    created: bool
    from_revision: str | None
    to_revision: str
    backup: Path | None
    seconds: float


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def prepare_database(engine: Engine, database: Path, backup_dir: Path) -> MigrationOutcome:
    started = time.perf_counter()
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = head_revision()
    current = current_revision(engine)
    if current is None:
        if inspect(engine).get_table_names():
            raise UserFacingError(
                f"Tệp {database} không phải cơ sở dữ liệu của CCHC Desk. "
                "Hãy chọn tệp khác bằng tùy chọn --db."
            )
        SQLModel.metadata.create_all(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.stamp(config, "head")
        outcome = MigrationOutcome(True, None, head, None, time.perf_counter() - started)
        log.info("created database %s at revision %s", database, head)
        return outcome
    if current == head:
        return MigrationOutcome(False, current, head, None, time.perf_counter() - started)
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
