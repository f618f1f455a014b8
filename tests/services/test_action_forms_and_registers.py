"""Forms printed by lifecycle actions, the register and the daily list, from stored dossiers."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.services import workflow
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.printing import PrintedForm, prepare_print, record_print
from cchc_desktop.services.registers import daily_list_data, register_data
from cchc_desktop.services.workspace import Workspace
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join(unicodedata.normalize("NFC", page.extract_text()).split())
        for page in PdfReader(io.BytesIO(pdf)).pages
    )


@pytest.fixture
def code(workspace: Workspace) -> str:
    return save_intake(workspace, request(), now=NOW).record.code


def test_supplement_request_lists_what_is_missing(workspace: Workspace, code: str) -> None:
    workflow.request_supplement(
        workspace,
        code,
        items=["Bản sao Giấy khai sinh", "Tờ khai có chữ ký"],
        reason="Hồ sơ còn thiếu",
        actor="Phạm Thị Thu",
        at=datetime(2026, 3, 3, 9, 0),
    )
    text = _text(prepare_print(workspace, code, PrintedForm.SUPPLEMENT_REQUEST).pdf)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "PBS-TTPVHCC" in text
    assert "Bản sao Giấy khai sinh" in text and "Tờ khai có chữ ký" in text
    assert "Nguyễn Thị Hoa" in text and "Phạm Thị Thu" in text


def test_refusal_extension_and_stop_notice(workspace: Workspace) -> None:
    refused = save_intake(workspace, request(), now=NOW).record.code
    workflow.refuse(
        workspace, refused, reason="Không thuộc thẩm quyền của xã", actor="Tâm", at=datetime(2026, 3, 2, 11)
    )
    assert "Không thuộc thẩm quyền của xã" in _text(
        prepare_print(workspace, refused, PrintedForm.REFUSAL).pdf
    )

    late = save_intake(workspace, request(), now=NOW).record.code
    workflow.extend(
        workspace,
        late,
        new_appointment=datetime(2026, 3, 10, 10, 0),
        reason="Chờ xác minh nơi cư trú",
        actor="Chủ tịch",
        at=datetime(2026, 3, 4, 9, 0),
    )
    apology = _text(prepare_print(workspace, late, PrintedForm.EXTENSION).pdf)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in apology
    assert "10 giờ 00 phút, ngày 10 tháng 03 năm 2026" in apology

    stopped = save_intake(workspace, request(), now=NOW).record.code
    workflow.stop(
        workspace,
        stopped,
        requested_at=datetime(2026, 3, 3, 8, 0),
        returned_items="Bản chính giấy tờ",
        actor="Tâm",
        at=datetime(2026, 3, 3, 9, 0),
    )
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in _text(
        prepare_print(workspace, stopped, PrintedForm.STOP_NOTICE).pdf
    )


def test_a_form_without_its_action_cannot_be_printed(workspace: Workspace, code: str) -> None:
    with pytest.raises(InvalidInputError, match="chưa có"):
        prepare_print(workspace, code, PrintedForm.REFUSAL)


def test_reprinting_an_action_form_is_marked(workspace: Workspace, code: str) -> None:
    workflow.refuse(workspace, code, reason="Không đủ điều kiện", actor="Tâm", at=datetime(2026, 3, 2, 11))
    record_print(workspace, prepare_print(workspace, code, PrintedForm.REFUSAL))
    assert "BẢN IN LẠI LẦN 1" in _text(prepare_print(workspace, code, PrintedForm.REFUSAL).pdf)


def test_the_register_holds_the_dossiers_received_in_the_period(workspace: Workspace) -> None:
    first = save_intake(workspace, request(), now=NOW).record
    save_intake(workspace, request(received_at=datetime(2026, 4, 1, 9, 0)), now=datetime(2026, 4, 1, 9, 5))
    data = register_data(workspace, date(2026, 3, 1), date(2026, 3, 31))
    assert [row.code for row in data.rows] == [first.code]
    row = data.rows[0]
    assert (row.number, row.delivery) == (1, "Trực tiếp")
    assert row.address_phone == "Thôn Đông, xã Đại Hợp, thành phố Hải Phòng, 0912345678"
    assert data.volume == "2026"


def test_the_daily_list_has_todays_intake_and_tomorrows_due(workspace: Workspace) -> None:
    today = save_intake(workspace, request(), now=NOW).record  # due Thu 5/3
    earlier = save_intake(
        workspace, request(received_at=datetime(2026, 2, 27, 9, 0), back_entry_reason="Nhập bù"), now=NOW
    ).record  # 3 working days from Fri 27/2 → Wed 4/3
    data = daily_list_data(workspace, date(2026, 3, 3))
    assert data.next_working_day == date(2026, 3, 4)
    assert [r.code for r in data.received] == []
    assert [r.code for r in data.due_next] == [earlier.code]
    assert [r.code for r in daily_list_data(workspace, date(2026, 3, 2)).received] == [
        today.code,
        earlier.code,
    ][:1]
