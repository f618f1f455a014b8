"""No key does two things: on each tab, the shortcuts that can fire at once (the window's menus and the
tab in front) are all different, or Qt does nothing and says "Ambiguous shortcut overload"."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QMenu, QWidget

from cchc_desktop.ui.lazy_tab import LazyTab
from cchc_desktop.ui.main_window import MainWindow


def _live_keys(window: MainWindow) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for action in window.findChildren(QAction):
        if not action.isEnabled() and not action.menu():
            continue  # a tab's action is disabled while another tab is in front
        # A menu's entries answer their keys while the menu is closed; a widget's only while it shows.
        holders = action.associatedObjects()
        if not any(isinstance(h, QMenu) or (isinstance(h, QWidget) and h.isVisible()) for h in holders):
            continue
        for key in action.shortcuts():
            owners[key.toString()].append(action.text())
    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled() and shortcut.parentWidget().isVisible():
            owners[shortcut.key().toString()].append(f"QShortcut {shortcut.objectName()}")
    return {key: names for key, names in owners.items() if key}


def test_no_key_does_two_things_on_any_tab(main_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    for index in range(main_window.tabs.count()):
        main_window.tabs.setCurrentIndex(index)
        page = main_window.tabs.currentWidget()
        tab = page.content() if isinstance(page, LazyTab) else page
        if hasattr(tab, "ready"):  # the report tab enables printing and export once its numbers are in
            qtbot.waitUntil(lambda tab=tab: tab.ready)
        clashes = {key: names for key, names in _live_keys(main_window).items() if len(set(names)) > 1}
        assert not clashes, (main_window.tabs.tabText(index), clashes)
