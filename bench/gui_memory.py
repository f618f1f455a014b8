"""Peak memory of the window on a database: start the GUI offscreen, show every tab in turn, wait for
its loads, and print `peak_rss_mb=` (the process's maximum resident set: VmHWM, else `ru_maxrss`).

    python -m bench.gui_memory --db COPY.sqlite3      # opening upgrades the file: use a copy

Started from bench/run.py, whose own memory grows past 1 GB during the exchange benchmark: see
`peak_rss_mb` for why ru_maxrss alone would report the parent's peak.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

SETTLE_S = 0.5  # per tab: background loads (the tracking list, counts) answer well within this


def peak_rss_mb() -> float:
    """The peak resident set of this process in MB.

    Linux carries `ru_maxrss` over fork and exec: a child started by a parent that once held 1 GB
    reports 1 GB whatever it used itself. /proc/self/status VmHWM belongs to this process's own memory
    map (reset at exec), so it is preferred; `ru_maxrss` (KiB on Linux) is the fallback elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(database: Path) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace
    from cchc_desktop.ui.fonts import register_fonts
    from cchc_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    register_fonts()
    workspace = open_workspace(resolve_paths(str(database)))
    window = MainWindow(workspace)
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        deadline = time.monotonic() + SETTLE_S
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
    peak = peak_rss_mb()
    window.close()
    app.processEvents()
    workspace.close()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    print(f"peak_rss_mb={run(args.db):.1f}", flush=True)


if __name__ == "__main__":
    main()
