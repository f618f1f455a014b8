"""The window's frame: on screen while the database opens (ui/launcher.py), then filled by `attach`."""

from __future__ import annotations

from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.main_window import MainWindow
from tests.services.test_tracking import add_dossiers


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(index) for index in range(window.tabs.count())]


def test_the_frame_shows_the_tabs_and_menus_to_come_then_attach_fills_them(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    add_dossiers(workspace)
    window = MainWindow()
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitUntil(lambda: window.was_painted)
    assert tab_titles(window) == ["Tiếp nhận hồ sơ", "Theo dõi hạn giải quyết", "Báo cáo"]
    assert window.tabs.currentWidget().text() == "Đang mở dữ liệu…"
    assert window.statusBar().currentMessage() == "Đang mở dữ liệu…"
    menus = window.menuBar().actions()
    assert [menu.text() for menu in menus] == ["&Tệp", "&Hệ thống", "Trợ &giúp"]
    assert not any(menu.isEnabled() for menu in menus)  # nothing to do before the data is open

    window.attach(workspace)
    qtbot.waitUntil(lambda: window.tracking_tab.filled)  # read on its worker, the window being painted
    assert window.tabs.widget(0) is window.intake_tab and window.tabs.widget(1) is window.tracking_tab
    assert tab_titles(window)[0] == "Tiếp nhận hồ sơ" and tab_titles(window)[2] == "Báo cáo"
    assert window.tracking_tab.model.rowCount() == 7
    assert window.statusBar().currentMessage() == ""
    assert window.tracking_label.text().startswith("Hồ sơ đang giải quyết: ")
    menus = window.menuBar().actions()
    assert [menu.text() for menu in menus] == ["&Tệp", "&Hệ thống", "Trợ &giúp"]
    assert all(menu.isEnabled() for menu in menus)
    assert window.open_dossier_action in menus[0].menu().actions()


def test_a_frame_closed_before_the_data_opened_closes_without_a_question(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.was_painted)
    assert window.close()
    assert not window.isVisible()
