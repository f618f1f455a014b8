from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel

from cchc_desktop.domain.vn_format import short_date
from cchc_desktop.ui.main_window import MainWindow


def test_the_window_has_the_three_tabs_in_vietnamese(main_window: MainWindow) -> None:
    titles = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())]
    assert titles == ["Tiếp nhận hồ sơ", "Theo dõi hạn giải quyết", "Báo cáo"]
    assert all(not main_window.tabs.tabIcon(i).isNull() for i in range(3))


def test_menus_and_shortcuts(main_window: MainWindow) -> None:
    menus = [action.text() for action in main_window.menuBar().actions()]
    assert menus == ["&Tệp", "&Hệ thống", "Trợ &giúp"]
    assert main_window.settings_action.shortcut().toString() == "Ctrl+,"
    assert main_window.calendar_action.shortcut().toString() == "Ctrl+Shift+L"
    assert main_window.lock_action.shortcut().toString() == "Ctrl+L"


def test_the_status_bar_tells_today_and_the_database(main_window: MainWindow) -> None:
    texts = [label.text() for label in main_window.statusBar().findChildren(QLabel)]
    assert any(short_date(date.today()) in text for text in texts)
    assert any(str(main_window.workspace.paths.database) in text for text in texts)


def test_the_window_fits_a_1366_by_768_screen(main_window: MainWindow) -> None:
    main_window.report_tab  # noqa: B018  (built on first use; its size counts too)
    hint = main_window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768
