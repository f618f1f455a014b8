"""Several counters saving at the same moment on one centre server: every dossier gets its own code and
register row, with no gap and no error (the write lock serialises the saves; no retry is involved)."""

from __future__ import annotations

import multiprocessing
import re
import threading
from datetime import datetime
from typing import Any

import pytest
from sqlmodel import Session

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import open_workspace
from cchc_desktop.storage import dossier_repo
from cchc_desktop.storage.database import Database
from tests.agency import set_up_agency
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)
COUNTERS, SAVES = 8, 50
PREFIX = "000.00.00.H00-260302-"


def _counter(url: str, counter: int, barrier: Any, results: Any) -> None:
    """One counter: open the workspace, wait for the others, then save SAVES dossiers in a row."""
    saved: list[tuple[str, int | None]] = []
    error = ""
    workspace = open_workspace(resolve_paths(url), counter=f"Quầy số {counter + 1}")
    try:
        barrier.wait(timeout=120)
        for index in range(SAVES):
            record = save_intake(
                workspace, request(applicant_name=f"Người nộp {counter}-{index}"), now=NOW
            ).record
            saved.append((record.code, record.register_row))
    except Exception as exception:  # reported to the test, which names it
        error = f"{type(exception).__name__}: {exception}"
    finally:
        workspace.close()
    results.put((saved, error))


@pytest.mark.slow
def test_eight_counters_saving_at_once_get_distinct_codes_and_rows(postgres_server: Any) -> None:
    address = postgres_server.new_database()
    url = address.url(with_password=True)
    try:
        first = open_workspace(resolve_paths(url))
        set_up_agency(first)
        first.close()
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(COUNTERS)
        results = context.Queue()
        processes = [
            context.Process(target=_counter, args=(url, counter, barrier, results))
            for counter in range(COUNTERS)
        ]
        for process in processes:
            process.start()
        outcomes = [results.get(timeout=300) for _ in processes]
        for process in processes:
            process.join(timeout=60)
            assert process.exitcode == 0
        assert [error for _, error in outcomes if error] == []
        saved = [item for items, _ in outcomes for item in items]
        codes = [code for code, _ in saved]
        total = COUNTERS * SAVES
        assert len(set(codes)) == total
        assert sorted(row for _, row in saved) == list(range(1, total + 1))
        # One day: that day's sequence runs 0001..0400 without a gap.
        assert all(code.startswith(PREFIX) for code in codes)
        assert sorted(int(re.sub(r".*-", "", code)) for code in codes) == list(range(1, total + 1))
    finally:
        postgres_server.drop_database(address.database)


def test_a_counter_bumped_outside_the_write_lock_still_never_repeats(postgres_server: Any) -> None:
    """The server locks the counter's row while bumping it: two sessions that did not take the write
    lock (a future code path, a tool) still get distinct numbers."""
    address = postgres_server.new_database()
    db = Database(address)
    numbers: list[int] = []
    failures: list[str] = []
    start = threading.Barrier(4)

    def bump() -> None:
        start.wait(timeout=30)
        try:
            for _ in range(25):
                with Session(db.engine) as session, session.begin():
                    numbers.append(dossier_repo.next_number(session, "register:2026"))
        except Exception as exception:
            failures.append(f"{type(exception).__name__}: {exception}")

    threads = [threading.Thread(target=bump) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        db.close()
        postgres_server.drop_database(address.database)
    assert failures == []
    assert sorted(numbers) == list(range(1, 101))
