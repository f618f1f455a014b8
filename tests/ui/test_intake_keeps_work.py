"""The intake form keeps the clerk's work: no dossier dropped without asking, the last payment method
comes back, stale messages go, empty fields are not marked before a save, and the keys work everywhere."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from cchc_desktop.domain.dossiers import PaymentMethod
from cchc_desktop.services.intake import save_intake
from cchc_desktop.ui.intake.payment_memory import PaymentMemory
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.printing import pdf_file_printer, pdf_files_in
from tests.services.intake_helpers import request
from tests.ui.keyboard import type_text
from tests.ui.test_intake_support import (
    QR_SCAN,
    choose_procedure,
    fill_valid_applicant,
    focused,
    prepare,
    press,
    type_here,
    wait_idle,
)
from tests.ui.test_report_close import answer_the_question_with

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


# ---------------------------------------------------------------- Ctrl+N asks, as closing does
def test_ctrl_n_asks_before_dropping_a_half_typed_dossier(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    tab.form.applicant.name.setFocus()
    type_here("Trần Văn Bình")
    seen: list[str] = []
    answer_the_question_with("Quay lại nhập tiếp", seen)
    press(qtbot, Key.Key_N, CTRL)
    assert seen == ["Hồ sơ đang nhập của Trần Văn Bình chưa được lưu. Nhập hồ sơ mới sẽ bỏ hồ sơ này."]
    assert tab.form.applicant.name.text() == "Trần Văn Bình"
    assert tab.form.picker.procedure is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.form.applicant.name)  # typing goes on

    answer_the_question_with("Bỏ hồ sơ này, nhập hồ sơ mới", seen)
    press(qtbot, Key.Key_N, CTRL)
    assert len(seen) == 2
    assert tab.form.applicant.name.text() == "" and tab.form.picker.procedure is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.form.picker)  # once the question is gone


def test_ctrl_n_on_an_empty_form_asks_nothing(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    assert tab.new_dossier() is True  # no question box: it would block here


# ---------------------------------------------------------------- the clerk's last payment method
def test_a_fee_due_starts_with_the_payment_method_the_clerk_used_last(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    fee = tab.form.fee
    choose_procedure(qtbot, tab, "chung thuc chu ky")
    assert fee.payment.currentData() == PaymentMethod.NONE.value  # nobody has paid yet
    fill_valid_applicant(tab)
    fee.payment.setFocus()
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Down)
    assert fee.payment.currentText() == "Chuyển khoản"
    press(qtbot, Key.Key_S, CTRL)
    assert tab.last_saved is not None and tab.last_saved.record.payment_method is PaymentMethod.TRANSFER
    wait_idle(qtbot, tab)

    choose_procedure(qtbot, tab, "2.000635")  # another fee: the same way of paying
    assert fee.amount.value() == 8_000 and fee.payment.currentText() == "Chuyển khoản"
    choose_procedure(qtbot, tab, "khai sinh")  # no fee: nothing to choose
    assert fee.payment.currentData() == PaymentMethod.NONE.value and not fee.payment.isEnabled()
    assert PaymentMemory().last("Lê Văn Tâm") is PaymentMethod.TRANSFER  # kept for the next start
    assert PaymentMemory().last("Phạm Thị Thu") is PaymentMethod.NONE  # each clerk their own


# ---------------------------------------------------------------- messages that are no longer true
def test_the_print_error_goes_after_a_good_print(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    press(qtbot, Key.Key_S, CTRL)
    wait_idle(qtbot, tab)
    tab.printer.factory = lambda job: pdf_file_printer(tmp_path / "no such folder" / "x.pdf")
    press(qtbot, Key.Key_P, CTRL)
    wait_idle(qtbot, tab)
    assert tab.strip.isVisible() and "Lỗi khi in" in tab.strip.text()

    tab.printer.factory = pdf_files_in(tmp_path)
    press(qtbot, Key.Key_F5)
    wait_idle(qtbot, tab)
    assert tab.last_status.startswith("Đã in")
    assert not tab.strip.isVisible()


def test_saved_goes_once_the_next_dossier_is_typed(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    press(qtbot, Key.Key_S, CTRL)
    wait_idle(qtbot, tab)
    assert tab.strip.isVisible() and tab.strip.text().startswith("Đã lưu hồ sơ")
    assert main_window.statusBar().currentMessage().startswith("Đã lưu hồ sơ")

    type_here("khai")  # the focus is back on the procedure: the next citizen
    assert not tab.strip.isVisible()
    assert main_window.statusBar().currentMessage() == ""
    assert tab.last_saved is not None  # F5 still reprints the last dossier


def test_no_procedure_found_goes_when_a_scan_is_taken_back_out_of_the_box(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    type_text(tab.form.picker, QR_SCAN)  # the ID card scanned while the procedure box has the focus
    press(qtbot, Key.Key_Return)
    assert tab.form.applicant.id_number.text() == "030190012345"
    assert tab.form.picker.text() == ""
    assert tab.form.procedure_info.text() == ""  # not "Không tìm thấy thủ tục nào khớp với …"


def test_no_procedure_found_goes_after_a_dossier_code_scan(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(main_window.workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    picker = main_window.intake_tab.form.picker
    picker.setFocus()
    type_text(picker, code)
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(picker, QKeyEvent(kind, Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"))
    qtbot.waitUntil(
        lambda: QApplication.activeModalWidget() is not None or len(QApplication.topLevelWidgets()) > 1
    )
    assert picker.text() == ""
    assert main_window.intake_tab.form.procedure_info.text() == ""
    for widget in QApplication.topLevelWidgets():
        if widget is not main_window and widget.isVisible():
            widget.close()


# ---------------------------------------------------------------- empty fields before a save
def test_leaving_an_empty_field_marks_nothing_until_a_save_is_tried(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    applicant = tab.form.applicant
    applicant.name.setFocus()
    # through the name, the ID number, the date of birth and the phone, typing nothing
    for _ in range(4):
        press(qtbot, Key.Key_Tab)
    assert focused() is applicant.email
    assert tab.form.errors.shown() == {}
    for edit in (applicant.name, applicant.id_number, applicant.birth, applicant.phone):
        assert not edit.property("invalid")

    type_here("an@")  # something typed wrong is still marked when left
    press(qtbot, Key.Key_Tab)
    assert list(tab.form.errors.shown()) == ["applicant_email"]

    press(qtbot, Key.Key_S, CTRL)  # after a save attempt every empty required field is marked
    assert {"applicant_name", "applicant_id_number", "procedure_code"} <= set(tab.form.errors.shown())
    applicant.name.setFocus()
    type_here("Nguyễn Văn An")
    applicant.name.clear()
    press(qtbot, Key.Key_Tab)
    assert tab.form.errors.message("applicant_name").startswith("Nhập họ tên người nộp hồ sơ")


# ---------------------------------------------------------------- keys
def test_an_alt_letter_in_the_procedure_box_takes_the_highlighted_procedure(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    type_here("khai sinh")
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_N, ALT)  # "Họ và tê&n"
    assert focused() is tab.form.applicant.name
    assert (
        tab.form.picker.procedure is not None
        and tab.form.picker.procedure.name == "Thủ tục đăng ký khai sinh"
    )
    assert tab.form.receipt.due.text().startswith("Hẹn trả: 17 giờ 00 phút")
    assert not tab.form.picker.matches_visible

    tab.form.picker.setFocus()
    press(qtbot, Key.Key_D, ALT)  # with no list open the box keeps its procedure and the key works
    assert focused() is tab.form.applicant.id_number
    assert tab.form.picker.procedure.name == "Thủ tục đăng ký khai sinh"


def test_alt_1_2_3_bring_each_tab_to_the_front(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    prepare(main_window, tmp_path)
    press(qtbot, Key.Key_2, ALT)
    assert main_window.tabs.currentWidget() is main_window.tracking_tab
    assert focused() is main_window.tracking_tab.view
    press(qtbot, Key.Key_3, ALT)
    assert main_window.tabs.currentIndex() == 2
    press(qtbot, Key.Key_1, ALT)
    assert main_window.tabs.currentWidget() is main_window.intake_tab
    assert main_window.tabs.tabToolTip(1).startswith("Mở thẻ này: Alt+2")


def test_ctrl_tab_leaves_the_tracking_table(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        save_intake(main_window.workspace, request(applicant_name=name), now=datetime(2026, 3, 2, 10, 10))
    main_window.tracking_tab.refresh()
    main_window.activateWindow()
    press(qtbot, Key.Key_2, ALT)
    view = main_window.tracking_tab.view
    qtbot.waitUntil(lambda: view.currentIndex().isValid())
    assert focused() is view
    column = view.currentIndex().column()
    press(qtbot, Key.Key_Tab, CTRL)
    assert main_window.tabs.currentIndex() == 2  # on to the next tab, as from every other field
    assert view.currentIndex().column() == column  # the table did not take the key
    press(qtbot, Key.Key_Backtab, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert main_window.tabs.currentWidget() is main_window.tracking_tab
