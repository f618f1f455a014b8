"""Tracking tab speed on a 200,000-dossier database: open the list, change a filter, sort by a column.

Each figure is the time of the table model's work as the screen sees it (count, one page of 200 rows
with its texts and colours, and for opening the urgency counts), through the services on a copy of
the database, offscreen. The default list holds the open dossiers; the same figures for "every state"
(Trạng thái: Tất cả) follow.

python -m bench.tracking            # medians over 25 runs
python -m bench.tracking --engine postgresql    # on the local PostgreSQL server (bench/postgres.py)
python -m bench.tracking --profile imported    # on the history imported from the online system
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
from datetime import datetime
from typing import TYPE_CHECKING

from bench.common import (
    BIG_DATABASES,
    ENGINES,
    data_profile,
    database_copy,
    engine_server,
    machine,
    median_ms,
)
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services import tracking
from cchc_desktop.services.tracking import ALL_STATES, OPEN_STATES, TrackingFilter, TrackingSort
from cchc_desktop.services.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from bench.postgres import BenchServer

SORTS = [
    TrackingSort("applicant", True),
    TrackingSort("due", True),
    TrackingSort("received", True),
    TrackingSort("applicant", False),
    TrackingSort("due", False),
    TrackingSort("received", False),
]
# Sorts that no index serves (tables.py): the default list is small, "every state" reads the whole table.
SLOW_SORTS = [TrackingSort("procedure", False), TrackingSort("status", False)]


def _measure(ws: Workspace, states: frozenset, repeats: int, prefix: str) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.ui.models.tracking_model import TrackingModel

    QApplication.instance() or QApplication([])
    now = datetime.now()
    base = TrackingFilter(statuses=states)

    def open_list() -> TrackingModel:
        model = TrackingModel(ws, clock=lambda: now)  # without a runner every query is synchronous
        if model.filter == base:
            model.reload()
        else:
            model.set_filter(base)
        tracking.urgency_counts(ws, now)
        return model

    results: dict[str, float] = {}
    results[f"{prefix}_open_ms"], _ = median_ms(open_list, repeats)
    model = open_list()
    first_page, _ = median_ms(model.reload, repeats)
    results[f"{prefix}_first_page_ms"] = first_page

    steps = {  # in this order, each one a change from the one before
        "field": TrackingFilter(statuses=states, field="Hộ tịch"),
        "field_search": TrackingFilter(statuses=states, field="Hộ tịch", search="nguyen van"),
        "search": TrackingFilter(statuses=states, search="nguyễn văn"),
        "none": base,
    }
    cycle = itertools.cycle(steps.values())
    results[f"{prefix}_filter_ms"], timings = median_ms(lambda: model.set_filter(next(cycle)), repeats * 4)
    for offset, name in enumerate(list(steps)[:3]):
        results[f"{prefix}_filter_{name}_ms"] = statistics.median(timings[offset :: len(steps)])
    sorts = itertools.cycle(SORTS)
    results[f"{prefix}_sort_ms"], _ = median_ms(lambda: model.set_sort(next(sorts)), repeats * len(SORTS))
    slow = itertools.cycle([*SLOW_SORTS, TrackingSort("due", False)])
    _, timings = median_ms(lambda: model.set_sort(next(slow)), repeats * 3)
    for offset, sort in enumerate(SLOW_SORTS):
        results[f"{prefix}_sort_{sort.column}_ms"] = statistics.median(timings[offset::3])
    return results


def run(repeats: int = 25, server: BenchServer | None = None) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with database_copy(server) as database:
        workspace = open_workspace(resolve_paths(database))  # upgrades the copy (new indexes) if needed
        try:
            results = _measure(workspace, OPEN_STATES, repeats, "tracking")
            results |= _measure(workspace, ALL_STATES, repeats, "tracking_all_states")
        finally:
            workspace.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=25)
    parser.add_argument("--engine", choices=ENGINES, default="sqlite")
    parser.add_argument(
        "--profile", choices=list(BIG_DATABASES), default="tidy", help="data profile (bench/generate.py)"
    )
    args = parser.parse_args()
    with data_profile(args.profile), engine_server(args.engine) as server:
        results = run(args.repeats, server)
    print(f"machine: {machine()}, {args.engine}, {args.profile} profile")
    print(f"{'figure':44} {'median':>10}")
    for key, value in results.items():
        print(f"{key:44} {value:7.1f} ms")


if __name__ == "__main__":
    main()
