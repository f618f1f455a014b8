"""All the benchmarks on the 200,000-dossier database, with their budgets, in one run.

    python bench/run.py [--json FILE]

Builds the database once (`bench/data/cchc-200k.sqlite3`, reused afterwards) and measures on copies of
it (opening a file upgrades it). Each figure is a median of repeated runs in milliseconds unless its
name says otherwise; see docs/performance.md for how each one is measured. The whole run takes a few
minutes on a 2-core machine (`total_run_s`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/run.py` as well as `python -m bench.run`
    sys.path.insert(0, str(ROOT))

from bench import backup, exchange, intake, report, startup, tracking  # noqa: E402
from bench.common import big_database, machine  # noqa: E402

# key → (label, budget, unit); a budget of None is reported without a verdict.
FIGURES: dict[str, tuple[str, float | None, str]] = {
    "startup_ms": ("start-up, 200,000 dossiers", 1000, "ms"),
    "intake_save_ms": ("save one dossier", 100, "ms"),
    "receipt_pdf_ms": ("receipt PDF", 100, "ms"),
    "tracking_open_ms": ("tracking tab open", 100, "ms"),
    "tracking_filter_ms": ("tracking filter change", 100, "ms"),
    "tracking_sort_ms": ("tracking sort", 150, "ms"),
    "report_stats_ms": ("report statistics (1 year)", 1000, "ms"),
    "report_pdf_ms": ("annual report PDF (1 year)", 2000, "ms"),
    "import_rows_per_s": ("import (rows per second)", None, "rows/s"),
    "backup_ms": ("verified backup", None, "ms"),
    "peak_rss_mb": ("GUI peak memory, every tab", 300, "MB"),
    "ui_query_max_ms": ("slowest GUI-thread query", 16, "ms"),
}


def _copy_of_big_database(folder: Path) -> Path:
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace

    copy = folder / "cchc.sqlite3"
    shutil.copy(big_database(), copy)
    open_workspace(resolve_paths(str(copy))).close()  # upgrade now, not inside a timed start
    return copy


def _gui_session(database: Path) -> dict[str, float]:
    process = subprocess.run(
        [sys.executable, "-m", "bench.gui_session", "--db", str(database)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    figures = dict(line.split("=", 1) for line in process.stdout.splitlines() if "=" in line)
    return {key: float(figures[key]) for key in ("peak_rss_mb", "ui_query_max_ms", "ui_queries")}


def run(progress: Callable[[str], None] = print) -> dict[str, float]:
    started = time.perf_counter()
    big_database()
    results: dict[str, float] = {}
    folder = Path(tempfile.mkdtemp(prefix="cchc-run-"))
    try:
        database = _copy_of_big_database(folder)
        steps: list[tuple[str, Callable[[], dict[str, float]]]] = [
            ("startup", lambda: startup.run(database, repeats=7)),
            ("intake", lambda: intake.run(repeats=60)),
            ("tracking", lambda: tracking.run(repeats=25)),
            ("report", lambda: report.run(repeats=15)),
            ("exchange", exchange.run),
            ("backup", lambda: backup.run(repeats=5)),
            ("gui", lambda: _gui_session(database)),
        ]
        for name, step in steps:
            step_started = time.perf_counter()
            results |= step()
            progress(f"  {name:10} done in {time.perf_counter() - step_started:6.1f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    results["total_run_s"] = time.perf_counter() - started
    return results


def table(results: dict[str, float]) -> str:
    lines = [f"machine: {machine()}", "", f"{'figure':30} {'result':>14} {'budget':>12}  verdict"]
    for key, (label, budget, unit) in FIGURES.items():
        value = results[key]
        shown = f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.1f} {unit}"
        if budget is None:
            lines.append(f"{label:30} {shown:>14} {'':>12}")
            continue
        verdict = "ok" if value <= budget else "OVER"
        lines.append(f"{label:30} {shown:>14} {f'{budget:,.0f} {unit}':>12}  {verdict}")
    lines.append(f"{'whole run':30} {results['total_run_s']:>12,.0f} s {'600 s':>12}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    args = parser.parse_args()
    results = run()
    print(table(results))
    if args.json:
        payload = {"machine": machine(), **{key: round(value, 2) for key, value in results.items()}}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
