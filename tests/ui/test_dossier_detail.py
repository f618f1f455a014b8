"""The dossier window: the legal next steps only, their forms, the notices they print, the warnings."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.domain.lifecycle import Action
from cchc_desktop.services import workflow
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dossier.action_forms import HandOverForm, SupplementReceivedForm, WithdrawForm
from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog, open_dossier
from cchc_desktop.ui.dossier.notice_forms import ExtendForm, SupplementRequestForm
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.printing import pdf_files_in
from cchc_desktop.ui.scan_to_open import ScanToOpen
from tests.services.intake_helpers import request
from tests.ui.keyboard import type_text
from tests.ui.test_intake_support import pdf_text
from tests.ui.test_scan_to_open import FakeClock, scan

Key = Qt.Key
NOW = datetime(2026, 3, 2, 10, 10)  # received Mon 2/3/2026 10:05; 3 working days → due Thu 5/3 10:05
TUESDAY = datetime(2026, 3, 3, 9, 0)
AT = datetime(2026, 3, 2, 14, 0)
OPEN_STEPS = [
    Action.HAND_OVER,
    Action.RECEIVE_RESULT,
    Action.REQUEST_SUPPLEMENT,
    Action.REFUSE,
    Action.WITHDRAW,
    Action.STOP,
    Action.EXTEND,
]


@pytest.fixture
def code(workspace: Workspace) -> str:
    return save_intake(workspace, request(), now=NOW).record.code


@pytest.fixture
def open_dialog(qtbot, workspace: Workspace, code: str, tmp_path: Path) -> Callable[..., DossierDetailDialog]:  # type: ignore[no-untyped-def]
    def make(clock: datetime = TUESDAY) -> DossierDetailDialog:
        dialog = DossierDetailDialog(
            workspace, code, printer_factory=pdf_files_in(tmp_path), clock=lambda: clock
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog

    return make


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _text(pdf: Path) -> str:
    return " ".join(unicodedata.normalize("NFC", pdf_text(pdf)).split())


def _hand_over(ws: Workspace, code: str) -> None:
    workflow.hand_over(
        ws, code, giver="Lê Văn Tâm", taker="Phạm Thị Thu", taker_unit="Tư pháp - Hộ tịch", at=AT
    )


def _result_ready(ws: Workspace, code: str) -> None:
    _hand_over(ws, code)
    workflow.receive_result(ws, code, giver="Phạm Thị Thu", taker="Lê Văn Tâm", at=datetime(2026, 3, 3, 8, 0))


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([], OPEN_STEPS),
        ([_hand_over], OPEN_STEPS),
        (
            [
                lambda ws, code: workflow.request_supplement(
                    ws, code, items=["Tờ khai"], reason="Thiếu", actor="Tâm", at=AT
                )
            ],
            [Action.SUPPLEMENT_RECEIVED, Action.REFUSE, Action.WITHDRAW, Action.STOP],
        ),
        ([_result_ready], [Action.RETURN_RESULT]),
        (
            [_result_ready, lambda ws, code: workflow.return_result(ws, code, actor="Tâm", at=TUESDAY)],
            [],
        ),
    ],
    ids=["received", "in_processing", "waiting_supplement", "result_ready", "returned"],
)
def test_only_the_legal_next_steps_have_a_button(
    open_dialog: Callable[..., DossierDetailDialog],
    workspace: Workspace,
    code: str,
    steps: list[Callable[[Workspace, str], object]],
    expected: list[Action],
) -> None:
    for step in steps:
        step(workspace, code)
    dialog = open_dialog()
    assert dialog.visible_actions() == expected
    assert dialog.no_actions.isVisible() == (not expected)
    for action in expected:
        assert "Alt+" in dialog.buttons[action].toolTip()


def test_a_hand_over_typed_in_its_form_changes_the_state_and_the_timeline(
    qtbot, open_dialog: Callable[..., DossierDetailDialog], workspace: Workspace, code: str
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    rows_before = dialog.timeline_model.rowCount()
    with qtbot.waitSignal(dialog.changed) as changed:
        qtbot.keyClick(focused(), Key.Key_C, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: dialog.form is not None)  # a mnemonic clicks the button after 100 ms
        form = dialog.form
        assert isinstance(form, HandOverForm)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is form.taker)
        type_text(focused(), "Phạm Thị Thu")
        qtbot.keyClick(focused(), Key.Key_Tab)
        type_text(focused(), "Công chức Tư pháp - Hộ tịch")
        qtbot.keyClick(focused(), Key.Key_Return)
    assert changed.args == [code]
    record = dossier_by_code(workspace, code)
    assert record.status is DossierStatus.IN_PROCESSING
    assert record.current_holder == "Phạm Thị Thu"
    assert dialog.timeline_model.rowCount() == rows_before + 1
    last = [dialog.timeline_model.index(rows_before, column).data() for column in range(6)]
    assert last[:3] == [
        "09:00 03/03/2026",
        "Chuyển hồ sơ",
        "Lê Văn Tâm → Phạm Thị Thu (Công chức Tư pháp - Hộ tịch)",
    ]
    assert "Đang giải quyết" in dialog.heading.text()
    assert dialog.last_status == "Đã ghi: Chuyển hồ sơ lúc 09:00 03/03/2026."


def test_a_time_before_the_receipt_is_refused_in_the_form_and_nothing_is_saved(
    open_dialog: Callable[..., DossierDetailDialog], workspace: Workspace, code: str
) -> None:
    dialog = open_dialog()
    events_before = workflow.events_of(workspace, code)
    form = dialog.start_action(Action.HAND_OVER)
    assert isinstance(form, HandOverForm)
    form.taker.setText("Phạm Thị Thu")
    form.unit.setEditText("Công chức Tư pháp - Hộ tịch")
    form.at.set_moment(datetime(2026, 3, 1, 8, 0))
    form.submit()
    assert form.error.isVisible()
    assert form.error.text() == "Thời điểm thực hiện phải sau thời điểm nhận hồ sơ (10:05 02/03/2026)."
    assert form.isVisible() and dialog.form is form
    assert dossier_by_code(workspace, code).status is DossierStatus.RECEIVED
    assert workflow.events_of(workspace, code) == events_before


def test_a_supplement_request_prints_form_02_with_the_missing_items(
    qtbot, open_dialog: Callable[..., DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    form = dialog.start_action(Action.REQUEST_SUPPLEMENT)
    assert isinstance(form, SupplementRequestForm)
    suggested = [form.suggestions.item(row).text() for row in range(form.suggestions.rowCount())]
    form_row = next(row for row, text in enumerate(suggested) if text.startswith("Tờ khai cấp Giấy xác nhận"))
    form.tick(form_row)
    type_text(form.other_items, "Bản sao Giấy khai sinh của con")
    type_text(form.reason, "Hồ sơ chưa đủ thành phần")
    with qtbot.waitSignal(dialog.printer.finished, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        assert dialog.last_status.startswith("Đã ghi: Yêu cầu bổ sung lúc 09:00 03/03/2026. Đang in Phiếu")
    assert dossier_by_code(workspace, code).status is DossierStatus.WAITING_SUPPLEMENT
    text = _text(tmp_path / f"{code}-supplement_request.pdf")
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân" in text
    assert "Bản sao Giấy khai sinh của con" in text
    assert dialog.last_status.endswith("Đã in Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02).")
    assert dialog.visible_actions() == [
        Action.SUPPLEMENT_RECEIVED,
        Action.REFUSE,
        Action.WITHDRAW,
        Action.STOP,
    ]
    kinds = [e.kind for e in workflow.events_of(workspace, code)]
    assert kinds[-2:] == ["request_supplement", "printed_supplement_request"]


def test_the_reprint_menu_offers_the_forms_of_the_dossier_and_marks_reprints(
    qtbot, open_dialog: Callable[..., DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    workflow.refuse(workspace, code, reason="Không thuộc thẩm quyền", actor="Lê Văn Tâm", at=TUESDAY)
    dialog = open_dialog()
    dialog.steps.reprint_menu.aboutToShow.emit()
    assert [a.text() for a in dialog.steps.reprint_menu.actions()] == [
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)",
        "Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 06)",
        "Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)",
    ]
    for _ in range(2):
        with qtbot.waitSignal(dialog.printer.finished, timeout=10_000):
            dialog.steps.reprint_menu.actions()[2].trigger()
    assert "BẢN IN LẠI" not in pdf_text(tmp_path / f"{code}-refusal.pdf")
    assert "BẢN IN LẠI LẦN 1" in pdf_text(tmp_path / f"{code}-refusal-in-lai-1.pdf")
    assert dialog.last_status == "Đã in lại (lần 1) Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)."
    assert dialog.timeline_model.index(dialog.timeline_model.rowCount() - 1, 1).data() == (
        "In Phiếu từ chối tiếp nhận giải quyết hồ sơ"
    )


def test_a_reprint_before_the_agency_is_set_up_says_what_is_missing_not_a_printing_error(
    qtbot, open_dialog: Callable[..., DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.storage import settings_repo

    with workspace.db.write() as tx:  # the signer's name was cleared in the settings
        settings_repo.write_many(tx, {"signer_name": ""})
    dialog = open_dialog()
    dialog.steps.reprint_menu.aboutToShow.emit()
    with qtbot.waitSignal(dialog.printer.refused, timeout=10_000):
        dialog.steps.reprint_menu.actions()[0].trigger()
    assert dialog.last_status.startswith(
        "Chưa in được vì thông tin cơ quan chưa đủ: còn thiếu họ tên người ký."
    )
    assert "Lỗi khi in" not in dialog.last_status
    assert not list(tmp_path.glob(f"{code}*.pdf"))


def test_an_extension_is_offered_once_and_only_to_a_working_day(
    qtbot, open_dialog: Callable[..., DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    form = dialog.start_action(Action.EXTEND)
    assert isinstance(form, ExtendForm)
    assert form.new_appointment.moment() == datetime(2026, 3, 6, 10, 5)  # the next working day
    type_text(form.reason, "Chờ kết quả xác minh")
    form.new_appointment.set_moment(datetime(2026, 3, 7, 10, 0))  # a Saturday
    form.submit()
    assert form.error.text() == "Ngày 07/03/2026 (Thứ Bảy) không phải ngày làm việc: chọn ngày làm việc khác."
    form.new_appointment.set_moment(datetime(2026, 3, 9, 10, 0))
    with qtbot.waitSignal(dialog.printer.finished, timeout=10_000):
        form.submit()
    assert dossier_by_code(workspace, code).appointment_at == datetime(2026, 3, 9, 10, 0)
    assert Action.EXTEND not in dialog.visible_actions()
    assert "09/03/2026" in dialog.details.text("appointment")
    letter = _text(tmp_path / f"{code}-extension.pdf")
    assert "sẽ trả kết quả vào 10 giờ 00 phút, ngày 09 tháng 03 năm 2026" in letter
    assert dialog.last_status.endswith("Đã in Văn bản xin lỗi và đề nghị gia hạn (Mẫu 04).")


def test_a_withdrawal_asks_its_reason_first_and_is_recorded_now(
    qtbot, open_dialog: Callable[..., DossierDetailDialog], workspace: Workspace, code: str
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    form = dialog.start_action(Action.WITHDRAW)
    assert isinstance(form, WithdrawForm)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.reason)
    form.submit()
    assert form.error.text() == "Nhập lý do rút hồ sơ (theo đề nghị của người nộp)."
    assert form.isVisible() and dossier_by_code(workspace, code).status is DossierStatus.RECEIVED
    type_text(focused(), "Công dân xin rút")
    qtbot.keyClick(focused(), Key.Key_Return)
    assert dossier_by_code(workspace, code).status is DossierStatus.WITHDRAWN
    last = workflow.events_of(workspace, code)[-1]
    assert (last.kind, last.note, last.at) == ("withdraw", "Công dân xin rút", TUESDAY)


def test_a_supplement_received_asks_the_moment_then_a_note(
    qtbot, open_dialog: Callable[..., DossierDetailDialog], workspace: Workspace, code: str
) -> None:  # type: ignore[no-untyped-def]
    workflow.request_supplement(workspace, code, items=["Tờ khai"], reason="Thiếu", actor="Tâm", at=AT)
    dialog = open_dialog()
    form = dialog.start_action(Action.SUPPLEMENT_RECEIVED)
    assert isinstance(form, SupplementReceivedForm)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.at)
    assert form.at.moment() == TUESDAY
    assert form.at.toolTip() == "Mặc định là bây giờ; sửa nếu ghi lại việc đã làm trước đó"
    form.at.set_moment(datetime(2026, 3, 3, 8, 30))
    after_the_moment = form.at.nextInFocusChain()
    # skip the moment's own line edit and the labels
    while form.at.isAncestorOf(after_the_moment) or not (
        after_the_moment.focusPolicy() & Qt.FocusPolicy.TabFocus
    ):
        after_the_moment = after_the_moment.nextInFocusChain()
    assert after_the_moment is form.note  # Tab order: the moment, then the note
    type_text(form.note, "Bản sao Giấy khai sinh")
    qtbot.keyClick(form.note, Key.Key_Return)
    assert dossier_by_code(workspace, code).status is DossierStatus.RECEIVED  # back from waiting
    last = workflow.events_of(workspace, code)[-1]
    assert (last.kind, last.note, last.at) == (
        "supplement_received",
        "Bản sao Giấy khai sinh",
        datetime(2026, 3, 3, 8, 30),
    )


def test_the_near_due_and_supplement_alerts(
    open_dialog: Callable[..., DossierDetailDialog], workspace: Workspace, code: str
) -> None:
    assert not open_dialog(datetime(2026, 3, 2, 14, 0)).alert.isVisible()
    near = open_dialog(datetime(2026, 3, 4, 9, 30))
    assert near.alert.isVisible()
    assert near.alert.text().startswith(
        "Hồ sơ sắp đến hạn mà chưa có văn bản xin lỗi, gia hạn (Mẫu 04): hạn trả kết quả 10:05 05/03/2026"
    )
    assert "chậm nhất trong ngày 04/03/2026" in near.alert.text()
    workflow.request_supplement(workspace, code, items=["Tờ khai"], reason="Thiếu", actor="Tâm", at=TUESDAY)
    assert not open_dialog(datetime(2026, 3, 17, 9, 0)).alert.isVisible()
    late = open_dialog(datetime(2026, 3, 19, 9, 0))
    assert "đề nghị đóng hồ sơ" in late.alert.text() and "03/03/2026" in late.alert.text()


def test_the_timeline_model_passes_the_model_tester(
    qtmodeltester, open_dialog: Callable[..., DossierDetailDialog], workspace: Workspace, code: str
) -> None:  # type: ignore[no-untyped-def]
    _result_ready(workspace, code)
    dialog = open_dialog()
    assert dialog.timeline_model.rowCount() == 3
    qtmodeltester.check(dialog.timeline_model)
    dialog.timeline_model.set_events([])
    qtmodeltester.check(dialog.timeline_model)


@pytest.fixture
def scanner(qtbot) -> Iterator[tuple[ScanToOpen, FakeClock]]:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    scan_to_open = ScanToOpen(clock=clock)
    scan_to_open.install()
    yield scan_to_open, clock
    scan_to_open.uninstall()


def test_scan_enter_enter_returns_a_ready_result(
    qtbot, main_window: MainWindow, workspace: Workspace, code: str, scanner, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _result_ready(workspace, code)
    scan_to_open, clock = scanner
    opened: list[DossierDetailDialog | None] = []
    scan_to_open.code_scanned.connect(
        lambda scanned: opened.append(
            open_dossier(main_window, workspace, scanned, pdf_files_in(tmp_path), clock=lambda: TUESDAY)
        )
    )
    name = main_window.intake_tab.form.applicant.name
    main_window.activateWindow()
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    scan(qtbot, name, code, clock)
    qtbot.waitUntil(lambda: bool(opened))
    dialog = opened[0]
    assert dialog is not None and name.text() == ""
    returning = dialog.buttons[Action.RETURN_RESULT]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is returning)
    assert returning.isDefault()
    qtbot.keyClick(focused(), Key.Key_Return)
    form = dialog.form
    assert form is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.save_button)
    qtbot.keyClick(focused(), Key.Key_Return)
    record = dossier_by_code(workspace, code)
    assert record.status is DossierStatus.RETURNED
    assert record.returned_at == TUESDAY
    assert dialog.visible_actions() == []
    dialog.close()


def test_an_unknown_code_is_reported_in_the_status_bar(main_window: MainWindow, workspace: Workspace) -> None:
    assert open_dossier(main_window, workspace, "000.00.00.H00-260302-0999") is None
    assert main_window.statusBar().currentMessage() == "Không tìm thấy hồ sơ mã 000.00.00.H00-260302-0999."


def test_a_new_dossier_replaces_the_open_one_unless_its_form_is_open(
    qtbot, main_window: MainWindow, workspace: Workspace, code: str
) -> None:  # type: ignore[no-untyped-def]
    other = save_intake(workspace, request(), now=NOW).record.code
    first = open_dossier(main_window, workspace, code, clock=lambda: TUESDAY)
    assert first is not None and first.isVisible()
    form = first.start_action(Action.WITHDRAW)
    assert open_dossier(main_window, workspace, other) is None
    assert main_window.statusBar().currentMessage() == (
        f"Đang mở biểu mẫu của hồ sơ {code}: lưu hoặc hủy biểu mẫu đó trước khi mở hồ sơ khác."
    )
    form.reject()
    second = open_dossier(main_window, workspace, other, clock=lambda: TUESDAY)
    assert second is not None and second.code == other
    assert not first.isVisible() and second.isVisible()
    second.close()


@pytest.mark.parametrize(
    ("received", "clock", "due", "last_day"),
    [
        # received Wed 4/3/2026, 3 working days → due Monday 9/3; Mẫu 04 by Friday 6/3
        (datetime(2026, 3, 4, 10, 5), datetime(2026, 3, 6, 9, 0), "10:05 09/03/2026", "06/03/2026"),
        # received Wed 11/2/2026 → due Monday 23/2, the first working day after Tết (16-20/2 off)
        (datetime(2026, 2, 11, 10, 5), datetime(2026, 2, 13, 9, 0), "10:05 23/02/2026", "13/02/2026"),
    ],
)
def test_the_extension_advice_names_the_last_working_day_before_the_due_date(
    qtbot, workspace: Workspace, tmp_path: Path, received: datetime, clock: datetime, due: str, last_day: str
) -> None:  # type: ignore[no-untyped-def]
    saved = save_intake(workspace, request(received_at=received), now=received).record
    dialog = DossierDetailDialog(
        workspace, saved.code, printer_factory=pdf_files_in(tmp_path), clock=lambda: clock
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.alert.isVisible()
    assert f"hạn trả kết quả {due}" in dialog.alert.text()
    assert f"lập Mẫu 04 chậm nhất trong ngày {last_day}" in dialog.alert.text()
