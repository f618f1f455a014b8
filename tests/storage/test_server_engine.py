"""The server's write lock: a save waits for another counter's save, and says so only when the wait
is longer than a moment (as on SQLite)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import psycopg
import pytest

from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.storage import settings_repo
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.server_engine import WRITE_LOCK_KEY


def _hold_the_write_lock(address: ServerAddress, seconds: float, held: threading.Event) -> threading.Thread:
    """Another counter in the middle of a save for `seconds`."""

    def run() -> None:
        with psycopg.connect(
            host=address.host, port=address.port, dbname=address.database, user=address.user,
            password=address.password,
        ) as connection:  # fmt: skip
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            held.set()
            time.sleep(seconds)

    thread = threading.Thread(target=run)
    thread.start()
    assert held.wait(10)
    return thread


@pytest.mark.parametrize(("held_for", "notices"), [(0.1, []), (1.0, [True, False])])
def test_a_save_waits_for_another_counter_and_says_so_only_after_a_moment(
    server_databases: Callable[..., ServerAddress], held_for: float, notices: list[bool]
) -> None:
    db = Database(server_databases())
    said: list[bool] = []
    db.on_waiting = said.append
    try:
        other = _hold_the_write_lock(db.server, held_for, threading.Event())  # type: ignore[arg-type]
        started = time.perf_counter()
        with db.write() as tx:
            settings_repo.write_many(tx, {"counter_phone": "0912345678"})
        waited = time.perf_counter() - started
        other.join()
    finally:
        db.close()
    assert said == notices
    assert waited >= held_for * 0.8  # it really waited for the other save to commit
