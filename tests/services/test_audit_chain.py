"""The audit log as an inspector relies on it: whole after a day of work, and naming exactly what was
changed behind the app's back with plain SQL (on the SQLite file and on the server alike)."""

from __future__ import annotations

from datetime import datetime

import pytest

from cchc_desktop.domain.roles import Role
from cchc_desktop.services import workflow
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in
from cchc_desktop.services.audit_verify import verify_audit
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from tests.services.intake_helpers import request
from tests.services.raw_sql import run_sql

NOW = datetime(2026, 3, 2, 10, 10)


def _day_of_work(ws: Workspace) -> str:
    add_account(ws, AccountForm("quantri", "Nguyễn Văn Quản", "Công chức VP", frozenset(Role)), "mat-khau-1")
    sign_in(ws, "quantri", "mat-khau-1")
    code = save_intake(ws, request(), now=NOW).record.code
    save_intake(ws, request(), now=NOW)
    workflow.hand_over(
        ws,
        code,
        giver="Lê Văn Tâm",
        taker="Phạm Thị Thu",
        taker_unit="Tư pháp",
        at=datetime(2026, 3, 2, 14, 0),
    )
    return code


def test_an_untouched_log_verifies_and_counts_its_entries(workspace: Workspace) -> None:
    _day_of_work(workspace)
    result = verify_audit(workspace.db)
    assert result.ok, result.problems
    # the agency's settings (first run), account, sign-in, two intakes, one hand-over
    assert (result.entries, result.dossiers) == (6, 2)


@pytest.mark.audit_tampered
def test_an_entry_changed_with_sql_is_named(workspace: Workspace) -> None:
    _day_of_work(workspace)
    run_sql(workspace.db, "UPDATE audit_entry SET username = 'ai-do' WHERE seq = 3")
    problems = verify_audit(workspace.db).problems
    assert problems[0].seq == 3 and "số 3 đã bị sửa" in problems[0].text


@pytest.mark.audit_tampered
def test_a_deleted_entry_is_named(workspace: Workspace) -> None:
    _day_of_work(workspace)
    run_sql(workspace.db, "DELETE FROM audit_entry WHERE seq = 2")
    problems = verify_audit(workspace.db).problems
    assert problems[0].seq == 2 and "số 2 đã bị xóa" in problems[0].text


@pytest.mark.audit_tampered
def test_an_inserted_entry_is_named(workspace: Workspace) -> None:
    _day_of_work(workspace)
    run_sql(
        workspace.db,
        "INSERT INTO audit_entry (seq, at, username, user_name, counter, action, object_kind, object_key,"
        " before, after, state_digest, prev_hash, hash) SELECT 7, at, username, user_name, counter, action,"
        " object_kind, object_key, before, after, state_digest, hash, hash FROM audit_entry WHERE seq = 6",
    )
    problems = verify_audit(workspace.db).problems
    assert [problem.seq for problem in problems] == [7]
    assert "số 7" in problems[0].text


@pytest.mark.audit_tampered
def test_a_result_date_moved_with_sql_names_the_dossier(workspace: Workspace) -> None:
    code = _day_of_work(workspace)
    run_sql(workspace.db, "UPDATE dossier SET due_at = due_at WHERE code = :code", {"code": code})
    assert verify_audit(workspace.db).ok  # rewriting the same value changes nothing
    run_sql(
        workspace.db,
        "UPDATE dossier SET resolved_at = received_at, status = 'resolved' WHERE code = :code",
        {"code": code},
    )
    problems = verify_audit(workspace.db).problems
    assert [problem.dossier_code for problem in problems] == [code]
    assert f"Hồ sơ {code} đã bị sửa ngoài phần mềm" in problems[0].text


@pytest.mark.audit_tampered
def test_a_dossier_deleted_or_added_with_sql_is_named(workspace: Workspace) -> None:
    code = _day_of_work(workspace)
    run_sql(
        workspace.db,
        "DELETE FROM dossier_event WHERE dossier_id = (SELECT id FROM dossier WHERE code = :c)",
        {"c": code},
    )
    run_sql(workspace.db, "UPDATE dossier SET code = 'GIA-MAO-0001' WHERE code = :code", {"code": code})
    texts = [problem.text for problem in verify_audit(workspace.db).problems]
    assert texts == [
        "Hồ sơ GIA-MAO-0001 không có trong nhật ký: đã được thêm vào dữ liệu ngoài phần mềm.",
        f"Hồ sơ {code} (mục nhật ký số 6) không còn trong dữ liệu: đã bị xóa ngoài phần mềm.",
    ]


@pytest.mark.sqlite_only
@pytest.mark.audit_tampered
def test_values_another_tool_made_unreadable_are_named_not_a_crash(workspace: Workspace) -> None:
    code = _day_of_work(workspace)
    run_sql(workspace.db, "UPDATE audit_entry SET at = 'hôm qua' WHERE seq = 3")
    run_sql(workspace.db, "UPDATE dossier SET resolved_at = 'sáng nay' WHERE code = :code", {"code": code})
    problems = verify_audit(workspace.db).problems
    assert [(problem.seq, problem.dossier_code) for problem in problems] == [(3, None), (6, code)]
    assert "số 3 đã bị sửa" in problems[0].text and f"Hồ sơ {code} đã bị sửa" in problems[1].text


@pytest.mark.audit_tampered
def test_a_separator_moved_between_two_fields_is_caught(workspace: Workspace) -> None:
    """A counter name holding the unit separator (pasted text): the entry is hashed in its JSON form, so
    moving text and the separator from one field into the next is not a harmless re-split."""
    workspace.counter = "Quầy\x1f1"
    _day_of_work(workspace)
    assert verify_audit(workspace.db).ok
    run_sql(
        workspace.db,
        "UPDATE audit_entry SET counter = 'Quầy', action = '1' || :separator || action WHERE seq = 4",
        {"separator": "\x1f"},
    )
    assert [problem.seq for problem in verify_audit(workspace.db).problems] == [4]
