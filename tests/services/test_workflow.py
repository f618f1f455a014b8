"""The dossier's life through the workflow service, as the counter records it."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime

import pytest
from pypdf import PdfReader

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.services import workflow
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.printing import PrintedForm, prepare_print
from cchc_desktop.services.settings import load_settings, save_settings
from cchc_desktop.services.workspace import Workspace
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)  # dossier received Mon 2/3/2026 10:05, 3 working days → Thu 5/3 10:05


@pytest.fixture
def code(workspace: Workspace) -> str:
    return save_intake(workspace, request(), now=NOW).record.code


def test_hand_over_result_and_return(workspace: Workspace, code: str) -> None:
    handed = workflow.hand_over(
        workspace,
        code,
        giver="Lê Văn Tâm",
        taker="Phạm Thị Thu",
        taker_unit="Công chức Tư pháp - Hộ tịch",
        at=datetime(2026, 3, 2, 14, 0),
    )
    assert handed.record.status is DossierStatus.IN_PROCESSING
    assert handed.record.current_holder == "Phạm Thị Thu"
    assert handed.event.data["giver_unit"] == "Bộ phận TN&TKQ"
    workflow.hand_over(
        workspace,
        code,
        giver="Phạm Thị Thu",
        taker="Nguyễn Văn Hùng",
        taker_unit="Lãnh đạo UBND xã",
        at=datetime(2026, 3, 3, 9, 0),
    )
    result = workflow.receive_result(
        workspace, code, giver="Nguyễn Văn Hùng", taker="Lê Văn Tâm", at=datetime(2026, 3, 4, 15, 0)
    )
    assert result.record.status is DossierStatus.RESULT_READY
    assert result.record.resolved_at == datetime(2026, 3, 4, 15, 0)
    assert result.event.data["result"] == "trước hạn"
    assert result.event.data["giver_unit"] == "Lãnh đạo UBND xã"
    returned = workflow.return_result(workspace, code, actor="Lê Văn Tâm", at=datetime(2026, 3, 5, 8, 0))
    assert returned.record.status is DossierStatus.RETURNED
    assert returned.record.returned_at == datetime(2026, 3, 5, 8, 0)
    kinds = [e.kind for e in workflow.events_of(workspace, code)]
    assert kinds == ["received", "hand_over", "hand_over", "receive_result", "return_result"]


def test_the_control_slip_shows_every_hand_over_with_its_result(workspace: Workspace, code: str) -> None:
    workflow.hand_over(
        workspace,
        code,
        giver="Lê Văn Tâm",
        taker="Phạm Thị Thu",
        taker_unit="Công chức Tư pháp - Hộ tịch",
        at=datetime(2026, 3, 2, 14, 0),
    )
    workflow.receive_result(
        workspace, code, giver="Phạm Thị Thu", taker="Lê Văn Tâm", at=datetime(2026, 3, 5, 9, 0)
    )
    pdf = prepare_print(workspace, code, PrintedForm.CONTROL_SLIP).pdf
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Công chức Tư pháp - Hộ tịch" in text
    assert "Phạm Thị Thu" in text
    assert "Trước hạn" in text and "Đúng hạn" in text


@pytest.mark.parametrize(
    ("steps", "action"),
    [
        ([], "return_result"),
        ([("receive_result",)], "hand_over"),
        ([("refuse",)], "withdraw"),
        ([("withdraw",)], "receive_result"),
    ],
)
def test_illegal_actions_are_refused_with_the_state(
    workspace: Workspace, code: str, steps: list[tuple[str]], action: str
) -> None:
    at = datetime(2026, 3, 3, 9, 0)
    calls = {
        "return_result": lambda: workflow.return_result(workspace, code, actor="Tâm", at=at),
        "receive_result": lambda: workflow.receive_result(workspace, code, giver="Thu", taker="Tâm", at=at),
        "hand_over": lambda: workflow.hand_over(
            workspace, code, giver="Tâm", taker="Thu", taker_unit="Tư pháp", at=at
        ),
        "refuse": lambda: workflow.refuse(workspace, code, reason="Không đủ điều kiện", actor="Tâm", at=at),
        "withdraw": lambda: workflow.withdraw(workspace, code, reason="Công dân xin rút", actor="Tâm", at=at),
    }
    for (step,) in steps:
        calls[step]()
    before = dossier_by_code(workspace, code)
    with pytest.raises(InvalidInputError, match="không thể"):
        calls[action]()
    assert dossier_by_code(workspace, code) == before


def test_a_supplement_restarts_the_clock_and_keeps_the_first_due_date(
    workspace: Workspace, code: str
) -> None:
    waiting = workflow.request_supplement(
        workspace,
        code,
        items=["Bản sao Giấy khai sinh"],
        reason="Thiếu giấy tờ",
        actor="Thu",
        at=datetime(2026, 3, 3, 9, 0),
    )
    assert waiting.record.status is DossierStatus.WAITING_SUPPLEMENT
    completed = workflow.supplement_received(workspace, code, actor="Tâm", at=datetime(2026, 3, 6, 14, 0))
    assert completed.record.status is DossierStatus.RECEIVED
    assert completed.record.due_at == datetime(2026, 3, 11, 14, 0)  # Mon 9, Tue 10, Wed 11
    assert completed.record.original_due_at == datetime(2026, 3, 5, 10, 5)


def test_a_supplement_pauses_the_clock_when_the_province_says_so(workspace: Workspace, code: str) -> None:
    save_settings(workspace, dataclasses.replace(load_settings(workspace.db), supplement_mode="pause"))
    workflow.request_supplement(
        workspace,
        code,
        items=["Tờ khai ký lại"],
        reason="Sai chữ ký",
        actor="Thu",
        at=datetime(2026, 3, 3, 9, 0),
    )
    completed = workflow.supplement_received(workspace, code, actor="Tâm", at=datetime(2026, 3, 6, 14, 0))
    # on Tue 3/3 two working days were left (Wed 4, Thu 5): from Fri 6/3 → Mon 9, Tue 10 at 10:05
    assert completed.record.due_at == datetime(2026, 3, 10, 10, 5)


def test_an_extension_moves_the_appointment_once_and_keeps_the_due_date(
    workspace: Workspace, code: str
) -> None:
    extended = workflow.extend(
        workspace,
        code,
        new_appointment=datetime(2026, 3, 10, 10, 0),
        reason="Chờ xác minh",
        actor="Chủ tịch",
        at=datetime(2026, 3, 4, 9, 0),
    )
    assert extended.record.appointment_at == datetime(2026, 3, 10, 10, 0)
    assert extended.record.due_at == datetime(2026, 3, 5, 10, 5)
    with pytest.raises(InvalidInputError, match="một lần"):
        workflow.extend(
            workspace,
            code,
            new_appointment=datetime(2026, 3, 12, 10, 0),
            reason="Lần nữa",
            actor="Chủ tịch",
            at=datetime(2026, 3, 4, 10, 0),
        )


def test_an_extension_on_the_due_day_is_too_late(workspace: Workspace, code: str) -> None:
    with pytest.raises(InvalidInputError, match="chậm nhất 01 ngày"):
        workflow.extend(
            workspace,
            code,
            new_appointment=datetime(2026, 3, 10, 10, 0),
            reason="Muộn",
            actor="Chủ tịch",
            at=datetime(2026, 3, 5, 8, 0),
        )


def test_stop_records_the_request_and_what_is_returned(workspace: Workspace, code: str) -> None:
    stopped = workflow.stop(
        workspace,
        code,
        requested_at=datetime(2026, 3, 3, 8, 0),
        returned_items="Bản chính giấy tờ đã nộp",
        actor="Tâm",
        at=datetime(2026, 3, 3, 9, 0),
    )
    assert stopped.record.status is DossierStatus.STOPPED
    assert stopped.event.data["returned_items"] == "Bản chính giấy tờ đã nộp"


def test_times_before_the_receipt_or_in_the_future_are_refused(workspace: Workspace, code: str) -> None:
    with pytest.raises(InvalidInputError, match="sau thời điểm nhận"):
        workflow.hand_over(
            workspace, code, giver="Tâm", taker="Thu", taker_unit="Tư pháp", at=datetime(2026, 3, 1, 9)
        )
    with pytest.raises(InvalidInputError, match="hiện tại"):
        workflow.hand_over(
            workspace, code, giver="Tâm", taker="Thu", taker_unit="Tư pháp", at=datetime(2099, 1, 1)
        )
