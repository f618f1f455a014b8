"""Start the window: Qt application, fonts, crash hook, single-instance lock (a database file only),
database, sign-in (once the database has accounts), main window. A database that cannot be opened is explained before any window: a file with its
newest good backup (ui/startup_checks.py), a centre server with retry and its settings
(ui/server_startup.py)."""

from __future__ import annotations

import logging
import sys
import time

from PySide6.QtCore import QEvent, QLockFile, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cchc_desktop import APP_NAME, __version__
from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.logging_setup import LOG_FILE_NAME
from cchc_desktop.core.paths import AppPaths, check_database_folder, default_log_dir, resolve_paths
from cchc_desktop.services.sign_in_settings import auto_sign_in
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.ui import strings
from cchc_desktop.ui.crash_dialog import install_crash_hook
from cchc_desktop.ui.fonts import register_fonts
from cchc_desktop.ui.gui_thread_gc import GuiThreadGarbageCollector
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.qt_vietnamese import install as install_qt_vietnamese
from cchc_desktop.ui.sign_in.dialog import SignInDialog
from cchc_desktop.ui.startup_checks import StartupChecks, explain_open_failure
from cchc_desktop.ui.waiting_notice import WaitingNotice

log = logging.getLogger(__name__)


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
    opening = time.perf_counter()
    lock: QLockFile | None = None
    while True:
        if lock is None and paths.server is None:
            lock = _file_lock(paths)
            if lock is None:
                QMessageBox.information(None, strings.ALREADY_RUNNING_TITLE, strings.ALREADY_RUNNING)
                return 4
        try:
            workspace = open_workspace(paths)
            break
        except UserFacingError as error:
            log.warning("cannot open the database: %s", type(error).__name__)
            if paths.server is None:
                if explain_open_failure(error, paths):
                    continue
                _unlock(lock)
                return error.exit_code
            from cchc_desktop.ui.server_startup import Choice, explain_server_failure

            choice = explain_server_failure(error, paths)
            if choice is Choice.QUIT:
                _unlock(lock)
                return error.exit_code
            if choice is Choice.SETTINGS_SAVED:
                paths = resolve_paths(db_argument)
    opened = time.perf_counter()
    if not (smoke or soak) and not _signed_in(workspace):
        workspace.close()
        _unlock(lock)
        return 0
    window = MainWindow(workspace)
    workspace.db.on_waiting = WaitingNotice(window)
    window.show()
    log.info(
        "start-up phases: %.0f ms before the database, %.0f ms opening it (schema check and migration "
        "%.0f ms, at %s), %.0f ms building the window",
        (opening - started) * 1000,
        (opened - opening) * 1000,
        workspace.migration.seconds * 1000,
        workspace.migration.to_revision,
        (time.perf_counter() - opened) * 1000,
    )
    _log_phase("window visible", started)
    _follow_phases(window, started, smoke=smoke)
    checks = StartupChecks(window, paths)
    checks.start()
    if soak:
        return _soak(window, workspace, lock)
    if not smoke:
        QTimer.singleShot(0, window.ask_agency_setup)  # a new database asks who we are, once painted
    code = app.exec()
    _destroy(window)
    workspace.close()
    _unlock(lock)
    return int(code)


def _log_phase(phase: str, started: float) -> float:
    elapsed = (time.perf_counter() - started) * 1000
    log.info("start-up phase: %s after %.0f ms", phase, elapsed)
    return elapsed


def _follow_phases(window: MainWindow, started: float, *, smoke: bool) -> None:
    """Log the phases that come after `show`: the first paint, then the tracking list and counts read on
    the tab's worker. `smoke` prints the paint and the list for the start-up benchmark and closes the
    window once the counts are in."""
    tab = window.tracking_tab

    def painted() -> None:
        elapsed = _log_phase("window painted", started)
        if smoke:
            log.info("main window shown and idle after %.0f ms", elapsed)
            print(f"startup_ms={elapsed:.0f}", flush=True)

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

    window.painted.connect(painted, Qt.ConnectionType.SingleShotConnection)
    tab.model.loaded.connect(on_loaded)
    tab.model.failed.connect(on_failed)
    tab.first_filled.connect(counts_in, Qt.ConnectionType.SingleShotConnection)


def _signed_in(workspace: Workspace) -> bool:
    """Before the window shows: nobody to sign in (no account yet: the system actor works as before),
    the account this desk signs in automatically, or the sign-in dialog; False when the clerk quit it."""
    if not workspace.has_accounts:
        return True
    try:
        if auto_sign_in(workspace) is not None:
            return True
    except UserFacingError as error:  # the file locked by a copy in progress: ask as usual
        log.warning("automatic sign-in failed: %s", type(error).__name__)
    return bool(SignInDialog(workspace).exec())


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
