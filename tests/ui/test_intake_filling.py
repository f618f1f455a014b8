"""What the form does for the clerk: search, checklist, live due date, ID-card scan, returning citizens."""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from cchc_desktop.services import catalogue
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.intake.documents_model import COUNT, KIND, NAME, RECEIVED
from cchc_desktop.ui.intake.procedure_picker import rank_procedures
from cchc_desktop.ui.main_window import MainWindow
from tests.ui.keyboard import replace_text, type_text
from tests.ui.test_intake_support import QR_SCAN, choose_procedure, fill_valid_applicant, prepare, press

Key = Qt.Key


def _matches(tab_text: str, workspace: Workspace) -> list[str]:
    procedures = catalogue.procedures_in_force(workspace.db, date(2026, 3, 2))
    return [p.code for p in rank_procedures(procedures, tab_text)]


def test_search_ignores_case_and_diacritics(workspace: Workspace) -> None:
    found = _matches("chung thuc", workspace)
    assert found[0] == "2.000815"  # the phrase starts the name; catalogue order among equals
    assert set(found[:4]) == {"2.000815", "2.000992", "2.000884", "2.001019"}
    assert found[-1] == "2.000908"  # "Thủ tục cấp bản sao từ sổ gốc" matches through its field only
    assert _matches("CHỨNG THỰC", workspace) == _matches("chung thuc", workspace)
    assert _matches("2.000815", workspace) == ["2.000815"]
    assert _matches("khai sinh", workspace)[:2] == ["1.001193", "1.004772"]
    assert _matches("ho tich trich luc", workspace) == ["2.000635"]
    assert _matches("không có thủ tục này", workspace) == []


def test_the_match_list_follows_the_typing(
    qtbot, main_window: MainWindow, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    picker = tab.form.picker
    type_text(picker, "chung thuc")
    assert picker.matches_visible
    qtmodeltester.check(picker.model)
    assert picker.model.index(0, 0).data().startswith("Chứng thực bản sao từ bản chính")
    assert picker.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 2) == "2.000815 · Chứng thực"
    press(qtbot, Key.Key_Escape)
    assert not picker.matches_visible and picker.procedure is None

    replace_text(picker, "2.000815")
    press(qtbot, Key.Key_Return)  # Enter takes the best match even without Down
    assert picker.procedure is not None and picker.procedure.code == "2.000815"
    assert picker.text().endswith("(2.000815)")
    assert tab.form.procedure_info.text().startswith("Lĩnh vực: Chứng thực · Thời hạn giải quyết: Trong ngày")

    replace_text(picker, "xyz không có")
    assert picker.procedure is None and not picker.matches_visible
    assert tab.form.procedure_info.text() == "Không tìm thấy thủ tục nào khớp với “xyz không có”."
    assert tab.form.documents.rowCount() == 0


def test_the_checklist_ticks_required_papers_and_edits_kind_and_count(
    qtbot, main_window: MainWindow, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "tinh trang hon nhan")
    model, view = tab.form.documents, tab.form.documents_view
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    ticked = [model.index(r, RECEIVED).data(Qt.ItemDataRole.CheckStateRole) for r in range(3)]
    assert ticked == [Qt.CheckState.Checked.value, Qt.CheckState.Checked.value, Qt.CheckState.Unchecked.value]
    view.setFocus()
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Space)  # the power of attorney, brought this time
    press(qtbot, Key.Key_Up)
    press(qtbot, Key.Key_Up)
    press(qtbot, Key.Key_Space)  # the identity paper, not handed over (shown only)
    assert [item.name[:9] for item in model.received_items()] == ["Tờ khai c", "Văn bản ủ"]

    view.setCurrentIndex(model.index(2, KIND))
    press(qtbot, Key.Key_F2)
    combo = view.indexWidget(model.index(2, KIND)) or view.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentText("bản sao")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: model.received_items()[1].kind == "bản sao")
    view.setCurrentIndex(model.index(2, COUNT))
    press(qtbot, Key.Key_F2)
    spin = view.focusWidget()
    assert isinstance(spin, QSpinBox)
    spin.setValue(3)
    press(qtbot, Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: model.received_items()[1].count == 3)
    assert model.received_items()[1].kind == "bản sao"
    assert model.index(2, NAME).data().startswith("Văn bản ủy quyền")


def test_the_due_date_follows_the_procedure_and_the_receipt_time(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    receipt = tab.form.receipt
    assert receipt.due.text() == "Hẹn trả: chọn thủ tục để tính ngày hẹn trả"
    choose_procedure(qtbot, tab, "tinh trang hon nhan")  # 3 working days
    assert receipt.due.text() == "Hẹn trả: 14 giờ 05 phút, Thứ Năm 05/03/2026 · 3 ngày làm việc"
    choose_procedure(qtbot, tab, "khai sinh")
    assert receipt.due.text() == "Hẹn trả: 17 giờ 00 phút, Thứ Hai 02/03/2026 · trong ngày"
    receipt.received_at.setFocus()
    type_text(receipt.received_at, "020320261530")  # after the 15:00 cut-off
    assert not receipt.received_at.following
    assert receipt.due.text() == "Hẹn trả: 17 giờ 00 phút, Thứ Ba 03/03/2026 · 1 ngày làm việc"
    assert not receipt.due_detail.isVisible()
    receipt.received_at.set_moment(datetime(2026, 2, 28, 9, 0))  # a Saturday
    assert receipt.due_detail.text() == "Nhận ngoài giờ làm việc: tính từ 07 giờ 30 phút, Thứ Hai 02/03/2026"
    assert receipt.due.text() == "Hẹn trả: 17 giờ 00 phút, Thứ Hai 02/03/2026 · trong ngày"
    receipt.now_button.click()
    assert receipt.received_at.following and receipt.received_at.moment() == datetime(2026, 3, 2, 14, 5)


def test_a_card_scanned_into_the_phone_field_fills_the_applicant(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    applicant = tab.form.applicant
    applicant.phone.setFocus()
    type_text(applicant.phone, "0912")
    type_text(applicant.phone, QR_SCAN)  # the scanner types into whatever has the focus
    press(qtbot, Key.Key_Return)
    assert applicant.phone.text() == "0912"  # what the clerk had typed stays, the scan is not in it
    assert applicant.phone.hasFocus()
    assert applicant.name.text() == "Nguyễn Thị Ánh Dương"
    assert applicant.id_number.text() == "030190012345"
    assert applicant.address.text() == "Thôn 3, xã Đại Hợp, thành phố Hải Phòng"
    assert applicant.birth_date == date(1990, 5, 12) and applicant.gender == "Nữ"
    assert applicant.birth.displayText() == "12/05/1990"
    assert applicant.scanned.text() == "Theo thẻ căn cước: giới tính Nữ"
    assert tab.last_status == "Đã đọc thẻ căn cước của Nguyễn Thị Ánh Dương."
    request = tab.form.request()
    assert request.applicant_birth_date == date(1990, 5, 12)


def test_a_scan_into_the_procedure_field_keeps_the_chosen_procedure(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    chosen = tab.form.picker.procedure
    type_text(tab.form.picker, QR_SCAN)
    press(qtbot, Key.Key_Return)
    assert tab.form.picker.procedure == chosen
    assert tab.form.documents.rowCount() == 8
    assert tab.form.applicant.id_number.text() == "030190012345"


def test_the_scanned_birth_date_checks_the_id_number(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    tab.form.applicant.name.setFocus()
    type_text(tab.form.applicant.name, QR_SCAN.replace("12051990", "12052001"))
    press(qtbot, Key.Key_Return)
    assert tab.save() is None
    assert "không khớp với ngày sinh 12/05/2001" in tab.form.errors.message("applicant_id_number")


def test_a_returning_citizen_gets_the_last_details(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    tab.form.applicant.email.setText("anhduong@example.vn")
    assert tab.save() is not None
    qtbot.waitUntil(lambda: not tab.runner.busy)

    applicant = tab.form.applicant
    applicant.id_number.setFocus()
    type_text(applicant.id_number, "030190012345")
    press(qtbot, Key.Key_Tab)
    qtbot.waitUntil(lambda: applicant.name.text() == "Nguyễn Thị Ánh Dương")  # read on the tab's worker
    assert applicant.phone.text() == "0912345678"
    assert applicant.email.text() == "anhduong@example.vn"
    assert applicant.address.text() == "Thôn 3, xã Đại Hợp, thành phố Hải Phòng"
    assert tab.last_status == "Công dân đã từng nộp hồ sơ: đã điền thông tin lần trước"


def test_the_last_details_are_read_off_the_gui_thread_and_an_answer_for_another_number_is_dropped(
    qtbot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """On a centre server the look-up is a round trip, and a cut cable takes seconds to fail: the form
    never waits for it, and a late answer never fills the details of someone else."""
    from cchc_desktop.ui.intake import form as form_module

    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    assert tab.save() is not None
    qtbot.waitUntil(lambda: not tab.runner.busy)
    threads: list[bool] = []
    release = threading.Event()
    look_up = form_module.returning_applicant

    def slow_look_up(*args: Any) -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(10)
        return look_up(*args)

    monkeypatch.setattr(form_module, "returning_applicant", slow_look_up)
    applicant = tab.form.applicant
    applicant.id_number.setFocus()
    type_text(applicant.id_number, "030190012345")
    press(qtbot, Key.Key_Tab)  # the look-up starts and waits
    qtbot.waitUntil(lambda: threads == [False])
    assert applicant.name.text() == ""  # the form answers the keyboard meanwhile
    applicant.id_number.setFocus()
    applicant.id_number.selectAll()
    type_text(applicant.id_number, "001099012345")  # another citizen, before the answer
    release.set()
    qtbot.waitUntil(lambda: not tab.runner.busy)
    assert applicant.name.text() == "" and applicant.phone.text() == ""


def test_a_typed_name_is_not_overwritten_by_the_last_details(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    assert tab.save() is not None
    qtbot.waitUntil(lambda: not tab.runner.busy)
    applicant = tab.form.applicant
    applicant.name.setText("Nguyễn Thị Ánh Dương (đổi tên)")
    applicant.id_number.setFocus()
    type_text(applicant.id_number, "030190012345")
    press(qtbot, Key.Key_Tab)
    qtbot.waitUntil(lambda: not tab.runner.busy)
    assert applicant.phone.text() == "0912345678"  # an empty field filled from the last dossier
    assert applicant.name.text() == "Nguyễn Thị Ánh Dương (đổi tên)"
    assert applicant.phone.text() == "0912345678"
