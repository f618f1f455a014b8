"""Data safety on a copy of the 200,000-dossier database: a verified backup, checking a backup file,
a full restore (check, keep the current file, swap, open) and the start-up quick_check.

python -m bench.backup            # medians over 5 runs
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import big_database, machine
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.backup import backup_to
from cchc_desktop.services.health import quick_check
from cchc_desktop.services.restore import check_backup_file, restore_from
from cchc_desktop.services.workspace import open_workspace


def _median_ms(action: Callable[[], object], repeats: int, tidy: Callable[[], None]) -> float:
    """Median time of `action`; `tidy` (not timed) removes what one run wrote."""
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
        tidy()
    return statistics.median(timings)


def run(repeats: int = 5) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    try:
        database = folder / "data" / "cchc.sqlite3"
        database.parent.mkdir()
        shutil.copy(big_database(), database)
        paths = resolve_paths(str(database))
        open_workspace(paths).close()  # bring the copy to this version's schema, untimed
        shutil.rmtree(paths.backups, ignore_errors=True)
        usb = folder / "usb"
        usb.mkdir()
        keep = backup_to(paths, usb).path

        def tidy_usb() -> None:
            for path in usb.iterdir():
                if path != keep:
                    path.unlink()

        def tidy_backups() -> None:
            shutil.rmtree(paths.backups, ignore_errors=True)

        results = {
            "database_mb": database.stat().st_size / 1_000_000,
            "backup_ms": _median_ms(lambda: backup_to(paths, usb), repeats, tidy_usb),
            "check_backup_ms": _median_ms(lambda: check_backup_file(keep), repeats, lambda: None),
            "restore_ms": _median_ms(lambda: restore_from(paths, keep), repeats, tidy_backups),
            "quick_check_ms": _median_ms(lambda: quick_check(database), repeats, lambda: None),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    results = run(args.repeats)
    print(f"machine: {machine()}")
    print(f"{'database_mb':32} {results.pop('database_mb'):8.1f} MB")
    for key, value in results.items():
        print(f"{key:32} {value:8.1f} ms (median of {args.repeats})")


if __name__ == "__main__":
    main()
