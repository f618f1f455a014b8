"""Run a folder's tests on both engines: its conftest does `from tests.both_engines import
pytest_generate_tests`. A test that is about the SQLite file itself (WAL, its bytes, its folder)
carries `@pytest.mark.sqlite_only` and runs once."""

from __future__ import annotations

import pytest

ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_engine" not in metafunc.fixturenames:
        return
    engines = ["sqlite"] if metafunc.definition.get_closest_marker("sqlite_only") else list(ENGINES)
    metafunc.parametrize("db_engine", engines, ids=engines)
