from __future__ import annotations

import io
import unicodedata
from datetime import datetime

from pypdf import PdfReader

from cchc_desktop.domain.dossiers import PaymentMethod
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.printing import PrintedForm, prepare_print, record_print
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import dossier_repo
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)


def _text(pdf: bytes) -> list[str]:
    return [unicodedata.normalize("NFC", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_receipt_of_a_stored_dossier_carries_what_the_citizen_checks(workspace: Workspace) -> None:
    saved = save_intake(workspace, request(fee_amount=0), now=NOW)
    job = prepare_print(workspace, saved.record.code, PrintedForm.RECEIPT)
    pages = _text(job.pdf)
    assert len(pages) == 2  # Liên 1 and Liên 2
    first = " ".join(pages[0].split())
    assert "Liên 1" in first and "Liên 2" in " ".join(pages[1].split())
    for expected in (
        saved.record.code,
        "Nguyễn Thị Hoa",
        "030185001234",
        "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        "03 ngày làm việc",
        "10 giờ 05 phút, ngày 02 tháng 03 năm 2026",
        "10 giờ 05 phút, ngày 05 tháng 03 năm 2026",
        "Quyển số: 2026",
        "Số thứ tự: 1",
        "Lê Văn Tâm",
        "UBND XÃ ĐẠI HỢP",
        "Trung tâm Phục vụ hành chính công xã Đại Hợp",
        "Không thu",
    ):
        assert expected in first, expected
    assert job.reprint_number == 0 and "BẢN IN LẠI" not in first


def test_a_reprint_is_marked_and_every_print_is_an_event(workspace: Workspace) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    first = prepare_print(workspace, code, PrintedForm.RECEIPT)
    record_print(workspace, first, actor="Tâm")
    again = prepare_print(workspace, code, PrintedForm.RECEIPT)
    assert again.reprint_number == 1
    assert "BẢN IN LẠI LẦN 1" in _text(again.pdf)[0]
    slip = prepare_print(workspace, code, PrintedForm.CONTROL_SLIP)
    assert slip.reprint_number == 0
    record_print(workspace, slip)
    with workspace.db.read() as tx:
        row = dossier_repo.by_code(tx, code)
        assert row is not None and row.id is not None
        kinds = [e.kind for e in dossier_repo.events_of(tx, row.id)]
    assert kinds == ["received", "printed_receipt", "printed_control_slip"]


def test_the_fee_line_names_the_payment(workspace: Workspace) -> None:
    code = save_intake(
        workspace,
        request(procedure_code="2.000635", fee_amount=16000, payment_method=PaymentMethod.CASH),
        now=NOW,
    ).record.code
    assert "Lệ phí: 16.000 đồng (tiền mặt)" in " ".join(
        _text(prepare_print(workspace, code, PrintedForm.RECEIPT).pdf)[0].split()
    )


def test_the_control_slip_starts_at_the_counter(workspace: Workspace) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    text = " ".join(_text(prepare_print(workspace, code, PrintedForm.CONTROL_SLIP).pdf)[0].split())
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Giao: Bộ phận TN&TKQ" in text
    assert "Số: ……………/PKS-TTPVHCC" in text or "PKS-TTPVHCC" in text
    assert "10 giờ 05 phút, ngày 05 tháng 03 năm 2026" in text
