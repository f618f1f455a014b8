"""The main window: tabs, menu and status bar. Thin: each tab and dialog lives in its own module."""

from __future__ import annotations

import contextlib
import sys
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QTabWidget, QWidget

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.roles import SYSTEM_ACTOR, Permission
from cchc_desktop.domain.urgency import Urgency
from cchc_desktop.domain.vn_format import short_date, weekday_name
from cchc_desktop.services.permissions import allowed, refusal_for
from cchc_desktop.ui import strings
from cchc_desktop.ui.lazy_tab import LazyTab
from cchc_desktop.ui.scan_to_open import ScanToOpen
from cchc_desktop.ui.sign_in import strings as sign_in_strings
from cchc_desktop.ui.sign_in.idle_lock import IdleLock
from cchc_desktop.ui.tracking import strings as tracking_strings
from cchc_desktop.ui.waiting_notice import ConnectionNotice

# The window's frame is built from this module alone, before the database layer (SQLAlchemy, the
# services) and the icon font are imported: what needs them is imported by `attach` and the actions.
if TYPE_CHECKING:
    from cchc_desktop.services.workspace import Workspace
    from cchc_desktop.ui.attachments.scanner_folder import ScannerFolderWatcher
    from cchc_desktop.ui.catalogue.window import CatalogueWindow
    from cchc_desktop.ui.data_actions import DataActions
    from cchc_desktop.ui.help.guide_window import GuideWindow
    from cchc_desktop.ui.intake.tab import IntakeTab
    from cchc_desktop.ui.live_board import LiveBoard
    from cchc_desktop.ui.report.tab import ReportTab
    from cchc_desktop.ui.sign_in.dialog import SignInDialog
    from cchc_desktop.ui.tracking.tab import TrackingTab

TRACKING_REFRESH_MS = 60_000
SCANNER_FOLDER_DELAY_MS = 250
OVERDUE_TAB_COLOUR = QColor("#b71c1c")


class MainWindow(QMainWindow):
    """Built in two steps so the clerk sees it at once: the frame (title, tabs, menu titles, a "opening
    the data" line) from Qt alone, then `attach` fills it with the workspace's tabs, menus and status."""

    painted = Signal()  # once, right after the first paint: the clerk sees the window
    workspace: Workspace  # set by `attach`

    def __init__(
        self, workspace: Workspace | None = None, parent: QWidget | None = None, *, live: bool = True
    ) -> None:
        """Without `workspace` only the frame, for the launcher to show while it opens the database;
        `live`: watch for saves made elsewhere (the live board) from the start."""
        super().__init__(parent)
        self.attached = False
        self._painted = False
        self.setWindowTitle(strings.APP_TITLE)
        self.resize(1200, 680)  # fits a 1366×768 screen under its taskbar
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        if workspace is None:
            self._show_frame()
        else:
            self.attach(workspace, live=live)

    def _show_frame(self) -> None:
        """What the window shows while the database opens: the tabs and menus it will have, empty."""
        for title in (strings.TAB_INTAKE, tracking_strings.TAB_TITLE, strings.TAB_REPORT):
            waiting = QLabel(strings.OPENING_DATA)
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tabs.addTab(waiting, title)
        for title in (strings.MENU_FILE, strings.MENU_SYSTEM, strings.MENU_HELP):
            self.menuBar().addMenu(title).setEnabled(False)
        self.statusBar().showMessage(strings.OPENING_DATA)

    def attach(self, workspace: Workspace, *, live: bool = True) -> None:
        """The window's contents for `workspace`: tabs, menus, status bar; the tracking list is read on
        its worker once the window is painted."""
        from cchc_desktop.ui.live_board import LiveBoard

        self.workspace = workspace
        self._ask_before_closing = True
        self._gated: list[tuple[QAction, Permission, str]] = []  # action, permission, its own tooltip
        self.lock_dialog: SignInDialog | None = None
        self._focus_before_lock: QWidget | None = None
        self._hidden_windows: list[QWidget] = []
        self.audit_dialog: QWidget | None = None
        self.idle_lock = IdleLock(self)
        self.idle_lock.idle.connect(self._lock_when_idle)
        while (page := self.tabs.widget(0)) is not None:  # the frame's "opening the data" pages
            self.tabs.removeTab(0)
            page.deleteLater()
        self.menuBar().clear()
        self.statusBar().clearMessage()
        self._add_tabs()
        self._build_menu()
        self.scan_to_open = ScanToOpen(self)  # a barcode scanner typing a code + Enter anywhere opens it
        self.scan_to_open.install()
        self.scan_to_open.code_scanned.connect(self.open_dossier)
        self.tracking_tab.open_requested.connect(self.open_dossier)
        self.day_label = QLabel()
        self.statusBar().addWidget(self.day_label)
        self.tracking_label = QLabel(self.tracking_tab.summary)
        self.tracking_label.setObjectName("trackingSummary")
        self.tracking_label.setContentsMargins(16, 0, 0, 0)
        self.statusBar().addWidget(self.tracking_label)
        self.tracking_tab.summary_changed.connect(self.tracking_label.setText)
        self.user_label = QLabel()
        self.user_label.setObjectName("userLabel")
        self.statusBar().addPermanentWidget(self.user_label)
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        self._show_database()
        self.statusBar().addPermanentWidget(self.database_label)
        self.connection_notice = ConnectionNotice(self)
        self.tracking_tab.reachable.connect(self._server_reachable)
        self.intake_tab.reachable.connect(self._server_reachable)
        self.live_board: LiveBoard = LiveBoard(workspace, self)
        self.live_board.changed.connect(self._changed_elsewhere)
        self._report_stale = False
        self.tabs.currentChanged.connect(self._tab_shown)
        self.live_board.connection_changed.connect(self._server_connection_changed)
        if live:
            self.live_board.start()
        self.intake_tab.session_changed.connect(self.session_changed)
        self.refresh_status()
        self.apply_permissions()
        self._arm_idle_lock()
        QTimer.singleShot(0, self, self._sign_in_if_needed)  # once shown
        self.scanner: ScannerFolderWatcher | None = None
        # After the first paint and the start-up checks' first events: not on the way to the window.
        QTimer.singleShot(SCANNER_FOLDER_DELAY_MS, self, self._watch_scanner_folder)
        self.attached = True
        if self._painted:  # the frame was on screen already: the list once the new tabs are painted
            QTimer.singleShot(0, self, self.tracking_tab.fill)

    def _add_tabs(self) -> None:
        from cchc_desktop.ui.icons import icon
        from cchc_desktop.ui.intake.tab import IntakeTab
        from cchc_desktop.ui.tracking.tab import TrackingTab

        self.intake_tab: IntakeTab = IntakeTab(self.workspace)
        self.tabs.addTab(self.intake_tab, icon("intake"), strings.TAB_INTAKE)
        # Its list and counts are read on its worker once the window is painted (_first_painted).
        self.tracking_tab: TrackingTab = TrackingTab(self.workspace, fill_now=False)
        self.tabs.addTab(self.tracking_tab, icon("tracking"), self.tracking_tab.title)
        self.intake_tab.saved.connect(lambda _saved: self.tracking_tab.refresh())
        self.intake_tab.open_dossier_requested.connect(self.open_dossier)
        self.tracking_tab.title_changed.connect(self._show_tracking_title)
        self._show_tracking_title(self.tracking_tab.title)
        # Time moves dossiers into "overdue" even when nobody touches anything.
        self.tracking_timer = QTimer(self)
        self.tracking_timer.setInterval(TRACKING_REFRESH_MS)
        self.tracking_timer.timeout.connect(self.tracking_tab.refresh)
        self.tracking_timer.start()
        # The report tab (statistics, PDF preview) is built when first opened, not at start-up.
        self.report_page: LazyTab[ReportTab] = LazyTab(self._build_report_tab)
        self.tabs.addTab(self.report_page, icon("report"), strings.TAB_REPORT)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Once this paint is on screen (the children paint and the window is flushed first).
            QTimer.singleShot(0, self, self._first_painted)

    @property
    def was_painted(self) -> bool:
        return self._painted

    def _first_painted(self) -> None:
        self.painted.emit()
        if self.attached:
            self.tracking_tab.fill()

    def _build_report_tab(self) -> ReportTab:
        from cchc_desktop.ui.report.tab import ReportTab

        tab = ReportTab(self.workspace)
        tab.open_dossier_requested.connect(self.open_dossier)
        tab.apply_permissions()
        return tab

    @property
    def report_tab(self) -> ReportTab:
        return self.report_page.content()

    def _changed_elsewhere(self) -> None:
        """Another counter (or the command-line import) wrote: the board now, the procedures offered at
        intake when the catalogue changed, the report when shown."""
        self.tracking_tab.refresh()
        self.intake_tab.catalogue_may_have_changed()
        self._report_stale = self.report_page.is_built

    def _tab_shown(self, index: int) -> None:
        if self._report_stale and self.tabs.widget(index) is self.report_page:
            self._report_stale = False
            self.report_tab.compute()

    def _server_reachable(self, reachable: bool) -> None:
        """A read or a save found the server away (False) or answering again (True)."""
        self.connection_notice.set_connected(reachable)
        if not reachable:
            self.tracking_tab.server_lost()

    def _server_connection_changed(self, connected: bool) -> None:
        """The live board's own connection to the server was lost or is open (again)."""
        was_lost = self.connection_notice.lost
        self._server_reachable(connected)
        if connected and was_lost:
            self.tracking_tab.refresh()  # the reads that failed meanwhile, at once

    def _show_tracking_title(self, title: str) -> None:
        index = self.tabs.indexOf(self.tracking_tab)
        self.tabs.setTabText(index, title)
        overdue = self.tracking_tab.counts.get(Urgency.OVERDUE, 0)
        self.tabs.tabBar().setTabTextColor(index, OVERDUE_TAB_COLOUR if overdue else QColor())

    def _action(
        self, text: str, icon_name: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        from cchc_desktop.ui.icons import icon

        action = QAction(icon(icon_name), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_menu(self) -> None:
        from cchc_desktop.ui.data_actions import DataActions

        menu = self.menuBar()
        file_menu = menu.addMenu(strings.MENU_FILE)
        file_menu.addActions(self.intake_tab.menu_actions())
        file_menu.addSeparator()
        self.open_dossier_action = self._action(strings.ACTION_OPEN_DOSSIER, "open_dossier", "Ctrl+O")
        self.open_dossier_action.triggered.connect(self.open_by_code)
        self.daily_list_action = self._action(strings.ACTION_DAILY_LIST, "daily_list", "Ctrl+D")
        self.daily_list_action.triggered.connect(self.open_daily_list)
        self.register_action = self._action(strings.ACTION_REGISTER, "register", "Ctrl+R")
        self.register_action.triggered.connect(self.open_register)
        file_menu.addActions([self.open_dossier_action, self.daily_list_action, self.register_action])
        self._gate(self.daily_list_action, Permission.REGISTER)
        self._gate(self.register_action, Permission.REGISTER)
        file_menu.addSeparator()
        self.quit_action = self._action(strings.ACTION_QUIT, "quit", QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        system_menu = menu.addMenu(strings.MENU_SYSTEM)
        self.system_menu = system_menu
        for shown_menu in (file_menu, system_menu):
            shown_menu.setToolTipsVisible(True)  # a disabled entry says why in its tooltip
        self.switch_user_action = self._action(strings.ACTION_SWITCH_USER, "switch_user")
        self.switch_user_action.triggered.connect(self.switch_user)
        self.lock_action = self._action(strings.ACTION_LOCK, "lock", "Ctrl+L")
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # from any window
        self.lock_action.triggered.connect(self.switch_user)
        self.accounts_action = self._action(strings.ACTION_ACCOUNTS, "accounts")
        self.accounts_action.triggered.connect(self.open_accounts)
        self.audit_action = self._action(strings.ACTION_AUDIT, "audit_log")
        self.audit_action.triggered.connect(self.open_audit_log)
        system_menu.addActions(
            [self.switch_user_action, self.lock_action, self.accounts_action, self.audit_action]
        )
        system_menu.addSeparator()
        self.settings_action = self._action(strings.ACTION_SETTINGS, "settings", "Ctrl+,")
        self.settings_action.triggered.connect(self.open_settings)
        self.calendar_action = self._action(strings.ACTION_CALENDAR, "calendar", "Ctrl+Shift+L")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.server_action = self._action(strings.ACTION_SERVER, "settings")
        self.server_action.triggered.connect(self.open_server_settings)
        # Everyone may read the catalogue; its window disables the changes for those who may not.
        self.catalogue_action = self._action(strings.ACTION_CATALOGUE, "catalogue")
        self.catalogue_action.triggered.connect(self.open_catalogue)
        system_menu.addActions(
            [self.settings_action, self.calendar_action, self.catalogue_action, self.server_action]
        )
        self._gate(self.settings_action, Permission.SETTINGS)
        self._gate(self.calendar_action, Permission.CALENDAR)
        self._gate(self.server_action, Permission.SETTINGS)
        system_menu.addSeparator()
        self.data_actions: DataActions = DataActions(
            self,
            lambda: self.workspace,
            on_imported=self.tracking_tab.refresh,
            before_restore=self._before_restore,
        )
        system_menu.addActions(self.data_actions.actions())
        self.move_to_server_action = self._action("Chuyển dữ liệu lên máy chủ…", "save")
        self.move_to_server_action.triggered.connect(self.open_move_to_server)
        system_menu.addAction(self.move_to_server_action)
        # Copying every dossier onto a server sets up the centre: an administrator's task.
        self._gate(self.move_to_server_action, Permission.SETTINGS)

        self._add_tab_keys()

        help_menu = menu.addMenu(strings.MENU_HELP)
        self.guide_action = self._action(strings.ACTION_GUIDE, "guide", "F1")
        # F1 also inside dialogs: the action joins each window that comes to the front (_offer_help).
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.guide_action.triggered.connect(self.show_guide)
        self.guide_window: GuideWindow | None = None
        QApplication.instance().focusWindowChanged.connect(self._offer_help)  # type: ignore[union-attr]
        self.about_action = self._action(strings.ACTION_ABOUT, "about")
        self.about_action.triggered.connect(self.show_about)
        help_menu.addActions([self.guide_action, self.about_action])

    def _gate(self, action: QAction, permission: Permission) -> None:
        """`action` follows the signed-in user's `permission` (see `apply_permissions`)."""
        self._gated.append((action, permission, action.toolTip()))

    # ------------------------------------------------------------------ who works
    def apply_permissions(self) -> None:
        """Every menu entry, button and tab action the signed-in user may not take is disabled, its
        tooltip giving the reason; the accounts and log entries are hidden from those who may not."""
        ws = self.workspace
        for action, permission, tip in self._gated:
            reason = refusal_for(ws, permission)
            action.setEnabled(reason is None)
            action.setToolTip(reason or tip)
        signed_in = not ws.actor.system
        self.accounts_action.setVisible(allowed(ws, Permission.ACCOUNTS))
        self.audit_action.setVisible(allowed(ws, Permission.AUDIT_LOG))
        for action in (self.switch_user_action, self.lock_action):
            action.setVisible(ws.has_accounts)
            action.setEnabled(signed_in)
        self.data_actions.apply_permissions(ws)
        self.intake_tab.apply_permissions()
        if self.report_page.is_built:
            self.report_tab.apply_permissions()
        self._show_user()

    def _show_user(self) -> None:
        """Who is signed in, beside the counter's name (nothing while the database has no accounts)."""
        ws = self.workspace
        if not ws.has_accounts:
            self.user_label.hide()
            return
        actor = ws.actor
        if actor.system:
            text = strings.STATUS_SIGNED_OUT
        else:
            text = strings.STATUS_USER.format(name=actor.display, roles=actor.roles_text())
        self.user_label.setText(text)
        self.user_label.show()

    def session_changed(self) -> None:
        """Someone signed in (or the first admin was created): gate the window for them, and arm the
        idle lock."""
        self.apply_permissions()
        self._arm_idle_lock()
        self.tracking_tab.refresh()  # a specialist's list holds the dossiers handed to them
        self._refresh_dossier_windows()
        self._sign_in_if_needed()

    def _sign_in_if_needed(self) -> None:
        """Accounts exist but nobody is signed in (the first account was just made in the accounts
        dialog, or a window was opened without the start-up sign-in): ask at once."""
        if self.isVisible() and self.workspace.has_accounts and self.workspace.actor.system:
            self.lock(sign_in_strings.FIRST_ACCOUNT_INTRO)

    def _arm_idle_lock(self) -> None:
        ws = self.workspace
        if self.lock_dialog is not None or not ws.has_accounts or ws.actor.system:
            self.idle_lock.stop()
            return
        from cchc_desktop.services.sign_in_settings import load_sign_in_settings

        with contextlib.suppress(UserFacingError):  # the server away: the delay read last
            self.idle_lock.set_minutes(load_sign_in_settings(ws.db).idle_lock_minutes)
        self.idle_lock.start()

    def _refresh_dossier_windows(self) -> None:
        """Open dossier windows show the buttons of whoever works now."""
        module = sys.modules.get("cchc_desktop.ui.dossier.detail_dialog")  # None: none opened yet
        if module is None:
            return
        for dialog in self.findChildren(module.DossierDetailDialog):
            if dialog.isVisible():
                dialog.refresh()

    def switch_user(self) -> None:
        """Đổi người dùng / Ctrl+L: sign out and cover the window with the sign-in dialog; what is on
        screen stays as it is for whoever signs in next."""
        self.lock(sign_in_strings.LOCKED_INTRO)

    def _lock_when_idle(self) -> None:
        self.lock(sign_in_strings.IDLE_INTRO.format(minutes=self.idle_lock.minutes))

    def lock(self, intro: str) -> None:
        from cchc_desktop.services.accounts import sign_out
        from cchc_desktop.ui.sign_in.dialog import SignInDialog

        if self.lock_dialog is not None or not self.workspace.has_accounts:
            return
        self.idle_lock.stop()
        try:
            sign_out(self.workspace)
        except UserFacingError:  # the server away: no entry in the log, but the window locks all the same
            self.workspace.actor = SYSTEM_ACTOR
        self.scan_to_open.uninstall()  # a name typed fast + Enter is no scanned code
        focused = QApplication.focusWidget()
        self._focus_before_lock = focused if focused is not None and self.isAncestorOf(focused) else None
        self.tabs.hide()  # nobody reads the citizen's data on a locked screen
        self._hidden_windows = self._hide_other_windows()
        self.apply_permissions()
        dialog = SignInDialog(self.workspace, self, intro=intro, on_quit=self.close)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(self._unlocked)
        self.lock_dialog = dialog
        dialog.show()
        dialog.activateWindow()

    def _hide_other_windows(self) -> list[QWidget]:
        """The dossier windows, their step forms and the log: hidden while locked, shown again after.
        A dialog running its own loop (`exec`, application-modal) stays: hiding it would end it as if
        cancelled, and it shows no dossier."""
        hidden: list[QWidget] = []
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QDialog)
                and widget.isVisible()
                and widget is not self.lock_dialog
                and widget.windowModality() is not Qt.WindowModality.ApplicationModal
            ):
                widget.hide()
                hidden.append(widget)
        return hidden

    def _may_see(self, window: QWidget) -> bool:
        """Whether the user now signed in may see a window hidden by the lock: the log needs AUDIT_LOG;
        a specialist-only account sees only the dossiers handed to them (as in the tracking list)."""
        ws = self.workspace
        if window is self.audit_dialog:
            return allowed(ws, Permission.AUDIT_LOG)
        module = sys.modules.get("cchc_desktop.ui.dossier.detail_dialog")
        if module is not None and isinstance(window, module.DossierDetailDialog):
            return ws.actor.sees_every_dossier() or window.record.assignee == ws.actor.username
        parent = window.parentWidget()  # a dossier's step form follows its dossier window
        return parent is None or parent is self or self._may_see(parent)

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    def _unlocked(self) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.tabs.show()
        for window in self._hidden_windows:
            with contextlib.suppress(RuntimeError):  # deleted meanwhile
                if self._may_see(window):
                    window.show()
                else:
                    window.close()
        self._hidden_windows = []
        self.scan_to_open.install()
        self.session_changed()
        self.activateWindow()
        if self._focus_before_lock is not None:
            self._focus_before_lock.setFocus(Qt.FocusReason.OtherFocusReason)
            self._focus_before_lock = None

    def open_accounts(self) -> None:
        from cchc_desktop.ui.dialogs.accounts_dialog import AccountsDialog

        AccountsDialog(self.workspace, self).exec()
        self.session_changed()  # the own roles may have changed; a first account asks to sign in

    def open_catalogue(self) -> CatalogueWindow:
        from cchc_desktop.ui.catalogue.window import CatalogueWindow

        window = CatalogueWindow(self.workspace, self)
        window.finished.connect(lambda _result: self._catalogue_closed(window))
        window.open()
        return window

    def _catalogue_closed(self, window: CatalogueWindow) -> None:
        if window.changed:  # intake offers what is in force now
            self.intake_tab.form.reload_catalogue()

    def open_audit_log(self) -> None:
        from cchc_desktop.ui.dialogs.audit_dialog import AuditDialog

        if self.audit_dialog is not None and self.audit_dialog.isVisible():
            self.audit_dialog.raise_()
            self.audit_dialog.activateWindow()
            return
        self.audit_dialog = AuditDialog(self.workspace, self, open_dossier=self.open_dossier)
        self.audit_dialog.show()

    def _add_tab_keys(self) -> None:
        """Alt+1/2/3 bring a tab to the front; Ctrl+Tab / Ctrl+Shift+Tab step through them from any field.

        QTabWidget steps on Ctrl+Tab only when the focused widget lets the key through; the tracking
        table moves its current cell instead, so the window takes the key first, for every widget alike.
        """
        self.tab_actions: list[QAction] = []
        for index in range(self.tabs.count()):
            action = QAction(self.tabs.tabText(index), self)
            action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            self.tabs.setTabToolTip(index, strings.TAB_TIP.format(shortcut=f"Alt+{index + 1}"))
            self.tab_actions.append(action)
        self.next_tab_action = QAction(strings.ACTION_NEXT_TAB, self)
        self.next_tab_action.setShortcut(QKeySequence("Ctrl+Tab"))
        self.next_tab_action.triggered.connect(lambda: self.step_tab(1))
        self.previous_tab_action = QAction(strings.ACTION_PREVIOUS_TAB, self)
        self.previous_tab_action.setShortcut(QKeySequence("Ctrl+Shift+Tab"))
        self.previous_tab_action.triggered.connect(lambda: self.step_tab(-1))
        self.addActions([*self.tab_actions, self.next_tab_action, self.previous_tab_action])

    def step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def _watch_scanner_folder(self) -> None:
        """This computer's scanner folder, watched for the intake checklist and the dossier windows."""
        from cchc_desktop.core.scanner_folder import load_scanner_folder
        from cchc_desktop.ui.attachments.scanner_folder import ScannerFolderWatcher

        if self.scanner is None:
            self.scanner = ScannerFolderWatcher(load_scanner_folder(), self)
            self.intake_tab.set_scanner(self.scanner)

    def open_dossier(self, code: str) -> None:
        """The dossier's window (from a scan, the tracking list or the open-by-code box)."""
        from cchc_desktop.ui.dossier.detail_dialog import open_dossier

        if self.locked:
            return
        dialog = open_dossier(self, self.workspace, code, watcher=self.scanner)
        if dialog is not None:
            dialog.changed.connect(lambda _code: self.tracking_tab.refresh())

    # Dialogs load on first use, keeping them out of start-up.
    def open_daily_list(self) -> None:
        from cchc_desktop.ui.dialogs.daily_list_dialog import DailyListDialog

        DailyListDialog(self.workspace, self).exec()

    def open_register(self) -> None:
        from cchc_desktop.ui.dialogs.register_dialog import RegisterDialog

        RegisterDialog(self.workspace, self).exec()

    def open_by_code(self) -> None:
        from cchc_desktop.ui.dossier.open_dialog import OpenDossierDialog

        dialog = OpenDossierDialog(self.workspace, self)
        dialog.chosen.connect(self.open_dossier)
        dialog.open()

    def refresh_status(self) -> None:
        today = date.today()
        template = (
            strings.STATUS_WORKING_DAY
            if self.workspace.calendar.is_working_day(today)
            else strings.STATUS_NON_WORKING_DAY
        )
        self.day_label.setText(template.format(weekday=weekday_name(today), day=short_date(today)))

    def open_settings(self) -> None:
        from cchc_desktop.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.workspace, self)
        if dialog.exec():
            self.workspace.calendar_changed()
            self._calendar_edited()
            self._arm_idle_lock()  # its delay may have changed
            if self.scanner is not None:
                from cchc_desktop.core.scanner_folder import load_scanner_folder

                self.scanner.set_folder(load_scanner_folder())

    def ask_agency_setup(self) -> bool:
        """On a database whose agency is not set up: the first-run dialog. True once it is set up."""
        from cchc_desktop.ui.dialogs.first_run_dialog import FirstRunDialog, needs_first_run

        if not needs_first_run(self.workspace):
            return True
        accepted = bool(FirstRunDialog(self.workspace, self).exec())
        self.session_changed()  # the dialog may have made the first admin and signed them in
        return accepted

    def open_server_settings(self) -> None:
        """Which database this computer uses, and its counter name; a different database takes a restart."""
        from cchc_desktop.ui.data_actions import restart_app
        from cchc_desktop.ui.dialogs.server_dialog import ServerDialog

        dialog = ServerDialog(self.workspace.paths, self)
        if not dialog.exec():
            return
        if dialog.restart_requested:
            if self.close():
                restart_app()
            return
        from cchc_desktop.services.server_connection import apply_counter_name

        apply_counter_name(self.workspace)  # the next dossier already carries the new name
        self._show_database()

    def _show_database(self) -> None:
        """Which data this window works on, and as which counter (a centre's clerks share one server)."""
        text = strings.STATUS_DATABASE.format(path=self.workspace.paths.label)
        if self.workspace.counter:
            text = f"{self.workspace.counter} · {text}"
        self.database_label.setText(text)

    def open_move_to_server(self) -> None:
        """This computer's data copied onto the centre's server (the window keeps using the file)."""
        from cchc_desktop.ui.dialogs.move_dialog import MoveDialog

        MoveDialog(self.workspace, self).exec()

    def open_calendar(self) -> None:
        from cchc_desktop.ui.dialogs.calendar_dialog import CalendarDialog

        dialog = CalendarDialog(self.workspace, self)
        dialog.exec()
        if dialog.changed:
            self._calendar_edited()

    def _calendar_edited(self) -> None:
        """A day off, a make-up day or the office hours changed: due-date urgencies and on-time counts
        follow at once."""
        self.refresh_status()
        self.tracking_tab.refresh()
        if self.report_page.is_built:
            self.report_tab.compute()

    def _may_close(self) -> bool:
        """Typed work is not lost on closing: the dossier being entered, then the report's text."""
        if not self.intake_tab.confirm_close():
            self.tabs.setCurrentWidget(self.intake_tab)
            return False
        return not self.report_page.is_built or self.report_tab.confirm_close()

    def _before_restore(self) -> None:
        """A restore replaces every dossier and report text; the window then closes without asking."""
        self.tracking_timer.stop()
        self.live_board.stop()
        self._ask_before_closing = False

    def close_without_questions(self) -> None:
        """Close even with unsaved typing (after a restore, and when an automated check ends)."""
        self._ask_before_closing = False
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:  # closed while the database was opening: nothing typed yet
            super().closeEvent(event)
            return
        if self._ask_before_closing and not self._may_close():
            event.ignore()
            return
        self.idle_lock.stop()
        if self.lock_dialog is not None:
            self.lock_dialog.release()
        if self.guide_window is not None:
            self.guide_window.close()
        self.live_board.stop()
        if self.scanner is not None:
            self.scanner.stop()
        super().closeEvent(event)

    def _offer_help(self) -> None:
        """A shortcut of the main window does not fire while a dialog blocks it; the dialog's own copy does."""
        window = QApplication.activeWindow()
        if not self.isVisible() or window is None or window is self:
            return  # a closed main window (a restore opens a new one) offers nothing
        if self.guide_action not in window.actions():
            window.addAction(self.guide_action)

    def show_guide(self) -> None:
        """The user guide at the section of the dialog in front, else of the tab shown (loaded on first use)."""
        from cchc_desktop.ui.help.guide_window import show_guide, topic_of

        front = QApplication.activeModalWidget() or QApplication.activeWindow()
        topic = None  # F1 in the guide itself stays where the clerk reads
        if front is None or front is not self.guide_window:
            focused = QApplication.focusWidget()
            inside = focused is not None and (front is None or focused.window() is front)
            topic = topic_of(focused if inside else front)
            if topic is None:  # a message box, the menu bar: the tab in front
                tabs = {self.intake_tab: "intake", self.tracking_tab: "tracking", self.report_page: "report"}
                topic = tabs.get(self.tabs.currentWidget())
        self.guide_window = show_guide(self, self.guide_window, topic)

    def show_about(self) -> None:
        from cchc_desktop.ui.dialogs.about_dialog import AboutDialog

        AboutDialog(self.workspace, self).exec()
