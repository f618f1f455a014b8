"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, a free loopback port,
password logins (so the wrong-password path is real), dropped at the end of the session.

When the tests run as root (CI containers), the server runs as the `postgres` user (or `nobody`),
since PostgreSQL refuses to run as root. Every test gets its own database, copied from a template
that is migrated and seeded once.

Without the server binaries the PostgreSQL tests are skipped with a message saying so, except where
`CCHC_TEST_POSTGRESQL=1` (CI sets it): there a missing server fails them.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cchc_desktop.core.server_address import ServerAddress

REQUIRED_ENV = "CCHC_TEST_POSTGRESQL"
ADMIN_USER = "cchc_admin"
ADMIN_PASSWORD = "mật-khẩu thử:1"  # non-ASCII and a colon: quoting in URLs and pgpass is exercised
TEMPLATE = "cchc_template"


def server_binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def missing_server(reason: str) -> None:
    if os.environ.get(REQUIRED_ENV) == "1":
        pytest.fail(f"PostgreSQL tests are mandatory here ({REQUIRED_ENV}=1) but {reason}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {reason} (install the Debian package postgresql)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    return None


@dataclass
class PostgresServer:
    binaries: Path
    folder: Path
    port: int
    user: str | None
    _names: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _command(self, *args: str) -> list[str]:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return [*prefix, *args]

    def _run(self, *args: str) -> None:
        subprocess.run(self._command(*args), check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        password_file = self.folder / "pw"
        password_file.write_text(ADMIN_PASSWORD + "\n", encoding="utf-8")
        if self.user:
            entry = pwd.getpwnam(self.user)
            for path in (self.folder, password_file):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run(
            str(self.binaries / "initdb"),
            "-D", str(self.data),
            "-U", ADMIN_USER,
            f"--pwfile={password_file}",
            "-A", "scram-sha-256",
            "-E", "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            str(self.binaries / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def address(self, database: str = "postgres", *, password: str | None = ADMIN_PASSWORD) -> ServerAddress:
        return ServerAddress(
            host="127.0.0.1", port=self.port, database=database, user=ADMIN_USER, password=password
        )

    def admin_sql(self, *statements: str, database: str = "postgres") -> None:
        import psycopg

        address = self.address(database)
        with psycopg.connect(
            host=address.host, port=address.port, dbname=database, user=ADMIN_USER,
            password=ADMIN_PASSWORD, autocommit=True,
        ) as connection:  # fmt: skip
            for statement in statements:
                connection.execute(statement)  # type: ignore[arg-type]

    def new_database(self, template: str | None = TEMPLATE) -> ServerAddress:
        name = f"cchc_test_{os.getpid()}_{next(self._names)}"
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.admin_sql(f'CREATE DATABASE "{name}"{copy}')
        return self.address(name)

    def drop_database(self, name: str) -> None:
        self.admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


OWNER_FILE = "owner.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_orphans(binaries: Path, user: str | None) -> None:
    """Stop and remove the servers of test runs that were killed before their teardown (a timeout, a
    closed terminal): each server's folder names the process that started it."""
    for folder in Path(tempfile.gettempdir()).glob("cchc-pg-*"):
        try:
            owner = int((folder / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue  # being set up right now, or not ours
        if _alive(owner):
            continue
        PostgresServer(binaries, folder, 0, user).destroy()


def start_server() -> PostgresServer:
    binaries = server_binaries()
    if binaries is None:
        missing_server("initdb/pg_ctl were not found on PATH or in /usr/lib/postgresql/*/bin")
    assert binaries is not None
    user = _run_as()
    if os.geteuid() == 0 and user is None:
        missing_server("running as root and there is no postgres or nobody user to run the server as")
    sweep_orphans(binaries, user)
    folder = Path(tempfile.mkdtemp(prefix="cchc-pg-"))
    folder.chmod(0o700)
    server = PostgresServer(binaries, folder, _free_port(), user)
    try:
        server.init()
        server.start()
    except subprocess.CalledProcessError as error:
        log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
        server.destroy()
        missing_server(f"the throwaway server did not start: {error.stderr!r} {log[-2000:]}")
    (folder / OWNER_FILE).write_text(str(os.getpid()))
    atexit.register(server.destroy)  # a run that ends without its fixture teardown (Ctrl+C)
    _make_template(server)
    return server


def _make_template(server: PostgresServer) -> None:
    """The schema and seed of a new install, once; every test's database is a copy."""
    from cchc_desktop.core.paths import AppPaths
    from cchc_desktop.services.workspace import open_workspace

    server.admin_sql(f"CREATE DATABASE {TEMPLATE}")
    folder = server.folder / "template-backups"
    started = time.perf_counter()
    workspace = open_workspace(
        AppPaths(folder / "unused.sqlite3", folder, folder, chosen=True, server=server.address(TEMPLATE))
    )
    workspace.close()
    assert time.perf_counter() - started < 60
