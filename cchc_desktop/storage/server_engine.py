"""The PostgreSQL engine of a centre's server (psycopg 3 through SQLAlchemy).

Writes take one transaction-level advisory lock first (`WRITE_LOCK_KEY`), the server's counterpart of
SQLite's BEGIN IMMEDIATE: saves from every counter serialise before any of them reads a number
sequence, so codes and register rows are gap-free and unique without retries. The lock is released by
COMMIT or ROLLBACK, also when a counter's connection drops. The same statement queues a NOTIFY on
`CHANGES_CHANNEL`, delivered to the other counters only when the write commits (the live board).

A connection that the server dropped (restart, cable) is noticed by `pool_pre_ping` on the next
checkout and replaced, so the app reconnects by itself once the server is back.
"""

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL

from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.storage.engine import BUSY_TIMEOUT_MS, IMMEDIATE_OPTION, WAITING_NOTICE_MS, WAITING_OPTION

APPLICATION_NAME = "CCHC Desk"
CONNECT_TIMEOUT_SECONDS = 5
WRITE_LOCK_KEY = 0x43434843  # "CCHC"
CHANGES_CHANNEL = "cchc_changes"
# Set on the engine by the app: the counter's name, sent with every NOTIFY so a counter can ignore its own.
COUNTER_OPTION = "cchc_counter"
RETRY_SECONDS = 0.02


def server_url(address: ServerAddress) -> URL:
    return URL.create(
        "postgresql+psycopg",
        username=address.user,
        password=address.password,
        host=address.host,
        port=address.port,
        database=address.database,
        query=dict(address.options),
    )


def connect_args(address: ServerAddress) -> dict[str, Any]:
    args: dict[str, Any] = {"application_name": APPLICATION_NAME}
    if address.option("connect_timeout") is None:
        args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    # A counter behind a dead cable must notice within seconds, not after the kernel's two hours.
    args.update(keepalives=1, keepalives_idle=10, keepalives_interval=5, keepalives_count=3)
    return args


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    with dbapi_connection.cursor() as cursor:
        # Times are naive local wall-clock values; a server in another zone must not shift now().
        cursor.execute("SET TIME ZONE 'Asia/Ho_Chi_Minh'")
        cursor.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")
        # The fault scan's cost estimate crosses the JIT thresholds, and compiling it took 219 of the
        # report's 273 ms on 200,000 dossiers; the app's statements are short, so JIT never pays.
        cursor.execute("SET jit = off")
    dbapi_connection.commit()


def _on_begin(connection: Any) -> None:
    options = connection.get_execution_options()
    if not options.get(IMMEDIATE_OPTION, False):
        return
    waiting: Callable[[bool], None] | None = options.get(WAITING_OPTION)
    counter = str(options.get(COUNTER_OPTION, ""))
    got = connection.exec_driver_sql(
        "SELECT pg_try_advisory_xact_lock(%(key)s), pg_notify(%(channel)s, %(counter)s)",
        {"key": WRITE_LOCK_KEY, "channel": CHANGES_CHANNEL, "counter": counter},
    ).scalar()
    if got or waiting is None:
        if not got:
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(%(key)s)", {"key": WRITE_LOCK_KEY})
        return
    # Another counter is saving; most saves take milliseconds. Try again for WAITING_NOTICE_MS (a
    # blocking wait that timed out would abort the transaction) before saying so.
    deadline = time.monotonic() + WAITING_NOTICE_MS / 1000
    while time.monotonic() < deadline:
        time.sleep(RETRY_SECONDS)
        if connection.exec_driver_sql(
            "SELECT pg_try_advisory_xact_lock(%(key)s)", {"key": WRITE_LOCK_KEY}
        ).scalar():
            return
    waiting(True)  # say so, then wait up to lock_timeout
    try:
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(%(key)s)", {"key": WRITE_LOCK_KEY})
    finally:
        waiting(False)


def make_server_engine(address: ServerAddress) -> Engine:
    engine = create_engine(
        server_url(address),
        connect_args=connect_args(address),
        hide_parameters=True,
        pool_pre_ping=True,
        pool_size=4,
        max_overflow=4,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
