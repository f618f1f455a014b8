"""Start-up as the clerk sees it: from launching the process to the main window painted, beside a bare
three-tab PySide6 window started the same way in the same run.

    python -m bench.startup [--db PATH] [--repeats 7] [--display offscreen|xvfb|both] [--compare ROOT]

Each round starts the app (`main.py --smoke`) and the bare window alternately, with the same interpreter
and flags; the figures are medians. "Painted" is the same signal for both: the first paint event of the
main window, then the event loop's next turn (the paint is flushed by then). Under Xvfb (`/usr/bin/Xvfb`,
started on a free display for the run and stopped after) that paint answers the X server's expose, as on
the clerk's screen; offscreen it is Qt's own. The app's first paint is its window's frame (title, tabs,
menus, "Đang mở dữ liệu…"), painted before the database layer is imported; it also reports when the
window is filled and ready for work (`ready_ms`: database open, tabs and menus built) and when the
tracking tab's first page is in (`startup_tracking_list_ms`, from the app's `tracking_first_page_ms=`
line; read on the tab's worker).

`--compare ROOT` also starts the app from another checkout (e.g. a `git worktree` of an older revision)
in the same rounds, for before/after figures; an older app reports `startup_ms` when it had shown the
window, before its first paint.

Without --db a fresh database is created by the first run (that run is reported apart: it includes
creating and seeding the file); the others reopen it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/startup.py` as well as `python -m bench.startup`
    sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402

XVFB = "/usr/bin/Xvfb"
SCREEN = "1366x768x24"  # the commune's usual screen
START_TIMEOUT_S = 120
# The floor: QMainWindow + QTabWidget with three empty tabs + a menu bar, of the app's size, reporting
# its first paint as the app does (MainWindow.paintEvent, then a zero timer).
BARE_WINDOW = """
import sys, time
started = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

class Window(QMainWindow):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self, self.first_painted)

    def first_painted(self):
        print(f"startup_ms={(time.perf_counter() - started) * 1000:.0f}", flush=True)
        self.close()

app = QApplication(sys.argv)
window = Window()
tabs = QTabWidget()
for name in ("Tiếp nhận", "Theo dõi", "Báo cáo"):
    tabs.addTab(QWidget(), name)
window.setCentralWidget(tabs)
for name in ("Tệp", "Hệ thống", "Trợ giúp"):
    window.menuBar().addMenu(name)
window.resize(1200, 680)
window.show()
sys.exit(app.exec())
"""


@dataclass(frozen=True)
class Start:
    painted_ms: float  # from launching the process to the `startup_ms=` line (the window painted)
    inside_ms: float  # as the process measured from its own start (after the interpreter)
    tracking_ms: float | None  # to the `tracking_first_page_ms=` line (None: not reported)
    ready_ms: float | None = None  # to the `ready_ms=` line: the window filled (None: not reported)


def _start(command: list[str], environment: dict[str, str]) -> Start:
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment, cwd=ROOT
    )
    assert process.stdout is not None
    painted = inside = tracking = ready = None
    for line in process.stdout:
        now = (time.perf_counter() - started) * 1000
        if line.startswith("startup_ms="):
            painted, inside = now, float(line.split("=", 1)[1])
        elif line.startswith("ready_ms="):
            ready = now
        elif line.startswith("tracking_first_page_ms="):
            tracking = now
    process.wait(timeout=START_TIMEOUT_S)
    if painted is None or inside is None:
        raise RuntimeError(f"{command[-1]!r} did not report its start-up")
    return Start(painted, inside, tracking, ready)


def time_one_start(database: Path, display: str = "offscreen", app_root: Path = ROOT) -> Start:
    """The app (from `app_root`'s checkout) started on `display`: "offscreen" or an X display (":97")."""
    environment = {**_display(display), "CCHC_DB": str(database), "PYTHONPATH": str(app_root)}
    return _start([sys.executable, str(app_root / "main.py"), "--smoke"], environment)


def time_bare_window(display: str = "offscreen") -> Start:
    return _start([sys.executable, "-c", BARE_WINDOW], _display(display))


def _display(display: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "PYTHONPATH")}
    if display == "offscreen":
        return {**environment, "QT_QPA_PLATFORM": "offscreen"}
    return {**environment, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """A virtual X server on a free display (Xvfb picks it: -displayfd), stopped afterwards."""
    if not Path(XVFB).exists():
        raise RuntimeError(f"{XVFB} is not installed (Debian: apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [XVFB, "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _rounds(
    database: Path, display: str, repeats: int, compare: Path | None, prefix: str
) -> dict[str, float]:
    """`repeats` rounds of app, bare window (and the compared app), alternating; medians."""
    app: list[Start] = []
    bare: list[Start] = []
    other: list[Start] = []
    for _ in range(repeats):
        app.append(time_one_start(database, display))
        bare.append(time_bare_window(display))
        if compare is not None:
            other.append(time_one_start(database, display, compare))
    results = {
        f"{prefix}startup_ms": statistics.median(s.painted_ms for s in app),
        f"{prefix}startup_after_interpreter_ms": statistics.median(s.inside_ms for s in app),
        f"{prefix}bare_window_ms": statistics.median(s.painted_ms for s in bare),
    }
    results[f"{prefix}startup_vs_bare_window_x"] = (
        results[f"{prefix}startup_ms"] / results[f"{prefix}bare_window_ms"]
    )
    results.update(_later_phases(app, prefix))
    if other:
        results[f"{prefix}compared_startup_ms"] = statistics.median(s.painted_ms for s in other)
        results[f"{prefix}compared_vs_bare_window_x"] = (
            results[f"{prefix}compared_startup_ms"] / results[f"{prefix}bare_window_ms"]
        )
        results.update(_later_phases(other, f"{prefix}compared_"))
    return results


def _later_phases(starts: list[Start], prefix: str) -> dict[str, float]:
    """Medians of the window filled (`ready_ms`) and the tracking list in, from launching the process;
    an app older than the window's frame reports no `ready_ms`: its window was filled when painted."""
    results: dict[str, float] = {}
    ready = [s.ready_ms if s.ready_ms is not None else s.painted_ms for s in starts]
    results[f"{prefix}ready_ms"] = statistics.median(ready)
    tracking = [s.tracking_ms for s in starts if s.tracking_ms is not None]
    if tracking:
        # Not `tracking_first_page_ms`: bench/tracking.py reports the model's own first page under that key.
        results[f"{prefix}startup_tracking_list_ms"] = statistics.median(tracking)
    return results


def run(
    database: Path | None = None, repeats: int = 7, display: str = "offscreen", compare: Path | None = None
) -> dict[str, float]:
    """Offscreen figures keep their keys (`startup_ms`, ...); the Xvfb ones are prefixed `xvfb_`."""
    results: dict[str, float] = {}
    if database is None:
        database = Path(tempfile.mkdtemp(prefix="cchc-start-")) / "cchc.sqlite3"
        results["startup_fresh_db_ms"] = time_one_start(database).painted_ms
    if display in ("offscreen", "both"):
        results.update(_rounds(database, "offscreen", repeats, compare, ""))
    if display in ("xvfb", "both"):
        with xvfb() as screen:
            results.update(_rounds(database, screen, repeats, compare, "xvfb_"))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--display", choices=("offscreen", "xvfb", "both"), default="both")
    parser.add_argument("--compare", type=Path, help="another checkout's root, started in the same rounds")
    args = parser.parse_args()
    if args.display != "offscreen" and not shutil.which(XVFB):
        parser.error(f"{XVFB} is not installed: use --display offscreen")
    print(f"machine: {machine()}")
    for key, value in run(args.db, args.repeats, args.display, args.compare).items():
        unit = "×" if key.endswith("_x") else "ms"
        print(f"{key:40} {value:8.{1 if unit == '×' else 0}f} {unit}")


if __name__ == "__main__":
    main()
