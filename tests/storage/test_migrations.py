"""Schema migrations: new files stamped at head, frozen old files upgraded, newer and foreign files refused."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from cchc_desktop.core.errors import DatabaseTooNewError, UserFacingError
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.workspace import open_workspace
from cchc_desktop.storage.backup import backup_database
from cchc_desktop.storage.engine import make_engine
from cchc_desktop.storage.migrate import (
    HEAD_REVISION,
    current_revision,
    head_revision,
    stamped_revision,
    upgrade_to,
)

FROZEN = sorted((Path(__file__).parent / "data").glob("rev_*.sqlite3"))


def test_a_new_database_is_created_at_head_and_seeded(db_path: Path) -> None:
    workspace = open_workspace(resolve_paths(str(db_path)))
    try:
        assert workspace.migration.created
        assert current_revision(workspace.db.engine) == head_revision()
        assert workspace.settings().commune_name == "Đại Hợp"
    finally:
        workspace.close()


def test_migrations_build_exactly_the_tables_of_the_models(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "migrated.sqlite3")
    upgrade_to(engine, "head")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    assert differences == [], "tables.py changed without an Alembic revision"


@pytest.mark.parametrize("frozen", FROZEN, ids=[f.stem for f in FROZEN])
def test_a_frozen_database_of_every_released_revision_opens_with_its_data(
    frozen: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(frozen, copy)
    workspace = open_workspace(resolve_paths(str(copy)))
    try:
        assert current_revision(workspace.db.engine) == head_revision()
        assert not workspace.migration.created
        if workspace.migration.from_revision != head_revision():
            assert workspace.migration.backup is not None and workspace.migration.backup.exists()
        with sqlite3.connect(copy) as connection:
            rows = connection.execute("SELECT code, applicant_name FROM dossier").fetchall()
        connection.close()
        assert rows == [("000.00.00.H00-260105-0001", "Nguyễn Thị Hoa")]
    finally:
        workspace.close()


def test_there_is_a_frozen_file_for_the_first_revision() -> None:
    assert [f.name for f in FROZEN][:1] == ["rev_0001.sqlite3"]


def test_backup_copies_a_live_database_through_the_backup_api(
    workspace: object, db_path: Path, tmp_path: Path
) -> None:
    copy = backup_database(db_path, tmp_path / "copies" / "copy.sqlite3")
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM procedure").fetchone() == (20,)
    connection.close()
    assert not list(copy.parent.glob("*.partial"))


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    database = tmp_path / "newer.sqlite3"
    workspace = open_workspace(resolve_paths(str(database)))
    workspace.close()
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    connection.close()
    before = database.read_bytes()
    with pytest.raises(DatabaseTooNewError) as error:
        open_workspace(resolve_paths(str(database)))
    assert "phiên bản CCHC Desk mới hơn" in error.value.message
    assert database.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "other.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
    connection.close()
    with pytest.raises(UserFacingError) as error:
        open_workspace(resolve_paths(str(database)))
    assert "không phải cơ sở dữ liệu của CCHC Desk" in error.value.message


def test_the_head_written_in_the_code_is_the_newest_migration() -> None:
    assert head_revision() == HEAD_REVISION, "a new revision was added: update HEAD_REVISION in migrate.py"


@pytest.mark.parametrize("frozen", FROZEN, ids=[f.stem for f in FROZEN])
def test_the_stamp_read_without_alembic_matches_alembic(frozen: Path, tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(frozen, copy)
    engine = make_engine(copy)
    try:
        assert stamped_revision(engine) == current_revision(engine) == frozen.stem.removeprefix("rev_")
    finally:
        engine.dispose()


def test_a_file_without_tables_has_no_stamp(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "empty.sqlite3")
    try:
        assert stamped_revision(engine) is None
    finally:
        engine.dispose()


OPEN_UP_TO_DATE = """
import sys
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.workspace import open_workspace
open_workspace(resolve_paths(sys.argv[1])).close()  # creates the file (Alembic needed)
for name in [m for m in sys.modules if m.split(".")[0] == "alembic"]:
    del sys.modules[name]
workspace = open_workspace(resolve_paths(sys.argv[1]))
print(workspace.settings().commune_name, any(m.split(".")[0] == "alembic" for m in sys.modules))
workspace.close()
"""


def test_opening_an_up_to_date_file_does_not_load_alembic(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", OPEN_UP_TO_DATE, str(db_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["Đại", "Hợp", "False"]
