"""The window ties the screens together: a scanned code or a row of the tracking list opens the dossier."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from cchc_desktop.services.intake import save_intake
from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog
from cchc_desktop.ui.main_window import MainWindow
from tests.services.intake_helpers import request
from tests.ui.keyboard import type_text


def _shown(window: MainWindow) -> list[DossierDetailDialog]:
    return [d for d in window.findChildren(DossierDetailDialog) if d.isVisible()]


def test_a_code_scanned_into_the_intake_form_opens_the_dossier(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(main_window.workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    picker = main_window.intake_tab.form.picker
    picker.setFocus()
    type_text(picker, code)  # a scanner types the whole code at once …
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):  # … then Enter
        QApplication.sendEvent(
            picker, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        )
    qtbot.waitUntil(lambda: bool(_shown(main_window)), timeout=5_000)
    assert _shown(main_window)[0].code == code
    assert picker.text() == ""  # the scanned characters did not stay in the field
    for dialog in _shown(main_window):
        dialog.close()


def test_the_tracking_list_opens_the_dossier_it_asks_for(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(main_window.workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    main_window.tracking_tab.open_requested.emit(code)
    qtbot.waitUntil(lambda: bool(_shown(main_window)), timeout=5_000)
    assert _shown(main_window)[0].code == code
    for dialog in _shown(main_window):
        dialog.close()


def test_the_file_menu_has_the_lists_and_open_by_code(main_window: MainWindow) -> None:
    shortcuts = {
        main_window.open_dossier_action.shortcut().toString(),
        main_window.daily_list_action.shortcut().toString(),
        main_window.register_action.shortcut().toString(),
    }
    assert shortcuts == {"Ctrl+O", "Ctrl+D", "Ctrl+R"}


def test_a_calendar_edit_updates_the_status_bar_and_the_tracking_list_at_once(
    qtbot, main_window: MainWindow, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from PySide6.QtCore import QTimer

    from cchc_desktop.ui.dialogs.calendar_dialog import CalendarDialog

    today = date.today()
    working = main_window.workspace.calendar.is_working_day(today)
    refreshed: list[bool] = []
    monkeypatch.setattr(main_window.tracking_tab, "refresh", lambda: refreshed.append(True))

    def add_today_and_close() -> None:
        dialog = next(d for d in main_window.findChildren(CalendarDialog) if d.isVisible())
        dialog.new_date.setValue(today)
        dialog.new_kind.setCurrentIndex(dialog.new_kind.findData("day_off" if working else "make_up_workday"))
        type_text(dialog.new_name, "Nghỉ đột xuất theo quyết định của UBND tỉnh")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        dialog.accept()

    QTimer.singleShot(0, add_today_and_close)
    main_window.calendar_action.trigger()

    assert refreshed
    assert main_window.day_label.text().endswith("ngày nghỉ" if working else "ngày làm việc")
    assert main_window.workspace.calendar.is_working_day(today) is not working
