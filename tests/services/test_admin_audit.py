"""The agency's settings, the calendar, backups, restores and the report: each change or output is allowed
to the roles of the matrix only, and leaves one entry in the log saying who changed what from what to what."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from pathlib import Path

import pytest

from cchc_desktop.core.errors import PermissionDeniedError, UserFacingError
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.domain.calendar import OfficeSchedule, OverrideKind, Session
from cchc_desktop.domain.roles import Actor, Role
from cchc_desktop.services import audit_view, report_texts, reporting
from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in, sign_out
from cchc_desktop.services.annual_report import (
    ReportFiles,
    record_report_output,
    save_report_pdf,
)
from cchc_desktop.services.audit_view import AuditFilter, AuditRow
from cchc_desktop.services.backup import automatic_daily_backup, backup_to
from cchc_desktop.services.catalogue import procedure_for
from cchc_desktop.services.catalogue_import import apply_import, plan_import
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.report_export import write_report_outputs
from cchc_desktop.services.restore import restore_from
from cchc_desktop.services.settings import load_settings, save_settings
from cchc_desktop.services.workspace import Workspace, open_workspace
from tests.services.intake_helpers import request

PASSWORD = "mat-khau-1"
NOW = datetime(2026, 3, 2, 10, 10)
EVERYTHING = AuditFilter()
READER = Actor("kiemtra", "Người kiểm tra", roles=frozenset({Role.ADMIN}))


def _accounts(ws: Workspace) -> None:
    """An admin and a counter clerk; nobody signed in."""
    add_account(ws, AccountForm("quantri", "Nguyễn Văn Quản", "Văn phòng", frozenset({Role.ADMIN})), PASSWORD)
    sign_in(ws, "quantri", PASSWORD)
    add_account(ws, AccountForm("letam", "Lê Văn Tâm", "", frozenset({Role.RECEPTION})), PASSWORD)
    sign_out(ws)


def _entries(ws: Workspace, action: str = "") -> list[AuditRow]:
    """The entries of `action`, oldest first, read as an admin would whoever is signed in."""
    signed_in, ws.actor = ws.actor, READER
    try:
        return list(reversed(audit_view.page(ws, AuditFilter(action=action), 0, 1000)))
    finally:
        ws.actor = signed_in


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


# ---------------------------------------------------------------- backup and restore


def _backup(ws: Workspace, folder: Path, by: Workspace | None) -> Path:
    folder.mkdir(exist_ok=True)
    return backup_to(ws.paths, folder, by=by).path


def test_a_backup_is_recorded_by_the_clerk_naming_its_file(workspace: Workspace, tmp_path: Path) -> None:
    _accounts(workspace)
    sign_in(workspace, "letam", PASSWORD)
    copy = _backup(workspace, tmp_path / "usb", workspace)
    (entry,) = _entries(workspace, "backup")
    assert (entry.username, entry.object_text) == ("letam", f"Tệp {copy.name}")
    assert entry.after_text == f"Tệp: {copy}; Số hồ sơ: 0"


def test_nobody_signed_in_backs_up_nothing_once_accounts_exist(workspace: Workspace, tmp_path: Path) -> None:
    _accounts(workspace)
    usb = tmp_path / "usb"
    with pytest.raises(PermissionDeniedError, match="đăng nhập"):
        _backup(workspace, usb, None)
    with pytest.raises(PermissionDeniedError, match="đăng nhập"):
        _backup(workspace, usb, workspace)  # the window with nobody signed in
    assert list(usb.iterdir()) == []


def test_the_automatic_daily_backup_writes_no_entry(workspace: Workspace) -> None:
    _accounts(workspace)
    entries = _entries(workspace)
    assert automatic_daily_backup(workspace.paths, NOW) is not None
    assert _entries(workspace) == entries


def _log_of(paths: AppPaths, username: str | None) -> list[AuditRow]:
    """The restored database's log, read as `username` (None: a database without accounts)."""
    ws = open_workspace(paths)
    try:
        if username:
            sign_in(ws, username, PASSWORD)
        log = list(reversed(audit_view.page(ws, EVERYTHING, 0, 100)))
        return log[:-1] if username else log  # without the reader's own sign-in
    finally:
        ws.close()


def test_a_restore_from_before_accounts_is_recorded_in_the_restored_data_by_the_admin(
    workspace: Workspace, tmp_path: Path
) -> None:
    save_intake(workspace, request(), now=NOW)
    old = _backup(workspace, tmp_path / "usb", None)  # before anyone had an account
    _accounts(workspace)
    sign_in(workspace, "quantri", PASSWORD)
    workspace.close()

    restore_from(workspace.paths, old, by=workspace)

    log = _log_of(workspace.paths, None)  # the backup's data: no accounts, the system reads it
    assert [row.action for row in log] == [
        "settings",
        "intake",
        "restore",
    ]  # a copy never holds its own entry
    assert (log[-1].username, log[-1].user_name, log[-1].object_text) == (
        "quantri",
        "Nguyễn Văn Quản",
        f"Cơ sở dữ liệu {old.name}",
    )
    assert f"Tệp: {old}" in log[-1].after_text and "Số hồ sơ: 1" in log[-1].after_text


def test_a_restore_needs_an_admin_and_leaves_the_data_as_it_was(workspace: Workspace, tmp_path: Path) -> None:
    _accounts(workspace)
    sign_in(workspace, "letam", PASSWORD)
    copy = _backup(workspace, tmp_path / "usb", workspace)
    save_intake(workspace, request(), now=NOW)
    workspace.close()
    with pytest.raises(PermissionDeniedError, match="khôi phục dữ liệu"):
        restore_from(workspace.paths, copy, by=workspace)
    with pytest.raises(PermissionDeniedError, match="đăng nhập"):
        restore_from(workspace.paths, copy)  # the system may not restore over accounts
    log = _log_of(workspace.paths, "quantri")
    assert log[-1].action == "intake"


@pytest.mark.sqlite_only
def test_a_damaged_database_with_accounts_is_restored_by_the_start_up_recovery(
    workspace: Workspace, tmp_path: Path
) -> None:
    _accounts(workspace)
    sign_in(workspace, "quantri", PASSWORD)
    copy = _backup(workspace, tmp_path / "usb", workspace)
    workspace.close()
    database = workspace.paths.database
    with open(database, "r+b") as handle:  # a disk error in the middle of the file
        handle.seek(database.stat().st_size // 2 // 4096 * 4096)
        handle.write(bytes(range(256)) * 16)

    restore_from(workspace.paths, copy)  # nobody can sign in to a damaged file: the system restores

    log = _log_of(workspace.paths, "quantri")
    assert (log[-1].action, log[-1].username) == ("restore", "he-thong")


# ---------------------------------------------------------------- the report


def _leader(ws: Workspace) -> None:
    _accounts(ws)
    sign_in(ws, "quantri", PASSWORD)
    add_account(
        ws, AccountForm("lanhdao", "Trần Thị Lan", "Phó Chủ tịch", frozenset({Role.LEADER})), PASSWORD
    )


def test_a_saved_report_text_records_the_parts_changed(workspace: Workspace) -> None:
    _leader(workspace)
    sign_in(workspace, "lanhdao", PASSWORD)
    stats = reporting.compute_statistics(workspace, date(2025, 1, 1), date(2025, 12, 31), now=NOW)
    default = report_texts.default_texts(workspace, stats)

    report_texts.save_texts(workspace, 2025, default)
    report_texts.save_texts(workspace, 2025, dataclasses.replace(default, closing="Kết thúc đã sửa./."))
    report_texts.save_texts(workspace, 2025, dataclasses.replace(default, closing="Kết thúc đã sửa./."))

    first, second = _entries(workspace, "report")
    assert (first.username, first.action_label, first.object_text) == (
        "lanhdao",
        "Báo cáo CCHC",
        "Báo cáo năm 2025",
    )
    assert "Mở đầu: (trống) → " in first.change_text
    assert second.change_text == f"Kết thúc: {default.closing} → Kết thúc đã sửa./."


def test_report_files_are_recorded_and_refused_to_an_admin(workspace: Workspace, tmp_path: Path) -> None:
    _leader(workspace)  # signed in as the admin, who does not make the report
    stats = reporting.compute_statistics(workspace, date(2025, 1, 1), date(2025, 12, 31), now=NOW)
    numbers = tmp_path / "so-lieu.json"
    with pytest.raises(PermissionDeniedError, match="lập và xuất báo cáo"):
        write_report_outputs(workspace, stats, ReportFiles(), numbers)
    with pytest.raises(PermissionDeniedError, match="lập và xuất báo cáo"):
        report_texts.save_texts(workspace, 2025, report_texts.default_texts(workspace, stats))
    assert not numbers.exists() and _entries(workspace, "report") == []

    sign_in(workspace, "lanhdao", PASSWORD)
    write_report_outputs(workspace, stats, ReportFiles(), numbers)
    save_report_pdf(workspace, stats, b"%PDF-1.4 thu", tmp_path / "bao-cao.pdf")
    record_report_output(workspace, stats, printer="Máy in tầng 1")

    written, pdf, printed = _entries(workspace, "report")
    assert (
        written.after_text
        == f"Hình thức: ghi ra tệp; Tệp: {numbers}; Từ ngày: 01/01/2025; Đến ngày: 31/12/2025"
    )
    assert f"Tệp: {tmp_path / 'bao-cao.pdf'}" in pdf.after_text
    assert printed.after_text.startswith("Hình thức: in ra máy in; Máy in: Máy in tầng 1; Từ ngày:")


# ---------------------------------------------------------------- the procedure catalogue


def _catalogue_file(folder: Path) -> Path:
    """A published list: the shipped catalogue's first procedure with a longer time, and a new local one."""
    target = folder / "danh-muc.csv"
    target.write_text(
        "Mã thủ tục,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết\n"
        "2.000815,Chứng thực bản sao từ bản chính,Chứng thực,02 ngày làm việc\n"
        "DP-001,Xác nhận thử nghiệm,Hộ tịch,03 ngày làm việc\n",
        encoding="utf-8",
    )
    return target


def test_a_catalogue_import_writes_each_change_as_an_entry(workspace: Workspace, tmp_path: Path) -> None:
    _accounts(workspace)
    source = _catalogue_file(tmp_path)
    sign_in(workspace, "letam", PASSWORD)
    with pytest.raises(PermissionDeniedError, match="sửa danh mục thủ tục"):
        plan_import(workspace, source, date(2026, 1, 1))
    sign_in(workspace, "quantri", PASSWORD)

    result = apply_import(workspace, plan_import(workspace, source, date(2026, 1, 1)))

    assert (result.added, result.changed) == (1, 1)
    assert procedure_for(workspace.db, "DP-001", date(2026, 3, 2)).name == "Xác nhận thử nghiệm"
    entries = {entry.object_text: entry for entry in _entries(workspace, "catalogue")}
    new = entries["Danh mục thủ tục DP-001"]
    assert new.username == "quantri"
    assert new.after_text.startswith(
        "Tên: Xác nhận thử nghiệm; Mã thủ tục: DP-001; Áp dụng từ: 01/01/2026; Thời hạn giải quyết: 03 ngày làm việc"
    )
    changed = entries["Danh mục thủ tục 2.000815"]
    assert "Thời hạn giải quyết: 02 ngày làm việc" in changed.after_text
    assert "Thời hạn giải quyết: Trong ngày (tiếp nhận trước 15 giờ)" in changed.before_text
    retired = [
        e for e in _entries(workspace, "catalogue") if e.after_text.startswith("Bãi bỏ từ: 01/01/2026")
    ]
    assert len(retired) == result.retired > 80  # the rest of the shipped list, one entry each
    assert not plan_import(workspace, source, date(2026, 1, 1)).has_changes  # a second import changes nothing


def test_a_file_that_is_not_a_catalogue_is_refused_and_adds_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    photo = tmp_path / "anh.xlsx"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not a workbook")
    with pytest.raises(UserFacingError, match="không phải bảng tính Excel"):
        plan_import(workspace, photo, date(2026, 1, 1))
    text = tmp_path / "ghi-chu.csv"
    text.write_text("Danh sách cán bộ\nHọ tên,Chức vụ\n", encoding="utf-8")
    with pytest.raises(
        UserFacingError, match="Không tìm thấy dòng tiêu đề có các cột «Mã thủ tục», «Tên thủ tục»"
    ):
        plan_import(workspace, text, date(2026, 1, 1))
    assert _entries(workspace, "catalogue") == []
