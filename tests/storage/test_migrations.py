"""Schema migrations: new files stamped at head, frozen old files upgraded, newer and foreign files refused."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from cchc_desktop.core.errors import DatabaseTooNewError, UserFacingError
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.services.audit_verify import verify_audit
from cchc_desktop.services.restore import check_backup_file
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.storage import migrate, settings_repo, table_copy
from cchc_desktop.storage.backup import backup_database
from cchc_desktop.storage.engine import make_engine
from cchc_desktop.storage.migrate import (
    HEAD_REVISION,
    current_revision,
    head_revision,
    stamped_revision,
    upgrade_to,
)
from cchc_desktop.storage.server_engine import make_server_engine
from cchc_desktop.storage.tables import BYTEWISE_INDEXED

FROZEN = sorted((Path(__file__).parent / "data").glob("rev_*.sqlite3"))


def test_a_new_database_is_created_at_head_and_seeded(db_path: Path) -> None:
    workspace = open_workspace(resolve_paths(str(db_path)))
    try:
        assert workspace.migration.created
        assert current_revision(workspace.db.engine) == head_revision()
        with workspace.db.read() as tx:
            assert settings_repo.read_all(tx).get("seeded") is True
    finally:
        workspace.close()


# The server-only C-collation indexes (tables.BYTEWISE_INDEXED) are expression indexes, which Alembic cannot
# reflect from SQLite and says so; SQLite does not get them, and the server test below compares them.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
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
            events = connection.execute("SELECT dossier_id, kind FROM dossier_event").fetchall()
        connection.close()
        assert rows == [("000.00.00.H00-260105-0001", "Nguyễn Thị Hoa")]
        assert events == [(1, "received")]
        _assert_baseline_verifies(workspace)
    finally:
        workspace.close()


def _assert_baseline_verifies(workspace: Workspace) -> None:
    """The old dossier got its baseline entry when this version first opened the database, and the
    untouched database verifies; its row changed behind the app's back afterwards is named."""
    verification = verify_audit(workspace.db)
    assert verification.ok and (verification.entries, verification.dossiers) == (1, 1)
    with workspace.db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE dossier SET status = 'resolved'")
    assert [p.dossier_code for p in verify_audit(workspace.db).problems] == ["000.00.00.H00-260105-0001"]


def test_there_is_a_frozen_file_for_the_first_revision() -> None:
    assert [f.name for f in FROZEN][:1] == ["rev_0001.sqlite3"]


def test_backup_copies_a_live_database_through_the_backup_api(
    workspace: object, db_path: Path, tmp_path: Path
) -> None:
    copy = backup_database(db_path, tmp_path / "copies" / "copy.sqlite3")
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM procedure").fetchone() == (105,)  # the default list
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
print(workspace.migration.to_revision, any(m.split(".")[0] == "alembic" for m in sys.modules))
workspace.close()
"""


def test_opening_an_up_to_date_file_does_not_load_alembic(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", OPEN_UP_TO_DATE, str(db_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [HEAD_REVISION, "False"]


MIGRATIONS = Path(__file__).resolve().parents[2] / "cchc_desktop" / "storage" / "migrations"
EXTRA_REVISION = '''"""a test revision after the head"""
from alembic import op
import sqlalchemy as sa

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}
'''


def _with_extra_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """Point the migrations at a copy holding one more revision whose upgrade runs `body`."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9001_test.py").write_text(
        EXTRA_REVISION.format(head=HEAD_REVISION, body=body), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)


def _frozen_copy_with_children(tmp_path: Path) -> Path:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(FROZEN[-1], copy)
    with sqlite3.connect(copy) as connection:
        connection.execute(
            "INSERT INTO procedure_document (procedure_id, position, name, kind, count, required)"
            " VALUES (1, 1, 'Tờ khai', 'bản chính', 1, 1), (1, 2, 'Giấy tờ cũ', 'bản sao', 1, 1)"
        )
    connection.close()
    return copy


def _counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("procedure", "procedure_document", "dossier", "dossier_event", "setting")
        }
    connection.close()
    return counts


def test_a_batch_rebuild_of_a_parent_table_keeps_its_cascading_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _frozen_copy_with_children(tmp_path)
    before = _counts(copy)
    _with_extra_revision(
        tmp_path,
        monkeypatch,
        '    with op.batch_alter_table("procedure", recreate="always") as batch:\n'
        '        batch.add_column(sa.Column("extra", sa.String(), nullable=True))\n'
        '    with op.batch_alter_table("dossier", recreate="always") as batch:\n'
        '        batch.add_column(sa.Column("extra", sa.String(), nullable=True))\n',
    )
    engine = make_engine(copy)
    try:
        upgrade_to(engine, "head")
        assert stamped_revision(engine) == "9001"
    finally:
        engine.dispose()
    assert _counts(copy) == before
    assert before["procedure_document"] == 2 and before["dossier_event"] == 1


def test_a_batch_rebuild_of_a_parent_table_never_cascade_deletes_silently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With foreign keys on, dropping the old `procedure` table deleted its documents without a word.
    copy = _frozen_copy_with_children(tmp_path)
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE dossier SET procedure_id = NULL")
    connection.close()
    before = _counts(copy)
    _with_extra_revision(
        tmp_path,
        monkeypatch,
        '    with op.batch_alter_table("procedure", recreate="always") as batch:\n'
        '        batch.add_column(sa.Column("extra", sa.String(), nullable=True))\n',
    )
    engine = make_engine(copy)
    try:
        upgrade_to(engine, "head")
    finally:
        engine.dispose()
    assert _counts(copy) == before


def test_a_migration_that_breaks_a_foreign_key_is_rolled_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _frozen_copy_with_children(tmp_path)
    before = _counts(copy)
    _with_extra_revision(
        tmp_path,
        monkeypatch,
        "    op.execute(\"UPDATE setting SET value = '\\\"changed\\\"' WHERE key = 'commune_name'\")\n"
        '    op.execute("DELETE FROM dossier")\n',
    )
    engine = make_engine(copy)
    try:
        with pytest.raises(UserFacingError) as error:
            upgrade_to(engine, "head")
        assert stamped_revision(engine) == HEAD_REVISION
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
    assert "khóa ngoại" in error.value.message and "không thay đổi" in error.value.message
    assert _counts(copy) == before
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT value FROM setting WHERE key = 'commune_name'").fetchone() == (
            '"Đại Hợp"',
        )
    connection.close()


def test_a_new_file_killed_between_creating_the_tables_and_stamping_them_is_left_empty(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command

    def killed(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "stamp", killed)
    with pytest.raises(KeyboardInterrupt):
        open_workspace(resolve_paths(str(db_path)))
    monkeypatch.undo()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == []
    connection.close()
    workspace = open_workspace(resolve_paths(str(db_path)))
    try:
        assert workspace.migration.created
    finally:
        workspace.close()


def test_an_upgrade_whose_backup_cannot_be_written_says_so_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc_desktop.app import main

    copy = tmp_path / "old.sqlite3"
    shutil.copy(FROZEN[0], copy)
    before = copy.read_bytes()
    (tmp_path / "backups").write_text("a file where the backup folder should be")
    code = main(["--db", str(copy), "dossier", "000.00.00.H00-260105-0001"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("Lỗi: Chưa nâng cấp được cơ sở dữ liệu") and "dữ liệu không bị thay đổi" in err
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    connection.close()
    assert copy.read_bytes()[100:] == before[100:]


# ------------------------------------------------------------------ PostgreSQL
@pytest.fixture
def empty_server(server_databases: Callable[..., ServerAddress]) -> ServerAddress:
    return server_databases(empty=True)


def _server_at(frozen: Path, address: ServerAddress, tmp_path: Path) -> str:
    """The frozen file's rows in a server database built at the file's revision; returns the revision."""
    from alembic import command

    revision = frozen.stem.removeprefix("rev_")
    server = make_server_engine(address)
    copy = tmp_path / "frozen.sqlite3"
    shutil.copy(frozen, copy)  # the engine switches a file to WAL: the frozen file must stay as it is
    source = make_engine(copy)
    try:
        with server.begin() as connection:
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        with source.connect() as reading, reading.begin(), server.begin() as writing:
            table_copy.copy_tables(reading, writing)
    finally:
        source.dispose()
        server.dispose()
    return revision


@pytest.mark.parametrize("frozen", FROZEN, ids=[f.stem for f in FROZEN])
def test_a_server_database_of_every_released_revision_is_upgraded_with_a_backup_first(
    frozen: Path, empty_server: ServerAddress, tmp_path: Path
) -> None:
    before = frozen.read_bytes()
    revision = _server_at(frozen, empty_server, tmp_path)
    assert frozen.read_bytes() == before
    workspace = open_workspace(resolve_paths(empty_server.url(with_password=True)))
    try:
        assert workspace.migration.from_revision == revision and not workspace.migration.created
        assert current_revision(workspace.db.engine) == head_revision()
        if revision != head_revision():
            backup = workspace.migration.backup
            assert backup is not None and backup.name.startswith(f"truoc-nang-cap-{revision}-")
            facts = check_backup_file(backup)  # the server as it was, in the desk's backup format
            assert (facts.revision, facts.dossier_count) == (revision, 1)
        with workspace.db.read() as tx:
            rows = tx.connection().exec_driver_sql("SELECT code, applicant_name FROM dossier").all()
            events = tx.connection().exec_driver_sql("SELECT dossier_id, kind FROM dossier_event").all()
        assert [tuple(row) for row in rows] == [("000.00.00.H00-260105-0001", "Nguyễn Thị Hoa")]
        assert [tuple(row) for row in events] == [(1, "received")]
        _assert_baseline_verifies(workspace)
    finally:
        workspace.close()


def test_migrations_build_exactly_the_tables_and_indexes_of_the_models_on_a_server(
    empty_server: ServerAddress,
) -> None:
    """A server database created by `create_all` (a new centre) and one upgraded revision by revision (a
    centre since an older version) must be the same, the server-only indexes included."""
    from alembic import command

    engine = make_server_engine(empty_server)
    try:
        with engine.begin() as connection:
            config = migrate.alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
            definitions = dict(
                connection.exec_driver_sql(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'dossier'"
                ).all()
            )
    finally:
        engine.dispose()
    # Alembic reflects `code COLLATE "C"` as `code` and so reports the C-collation indexes as changed:
    # they are checked from the server's own definitions instead.
    bytewise = {f"ix_dossier_{column}_bytewise" for column in BYTEWISE_INDEXED}
    other = [change for change in differences if not _is_index_change_of(change, bytewise)]
    assert other == [], "tables.py changed without an Alembic revision"
    for column in BYTEWISE_INDEXED:
        assert f'({column} COLLATE "C")' in definitions[f"ix_dossier_{column}_bytewise"]


def _is_index_change_of(change: object, names: set[str]) -> bool:
    steps = change if isinstance(change, list) else [change]
    return all(
        isinstance(step, tuple) and step[0] in ("add_index", "remove_index") and step[1].name in names
        for step in steps
    )


@pytest.mark.parametrize("db_engine", ["postgresql"])
def test_a_new_server_database_gets_the_c_collation_indexes(new_workspace: object) -> None:
    with new_workspace.db.engine.connect() as connection:  # type: ignore[attr-defined]
        names = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'dossier'"
            )
        }
    assert {f"ix_dossier_{column}_bytewise" for column in BYTEWISE_INDEXED} <= names
