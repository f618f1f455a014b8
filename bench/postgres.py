"""The benchmark database on a local PostgreSQL server over loopback: the same dossiers as the SQLite file.

    python -m bench.postgres [--source FILE | --profile imported]    # load (or reuse), print the floors

A throwaway server (the `PostgresServer` of the test suite, with PostgreSQL's default durability: fsync
and synchronous commit on, as on a centre's server) keeps its data folder in `bench/data/postgresql-<name>/`.
The folder is reused while its stamp matches (source file size and time, schema head, loader version);
otherwise it is rebuilt: `open_workspace` creates the schema, then every table of the SQLite file is
copied in with `COPY … FROM STDIN` (replacing the seed), the id sequences continue after the copied rows,
and `VACUUM ANALYZE` leaves the tables as a settled server's. The source file is only read. Each data
profile's file (bench/generate.py) has its own folder, named after the file, so both stay loaded.

Each benchmark works on a copy of that database (`CREATE DATABASE … TEMPLATE`, a file copy on the
server), as the SQLite benchmarks work on a copy of the file, since intake writes to it.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/postgres.py` as well as `python -m bench.postgres`
    sys.path.insert(0, str(ROOT))

from bench.common import BIG_DATABASES, DATA_DIR, big_database, data_profile  # noqa: E402
from cchc_desktop.core.server_address import ServerAddress  # noqa: E402
from tests.pg_server import PostgresServer, _free_port, _run_as, server_binaries  # noqa: E402

LOADER_VERSION = 1  # bump when the loaded database would differ (the cached folder is then rebuilt)
LOADED = "cchc_bench"  # the loaded database; benchmarks work on copies of it
COPY_PREFIX = "cchc_bench_copy_"
STAMP = "bench-stamp.json"


class BenchServerError(RuntimeError):
    """The benchmark server could not be set up (no binaries, no user to run it as, a failed start)."""


@dataclass
class BenchServer(PostgresServer):
    """The test suite's throwaway server with a centre server's durability (no fsync=off shortcuts).
    With `explain_over_ms`, the plan of every statement slower than that (EXPLAIN ANALYZE, buffers) goes
    to `log` (auto_explain; it times every statement, so the figures of such a run are not the reference)."""

    explain_over_ms: float | None = None

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=40"
        if self.explain_over_ms is not None:
            options += (
                " -c session_preload_libraries=auto_explain -c auto_explain.log_analyze=on"
                f" -c auto_explain.log_buffers=on -c auto_explain.log_min_duration={self.explain_over_ms:g}ms"
            )
        self._run(
            str(self.binaries / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.folder / "server.log"), "-w", "-t", "120", "start",
        )  # fmt: skip

    def connect(self, database: str = "postgres") -> psycopg.Connection[tuple[Any, ...]]:
        return connect(self.address(database))

    def version(self) -> str:
        with self.connect() as connection:
            row = connection.execute("SHOW server_version").fetchone()
        return str(row[0]) if row else "?"

    def settings(self) -> str:
        """The settings that weigh on the figures, as the server reports them."""
        names = ("shared_buffers", "fsync", "synchronous_commit", "max_connections")
        with self.connect() as connection:
            values = [connection.execute("SELECT current_setting(%s)", (name,)).fetchone() for name in names]
        return ", ".join(
            f"{name} {value[0] if value else '?'}" for name, value in zip(names, values, strict=True)
        )

    @contextlib.contextmanager
    def database_copy(self) -> Iterator[ServerAddress]:
        """A fresh copy of the loaded database, dropped afterwards."""
        name = f"{COPY_PREFIX}{os.getpid()}_{next(_copies)}"
        self.admin_sql(f'CREATE DATABASE "{name}" TEMPLATE {LOADED} STRATEGY FILE_COPY')
        try:
            yield self.address(name)
        finally:
            self.drop_database(name)


_copies = itertools.count(1)


def connect(address: ServerAddress) -> psycopg.Connection[tuple[Any, ...]]:
    return psycopg.connect(
        host=address.host, port=address.port, dbname=address.database, user=address.user,
        password=address.password, autocommit=True,
    )  # fmt: skip


def _stamp(source: Path, binaries: Path) -> dict[str, object]:
    from cchc_desktop.storage.migrate import head_revision

    status = source.stat()
    return {
        "source": str(source.resolve()),
        "size": status.st_size,
        "mtime_ns": status.st_mtime_ns,
        "schema": head_revision(),
        "loader": LOADER_VERSION,
        "binaries": str(binaries),
    }


def _stop_leftover(server: BenchServer) -> None:
    """A server left running by a killed run (pg_ctl starts it detached)."""
    if (server.data / "postmaster.pid").exists():
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            server.stop("fast")


@contextlib.contextmanager
def running_server(
    source: Path | None = None, progress: Callable[[str], None] = print, explain_over_ms: float | None = None
) -> Iterator[BenchServer]:
    """A server holding the dossiers of `source` (default: the 200,000-dossier file of the data profile
    in use), stopped afterwards."""
    source = (source or big_database()).resolve()
    binaries = server_binaries()
    if binaries is None:
        raise BenchServerError(
            "PostgreSQL's initdb/pg_ctl were not found (install the Debian package postgresql)"
        )
    user = _run_as()
    if os.geteuid() == 0 and user is None:
        raise BenchServerError("running as root and there is no postgres or nobody user to run the server as")
    folder = DATA_DIR / f"postgresql-{source.stem}"
    server = BenchServer(binaries, folder, _free_port(), user, explain_over_ms=explain_over_ms)
    stamp = _stamp(source, binaries)
    stamp_file = folder / STAMP
    if folder.exists():
        _stop_leftover(server)
    cached = stamp_file.exists() and json.loads(stamp_file.read_text(encoding="utf-8")) == stamp
    try:
        if cached:
            server.start()
            _drop_leftover_copies(server)
            progress(f"  postgresql reusing {folder}")
        else:
            started = time.perf_counter()
            _create(server, source)
            stamp_file.write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
            progress(
                f"  postgresql loaded {source.name} into {folder} in {time.perf_counter() - started:.1f} s"
            )
    except subprocess.CalledProcessError as error:
        tail = server.log.read_text(errors="replace")[-2000:] if server.log.exists() else ""
        raise BenchServerError(f"the benchmark server did not start: {error.stderr!r} {tail}") from error
    try:
        yield server
    finally:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            server.stop("fast")


def _drop_leftover_copies(server: BenchServer) -> None:
    with server.connect() as connection:
        names = connection.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (COPY_PREFIX + "%",)
        ).fetchall()
    for (name,) in names:
        server.drop_database(name)


def _create(server: BenchServer, source: Path) -> None:
    shutil.rmtree(server.folder, ignore_errors=True)
    server.folder.mkdir(parents=True)
    server.folder.chmod(0o700)
    server.init()
    server.start()
    server.admin_sql(f"CREATE DATABASE {LOADED}")
    with _at_head(source) as readable:
        load(server.address(LOADED), readable)


@contextlib.contextmanager
def _at_head(source: Path) -> Iterator[Path]:
    """The source file, or an upgraded copy of it when it is at an older schema (the source is never written)."""
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace
    from cchc_desktop.storage.migrate import head_revision

    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as connection:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    if revision == head_revision():
        yield source
        return
    folder = Path(tempfile.mkdtemp(prefix="cchc-pg-load-"))
    try:
        copy = folder / "cchc.sqlite3"
        shutil.copy(source, copy)
        open_workspace(resolve_paths(str(copy))).close()
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def load(address: ServerAddress, source: Path) -> None:
    """Every row of `source` (a SQLite file at this version's schema) into the empty database at
    `address`, as a superuser (the foreign-key triggers are skipped while copying)."""
    from sqlmodel import SQLModel

    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace

    open_workspace(resolve_paths(address.url(with_password=True)), counter="").close()  # schema + seed
    tables = [table for table in SQLModel.metadata.sorted_tables if table.name != "alembic_version"]
    with (
        contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as lite,
        connect(address) as connection,
        connection.transaction(),
    ):
        # Only a superuser may skip the foreign-key triggers; every row comes from a consistent file.
        connection.execute("SET LOCAL session_replication_role = replica")
        connection.execute("TRUNCATE " + ", ".join(f'"{table.name}"' for table in tables))
        for table in tables:
            present = {row[1] for row in lite.execute(f'PRAGMA table_info("{table.name}")')}
            columns = [column.name for column in table.columns]
            if set(columns) != present:
                raise BenchServerError(f"table {table.name}: the file's columns differ from the schema's")
            names = ", ".join(f'"{name}"' for name in columns)
            with connection.cursor().copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                for row in lite.execute(f'SELECT {names} FROM "{table.name}"'):
                    copy.write_row(row)
            if "id" in table.columns:  # new rows continue after the copied ones
                connection.execute(
                    f'SELECT setval(sequence, (SELECT COALESCE(MAX(id), 0) + 1 FROM "{table.name}"), false)'
                    f" FROM pg_get_serial_sequence('\"{table.name}\"', 'id') AS sequence WHERE sequence IS NOT NULL"
                )
    with connect(address) as connection:
        connection.execute("VACUUM (ANALYZE)")
        connection.execute("CHECKPOINT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--source", type=Path, help="SQLite file to load (default: the 200,000-dossier one)")
    parser.add_argument(
        "--profile", choices=list(BIG_DATABASES), default="tidy", help="data profile (bench/generate.py)"
    )
    args = parser.parse_args()
    from bench.common import floors

    with (
        data_profile(args.profile),
        running_server(args.source) as server,
        server.database_copy() as address,
    ):
        print(f"PostgreSQL {server.version()} on 127.0.0.1:{server.port}")
        for key, value in floors(address.url(with_password=True)).items():
            print(f"{key:32} {value:8.2f} ms")


if __name__ == "__main__":
    main()
