"""The server's password, however it is given (in the URL, the app's pgpass file, PGPASSWORD), is used to
log in and written nowhere else: not in the log file, the diagnostics text, the database's own tables,
an error message, or the repr of the address or paths."""

from __future__ import annotations

import logging
import random
import stat
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from cchc_desktop.core.logging_setup import LOG_FILE_NAME, configure_logging
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.core.saved_server import PGPASS_FILE, config_dir, save_server
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.services.diagnostics import diagnostics
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.server_connection import check_connection
from cchc_desktop.services.workspace import open_workspace
from tests.agency import set_up_agency
from tests.pg_server import PostgresServer
from tests.services.intake_helpers import RECEIVED, request

PASSWORD = "Zq9:bí-mật\\7731"  # a colon and a backslash: quoted in URLs, escaped in pgpass
ROLE = "cchc_quay"


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    folder = tmp_path / "logs"
    configure_logging(folder, logging.DEBUG)  # more than the app writes: every record must be clean
    yield folder
    for handler in [h for h in root.handlers if getattr(h, "_cchc", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.fixture
def database(postgres_server: PostgresServer) -> Iterator[ServerAddress]:
    """An empty database owned by a login whose password is `PASSWORD` (the app creates the schema)."""
    escaped = PASSWORD.replace("'", "''")
    postgres_server.admin_sql(f"DROP ROLE IF EXISTS {ROLE}", f"CREATE ROLE {ROLE} LOGIN PASSWORD '{escaped}'")
    # Letters only: digits in the name could contain the password's "7731" and fail the search for it.
    name = "cchc_secret_" + "".join(random.choices(string.ascii_lowercase, k=12))
    postgres_server.admin_sql(f'CREATE DATABASE "{name}" OWNER {ROLE}')
    yield ServerAddress(host="127.0.0.1", port=postgres_server.port, database=name, user=ROLE)
    postgres_server.drop_database(name)
    postgres_server.admin_sql(f"DROP ROLE IF EXISTS {ROLE}")


def _every_text_in(workspace: object) -> str:
    db = workspace.db  # type: ignore[attr-defined]
    values: list[str] = []
    with db.read() as session:
        for table in SQLModel.metadata.sorted_tables:
            for row in session.execute(select(table)):
                values.extend(str(value) for value in row)
    return "\n".join(values)


def _use_the_server(location: str | None, log_dir: Path) -> str:
    """Open the server as the window does, save a dossier, read the diagnostics; everything written."""
    paths = resolve_paths(location)
    assert paths.server is not None
    workspace = open_workspace(paths, counter="Quầy 2 – Hộ tịch")
    try:
        set_up_agency(workspace)
        save_intake(workspace, request(), now=RECEIVED)
        info = diagnostics(workspace, qt_version="6", log_dir=log_dir)
        assert info.database == f"máy chủ {ROLE}@127.0.0.1:{paths.server.port}/{paths.server.database}"
        tables = _every_text_in(workspace)
        assert "Đại Hợp" in tables  # the agency's settings, as a sign the tables were read
        checked = check_connection(paths.server)
        assert checked.ok, checked.text
        texts = [info.as_text(), tables, checked.text, repr(paths), repr(paths.server), paths.label]
    finally:
        workspace.close()
    wrong = paths.server.with_database("khong_co")
    texts.append(check_connection(wrong).text)
    texts.append((log_dir / LOG_FILE_NAME).read_text(encoding="utf-8"))
    return "\n".join(texts)


def _assert_secret(written: str) -> None:
    for form in (PASSWORD, "Zq9", "7731"):
        assert form not in written


def test_a_password_in_the_url(database: ServerAddress, log_dir: Path) -> None:
    written = _use_the_server(database.with_password(PASSWORD).url(with_password=True), log_dir)
    assert "khong_co" in written  # the failure was written too
    _assert_secret(written)


def test_a_password_remembered_in_the_apps_pgpass_file(database: ServerAddress, log_dir: Path) -> None:
    save_server(database, password=PASSWORD)
    passfile = config_dir() / PGPASS_FILE
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    written = _use_the_server(None, log_dir)  # the saved server, as the window starts
    _assert_secret(written + (config_dir() / "server.json").read_text(encoding="utf-8"))


def test_a_password_from_pgpassword(
    database: ServerAddress, log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    written = _use_the_server(database.url(), log_dir)
    _assert_secret(written)
