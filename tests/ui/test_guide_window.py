"""The user guide behind F1: opens at the section of the screen the clerk is on, finds words typed
without accents, and stays one window."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cchc_desktop.core.resources import guide_dir
from cchc_desktop.ui.main_window import MainWindow
from tests.ui.keyboard import type_text

# The guide is raised to the front; the offscreen platform has no window stacking and says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

F1 = Qt.Key.Key_F1
GUIDE = guide_dir() / "huong-dan-su-dung.md"


def _press_f1(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    qtbot.keyClick(widget, F1)


def _guide(main_window: MainWindow):  # type: ignore[no-untyped-def]
    guide = main_window.guide_window
    assert guide is not None and guide.isVisible()
    return guide


@pytest.mark.parametrize(
    ("tab", "heading"),
    [
        ("intake_tab", "Tiếp nhận hồ sơ"),
        ("tracking_tab", "Theo dõi hạn giải quyết"),
        ("report_page", "Báo cáo"),
    ],
)
def test_f1_on_a_tab_opens_the_guide_at_that_tab(
    qtbot, main_window: MainWindow, tab: str, heading: str
) -> None:  # type: ignore[no-untyped-def]
    main_window.tabs.setCurrentWidget(getattr(main_window, tab))

    _press_f1(qtbot, main_window.tabs.currentWidget())

    guide = _guide(main_window)
    assert guide.current_section() == heading  # the contents tree's current item
    assert guide.section_at_top() == heading  # and what the text shows at its top


def test_f1_again_reuses_the_window_and_jumps(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _press_f1(qtbot, main_window)
    first = _guide(main_window)
    main_window.tabs.setCurrentWidget(main_window.tracking_tab)

    _press_f1(qtbot, main_window)

    assert _guide(main_window) is first
    assert first.current_section() == "Theo dõi hạn giải quyết"
    guides = [
        w for w in QApplication.topLevelWidgets() if type(w).__name__ == "GuideWindow" and w.isVisible()
    ]
    assert guides == [first]


def test_help_menu_opens_the_guide_and_about_keeps_its_entry(main_window: MainWindow) -> None:
    entries = {a.text().replace("&", ""): a for a in main_window.menuBar().actions()}
    help_menu = entries["Trợ giúp"].menu()
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts[0] == "Hướng dẫn sử dụng"
    assert "Giới thiệu" in texts
    assert main_window.about_action.shortcut().toString() != "F1"

    help_menu.actions()[0].trigger()

    assert _guide(main_window).current_section() == "Tiếp nhận hồ sơ"


def test_search_without_accents_finds_the_receipt_section(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _press_f1(qtbot, main_window)
    guide = _guide(main_window)
    qtbot.waitUntil(guide.isActiveWindow)
    qtbot.keyClick(guide.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert guide.search.hasFocus()

    type_text(guide.search, "bien nhan")
    qtbot.keyClick(guide.search, Qt.Key.Key_Return)

    assert guide.current_section().startswith("In Giấy tiếp nhận")
    assert "biên nhận" in guide.browser.textCursor().selectedText().lower()
    shown = guide.shown_sections()
    assert any(s.startswith("In Giấy tiếp nhận") for s in shown)
    assert "Lịch ngày nghỉ, ngày làm bù" not in shown  # the contents list keeps only what matches


def test_f1_in_a_dialog_opens_its_section(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.dialogs.calendar_dialog import CalendarDialog

    dialog = CalendarDialog(main_window.workspace, main_window)
    dialog.open()
    qtbot.waitExposed(dialog)

    _press_f1(qtbot, dialog)

    guide = _guide(main_window)
    assert guide.current_section() == "Lịch ngày nghỉ, ngày làm bù"
    guide.close()
    dialog.reject()


def test_the_guide_text_shows_its_pictures(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _press_f1(qtbot, main_window)
    guide = _guide(main_window)
    names = re.findall(r"!\[[^\]]*\]\(images/([^)]+\.png)\)", GUIDE.read_text(encoding="utf-8"))
    assert names
    document = guide.browser.document()
    for name in names:
        image = document.resource(document.ResourceType.ImageResource, f"images/{name}")
        assert image is not None and not image.isNull(), name


MENU_PATH = re.compile(r"\*\*((?:Tệp|Hệ thống|Trợ giúp) →[^*]+)\*\*")
SHORTCUT = re.compile(r"(?<![\w+])((?:(?:Ctrl|Alt|Shift)\+)+(?:F\d{1,2}|Tab|[A-Z0-9,])|F\d{1,2})(?![\w+])")
UI_SOURCES = Path(__file__).resolve().parents[2] / "cchc_desktop" / "ui"


def _menu_paths(window: MainWindow) -> set[str]:
    paths = set()
    for top in window.menuBar().actions():
        for entry in top.menu().actions():
            if not entry.isSeparator():
                paths.add(f"{top.text().replace('&', '')} → {entry.text().replace('&', '')}")
    return paths


def _app_shortcuts(window: MainWindow) -> set[str]:
    """The keys of the live window (report tab built) and every key named in the window's source."""
    from PySide6.QtGui import QAction, QKeySequence, QShortcut

    window.tabs.setCurrentWidget(window.report_page)
    portable = QKeySequence.SequenceFormat.PortableText
    keys = {a.shortcut().toString(portable) for a in window.findChildren(QAction)}
    keys |= {s.key().toString(portable) for s in window.findChildren(QShortcut)}
    for source in UI_SOURCES.rglob("*.py"):
        code = source.read_text(encoding="utf-8")
        keys |= set(re.findall(r'"((?:(?:Ctrl|Alt|Shift)\+)+[^"\s)]+|F\d{1,2})"', code))  # setShortcut("…")
        if source.name == "strings.py":  # the keys the windows' own tips and hints name
            keys |= set(SHORTCUT.findall(code))
    return keys


def test_every_menu_path_and_key_the_guide_names_exists(main_window: MainWindow) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    cited_paths = {" ".join(path.split()) for path in MENU_PATH.findall(text)}
    assert len(cited_paths) >= 10
    assert cited_paths - _menu_paths(main_window) == set()

    cited_keys = set(SHORTCUT.findall(text))
    assert {"F1", "Ctrl+S", "Ctrl+Shift+L", "Ctrl+,", "Alt+G"} <= cited_keys
    assert cited_keys - _app_shortcuts(main_window) == set()


def test_each_screen_topic_names_a_heading_of_the_guide() -> None:
    from cchc_desktop.ui.help.strings import TOPIC_HEADINGS, WINDOW_TOPICS

    headings = {
        line.lstrip("#").strip()
        for line in GUIDE.read_text(encoding="utf-8").splitlines()
        if line.startswith(("## ", "### "))
    }
    assert set(TOPIC_HEADINGS.values()) - headings == set()
    assert set(WINDOW_TOPICS.values()) - set(TOPIC_HEADINGS) == set()


def test_the_guide_stays_out_of_start_up() -> None:
    """The window's module does not import the guide: it loads on the first F1."""
    import subprocess
    import sys

    code = (
        "import sys; import cchc_desktop.ui.main_window; "
        "print(sorted(name for name in sys.modules if name.startswith('cchc_desktop.ui.help')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_f1_in_the_scanner_folder_row_of_the_settings_opens_that_part(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    from cchc_desktop.ui.attachments.scanner_setting import ScannerFolderSetting
    from cchc_desktop.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(main_window.workspace, main_window)
    dialog.open()
    qtbot.waitExposed(dialog)
    _press_f1(qtbot, dialog)
    assert _guide(main_window).current_section() == "Thông tin cơ quan và giờ làm việc"
    main_window.guide_window.close()

    field = dialog.findChild(ScannerFolderSetting).findChild(QLineEdit)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    field.setFocus()
    _press_f1(qtbot, field)

    assert _guide(main_window).current_section() == "Thư mục máy quét"
    main_window.guide_window.close()
    dialog.reject()
