"""The agency's settings, the calendar, backups, restores and the report: each change or output is allowed
to the roles of the matrix only, and leaves one entry in the log saying who changed what from what to what."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest

from cchc_desktop.core.errors import PermissionDeniedError
from cchc_desktop.domain.calendar import OfficeSchedule, OverrideKind, Session
from cchc_desktop.domain.roles import Role
from cchc_desktop.services import audit_view
from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in, sign_out
from cchc_desktop.services.audit_view import AuditFilter, AuditRow
from cchc_desktop.services.settings import load_settings, save_settings
from cchc_desktop.services.workspace import Workspace

PASSWORD = "mat-khau-1"


def _accounts(ws: Workspace) -> None:
    """An admin and a counter clerk; nobody signed in."""
    add_account(ws, AccountForm("quantri", "Nguyễn Văn Quản", "Văn phòng", frozenset({Role.ADMIN})), PASSWORD)
    sign_in(ws, "quantri", PASSWORD)
    add_account(ws, AccountForm("letam", "Lê Văn Tâm", "", frozenset({Role.RECEPTION})), PASSWORD)
    sign_out(ws)


def _entries(ws: Workspace, action: str) -> list[AuditRow]:
    return list(reversed(audit_view.page(ws, AuditFilter(action=action), 0, 50)))


def test_the_first_run_saves_the_agency_as_the_system_before_any_account(workspace: Workspace) -> None:
    (entry,) = _entries(workspace, "settings")  # the fixture's agency, typed in the first-run dialog
    assert (entry.username, entry.user_name) == ("he-thong", "hệ thống")
    assert "Tên xã: (trống) → Đại Hợp" in entry.change_text


def test_a_settings_change_records_only_the_changed_fields_by_the_signed_in_admin(
    workspace: Workspace,
) -> None:
    _accounts(workspace)
    sign_in(workspace, "quantri", PASSWORD)
    settings = load_settings(workspace.db)

    save_settings(workspace, dataclasses.replace(settings, commune_name="Tân Tiến", paper_size="A5"))
    save_settings(workspace, load_settings(workspace.db))  # nothing changed: nothing to record

    entry = _entries(workspace, "settings")[-1]
    assert (entry.username, entry.object_text) == ("quantri", "Thông tin cơ quan")
    assert entry.change_text == "Tên xã: Đại Hợp → Tân Tiến; Khổ giấy: A4 → A5"
    assert len(_entries(workspace, "settings")) == 2


def test_settings_are_refused_to_nobody_and_to_a_clerk_and_stay_unchanged(workspace: Workspace) -> None:
    _accounts(workspace)
    before = load_settings(workspace.db)
    changed = dataclasses.replace(before, commune_name="Tân Tiến")
    with pytest.raises(PermissionDeniedError, match="đăng nhập"):
        save_settings(workspace, changed)
    sign_in(workspace, "letam", PASSWORD)
    with pytest.raises(PermissionDeniedError, match="sửa thông tin cơ quan"):
        save_settings(workspace, changed)
    with pytest.raises(PermissionDeniedError, match="sửa lịch làm việc"):
        calendar_service.set_override(workspace, date(2026, 3, 4), OverrideKind.DAY_OFF, "Nghỉ hội làng")
    assert load_settings(workspace.db) == before
    assert all(item.day != date(2026, 3, 4) for item in calendar_service.list_overrides(workspace.db))


def test_calendar_changes_record_the_day_as_it_was_and_as_it_is(workspace: Workspace) -> None:
    _accounts(workspace)
    sign_in(workspace, "quantri", PASSWORD)
    day = date(2026, 3, 4)

    calendar_service.set_override(workspace, day, OverrideKind.DAY_OFF, "Nghỉ hội làng")
    calendar_service.set_override(workspace, day, OverrideKind.DAY_OFF, "Nghỉ hội làng", "QĐ 12/UBND")
    calendar_service.remove_override(workspace, day)

    added, changed, removed = _entries(workspace, "calendar")
    assert added.object_text == "Lịch làm việc 2026-03-04" and added.username == "quantri"
    assert added.change_text == "Ngày: 04/03/2026; Loại: Ngày nghỉ; Tên: Nghỉ hội làng; Căn cứ: (trống)"
    assert changed.change_text == "Căn cứ: (trống) → QĐ 12/UBND"
    assert removed.change_text.startswith("đã xóa: Ngày: 04/03/2026; Loại: Ngày nghỉ")
    assert workspace.calendar.is_working_day(day)


def test_new_office_hours_are_a_calendar_entry(workspace: Workspace) -> None:
    summer = OfficeSchedule(
        date(2026, 5, 1), (Session(time(7, 0), time(11, 0)), Session(time(13, 0), time(16, 30)))
    )
    hours = calendar_service.load_schedules(workspace.db)
    save_settings(workspace, load_settings(workspace.db), [*hours, summer])
    (entry,) = _entries(workspace, "calendar")
    assert entry.object_text == "Lịch làm việc giờ làm việc"
    assert entry.after_text == (
        "Giờ làm việc: từ 01/01/2000: 07:30–11:30, 13:30–17:00; từ 01/05/2026: 07:00–11:00, 13:00–16:30"
    )
