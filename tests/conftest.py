"""Shared fixtures. Every test runs against its own database and its own user folders, offscreen."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def collect_garbage_on_the_main_thread() -> Iterator[None]:
    """As the app does (ui/gui_thread_gc.py): a collection on a worker thread may free Qt objects there."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_between_tests() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def no_live_board_left_running() -> Iterator[None]:
    """A window's live board (ui/live_board.py) must stop with its window: one left running keeps polling
    a database the next tests no longer have, and steals their time."""
    import threading
    import time

    yield
    deadline = time.monotonic() + 2
    while any(thread.name == "live board" for thread in threading.enumerate()):
        if time.monotonic() > deadline:
            pytest.fail("a live board thread outlived its test (a window not closed?)", pytrace=False)
        time.sleep(0.02)


@pytest.fixture(autouse=True)
def process_umask_restored() -> Iterator[None]:
    """`app.main` makes the process's files private (umask 077); a test calling it must not change the
    modes every later test creates its files with."""
    umask = os.umask(0o022)
    os.umask(umask)
    yield
    os.umask(umask)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the real user data, log and config folders untouched."""
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "user" / variable.lower()))
    monkeypatch.delenv("CCHC_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()  # a database named by --db must be in an existing folder
    return tmp_path / "data" / "cchc.sqlite3"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    """One throwaway PostgreSQL server for the whole run (tests/pg_server.py)."""
    from tests.pg_server import start_server

    server = start_server()
    yield server
    server.destroy()


@pytest.fixture
def server_databases(postgres_server: object) -> Iterator[object]:
    """`make()` a server database as a new centre's (schema and seed, agency not set up), or
    `make(empty=True)` one as the server's administrator creates it; all dropped after the test."""
    from tests.pg_server import TEMPLATE

    made: list[str] = []

    def make(*, empty: bool = False) -> object:
        address = postgres_server.new_database(template=None if empty else TEMPLATE)  # type: ignore[attr-defined]
        made.append(address.database)
        return address

    yield make
    for name in made:
        postgres_server.drop_database(name)  # type: ignore[attr-defined]


@pytest.fixture
def db_engine() -> str:
    """The engine the workspace fixtures use: "sqlite" here; the storage and services folders
    parametrise it over both engines (their conftest's `pytest_generate_tests`)."""
    return "sqlite"


@pytest.fixture
def db_location(request: pytest.FixtureRequest, db_engine: str, db_path: Path) -> Iterator[str]:
    """What `--db` gets for this test: the SQLite file, or the URL of a fresh server database."""
    if db_engine == "sqlite":
        yield str(db_path)
        return
    server = request.getfixturevalue("postgres_server")
    address = server.new_database()
    yield address.url(with_password=True)
    server.drop_database(address.database)


@pytest.fixture
def new_workspace(db_location: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """A database as a new install creates it: the agency is not set up yet."""
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace

    ws = open_workspace(resolve_paths(db_location))
    yield ws
    try:
        if not request.node.get_closest_marker("audit_tampered"):
            _assert_audit_whole(ws)
    finally:
        ws.close()


def _assert_audit_whole(ws: object) -> None:
    """Whatever a test did through the services left a whole audit chain and every dossier row as its
    last entry recorded it: a service that changes data without its entry fails here."""
    from cchc_desktop.services.audit_verify import verify_audit

    try:
        result = verify_audit(ws.db)  # type: ignore[attr-defined]
    except Exception:  # a test that closed, deleted or broke its database on purpose
        return
    assert result.ok, [problem.text for problem in result.problems]


@pytest.fixture
def workspace(new_workspace: object) -> object:
    """A counter in use: the agency set up (tests/agency.py)."""
    from tests.agency import set_up_agency

    set_up_agency(new_workspace)  # type: ignore[attr-defined]
    return new_workspace
