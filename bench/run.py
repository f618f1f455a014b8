"""All the benchmarks on the 200,000-dossier database, with their budgets, in one run.

    python bench/run.py [--engine sqlite|postgresql|both] [--profile tidy|imported|both] [--json FILE]

Builds the database once (`bench/data/cchc-200k.sqlite3`, reused afterwards) and measures on copies of
it (opening a file upgrades it). Every figure is measured on both data profiles (`bench/generate.py`),
with the same budgets: the tidy history kept by the app, and ten years imported from the online system
(`bench/data/cchc-200k-imported.sqlite3`: 3 % never closed, long-overdue rows, procedures unknown to the
catalogue). The tidy figures keep their keys; the imported profile's are the same keys prefixed
`imported_` (`imported_postgresql_` on the server), in their own columns of the table. Each figure is a median of repeated runs in milliseconds unless its
name says otherwise; see docs/performance.md for how each one is measured. The whole run takes a few
minutes on a 2-core machine (`total_run_s`).

With PostgreSQL (`--engine postgresql`, or `both`, the default) the same dossiers are loaded into a
local server over loopback (`bench/postgres.py`; the server's folder is reused while the file is
unchanged) and intake, tracking and report run there too, on copies of that database, with the same
budgets; their figures sit beside SQLite's under the same keys prefixed `postgresql_`. Each engine's
floors are measured in the same run: one statement's round trip, one read transaction as the services
open them, and counting the dossiers (`floor_*`).
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
# `python bench/run.py` puts bench/ itself first on the path, where a benchmark named like a module of
# the standard library would shadow it; the benchmarks are imported as `bench.*`.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:  # `python bench/run.py` as well as `python -m bench.run`
    sys.path.insert(0, str(ROOT))

from bench import backup, exchange, intake, report, startup, tracking  # noqa: E402
from bench.common import big_database, data_profile, floors, machine  # noqa: E402

POSTGRESQL = "postgresql_"  # the prefix of the figures measured on the server
IMPORTED = "imported_"  # the prefix of the figures measured on the imported profile
PROFILE_PREFIXES = {"tidy": "", "imported": IMPORTED}
# The table's columns: (title, key prefix, only the server's figures).
COLUMNS = (
    ("sqlite", "", False),
    ("postgresql", POSTGRESQL, True),
    ("imported", IMPORTED, False),
    ("imported pg", IMPORTED + POSTGRESQL, True),
)
RUN_BUDGET_S = 600  # per data profile
# Start-up on a real X display as well when Xvfb is installed (the clerk's view); offscreen always.
START_DISPLAY = "both" if shutil.which(startup.XVFB) else "offscreen"

# key → (label, budget, unit); a budget of None is reported without a verdict.
FIGURES: dict[str, tuple[str, float | None, str]] = {
    "startup_ms": ("start-up, 200,000 dossiers", 1000, "ms"),
    "xvfb_startup_ms": ("start-up, real display (Xvfb)", 1000, "ms"),
    "startup_vs_bare_window_x": ("start-up ÷ bare window", 4, "×"),
    "xvfb_startup_vs_bare_window_x": ("start-up ÷ bare window, Xvfb", 4, "×"),
    "ready_ms": ("window filled, ready for work", 1500, "ms"),
    "xvfb_ready_ms": ("window filled, Xvfb", 1500, "ms"),
    "startup_tracking_list_ms": ("tracking list after start", None, "ms"),
    "xvfb_startup_tracking_list_ms": ("tracking list after start, Xvfb", None, "ms"),
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
# Measured on the server too, with the same budgets.
SERVER_FIGURES = (
    "intake_save_ms",
    "receipt_pdf_ms",
    "intake_save_and_receipt_ms",
    "tracking_open_ms",
    "tracking_filter_ms",
    "tracking_sort_ms",
    "report_stats_ms",
    "report_pdf_ms",
)
EXTRA_FIGURES: dict[str, tuple[str, float | None, str]] = {
    "intake_save_and_receipt_ms": ("save + receipt", 100, "ms"),
}
FLOORS: dict[str, str] = {
    "floor_round_trip_ms": "floor: SELECT 1 round trip",
    "floor_read_transaction_ms": "floor: one read transaction",
    "floor_count_ms": "floor: count(*) of dossiers",
    "bare_window_ms": "floor: bare 3-tab window",
    "xvfb_bare_window_ms": "floor: bare window, Xvfb",
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


def run(
    progress: Callable[[str], None] = print,
    engine: str = "both",
    about: dict[str, str] | None = None,
    source: Path | None = None,
    explain_over_ms: float | None = None,
    profiles: tuple[str, ...] = ("tidy", "imported"),
) -> dict[str, float]:
    """Every figure of each profile; `about` receives the server's description when PostgreSQL runs,
    whose dossiers come from `source` (default: the profile's 200,000-dossier file)."""
    started = time.perf_counter()
    about = {} if about is None else about
    results: dict[str, float] = {}
    for profile in profiles:
        prefix = PROFILE_PREFIXES[profile]
        progress(f"profile {profile}")
        about_part: dict[str, str] = {}
        with data_profile(profile):
            part = _profile_run(progress, engine, about_part, source, explain_over_ms)
        results |= {prefix + key: value for key, value in part.items()}
        about |= {f"{prefix.replace('_', ' ')}{name}": text for name, text in about_part.items()}
    results["total_run_s"] = time.perf_counter() - started
    return results


def _profile_run(
    progress: Callable[[str], None],
    engine: str,
    about: dict[str, str],
    source: Path | None,
    explain_over_ms: float | None,
) -> dict[str, float]:
    started = time.perf_counter()
    big_database()
    results: dict[str, float] = {}
    if engine in ("sqlite", "both"):
        results |= _sqlite(progress)
    if engine in ("postgresql", "both"):
        from bench.postgres import BenchServerError

        try:
            results |= _postgresql(progress, about, source, explain_over_ms)
        except BenchServerError as error:  # no server binaries, no user to run it as, a failed start
            if engine == "postgresql":
                raise
            about["postgresql failed"] = str(error)  # the SQLite figures still count
    results["profile_run_s"] = time.perf_counter() - started
    return results


def _run_steps(
    steps: list[tuple[str, Callable[[], dict[str, float]]]],
    progress: Callable[[str], None],
    failures: list[str] | None = None,
) -> dict[str, float]:
    """The steps' figures; with `failures`, a step that fails is named there and the others still run."""
    results: dict[str, float] = {}
    for name, step in steps:
        step_started = time.perf_counter()
        try:
            results |= step()
        except Exception as error:
            if failures is None:
                raise
            first_line = str(error).splitlines()[0] if str(error) else ""
            failures.append(f"{name}: {type(error).__name__}: {first_line[:300]}")
            progress(f"  {name:21} FAILED after {time.perf_counter() - step_started:6.1f} s: {failures[-1]}")
            continue
        progress(f"  {name:21} done in {time.perf_counter() - step_started:6.1f} s")
    return results


def _sqlite(progress: Callable[[str], None]) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="cchc-run-"))
    try:
        database = _copy_of_big_database(folder)
        steps: list[tuple[str, Callable[[], dict[str, float]]]] = [
            ("floors", lambda: floors(str(database))),
            ("startup", lambda: startup.run(database, repeats=7, display=START_DISPLAY)),
            ("intake", lambda: intake.run(repeats=60)),
            ("tracking", lambda: tracking.run(repeats=25)),
            ("report", lambda: report.run(repeats=15)),
            ("exchange", exchange.run),
            ("backup", lambda: backup.run(repeats=5)),
            ("gui", lambda: _gui_session(database)),
        ]
        return _run_steps(steps, progress)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _postgresql(
    progress: Callable[[str], None], about: dict[str, str], source: Path | None, explain_over_ms: float | None
) -> dict[str, float]:
    from bench.postgres import running_server

    started = time.perf_counter()
    with running_server(source, progress, explain_over_ms) as server:
        results = {"setup_s": time.perf_counter() - started}
        about["postgresql"] = f"PostgreSQL {server.version()} over loopback, {server.settings()}"
        if explain_over_ms is not None:
            about["postgresql plans"] = f"statements over {explain_over_ms:g} ms in {server.log}"

        def server_floors() -> dict[str, float]:
            with server.database_copy() as address:
                return floors(address.url(with_password=True))

        steps: list[tuple[str, Callable[[], dict[str, float]]]] = [
            ("postgresql floors", server_floors),
            ("postgresql intake", lambda: intake.run(repeats=60, server=server)),
            ("postgresql tracking", lambda: tracking.run(repeats=25, server=server)),
            ("postgresql report", lambda: report.run(repeats=15, server=server)),
        ]
        failures: list[str] = []
        results |= _run_steps(steps, progress, failures)
        if failures:  # one query failing on the server must not hide the other figures; the table names it
            about["postgresql failed"] = "; ".join(failures)
    return {POSTGRESQL + key: value for key, value in results.items()}


def _shown(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:,.1f} {unit}" if value >= 1 else f"{value:,.2f} {unit}"


def table(results: dict[str, float], about: dict[str, str] | None = None) -> str:
    """SQLite's figures beside the server's, the tidy profile's beside the imported one's (the columns
    of a profile that did not run are left out; — where an engine did not run or has no such figure)."""
    lines = [f"machine: {machine()}", *(f"{name}: {text}" for name, text in (about or {}).items()), ""]
    ran = {prefix for prefix in PROFILE_PREFIXES.values() if prefix + "profile_run_s" in results}
    columns = [column for column in COLUMNS if _profile_of(column[1]) in ran] or list(COLUMNS[:2])
    lines.append(
        f"{'figure':30}{''.join(f' {title:>12}' for title, _, _ in columns)} {'budget':>10}  verdict"
    )
    figures = {**FIGURES, **EXTRA_FIGURES}
    rows = list(FIGURES)
    rows.insert(rows.index("receipt_pdf_ms") + 1, "intake_save_and_receipt_ms")
    for key in rows:
        label, budget, unit = figures[key]
        values = [
            (title, None if server_only and key not in SERVER_FIGURES else results.get(prefix + key))
            for title, prefix, server_only in columns
        ]
        if all(value is None for _, value in values):
            continue
        row = f"{label:30}{''.join(f' {_shown(value, unit):>12}' for _, value in values)}"
        if budget is None:
            lines.append(row)
            continue
        over = [title for title, value in values if value is not None and value > budget]
        verdict = f"OVER ({', '.join(over)})" if over else "ok"
        lines.append(f"{row} {f'{budget:,.0f} {unit}':>10}  {verdict}")
    for key, label in FLOORS.items():
        floor = [results.get(prefix + key) for _, prefix, _ in columns]
        if any(value is not None for value in floor):
            cells = "".join(f" {_shown(value, 'ms'):>12}" for value in floor)
            lines.append(f"{label:30}{cells}")
    setups = [results.get(prefix + "setup_s") if server_only else None for _, prefix, server_only in columns]
    if any(value is not None for value in setups):
        shown = "".join(f" {'' if value is None else f'{value:,.1f} s':>12}" for value in setups)
        lines.append(f"{'postgresql server setup':30}{shown}")
    run_budget = f"{RUN_BUDGET_S * max(len(ran), 1)} s"
    lines.append(
        f"{'whole run':30} {results['total_run_s']:>10,.0f} s{'':>{13 * len(columns) - 13}} {run_budget:>10}"
    )
    return "\n".join(lines)


def _profile_of(prefix: str) -> str:
    return IMPORTED if prefix.startswith(IMPORTED) else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument(
        "--engine",
        choices=("sqlite", "postgresql", "both"),
        default="both",
        help="run the SQLite benchmarks, the PostgreSQL ones (intake, tracking, report) or both",
    )
    parser.add_argument(
        "--profile",
        choices=("tidy", "imported", "both"),
        help="the data profile(s) to measure (default both; tidy alone with --source)",
    )
    parser.add_argument(
        "--source",
        type=Path,
        help="with --engine postgresql: load this SQLite file's dossiers instead of the 200,000 (a small trial)",
    )
    parser.add_argument(
        "--explain-over",
        type=float,
        metavar="MS",
        help="log the plan of every server statement slower than MS to the server's log (slows every statement)",
    )
    args = parser.parse_args()
    if args.source and args.engine != "postgresql":
        parser.error(
            "--source goes with --engine postgresql (the SQLite figures are on the 200,000 dossiers)"
        )
    if args.source and args.profile == "both":
        parser.error("--source replaces one profile's file: choose --profile tidy or --profile imported")
    profile = args.profile or ("tidy" if args.source else "both")
    profiles = ("tidy", "imported") if profile == "both" else (profile,)
    about: dict[str, str] = {}
    results = run(
        engine=args.engine,
        about=about,
        source=args.source,
        explain_over_ms=args.explain_over,
        profiles=profiles,
    )
    print(table(results, about))
    if args.json:
        payload = {
            "machine": machine(),
            "profiles": list(profiles),
            **about,
            **{key: round(value, 3) for key, value in results.items()},
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if any(name.endswith("postgresql failed") for name in about):
        sys.exit(1)


if __name__ == "__main__":
    main()
