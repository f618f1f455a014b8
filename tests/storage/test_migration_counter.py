"""Revision 0003: the counter on dossiers and events and the dossier's version reach old databases,
on SQLite and on PostgreSQL, without touching what was there."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, text

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.intake import dossier_by_code
from cchc_desktop.services.workflow import events_of
from cchc_desktop.services.workspace import open_workspace
from cchc_desktop.storage import database_check
from cchc_desktop.storage.migrate import alembic_config
from tests.storage.make_frozen_database import ROWS_0001

DATA = Path(__file__).parent / "data"
CODE = "000.00.00.H00-260105-0001"


def test_a_file_of_the_previous_revision_gets_an_empty_counter_and_version_1(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "rev_0002.sqlite3", copy)
    workspace = open_workspace(resolve_paths(str(copy)), counter="Quầy 2 – Hộ tịch")
    try:
        assert workspace.migration.from_revision == "0002"
        record = dossier_by_code(workspace, CODE)
        assert (record.applicant_name, record.counter, record.version) == ("Nguyễn Thị Hoa", "", 1)
        assert [(e.kind, e.actor, e.counter) for e in events_of(workspace, CODE)] == [
            ("received", "Lê Văn Tâm", "")
        ]
    finally:
        workspace.close()


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_an_old_backup_is_not_taken_for_an_incomplete_one(revision: str) -> None:
    # The columns of a later revision are not "missing" from an older file: the upgrade adds them.
    facts = database_check.examine(DATA / f"rev_{revision}.sqlite3")
    assert (facts.revision, facts.dossier_count) == (revision, 1)


def test_an_old_file_that_lacks_a_column_of_its_own_revision_is_still_refused(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "rev_0002.sqlite3", copy)
    with sqlite3.connect(copy) as connection:
        connection.execute("ALTER TABLE dossier DROP COLUMN note")
    connection.close()
    with pytest.raises(database_check.IncompleteSchemaError, match="bảng dossier thiếu cột note"):
        database_check.examine(copy)


# ------------------------------------------------------------------ PostgreSQL
def _postgres_rows() -> list[str]:
    """The frozen file's rows in PostgreSQL's spelling: booleans are true/false, not 1/0."""
    rows = list(ROWS_0001)
    rows[1] = rows[1].replace("'2025-07-01', 1)", "'2025-07-01', true)")
    rows[2] = rows[2].replace("0, 0, '', 'none', '2026', 1, 'UBND xã', '', '', 0)", "0, false, '', 'none', "
                              "'2026', 1, 'UBND xã', '', '', false)")  # fmt: skip
    assert rows[1:3] != ROWS_0001[1:3]
    return rows


def _upgrade(connection: Connection, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


@pytest.fixture
def empty_server_database(postgres_server: object) -> Iterator[str]:
    address = postgres_server.new_database(template=None)  # type: ignore[attr-defined]
    yield address.url(with_password=True)
    postgres_server.drop_database(address.database)  # type: ignore[attr-defined]


def test_the_revision_runs_on_postgresql_and_old_rows_get_an_empty_counter_and_version_1(
    empty_server_database: str,
) -> None:
    engine = create_engine(empty_server_database.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as connection:
            _upgrade(connection, "0002")
            for statement in _postgres_rows():
                connection.execute(text(statement.replace(":", r"\:")))
        with engine.begin() as connection:
            _upgrade(connection, "0003")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
            assert connection.execute(text("SELECT code, counter, version FROM dossier")).all() == [
                (CODE, "", 1)
            ]
            assert connection.execute(text("SELECT kind, counter FROM dossier_event")).all() == [
                ("received", "")
            ]
            # A new row gets the defaults from the server too (an import writes only the columns it knows).
            connection.execute(text("INSERT INTO dossier_event (dossier_id, at, kind, actor, giver, taker, note,"
                                    " data_json) VALUES (1, now(), 'corrected', '', '', '', '', '{}')"))  # fmt: skip
            assert connection.execute(
                text("SELECT counter FROM dossier_event WHERE kind = 'corrected'")
            ).all() == [("",)]
    finally:
        engine.dispose()
