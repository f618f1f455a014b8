"""Walk every window a clerk can reach: the main window's menus (every action, including ones added
later), its tabs, the windows those open (modal ones too: they are looked at and closed while their
exec() runs) and the windows those open in turn; Qt's own standard widgets as the app shows them.

Each window is recorded as a `SeenWindow`: what it is called, every text it shows (title, labels,
buttons, menu entries, tooltips, placeholders, headers, group titles, combo items; hidden parts too, e.g.
the print dialog's folded options) and its size. test_vietnamese_everywhere.py and
test_fits_small_screen.py check the same walk.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.attachments.scanner_setting import ScannerFolderSetting
from cchc_desktop.ui.date_fields import DateField
from cchc_desktop.ui.dialogs.drive_picker import DrivePicker
from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.report.tab import ReportTab
from tests.services.intake_helpers import request

STANDARD_BUTTONS = [
    "Ok",
    "Save",
    "SaveAll",
    "Open",
    "Yes",
    "YesToAll",
    "No",
    "NoToAll",
    "Abort",
    "Retry",
    "Ignore",
    "Close",
    "Cancel",
    "Discard",
    "Help",
    "Apply",
    "Reset",
    "RestoreDefaults",
]
# what the offscreen platform says when a menu pops up (the menus and context menus the walk opens)
POPUP_NOISE = ("This plugin does not support raise", "This plugin does not support grabbing")
MAX_WINDOWS_PER_STEP = 12  # a dialog that keeps reopening itself is a bug in its own right
SEEN = "walkedThrough"  # properties the walk puts on the windows it met
CLOSE_ASKED = "walkAskedToClose"


@dataclass
class SeenWindow:
    name: str  # how the walk reached it, e.g. "Hệ thống › Sao lưu… → Sao lưu dữ liệu"
    texts: list[str]
    height: int
    hint_height: int
    minimum_width: int  # what its layout cannot shrink below
    minimum_height: int
    kind: str  # the Qt class, for messages


@dataclass
class Walk:
    seen: list[SeenWindow] = field(default_factory=list)
    _visiting: set[int] = field(default_factory=set)  # windows being looked at: not closed yet

    def record(self, name: str, widget: QWidget) -> SeenWindow:
        QApplication.processEvents()
        seen = SeenWindow(
            name=name,
            texts=texts_of(widget),
            height=widget.height() if widget.isVisible() else widget.sizeHint().height(),
            hint_height=widget.sizeHint().height(),
            minimum_width=widget.minimumSizeHint().expandedTo(widget.minimumSize()).width(),
            minimum_height=widget.minimumSizeHint().expandedTo(widget.minimumSize()).height(),
            kind=type(widget).__name__,
        )
        self.seen.append(seen)
        return seen

    def catch(
        self,
        name: str,
        step: Callable[[], object],
        *,
        inside: Callable[[str, QWidget], None] | None = None,
    ) -> list[str]:
        """Run `step`; every window it opens (shown, opened or exec()-ed, and the ones those open) is
        recorded, given to `inside` (to walk its own buttons) and closed. The windows' titles, in order."""
        before = {id(w) for w in _windows()}
        titles: list[str] = []

        def look() -> None:
            # Re-entered while a window is looked at or closed (a question on closing runs its own
            # exec()): a window is visited once, and is not closed while it is being visited.
            for window in _windows():
                key = id(window)
                if key in before or key in self._visiting:
                    continue
                if not window.property(SEEN):  # a mark on the window: a Python id is reused
                    window.setProperty(SEEN, True)
                    assert len(titles) < MAX_WINDOWS_PER_STEP, f"{name}: windows keep opening: {titles}"
                    title = window.windowTitle() or type(window).__name__
                    titles.append(title)
                    self._visiting.add(key)
                    try:
                        self.record(f"{name} → {title}", window)
                        if inside is not None and not isinstance(window, QMenu):
                            inside(f"{name} → {title}", window)
                    finally:
                        self._visiting.discard(key)
                asked = int(window.property(CLOSE_ASKED) or 0) + 1
                window.setProperty(CLOSE_ASKED, asked)
                close_window(window, forced=asked > 2)

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(look)
        timer.start()
        try:
            opened = step()  # kept: a window without a parent lives as long as its Python object
            QApplication.processEvents()
            look()
            del opened
        finally:
            timer.stop()
        return titles


def _windows() -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowType() not in (Qt.WindowType.ToolTip, Qt.WindowType.Desktop)
    ]


def close_window(window: QWidget, *, forced: bool = False) -> None:
    """Close as the clerk's Esc would: a dialog is rejected (its exec() returns), a menu hidden. `forced`
    (a window that keeps asking, e.g. whether to drop what is typed): ended without its questions."""
    if isinstance(window, QDialog):
        if forced:
            QDialog.done(window, QDialog.DialogCode.Rejected)
        else:
            window.reject()
    elif forced:
        window.hide()
    else:
        window.close()


_TAGS = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return _TAGS.sub(" ", text).replace("&nbsp;", " ").replace("&amp;", "&") if "<" in text else text


def texts_of(top: QWidget) -> list[str]:
    """Every text `top` can show, hidden parts included (a folded panel, an inactive tab)."""
    texts = [top.windowTitle()]
    for widget in [top, *top.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        texts.extend(_widget_texts(widget))
        texts.extend(_action_texts(widget.actions()))
    return [plain for text in texts if text and (plain := _plain(text).strip())]


def _action_texts(actions: Iterable[QAction]) -> Iterator[str]:
    for action in actions:
        if action.isSeparator():
            continue
        yield action.text()
        yield action.toolTip()
        if isinstance(submenu := action.menu(), QMenu):
            yield from _action_texts(submenu.actions())


def _widget_texts(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, (QLineEdit, QTextEdit | QPlainTextEdit)):
        yield widget.placeholderText()
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
        yield widget.placeholderText()
    elif isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield widget.tabText(index)
            yield widget.tabToolTip(index)
    elif isinstance(widget, QAbstractSpinBox):
        yield widget.specialValueText()
        yield getattr(widget, "suffix", lambda: "")()
        yield getattr(widget, "prefix", lambda: "")()
    elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
        header = widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
        for column in range(header.count()):
            yield str(widget.model().headerData(column, Qt.Orientation.Horizontal) or "")
    if isinstance(widget, QMenu):
        yield widget.title()


# ---------------------------------------------------------------------------- the main window


def walk_menus(
    walk: Walk,
    window: QMainWindow,
    never: Iterable[QAction],
    inside: Callable[[str, QWidget], None] | None = None,
) -> list[str]:
    """Every menu and submenu of the menu bar, then every action in them (but `never`) triggered.
    The names of the actions triggered."""
    skipped = {id(action) for action in never}
    triggered: list[str] = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        triggered.extend(_walk_menu(walk, window, menu, _name(menu_action), skipped, inside))
    return triggered


def _walk_menu(
    walk: Walk,
    window: QMainWindow,
    menu: QMenu,
    path: str,
    skipped: set[int],
    inside: Callable[[str, QWidget], None] | None,
) -> list[str]:
    walk.catch(path, lambda: menu.popup(window.mapToGlobal(QPoint(0, 0))))
    triggered: list[str] = []
    for action in menu.actions():
        if action.isSeparator() or id(action) in skipped:
            continue
        name = f"{path} › {_name(action)}"
        if isinstance(submenu := action.menu(), QMenu):
            triggered.extend(_walk_menu(walk, window, submenu, name, skipped, inside))
            continue
        if not (action.isEnabled() and action.isVisible()):
            continue
        walk.catch(name, action.trigger, inside=inside)
        triggered.append(name)
    return triggered


def _name(action: QAction) -> str:
    return action.text().replace("&", "")


def walk_tabs(walk: Walk, window: QMainWindow, tabs: QTabWidget) -> None:
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        walk.record(f"thẻ {tabs.tabText(index)}", window)
    tabs.setCurrentIndex(0)


# ---------------------------------------------------------------------------- Qt's standard widgets


def walk_context_menu(walk: Walk, name: str, widget: QWidget) -> None:
    """The right-click menu of `widget` (a line edit's, a spin box's: Qt builds and exec()s it)."""
    widget.setFocus()
    at = QPoint(4, 4)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, widget.mapToGlobal(at))
    walk.catch(f"{name}: menu chuột phải", lambda: QApplication.sendEvent(widget, event))


def walk_message_box(walk: Walk, parent: QWidget) -> None:
    """Questions with Qt's standard buttons (a few at a time, as the app asks) and a folded details
    part, unfolded too."""
    for first in range(0, len(STANDARD_BUTTONS), 6):
        box = QMessageBox(
            QMessageBox.Icon.Question, "Hộp hỏi", "Câu hỏi?", QMessageBox.StandardButton.NoButton, parent
        )
        for name in STANDARD_BUTTONS[first : first + 6]:
            box.addButton(QMessageBox.StandardButton[name])
        box.setDetailedText("Chi tiết")

        def unfold(name: str, shown: QWidget, box: QMessageBox = box) -> None:
            for button in shown.findChildren(QAbstractButton):
                if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole:  # "Show Details..."
                    button.click()
                    walk.record(f"{name} (mở chi tiết)", shown)

        walk.catch("QMessageBox", box.open, inside=unfold)
        box.deleteLater()


# ---------------------------------------------------------------------------- the whole application


def never_triggered(window: MainWindow) -> list[QAction]:
    """Menu actions the walk must not take: they end or lock the session under test, or print on the
    desk's printer without a dialog."""
    intake = window.intake_tab
    return [
        window.quit_action,
        window.lock_action,
        window.switch_user_action,
        intake.print_action,
        intake.reprint_action,
    ]


def walk_app(window: MainWindow, workspace: Workspace, folder: Path) -> Walk:
    """Everything a clerk can open from `window` (shown), with a dossier to open; `folder` for files."""
    from cchc_desktop.ui.crash_dialog import CrashDialog
    from cchc_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
    from cchc_desktop.ui.report.output import print_dialog, save_file_dialog
    from cchc_desktop.ui.sign_in.dialog import SignInDialog

    walk = Walk()

    def inside(name: str, opened: QWidget) -> None:
        _inside(walk, name, opened)

    walk.record("cửa sổ chính", window)
    dossier = request()
    saved = save_intake(workspace, dossier, now=dossier.received_at)
    code = saved.record.code
    window.intake_tab.last_saved = saved  # as after saving at the counter: correct, print with a dialog
    window.tracking_tab.refresh()
    walk_tabs(walk, window, window.tabs)
    walk_menus(walk, window, never_triggered(window), inside=inside)
    walk.catch("mở hồ sơ", lambda: window.open_dossier(code), inside=inside)
    walk.catch("lần đầu sử dụng", lambda: opened(FirstRunDialog(workspace, window)))
    walk.catch("đăng nhập", lambda: opened(SignInDialog(workspace)))
    walk.catch("lỗi không mong muốn", lambda: opened(CrashDialog(folder / "cchc.log", "Traceback", window)))
    _walk_report_tab(walk, window)
    walk.catch("báo cáo › in", lambda: print_dialog(window))
    walk.catch("báo cáo › lưu PDF", lambda: save_file_dialog(window, str(folder / "bao-cao.pdf")))
    window.tabs.setCurrentWidget(window.intake_tab)
    form = window.intake_tab.form
    walk_context_menu(walk, "ô nhập chữ", form.findChildren(QLineEdit)[0])
    walk_context_menu(walk, "ô nhập số", form.findChildren(QAbstractSpinBox)[0])
    day = next(
        field for field in window.findChildren(DateField) if field._calendar_action
    )  # the report period
    walk.catch("ô ngày: lịch", day.show_calendar)
    walk_message_box(walk, window)
    return walk


def opened(dialog: QDialog) -> QDialog:
    dialog.open()
    return dialog


def wait_until(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the window did not finish its work in time"
        QTest.qWait(20)


def _walk_report_tab(walk: Walk, window: MainWindow) -> None:
    """The report's own windows: a number's dossiers, the USB export (once the numbers are computed)."""
    tab = window.report_tab
    window.tabs.setCurrentWidget(window.report_page)
    wait_until(lambda: tab.ready and not tab.busy)
    model = tab.model
    index = model.index(model.total_row, model.column_of("resolved_early"))
    walk.catch("báo cáo › hồ sơ của một số", lambda: _cell_dialog(tab, index))
    walk.catch("báo cáo › xuất ra USB", tab.output.export_to_usb)


def _cell_dialog(tab: ReportTab, index: QModelIndex) -> None:
    tab.show_cell(index)
    wait_until(lambda: tab.cell_dialog is not None)


def _inside(walk: Walk, name: str, window: QWidget) -> None:
    """The windows a window opens from its own buttons (the catalogue's form and history, a dossier's
    step forms, an account's form, the folder choosers of the settings, backup and restore)."""
    for setting in window.findChildren(ScannerFolderSetting):
        walk.catch(f"{name} › chọn thư mục máy quét", setting.choose)
    for picker in window.findChildren(DrivePicker):
        walk.catch(f"{name} › chọn thư mục khác", picker.choose_other_folder)
    kind = type(window).__name__
    if kind == "AccountsDialog":
        walk.catch(f"{name} › thêm tài khoản", window.add)  # type: ignore[attr-defined]
    elif kind == "CatalogueWindow":
        walk.catch(f"{name} › thêm thủ tục", window.add)  # type: ignore[attr-defined]
        walk.catch(f"{name} › các phiên bản", window.history)  # type: ignore[attr-defined]
    elif isinstance(window, DossierDetailDialog):
        for action in window.visible_actions():
            walk.catch(f"{name} › {action.name}", partial(window.start_action, action))
