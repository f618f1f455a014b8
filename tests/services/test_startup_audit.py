"""The start-up verification of the audit log (services/health.py): what a user who may read the log is
told, a value another tool made unreadable, and stopping when the window closes."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from cchc_desktop.services.health import AUDIT_ADVICE, audit_message, verify_audit_log
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from tests.services.intake_helpers import request
from tests.services.raw_sql import run_sql

NOW = datetime(2026, 3, 2, 10, 10)


@pytest.mark.audit_tampered
def test_the_message_lists_the_first_problems_and_the_advice(workspace: Workspace) -> None:
    codes = [save_intake(workspace, request(), now=NOW).record.code for _ in range(12)]
    run_sql(workspace.db, "UPDATE dossier SET note = 'sửa tay'")
    result = verify_audit_log(workspace.db)
    assert result is not None and len(result.problems) == 12
    message = audit_message(result)
    assert message.startswith("Nhật ký hoặc dữ liệu đã bị thay đổi ngoài phần mềm (12 chỗ):\n- ")
    assert f"Hồ sơ {codes[0]} đã bị sửa ngoài phần mềm" in message
    assert codes[10] not in message and "- và 2 chỗ khác\n" in message
    assert message.endswith(AUDIT_ADVICE)
    assert request().applicant_name not in message


@pytest.mark.sqlite_only
@pytest.mark.audit_tampered
def test_a_time_another_tool_made_unreadable_is_a_problem_not_a_crash(workspace: Workspace) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    run_sql(workspace.db, "UPDATE dossier SET due_at = 'khong-phai-ngay' WHERE code = :code", {"code": code})
    result = verify_audit_log(workspace.db)
    assert result is not None and [problem.dossier_code for problem in result.problems] == [code]


def test_closing_the_window_stops_the_verification(workspace: Workspace) -> None:
    save_intake(workspace, request(), now=NOW)
    stop = threading.Event()
    assert verify_audit_log(workspace.db, stop) is not None
    stop.set()
    assert verify_audit_log(workspace.db, stop) is None
