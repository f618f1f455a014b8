from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.correction_dialog import CorrectionDialog
from tests.services.intake_helpers import request
from tests.ui.keyboard import replace_text, type_text

NOW = datetime(2026, 3, 2, 10, 10)


def _dialog(qtbot, workspace: Workspace) -> CorrectionDialog:  # type: ignore[no-untyped-def]
    record = save_intake(workspace, request(), now=NOW).record
    dialog = CorrectionDialog(workspace, record)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save(qtbot, dialog: CorrectionDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_correcting_a_name_needs_a_reason_then_saves(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    replace_text(dialog.name, "Nguyễn Thị Hòa")
    _save(qtbot, dialog)
    assert dialog.error.isVisible() and "lý do" in dialog.error.text()
    assert dossier_by_code(workspace, dialog.record.code).applicant_name == "Nguyễn Thị Hoa"
    type_text(dialog.reason, "Ghi sai dấu")
    _save(qtbot, dialog)
    assert dialog.result() == CorrectionDialog.DialogCode.Accepted
    assert dossier_by_code(workspace, dialog.record.code).applicant_name == "Nguyễn Thị Hòa"


def test_a_new_procedure_shows_the_new_due_date_and_moves_it_only_when_ticked(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    dialog.procedure.setCurrentIndex(dialog.procedure.findData("1.004884"))
    assert dialog.due_proposed.text() == "Hạn tính lại: 10 giờ 05 phút, ngày 09 tháng 03 năm 2026"
    assert dialog.due_now.text() == "Hạn đã hẹn: 10 giờ 05 phút, ngày 05 tháng 03 năm 2026"
    type_text(dialog.reason, "Chọn nhầm thủ tục")
    dialog.move_due.setFocus()
    qtbot.keyClick(dialog.move_due, Qt.Key.Key_Space)
    _save(qtbot, dialog)
    stored = dossier_by_code(workspace, dialog.record.code)
    assert stored.procedure_code == "1.004884"
    assert stored.appointment_at == datetime(2026, 3, 9, 10, 5)


def test_the_date_of_birth_is_typed_checked_and_corrected(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace)
    assert dialog.birth.day() is None
    dialog.birth.setFocus()
    type_text(dialog.birth, "01012999")
    type_text(dialog.reason, "Bổ sung ngày sinh")
    _save(qtbot, dialog)
    assert dialog.error.isVisible() and "sau hôm nay" in dialog.error.text()
    dialog.birth.selectAll()
    type_text(dialog.birth, "12051985")
    _save(qtbot, dialog)
    assert dialog.result() == CorrectionDialog.DialogCode.Accepted
    assert dossier_by_code(workspace, dialog.record.code).applicant_birth_date == date(1985, 5, 12)
