from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.calendar_dialog import CalendarDialog
from tests.ui.keyboard import type_text


def _dialog(qtbot, workspace: Workspace) -> CalendarDialog:  # type: ignore[no-untyped-def]
    dialog = CalendarDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.year.setValue(2026)
    return dialog


def _rows(dialog: CalendarDialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_year_lists_holidays_and_announced_swaps(qtbot, workspace: Workspace, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    qtmodeltester.check(dialog.model)
    rows = _rows(dialog)
    assert rows[2][:3] == ["10/01/2026", "Thứ Bảy", "Làm bù"]
    assert any(row[0] == "17/02/2026" and row[3] == "Tết Nguyên Đán" for row in rows)
    assert dialog.summary.text() == "14 ngày nghỉ trong tuần, 2 ngày làm bù"


def test_adding_and_removing_a_day_off(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    dialog.new_date.setValue(date(2026, 12, 31))
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData("day_off"))
    type_text(dialog.new_name, "Nghỉ cuối năm theo quyết định của UBND tỉnh")
    type_text(dialog.new_basis, "QĐ 12/QĐ-UBND")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.changed
    row = next(r for r in _rows(dialog) if r[0] == "31/12/2026")
    assert row[2:] == ["Nghỉ", "Nghỉ cuối năm theo quyết định của UBND tỉnh", "QĐ 12/QĐ-UBND", "Điều chỉnh"]
    assert not workspace.calendar.is_working_day(date(2026, 12, 31))

    index = next(i for i, r in enumerate(_rows(dialog)) if r[0] == "31/12/2026")
    dialog.table.selectRow(index)
    assert dialog.remove_button.isEnabled()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert all(r[0] != "31/12/2026" for r in _rows(dialog))
    assert workspace.calendar.is_working_day(date(2026, 12, 31))


def test_a_public_holiday_cannot_be_removed_from_the_list(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    index = next(i for i, r in enumerate(_rows(dialog)) if r[0] == "17/02/2026")
    dialog.table.selectRow(index)
    assert not dialog.remove_button.isEnabled()


def test_a_make_up_day_on_an_ordinary_weekday_is_explained(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    dialog.new_date.setValue(date(2026, 3, 4))
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData("make_up_workday"))
    type_text(dialog.new_name, "Làm bù")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert "thứ Bảy" in dialog.error.text()
    assert len(calendar_service.list_overrides(workspace.db)) == 8
