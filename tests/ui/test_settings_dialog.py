from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QTableWidgetItem

from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services.settings import load_settings
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.settings_dialog import SettingsDialog
from tests.ui.keyboard import replace_text


def _dialog(qtbot, workspace: Workspace) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save(qtbot, dialog: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_typing_the_agency_details_and_saving_stores_them(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    for name, text in {
        "commune_name": "Tân Hưng",
        "signer_name": "Trần Văn Bình",
        "agency_identifier": "000.31.22.H26",
    }.items():
        replace_text(dialog.inputs[name], text)
    dialog.unit_style.setCurrentIndex(dialog.unit_style.findData("old"))
    _save(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    stored = load_settings(workspace.db)
    assert (stored.commune_name, stored.signer_name, stored.agency_identifier) == (
        "Tân Hưng",
        "Trần Văn Bình",
        "000.31.22.H26",
    )
    assert stored.unit_name == "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"


def test_an_empty_commune_name_is_marked_and_nothing_is_saved(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    dialog.inputs["commune_name"].clear()
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors["commune_name"].isVisible()
    assert dialog.errors["commune_name"].text() == "Nhập tên xã."
    assert load_settings(workspace.db).commune_name == "Đại Hợp"


def test_a_malformed_office_hour_is_explained(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    dialog.schedule_table.setItem(0, 2, QTableWidgetItem("13:30-12:00"))
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert "13:30-12:00" in dialog.schedule_error.text()


def test_summer_hours_change_the_calendar(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    qtbot.mouseClick(dialog.add_schedule_button, Qt.MouseButton.LeftButton)
    dialog.schedule_table.setItem(1, 2, QTableWidgetItem("13:00-16:30"))
    _save(qtbot, dialog)
    workspace.calendar_changed()
    assert workspace.calendar.office_end(date.today()).strftime("%H:%M") == "16:30"
    assert len(calendar_service.load_schedules(workspace.db)) == 2
