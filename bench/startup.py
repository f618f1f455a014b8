"""Start-up time: from launching the process to the main window shown and idle (offscreen).

    python -m bench.startup [--db PATH] [--repeats 7]

Without --db a fresh database is created by the first run (that run is reported apart: it includes
creating and seeding the file); the others reopen it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import machine

ROOT = Path(__file__).resolve().parents[1]


def time_one_start(database: Path) -> tuple[float, float]:
    """(ms until the window is shown, ms as the app itself measured from main())."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_DB": str(database)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--smoke"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("startup_ms="):
            shown = (time.perf_counter() - started) * 1000
            inside = float(line.split("=", 1)[1])
            break
    else:
        raise RuntimeError("the app did not report start-up")
    process.wait(timeout=30)
    return shown, inside


def run(database: Path | None = None, repeats: int = 7) -> dict[str, float]:
    results: dict[str, float] = {}
    if database is None:
        database = Path(tempfile.mkdtemp(prefix="cchc-start-")) / "cchc.sqlite3"
        results["startup_fresh_db_ms"] = time_one_start(database)[0]
    timings = [time_one_start(database) for _ in range(repeats)]
    results["startup_ms"] = statistics.median(t[0] for t in timings)
    results["startup_after_interpreter_ms"] = statistics.median(t[1] for t in timings)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    for key, value in run(args.db, args.repeats).items():
        print(f"{key:30} {value:8.0f} ms")


if __name__ == "__main__":
    main()
