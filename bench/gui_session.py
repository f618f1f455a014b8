"""The window on a big database as a clerk uses it: start the GUI offscreen, show every tab in turn,
open the dossiers behind the report's grand total, sort the tracking list by every column and scroll
it to the end, then print

    peak_rss_mb=        the process's peak resident set (VmHWM, else ru_maxrss)
    ui_query_max_ms=    the slowest SQL statement run on the GUI thread (budget: one frame, 16 ms)
    ui_queries=         how many statements the GUI thread ran

    python -m bench.gui_session --db COPY.sqlite3      # opening upgrades the file: use a copy

Started from bench/run.py, whose own memory grows past 1 GB during the exchange benchmark: see
`peak_rss_mb` for why ru_maxrss alone would report the parent's peak.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import threading
import time
from pathlib import Path
from typing import Any

SETTLE_S = 0.5  # per step: background loads (the tracking list, counts) answer well within this


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


class GuiThreadQueries:
    """Times every SQL statement executed on the thread that created this object (the GUI thread)."""

    def __init__(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        self.thread = threading.get_ident()
        self.timings_ms: list[tuple[float, str]] = []
        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "after_cursor_execute", self._after)

    def _before(self, connection: Any, _cursor: Any, _statement: str, *_args: Any) -> None:
        connection.info.setdefault("bench_started", []).append(time.perf_counter())

    def _after(self, connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        started = connection.info["bench_started"].pop()
        if threading.get_ident() == self.thread:
            self.timings_ms.append(((time.perf_counter() - started) * 1000, " ".join(statement.split())))

    def slowest(self) -> tuple[float, str]:
        return max(self.timings_ms, default=(0.0, ""))


def run(database: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace
    from cchc_desktop.ui.fonts import register_fonts
    from cchc_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)

    def settle() -> None:
        deadline = time.monotonic() + SETTLE_S
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)

    register_fonts()
    workspace = open_workspace(resolve_paths(str(database)))  # a migration, if any, is not counted
    queries = GuiThreadQueries()
    window = MainWindow(workspace)
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle()
    report = window.report_tab  # in front since the loop above: the dossiers behind the grand total
    report.show_cell(report.model.index(report.model.total_row, report.model.column_of("received_total")))
    settle()
    if report.cell_dialog is not None:
        print(f"dossiers behind the report's total: {report.cell_dialog.count}", file=sys.stderr)
        report.cell_dialog.close()
    window.tabs.setCurrentWidget(window.tracking_tab)
    view = window.tracking_tab.view
    for column in range(view.model().columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            view.sortByColumn(column, order)
            settle()
    for _ in range(5):
        view.scrollToBottom()
        settle()
    peak = peak_rss_mb()
    slowest_ms, statement = queries.slowest()
    print(f"slowest GUI-thread statement ({slowest_ms:.1f} ms): {statement[:200]}", file=sys.stderr)
    window.close()
    app.processEvents()
    workspace.close()
    return {"peak_rss_mb": peak, "ui_query_max_ms": slowest_ms, "ui_queries": float(len(queries.timings_ms))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    results = run(args.db)
    print(f"peak_rss_mb={results['peak_rss_mb']:.1f}", flush=True)
    print(f"ui_query_max_ms={results['ui_query_max_ms']:.2f}", flush=True)
    print(f"ui_queries={results['ui_queries']:.0f}", flush=True)


if __name__ == "__main__":
    main()
