"""Report speed on a 200,000-dossier database: the statistics of biểu II.06a for one year (calendar year
2025, about 20,000 dossiers), through `services.reporting` on a copy of the database.

Figures: the first computation after opening (cold caches), the median of the next runs (budget
1,000 ms), the same for the CCHC year 15/12/2024 – 14/12/2025, the dossiers behind the largest cell
(certifications resolved early, about 11,000 codes) and the annual report PDF of that year from scratch
(statistics + report data + rendering, budget 2,000 ms).

    python -m bench.report              # medians over 15 runs
    python -m bench.report --engine postgresql    # on the local PostgreSQL server (bench/postgres.py)
    python -m bench.report --profile imported     # on the history imported from the online system
"""

from __future__ import annotations

import argparse
import time
from datetime import date, datetime
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
from cchc_desktop.services import annual_report, reporting
from cchc_desktop.services.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from bench.postgres import BenchServer

BUDGET_MS = 1000.0
PDF_BUDGET_MS = 2000.0
YEAR = (date(2025, 1, 1), date(2025, 12, 31))
CCHC_YEAR = (date(2024, 12, 15), date(2025, 12, 14))
NOW = datetime(2026, 11, 25, 9, 0)


def run(repeats: int = 15, server: BenchServer | None = None) -> dict[str, float]:
    with database_copy(server, prefix="cchc-report-") as database:
        return _measure(database, repeats)


def _measure(database: str, repeats: int) -> dict[str, float]:
    workspace = open_workspace(resolve_paths(database))  # upgrades the copy if needed
    try:
        started = time.perf_counter()
        stats = reporting.compute_statistics(workspace, *YEAR, now=NOW)
        results = {"report_stats_first_ms": (time.perf_counter() - started) * 1000}
        reporting.check(stats)
        results["report_stats_ms"], _ = median_ms(
            lambda: reporting.compute_statistics(workspace, *YEAR, now=NOW), repeats
        )
        results["report_stats_cchc_year_ms"], _ = median_ms(
            lambda: reporting.compute_statistics(workspace, *CCHC_YEAR, now=NOW), repeats
        )
        results["report_cell_ms"], _ = median_ms(
            lambda: reporting.dossiers_for_cell(workspace, YEAR, "Chứng thực", "resolved_early", NOW),
            max(3, repeats // 3),
        )
        results["report_pdf_ms"], _ = median_ms(lambda: _annual_pdf(workspace), max(3, repeats // 3))
        results["report_dossiers"] = float(stats.totals.received_total)
    finally:
        workspace.close()
    return results


def _annual_pdf(workspace: Workspace) -> bytes:
    """The annual report PDF of YEAR as the report tab makes it: statistics, data, rendering."""
    stats = reporting.compute_statistics(workspace, *YEAR, now=NOW)
    data = annual_report.report_data(workspace, stats, issued_on=NOW.date())
    return annual_report.render_pdf(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--engine", choices=ENGINES, default="sqlite")
    parser.add_argument(
        "--profile", choices=list(BIG_DATABASES), default="tidy", help="data profile (bench/generate.py)"
    )
    args = parser.parse_args()
    with data_profile(args.profile), engine_server(args.engine) as server:
        results = run(max(args.repeats, 10), server)
    print(f"machine: {machine()}, {args.engine}, {args.profile} profile")
    print(f"{'figure':32} {'median':>10}")
    for key, value in results.items():
        if key.endswith("_ms"):
            print(f"{key:32} {value:7.1f} ms")
        else:
            print(f"{key:32} {value:7.0f}")
    verdict = "within" if results["report_stats_ms"] <= BUDGET_MS else "OVER"
    print(f"report_stats_ms is {verdict} the budget of {BUDGET_MS:,.0f} ms")
    verdict = "within" if results["report_pdf_ms"] <= PDF_BUDGET_MS else "OVER"
    print(f"report_pdf_ms is {verdict} the budget of {PDF_BUDGET_MS:,.0f} ms")


if __name__ == "__main__":
    main()
