"""Wrong input is shown under its field, in Vietnamese, and nothing is stored until it is fixed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.core.errors import NotFoundError
from cchc_desktop.services.intake import dossier_by_code
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.intake.tab import IntakeTab
from cchc_desktop.ui.main_window import MainWindow
from tests.ui.keyboard import replace_text, type_text
from tests.ui.test_intake_support import choose_procedure, fill_valid_applicant, focused, prepare, press

Key = Qt.Key


def _set_name_empty(tab: IntakeTab) -> None:
    tab.form.applicant.name.clear()


def _set_short_id(tab: IntakeTab) -> None:
    tab.form.applicant.id_number.setText("12345")


def _set_unknown_province(tab: IntakeTab) -> None:
    tab.form.applicant.id_number.setText("099190012345")


def _set_bad_phone(tab: IntakeTab) -> None:
    tab.form.applicant.phone.setText("0123")


def _set_back_entry(tab: IntakeTab) -> None:
    tab.form.receipt.received_at.set_moment(datetime(2026, 3, 2, 9, 0))


CASES: list[tuple[str, Callable[[IntakeTab], None], str, str]] = [
    ("empty name", _set_name_empty, "applicant_name", "Nhập họ tên người nộp hồ sơ"),
    ("short ID", _set_short_id, "applicant_id_number", "Số định danh phải có 12 chữ số (đang có 5)."),
    (
        "unknown province",
        _set_unknown_province,
        "applicant_id_number",
        "Mã tỉnh 099 ở đầu số định danh không tồn tại",
    ),
    ("bad phone", _set_bad_phone, "applicant_phone", "Số điện thoại di động phải có 10 chữ số"),
    ("back-entry without reason", _set_back_entry, "back_entry_reason", "Nhập lý do vào sổ muộn"),
]


def _assert_nothing_stored(workspace: Workspace, tab: IntakeTab) -> None:
    assert tab.last_saved is None
    with pytest.raises(NotFoundError):
        dossier_by_code(workspace, "000.00.00.H00-260302-0001")


@pytest.mark.parametrize(
    ("spoil", "field", "message"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_save_is_refused_with_the_message_under_the_field(
    qtbot,  # type: ignore[no-untyped-def]
    main_window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    spoil: Callable[[IntakeTab], None],
    field: str,
    message: str,
) -> None:
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    spoil(tab)
    press(qtbot, Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    errors = tab.form.errors
    assert errors.message(field).startswith(message)
    assert errors.label(field).isVisible()
    assert errors.field(field).property("invalid") is True
    assert list(errors.shown()) == [field]
    assert focused() is errors.field(field)
    assert tab.last_status == "Chưa lưu: còn 1 mục cần sửa (đánh dấu đỏ)."
    _assert_nothing_stored(workspace, tab)


def test_a_fee_needs_a_payment_method(
    qtbot, main_window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "chung thuc chu ky")
    fee = tab.form.fee
    assert fee.amount.value() == 10_000
    assert fee.fee_text.text() == "10.000 đồng/trường hợp"
    fill_valid_applicant(tab)
    press(qtbot, Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.form.errors.message("payment_method").startswith("Chọn hình thức nộp phí, lệ phí")
    assert focused() is fee.payment
    _assert_nothing_stored(workspace, tab)

    press(qtbot, Key.Key_Down)  # the closed combo moves to "Tiền mặt"; the message goes at once
    assert tab.form.errors.shown() == {}
    press(qtbot, Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.last_saved is not None and tab.last_saved.record.fee_amount == 10_000
    qtbot.waitUntil(lambda: not tab.runner.busy)


def test_an_exempted_fee_needs_a_reason_and_then_costs_nothing(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "2.000635")  # bản sao trích lục hộ tịch, 8.000 đồng
    fill_valid_applicant(tab)
    fee = tab.form.fee
    fee.exempt.setChecked(True)
    assert not fee.payment.isEnabled() and not fee.amount.isEnabled()
    tab.save()
    assert tab.form.errors.message("fee_exempt_reason") == "Nhập lý do miễn, giảm phí, lệ phí."
    type_text(fee.exempt_reason, "Người có công với cách mạng")
    assert tab.save() is not None
    assert tab.last_saved is not None and tab.last_saved.record.fee_amount == 0
    qtbot.waitUntil(lambda: not tab.runner.busy)


def test_a_message_shows_when_the_field_is_left_and_goes_when_fixed(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    applicant = tab.form.applicant
    applicant.phone.setFocus()
    type_text(applicant.phone, "0123")
    assert tab.form.errors.message("applicant_phone") == ""  # not while typing
    press(qtbot, Key.Key_Tab)
    assert tab.form.errors.message("applicant_phone").startswith("Số điện thoại di động phải có 10 chữ số")
    assert tab.form.errors.message("applicant_name") == ""  # untouched fields stay quiet
    replace_text(applicant.phone, "0912345678")
    assert tab.form.errors.message("applicant_phone") == ""
    assert applicant.phone.property("invalid") is False


def test_save_lists_every_mistake_and_focuses_the_first(
    qtbot, main_window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    tab.form.applicant.phone.setText("12")
    assert tab.save() is None
    assert set(tab.form.errors.shown()) == {
        "procedure_code",
        "applicant_name",
        "applicant_id_number",
        "applicant_phone",
        "documents",
    }
    assert focused() is tab.form.picker
    _assert_nothing_stored(workspace, tab)


def test_the_back_entry_reason_appears_only_for_an_old_receipt_time(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    receipt = tab.form.receipt
    assert not receipt.back_entry.isVisible()
    receipt.received_at.set_moment(datetime(2026, 3, 2, 13, 36))  # 29 minutes ago
    assert not receipt.back_entry.isVisible()
    receipt.received_at.set_moment(datetime(2026, 3, 2, 13, 30))
    assert receipt.back_entry.isVisible()
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    receipt.received_at.set_moment(datetime(2026, 3, 2, 9, 0))
    type_text(receipt.back_entry, "Hồ sơ nhận khi mất điện, nhập bù")
    saved = tab.save()
    assert saved is not None and saved.record.received_at == datetime(2026, 3, 2, 9, 0)
    qtbot.waitUntil(lambda: not tab.runner.busy)


def test_a_submitter_needs_an_authorisation_document(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    submitter = tab.form.submitter
    assert not submitter.body.isVisible()
    submitter.toggle.setFocus()
    press(qtbot, Key.Key_Space)
    assert submitter.body.isVisible()
    submitter.name.setText("Lê Văn Cường")
    submitter.id_number.setText("031088004321")
    assert tab.save() is None
    assert (
        tab.form.errors.message("authorisation_document")
        == "Ghi văn bản ủy quyền (số, ngày) của người nộp thay."
    )
    assert focused() is submitter.authorisation
    type_text(submitter.authorisation, "Giấy ủy quyền ngày 01/03/2026")
    saved = tab.save()
    assert saved is not None and saved.record.submitter_name == "Lê Văn Cường"
    qtbot.waitUntil(lambda: not tab.runner.busy)
