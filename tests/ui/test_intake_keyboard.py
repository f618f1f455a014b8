"""A whole intake typed at the counter with the keyboard only, saved, printed and read back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cchc_desktop.domain.dossiers import Channel, DossierStatus
from cchc_desktop.services.intake import dossier_by_code
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.main_window import MainWindow
from tests.ui.test_intake_support import (
    choose_procedure,
    fill_valid_applicant,
    focused,
    pdf_text,
    prepare,
    press,
    type_here,
    wait_idle,
)
from tests.ui.test_report_close import answer_the_question_with

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_birth_registration_typed_with_the_keyboard_is_saved_and_printed(
    qtbot,  # type: ignore[no-untyped-def]
    main_window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
) -> None:
    tab = prepare(main_window, tmp_path)
    form = tab.form

    type_here("khai sinh")
    assert form.picker.matches_visible
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Return)
    assert form.picker.procedure is not None and form.picker.procedure.name == "Thủ tục đăng ký khai sinh"
    assert form.receipt.due.text() == "Hẹn trả: 17 giờ 00 phút, Thứ Hai 02/03/2026 · trong ngày"

    press(qtbot, Key.Key_Tab)  # into the checklist: the three required papers are ticked
    assert focused() is form.documents_view
    assert len(form.documents.received_items()) == 3
    for _ in range(3):
        press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Space)  # the power of attorney, brought by a relative
    press(qtbot, Key.Key_Tab)
    assert focused() is form.set_count
    press(qtbot, Key.Key_Tab)

    assert focused() is form.applicant.name
    type_here("Nguyễn Thị Ánh Dương")
    press(qtbot, Key.Key_Return)
    type_here("030190012345")
    press(qtbot, Key.Key_Return)
    assert focused() is form.applicant.birth
    type_here("12051990")  # the date of birth, digits only
    press(qtbot, Key.Key_Return)
    type_here("0912 345 678")
    press(qtbot, Key.Key_Return)
    assert focused() is form.applicant.email
    press(qtbot, Key.Key_Return)
    type_here("Thôn 3, xã Đại Hợp, thành phố Hải Phòng")
    press(qtbot, Key.Key_Return)
    while focused() is not form.receipt.received_at:  # channel, result, fee: the defaults stand
        press(qtbot, Key.Key_Return)
    type_here("020320261400")  # the time field takes typed digits section by section
    assert form.receipt.received_at.moment() == datetime(2026, 3, 2, 14, 0)
    assert form.errors.shown() == {}

    press(qtbot, Key.Key_S, CTRL)
    saved = tab.last_saved
    assert saved is not None
    code = saved.record.code
    assert code.endswith("-260302-0001")
    assert code in tab.strip.text() and "số thứ tự <b>1</b>" in tab.strip.text()
    assert focused() is form.picker and form.picker.text() == "" and form.applicant.name.text() == ""
    assert form.receipt.received_at.following

    stored = dossier_by_code(workspace, code)
    assert stored.procedure_code == "1.001193"
    assert stored.applicant_name == "Nguyễn Thị Ánh Dương"
    assert stored.applicant_id_number == "030190012345"
    assert stored.applicant_phone == "0912345678"
    assert stored.applicant_birth_date == date(1990, 5, 12)
    assert stored.received_at == datetime(2026, 3, 2, 14, 0)
    assert stored.due_at == datetime(2026, 3, 2, 17, 0)
    assert stored.channel is Channel.DIRECT and stored.status is DossierStatus.RECEIVED
    assert [(item.name[:20], item.kind, item.count) for item in stored.documents] == [
        ("Giấy chứng sinh; trư", "bản chính", 1),
        ("Hộ chiếu/Thẻ căn cướ", "bản chính", 1),
        ("Tờ khai đăng ký khai", "bản chính", 1),
        ("Văn bản ủy quyền (đư", "bản chính", 1),
    ]  # the three required papers ticked as the checklist opened, and the first optional one ticked above

    with qtbot.waitSignal(tab.printer.finished, timeout=10_000):
        press(qtbot, Key.Key_P, CTRL)
    wait_idle(qtbot, tab)
    receipt = pdf_text(tmp_path / f"{code}-receipt.pdf")
    assert code in receipt
    assert "Nguyễn Thị Ánh Dương" in receipt
    assert "Thời gian nhận hồ sơ: 14 giờ 00 phút, ngày 02 tháng 03 năm 2026" in receipt
    assert "17 giờ 00 phút, ngày 02 tháng 03 năm 2026" in receipt
    assert "Quyển số: 2026" in receipt
    assert code in pdf_text(tmp_path / f"{code}-control_slip.pdf")
    assert tab.preview.page_count >= 1


def test_enter_in_the_last_field_saves(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    type_here("2.000884")  # chứng thực chữ ký: 10.000 đồng a case
    press(qtbot, Key.Key_Return)
    tab.form.applicant.name.setText("Trần Văn Bình")
    tab.form.applicant.id_number.setText("001085001234")
    tab.form.fee.payment.setCurrentIndex(1)  # tiền mặt
    tab.form.receipt.received_at.setFocus()
    press(qtbot, Key.Key_Return)
    assert tab.last_saved is not None
    assert tab.last_saved.record.fee_amount == 10_000
    wait_idle(qtbot, tab)


def test_after_a_refused_then_accepted_save_the_form_is_clean(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    press(qtbot, Key.Key_S, CTRL)
    assert focused() is tab.form.applicant.name  # the first field to fix
    fill_valid_applicant(tab)
    press(qtbot, Key.Key_S, CTRL)
    assert tab.last_saved is not None
    assert tab.form.errors.shown() == {}  # leaving the name field for the next citizen flags nothing
    assert focused() is tab.form.picker
    wait_idle(qtbot, tab)


def test_every_action_has_its_shortcut_in_the_tooltip_and_sleeps_on_other_tabs(
    qtbot,  # type: ignore[no-untyped-def]
    main_window: MainWindow,
    tmp_path: Path,
) -> None:
    tab = prepare(main_window, tmp_path)
    shortcuts = {a.shortcut().toString(): a.toolTip() for a in tab.menu_actions()}
    assert set(shortcuts) == {"Ctrl+S", "Ctrl+P", "Ctrl+Shift+P", "F5", "Ctrl+N", "Ctrl+E"}
    assert all(tip.endswith(f"({key})") for key, tip in shortcuts.items())
    assert tab.form.receipt.now_button.toolTip().endswith("(Ctrl+T)")
    file_menu = main_window.menuBar().actions()[0].menu()
    assert tab.save_action in file_menu.actions()

    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    main_window.tabs.setCurrentIndex(1)
    assert not tab.save_action.isEnabled()
    main_window.tabs.setCurrentIndex(0)
    assert tab.save_action.isEnabled()
    tab.form.applicant.name.setFocus()
    seen: list[str] = []
    answer_the_question_with("Bỏ hồ sơ này, nhập hồ sơ mới", seen)
    press(qtbot, Key.Key_N, CTRL)  # a new dossier, once the clerk agrees: everything typed goes
    assert len(seen) == 1
    assert tab.form.applicant.name.text() == "" and tab.form.picker.procedure is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.form.picker)  # once the question is gone
