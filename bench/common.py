"""Shared helpers of the benchmarks: the big database (a file, or on a PostgreSQL server), timing, floors,
machine description."""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bench.generate import PROFILES, build_database

if TYPE_CHECKING:
    from bench.postgres import BenchServer

DATA_DIR = Path(__file__).resolve().parent / "data"
BIG_DATABASE = DATA_DIR / "cchc-200k.sqlite3"
# Each data profile's file (bench/generate.py): the tidy one keeps its name so earlier runs compare.
BIG_DATABASES = {"tidy": BIG_DATABASE, "imported": DATA_DIR / "cchc-200k-imported.sqlite3"}
assert set(BIG_DATABASES) == set(PROFILES)

_profile = "tidy"


@contextlib.contextmanager
def data_profile(profile: str) -> Iterator[None]:
    """Every figure measured inside works on `profile`'s database (`big_database()`, its copies, the
    server loaded from it): the figures' modules stay as they are and `bench/run.py` runs them twice."""
    global _profile
    if profile not in BIG_DATABASES:
        raise ValueError(f"unknown data profile {profile!r}")
    before, _profile = _profile, profile
    try:
        yield
    finally:
        _profile = before


def big_database(count: int = 200_000, profile: str | None = None) -> Path:
    """The 200,000-dossier database of `profile` (default: the one `data_profile` chose, else tidy),
    built once and reused; brought to this version's schema here, once (the upgrade and the audit log's
    baseline of every dossier are a one-off, not part of any timed start)."""
    profile = profile or _profile
    path = BIG_DATABASES[profile]
    if not path.exists():  # built under another name first: a build cut short is not reused
        partial = path.with_name(path.name + ".partial")
        build_database(partial, count, profile=profile)
        partial.replace(path)
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace

    open_workspace(resolve_paths(str(path))).close()
    return path


ENGINES = ("sqlite", "postgresql")


@contextlib.contextmanager
def engine_server(engine: str) -> Iterator[BenchServer | None]:
    """None for SQLite; for PostgreSQL the local benchmark server, loaded or reused, stopped afterwards."""
    if engine != "postgresql":
        yield None
        return
    from bench.postgres import running_server

    with running_server() as server:
        yield server


@contextlib.contextmanager
def database_copy(server: BenchServer | None = None, prefix: str = "cchc-bench-") -> Iterator[str]:
    """A throwaway copy of the big database as a `--db` argument: a copy of the file, or with a
    server (`bench/postgres.py`) a copy of its database there. Intake writes, so no run sees another's."""
    if server is not None:
        with server.database_copy() as address:
            yield address.url(with_password=True)
        return
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        database = folder / "cchc.sqlite3"
        shutil.copy(big_database(), database)
        yield str(database)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def median_ms(action: Callable[[], object], repeats: int) -> tuple[float, list[float]]:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), timings


def machine() -> str:
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def floors(db_argument: str, repeats: int = 200) -> dict[str, float]:
    """What any figure on this database costs at the least, measured beside it: one statement's round
    trip on an open connection (`SELECT 1`), one read transaction as the services open them
    (`Database.read()`: pool checkout with its ping on the server, BEGIN, `SELECT 1`, COMMIT), and a
    plain `SELECT count(*)` over the dossiers."""
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace

    workspace = open_workspace(resolve_paths(db_argument), counter="")
    try:
        with workspace.db.engine.connect() as connection:

            def statement(sql: str) -> object:
                return connection.exec_driver_sql(sql).scalar()

            statement("SELECT count(*) FROM dossier")  # warm the caches, as the figures beside it are
            round_trip, _ = median_ms(lambda: statement("SELECT 1"), repeats)
            count, _ = median_ms(lambda: statement("SELECT count(*) FROM dossier"), 15)

        def read_transaction() -> object:
            with workspace.db.read() as tx:
                return tx.connection().exec_driver_sql("SELECT 1").scalar()

        read_transaction()
        transaction, _ = median_ms(read_transaction, repeats)
    finally:
        workspace.close()
    return {
        "floor_round_trip_ms": round_trip,
        "floor_read_transaction_ms": transaction,
        "floor_count_ms": count,
    }
