"""The benchmarks' PostgreSQL database (bench/postgres.py) holds exactly the dossiers of the SQLite file,
of either data profile, and intake on it numbers new dossiers after them, as on the file."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import SQLModel

from bench.generate import build_database
from bench.intake import _request
from bench.postgres import connect, load
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import open_workspace

COUNT = 300


def _text(value: Any) -> Any:
    """A server value as the SQLite file holds it (times as text, booleans as 0/1)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


@pytest.fixture(scope="module")
def small_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("bench") / "small.sqlite3", COUNT)


@pytest.fixture(scope="module")
def small_imported_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("bench") / "imported.sqlite3", COUNT, profile="imported")


def test_every_row_of_the_file_is_on_the_server(postgres_server: Any, small_file: Path) -> None:
    _assert_loaded(postgres_server, small_file)


def test_every_row_of_the_imported_profile_is_on_the_server(
    postgres_server: Any, small_imported_file: Path
) -> None:
    """Unknown procedures (no catalogue row), no register rows, never-closed dossiers load as they are."""
    _assert_loaded(postgres_server, small_imported_file)


def _assert_loaded(postgres_server: Any, small_file: Path) -> None:
    address = postgres_server.new_database(template=None)
    load(address, small_file)
    lite = sqlite3.connect(small_file)
    try:
        with connect(address) as server:
            for table in SQLModel.metadata.sorted_tables:
                names = ", ".join(f'"{column.name}"' for column in table.columns)
                order = ", ".join(f'"{column.name}"' for column in table.primary_key.columns)
                query = f'SELECT {names} FROM "{table.name}" ORDER BY {order}'
                expected = lite.execute(query).fetchall()
                found = [tuple(_text(value) for value in row) for row in server.execute(query).fetchall()]
                assert found == expected, table.name
                # The generated history has no accounts (its log is the system's import entries) and no
                # scans: an imported history carries none (bench/attachments_backup.py measures scans).
                empty_allowed = ("alembic_version", "account", "attachment_blob", "attachment")
                assert expected or table.name in empty_allowed, f"{table.name} is empty"
    finally:
        lite.close()
        postgres_server.drop_database(address.database)


def test_intake_on_the_server_continues_after_the_loaded_dossiers(
    postgres_server: Any, small_file: Path
) -> None:
    address = postgres_server.new_database(template=None)
    load(address, small_file)
    with sqlite3.connect(small_file) as lite:
        last_id, last_row = lite.execute(
            "SELECT max(id), max(register_row) FROM dossier WHERE register_volume = '2026'"
        ).fetchone()
        day = lite.execute("SELECT substr(max(code), 15, 6) FROM dossier").fetchone()[0]
        of_that_day = lite.execute(
            "SELECT count(*) FROM dossier WHERE code LIKE ?", (f"%-{day}-%",)
        ).fetchone()[0]
    lite.close()
    now = datetime.strptime(day, "%y%m%d").replace(hour=9) + timedelta(minutes=1)
    workspace = open_workspace(resolve_paths(address.url(with_password=True)), counter="")
    try:
        record = save_intake(workspace, _request(now, 1), now=now).record
    finally:
        workspace.close()
        postgres_server.drop_database(address.database)
    assert record.code.endswith(f"-{day}-{of_that_day + 1:04d}")
    assert record.register_row == last_row + 1
    assert last_id == COUNT
