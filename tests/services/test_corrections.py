from __future__ import annotations

from datetime import date, datetime

import pytest

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.services.audit_view import AuditFilter, page
from cchc_desktop.services.corrections import NO_BIRTH_DATE, Correction, correct_dossier
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import dossier_repo
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)


def test_a_corrected_name_is_stored_with_an_event_and_the_due_date_kept(workspace: Workspace) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    result = correct_dossier(
        workspace,
        code,
        Correction(applicant_name="Nguyễn Thị Hòa"),
        "Ghi sai dấu tên",
        move_due=False,
        actor="Tâm",
    )
    assert result.changed == ("applicant_name",)
    assert dossier_by_code(workspace, code).applicant_name == "Nguyễn Thị Hòa"
    with workspace.db.read() as tx:
        events = dossier_repo.events_of(tx, result.record.id)
    assert [e.kind for e in events] == ["received", "corrected"]
    assert '"before": {"applicant_name": "Nguyễn Thị Hoa"}' in events[-1].data_json
    assert events[-1].note == "Ghi sai dấu tên"


def test_a_new_procedure_moves_the_due_date_only_when_confirmed(workspace: Workspace) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code  # 3 working days → 05/03 10:05
    kept = correct_dossier(
        workspace, code, Correction(procedure_code="1.004884"), "Chọn nhầm thủ tục", move_due=False
    )
    assert kept.proposed_due_at == datetime(2026, 3, 9, 10, 5)  # 5 working days
    assert not kept.due_moved
    assert dossier_by_code(workspace, code).due_at == datetime(2026, 3, 5, 10, 5)
    assert dossier_by_code(workspace, code).procedure_name == "Thủ tục đăng ký lại khai sinh"
    moved = correct_dossier(
        workspace, code, Correction(received_at=datetime(2026, 3, 2, 9, 0)), "Giờ nhận thực tế", move_due=True
    )
    assert moved.due_moved
    assert dossier_by_code(workspace, code).due_at == datetime(2026, 3, 9, 9, 0)


def test_a_correction_needs_a_reason_and_valid_values(workspace: Workspace) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    with pytest.raises(InvalidInputError, match="lý do"):
        correct_dossier(workspace, code, Correction(applicant_name="X"), " ", move_due=False)
    with pytest.raises(InvalidInputError, match="12 chữ số"):
        correct_dossier(workspace, code, Correction(applicant_id_number="123"), "Sai số", move_due=False)
    with pytest.raises(InvalidInputError, match="Không có thông tin nào thay đổi"):
        correct_dossier(
            workspace, code, Correction(applicant_name="Nguyễn Thị Hoa"), "Không đổi", move_due=False
        )
    assert dossier_by_code(workspace, code).applicant_id_number == "030185001234"


def test_the_date_of_birth_is_corrected_or_removed_and_the_log_names_it(workspace: Workspace) -> None:
    code = save_intake(workspace, request(applicant_birth_date=date(1985, 5, 12)), now=NOW).record.code
    with pytest.raises(InvalidInputError, match="sau hôm nay"):
        correct_dossier(
            workspace, code, Correction(applicant_birth_date=date(2999, 1, 1)), "Sai", move_due=False
        )
    with pytest.raises(InvalidInputError, match="năm sinh"):  # the ID number says 1985
        correct_dossier(
            workspace, code, Correction(applicant_birth_date=date(1990, 1, 1)), "Sai", move_due=False
        )
    result = correct_dossier(
        workspace, code, Correction(applicant_birth_date=date(1985, 12, 5)), "Đảo ngày tháng", move_due=False
    )
    assert result.changed == ("applicant_birth_date",)
    assert dossier_by_code(workspace, code).applicant_birth_date == date(1985, 12, 5)
    correct_dossier(
        workspace, code, Correction(applicant_birth_date=NO_BIRTH_DATE), "Không rõ", move_due=False
    )
    assert dossier_by_code(workspace, code).applicant_birth_date is None
    corrections = [
        row for row in page(workspace, AuditFilter(dossier_code=code)) if row.action == "correction"
    ]
    assert any("Ngày sinh: 12/05/1985 → 05/12/1985" in row.change_text for row in corrections), [
        row.change_text for row in corrections
    ]
