"""Start the window: Qt application, fonts, crash hook, single-instance lock (a database file only), the
main window's frame on screen, then the database, sign-in (once the database has accounts) and the
window's contents. Only Qt and light modules are imported before the frame is painted; the database
layer (SQLAlchemy, the services) and the icon font come after. A database that cannot be opened is
explained over the frame: a file with its newest good backup (ui/startup_checks.py), a centre server
with retry and its settings (ui/server_startup.py)."""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QLockFile, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cchc_desktop import APP_NAME, __version__
from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.logging_setup import LOG_FILE_NAME
from cchc_desktop.core.paths import AppPaths, check_database_folder, default_log_dir, resolve_paths
from cchc_desktop.ui import strings
from cchc_desktop.ui.crash_dialog import install_crash_hook
from cchc_desktop.ui.fonts import register_fonts
from cchc_desktop.ui.gui_thread_gc import GuiThreadGarbageCollector
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.qt_vietnamese import install as install_qt_vietnamese
from cchc_desktop.ui.waiting_notice import WaitingNotice

if TYPE_CHECKING:
    from cchc_desktop.services.workspace import Workspace

log = logging.getLogger(__name__)
# A window that is never painted (started minimised) must not hold the start-up back.
FIRST_PAINT_WAIT_MS = 2_000


def acquire_instance_lock(lock: QLockFile) -> bool:
    """True when this process may use the database; a stale lock of a crashed run is taken over."""
    lock.setStaleLockTime(0)
    return lock.tryLock(200)


def _file_lock(paths: AppPaths) -> QLockFile | None:
    """The lock of a database FILE, taken; None when another window holds it. A centre server takes
    none: its writes serialise on the server, and several windows on it are as safe as several counters."""
    paths.database.parent.mkdir(parents=True, exist_ok=True)  # the default data folder, on first start
    lock = QLockFile(str(paths.lock_file))
    return lock if acquire_instance_lock(lock) else None


def _file_lock_or_explain(paths: AppPaths, parent: QWidget | None) -> QLockFile | None:
    """`_file_lock`, saying so when another window holds the file."""
    lock = _file_lock(paths)
    if lock is None:
        QMessageBox.information(parent, strings.ALREADY_RUNNING_TITLE, strings.ALREADY_RUNNING)
    return lock


def _unlock(lock: QLockFile | None) -> None:
    if lock is not None:
        lock.unlock()


def run_gui(
    db_argument: str | None, *, smoke: bool = False, soak: bool = False, started: float | None = None
) -> int:
    """Run the window until it is closed. `smoke` closes it as soon as it has been shown and prints
    how long that took (used by the packaging check and the start-up benchmark): `startup_ms=` at the
    window's first paint, `tracking_first_page_ms=` once the tracking list is in, then closes it. `soak` runs a working
    day of Qt traffic in the shown window (ui/soak.py), prints the outcome and exits 0 only if the
    interpreter kept its references."""
    started = time.perf_counter() if started is None else started
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    install_qt_vietnamese(app)  # before any widget: Qt's own buttons, menus and dialogs in Vietnamese
    install_crash_hook(default_log_dir() / LOG_FILE_NAME)
    collector = GuiThreadGarbageCollector(app)  # noqa: F841  (lives as long as the application)
    register_fonts()
    try:
        # A malformed postgresql:// URL in --db or CCHC_DB, or a chosen folder that is missing (a network
        # drive not mounted).
        paths = check_database_folder(resolve_paths(db_argument))
    except UserFacingError as error:
        QMessageBox.critical(None, strings.CANNOT_OPEN_TITLE, error.message)
        return error.exit_code
    lock: QLockFile | None = None
    if paths.server is None:  # before any window: a second copy on the same file only says so
        lock = _file_lock_or_explain(paths, None)
        if lock is None:
            return 4
    window = MainWindow()  # the frame: Qt alone, on screen while the database opens
    window.show()
    _log_phase("window visible", started)
    _follow_paint(window, started, smoke=smoke)
    _wait_for_first_paint(window)
    framed = time.perf_counter()
    # The database layer, imported now that the clerk sees the window.
    from cchc_desktop.services.workspace import open_workspace
    from cchc_desktop.ui.startup_checks import StartupChecks, explain_open_failure

    opening = time.perf_counter()
    while True:
        if lock is None and paths.server is None:  # the server's settings now name a file
            lock = _file_lock_or_explain(paths, window)
            if lock is None:
                return _give_up(window, lock, 4)
        try:
            workspace = open_workspace(paths)
            break
        except UserFacingError as error:
            log.warning("cannot open the database: %s", type(error).__name__)
            if paths.server is None:
                if explain_open_failure(error, paths):
                    continue
                return _give_up(window, lock, error.exit_code)
            from cchc_desktop.ui.server_startup import Choice, explain_server_failure

            choice = explain_server_failure(error, paths)
            if choice is Choice.QUIT:
                return _give_up(window, lock, error.exit_code)
            if choice is Choice.SETTINGS_SAVED:
                paths = resolve_paths(db_argument)
    opened = time.perf_counter()
    if not (smoke or soak) and not (window.isVisible() and _signed_in(workspace, window)):
        workspace.close()
        return _give_up(window, lock, 0)
    window.attach(workspace)
    workspace.db.on_waiting = WaitingNotice(window)
    log.info(
        "start-up phases: %.0f ms to the window painted, %.0f ms importing the database layer, %.0f ms "
        "opening the database (schema check and migration %.0f ms, at %s), %.0f ms filling the window",
        (framed - started) * 1000,
        (opening - framed) * 1000,
        (opened - opening) * 1000,
        workspace.migration.seconds * 1000,
        workspace.migration.to_revision,
        (time.perf_counter() - opened) * 1000,
    )
    ready = _log_phase("window ready", started)
    if smoke:
        print(f"ready_ms={ready:.0f}", flush=True)
    _follow_tracking(window, started, smoke=smoke)
    checks = StartupChecks(window, paths)
    checks.start()
    if soak:
        return _soak(window, workspace, lock)
    if not smoke:
        QTimer.singleShot(0, window.ask_agency_setup)  # a new database asks who we are, once painted
    code = app.exec() if window.isVisible() else 0
    _destroy(window)
    workspace.close()
    _unlock(lock)
    return int(code)


def _wait_for_first_paint(window: MainWindow) -> None:
    """Let Qt paint the frame before the slow part of start-up begins."""
    if window.was_painted:
        return
    loop = QEventLoop()
    window.painted.connect(loop.quit, Qt.ConnectionType.SingleShotConnection)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, loop.quit)
    loop.exec()


def _give_up(window: MainWindow, lock: QLockFile | None, code: int) -> int:
    """Start-up ends before the window was filled (the database refused, the clerk quit)."""
    window.close()
    _destroy(window)
    _unlock(lock)
    return code


def _log_phase(phase: str, started: float) -> float:
    elapsed = (time.perf_counter() - started) * 1000
    log.info("start-up phase: %s after %.0f ms", phase, elapsed)
    return elapsed


def _follow_paint(window: MainWindow, started: float, *, smoke: bool) -> None:
    """Log the window's first paint; `smoke` prints it for the start-up benchmark."""

    def painted() -> None:
        elapsed = _log_phase("window painted", started)
        if smoke:
            log.info("main window shown and idle after %.0f ms", elapsed)
            print(f"startup_ms={elapsed:.0f}", flush=True)

    window.painted.connect(painted, Qt.ConnectionType.SingleShotConnection)


def _follow_tracking(window: MainWindow, started: float, *, smoke: bool) -> None:
    """Log the tracking list and counts read on the tab's worker once the window is filled; `smoke`
    prints the list for the start-up benchmark and closes the window once the counts are in."""
    tab = window.tracking_tab

    def list_in(outcome: str) -> None:
        tab.model.loaded.disconnect(on_loaded)
        tab.model.failed.disconnect(on_failed)
        elapsed = _log_phase(f"tracking first page {outcome}", started)
        if smoke:
            print(f"tracking_first_page_ms={elapsed:.0f}", flush=True)

    def on_loaded() -> None:
        list_in("shown")

    def on_failed(_message: str) -> None:
        list_in("failed")

    def counts_in() -> None:
        _log_phase("tracking counts shown", started)
        if smoke:
            window.close()

    tab.model.loaded.connect(on_loaded)
    tab.model.failed.connect(on_failed)
    tab.first_filled.connect(counts_in, Qt.ConnectionType.SingleShotConnection)


def _signed_in(workspace: Workspace, window: MainWindow | None = None) -> bool:
    """Before the window is filled: nobody to sign in (no account yet: the system actor works as before),
    the account this desk signs in automatically, or the sign-in dialog; False when the clerk quit it."""
    from cchc_desktop.services.sign_in_settings import auto_sign_in
    from cchc_desktop.ui.sign_in.dialog import SignInDialog

    if not workspace.has_accounts:
        return True
    try:
        if auto_sign_in(workspace) is not None:
            return True
    except UserFacingError as error:  # the file locked by a copy in progress: ask as usual
        log.warning("automatic sign-in failed: %s", type(error).__name__)
    return bool(SignInDialog(workspace, window).exec())


def _destroy(window: MainWindow) -> None:
    """Delete the closed window now, with its application-wide scanner filter and timers: a second
    `run_gui` in the same process (the tests, a restart) must not have the old window still reacting."""
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _soak(window: MainWindow, workspace: Workspace, lock: QLockFile | None) -> int:
    from cchc_desktop.ui.soak import run_soak

    QApplication.processEvents()
    result = run_soak(window)
    print(result.summary(), flush=True)
    log.info("%s", result.summary())
    window.close_without_questions()
    workspace.close()
    _unlock(lock)
    return 0 if not result.fallen else 1
