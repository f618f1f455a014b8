"""The log window's data: filtered counts and pages newest first in readable Vietnamese, fast on a long log,
and the Excel export of exactly the filtered entries (itself recorded); only a leader or admin reads it."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cchc_desktop.core.errors import PermissionDeniedError, UserFacingError
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.roles import Actor, Role
from cchc_desktop.services import audit_log, audit_view
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in
from cchc_desktop.services.audit_log import Entry
from cchc_desktop.services.audit_view import AuditFilter
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)
EVERYTHING = AuditFilter()
CLERK = Actor("letam", "Lê Văn Tâm", roles=frozenset({Role.RECEPTION}))
LEADER = Actor("truongphong", "Trần Thị Lan", roles=frozenset({Role.LEADER}))


def _append(ws: Workspace, actor: Actor, action: AuditAction, entries: list[Entry]) -> None:
    with ws.db.write() as tx:
        audit_log.append(tx, actor, "Quầy 2", action, entries)


def _fill(ws: Workspace, count: int) -> None:
    """`count` print entries by the clerk and, every tenth, a correction by the leader (fast: one chain
    computed in Python, inserted in batches)."""
    _append(
        ws,
        CLERK,
        AuditAction.PRINT,
        [
            Entry(ObjectKind.DOSSIER, f"000.00.00.H00-260302-{i:05d}", None, {"form": "receipt"})
            for i in range(count)
        ],
    )
    _append(
        ws,
        LEADER,
        AuditAction.CORRECTION,
        [
            Entry(ObjectKind.DOSSIER, f"000.00.00.H00-260302-{i:05d}", {"note": "cũ"}, {"note": "mới"})
            for i in range(0, count, 10)
        ],
    )


def test_pages_are_newest_first_and_say_what_changed_in_vietnamese(workspace: Workspace) -> None:
    _append(
        workspace,
        LEADER,
        AuditAction.SETTINGS,
        [
            Entry(
                ObjectKind.SETTINGS,
                "",
                {"commune_name": "Đại Hợp", "paper_size": "A4"},
                {"commune_name": "Tân Tiến", "paper_size": "A4"},
            )
        ],
    )
    code = save_intake(workspace, request(), now=NOW).record.code

    rows = audit_view.page(workspace, EVERYTHING, 0, 2)

    intake, settings = rows
    assert intake.seq == settings.seq + 1
    assert (intake.action_label, intake.object_text, intake.dossier_code) == (
        "Tiếp nhận hồ sơ",
        f"Hồ sơ {code}",
        code,
    )
    assert "Thủ tục: 1.004873" in intake.change_text and "Hạn trả kết quả: " in intake.change_text
    assert (settings.user_text, settings.counter, settings.object_text) == (
        "Trần Thị Lan (truongphong)",
        "Quầy 2",
        "Thông tin cơ quan",
    )
    assert settings.change_text == "Tên xã: Đại Hợp → Tân Tiến"
    assert settings.before_text == "Tên xã: Đại Hợp; Khổ giấy: A4"
    assert settings.dossier_code is None


def test_filters_count_and_page_the_same_entries(workspace: Workspace) -> None:
    _fill(workspace, 300)
    today = date.today()
    by_leader = AuditFilter(username="truongphong")
    one_dossier = AuditFilter(dossier_code=" 000.00.00.H00-260302-00120 ")

    assert audit_view.count(workspace, by_leader) == 30
    assert {row.username for row in audit_view.page(workspace, by_leader, 0, 100)} == {"truongphong"}
    assert [row.action for row in audit_view.page(workspace, one_dossier, 0, 10)] == ["correction", "print"]
    assert audit_view.count(workspace, AuditFilter(action="print", date_from=today, date_to=today)) == 300
    assert audit_view.count(workspace, AuditFilter(date_to=today - timedelta(days=1))) == 0
    assert audit_view.usernames(workspace) == ["he-thong", "letam", "truongphong"]
    with pytest.raises(UserFacingError, match="sau ngày kết thúc"):
        audit_view.count(workspace, AuditFilter(date_from=today, date_to=today - timedelta(days=1)))


def test_keyset_pages_walk_the_whole_log_without_gaps(workspace: Workspace) -> None:
    _fill(workspace, 450)
    total = audit_view.count(workspace, EVERYTHING)
    seen: list[int] = []
    last = None
    while rows := audit_view.page_after(workspace, EVERYTHING, last, 200):
        seen += [row.seq for row in rows]
        last = rows[-1].seq
    assert seen == list(range(total, 0, -1))
    assert [row.seq for row in audit_view.page(workspace, EVERYTHING, 200, 3)] == seen[200:203]


def test_a_page_of_a_50000_entry_log_is_fast(workspace: Workspace, record_property: object) -> None:
    _fill(workspace, 50_000)
    leader = AuditFilter(username="truongphong")

    def timed(call: object) -> float:
        started = time.perf_counter()
        call()  # type: ignore[operator]
        return time.perf_counter() - started

    timings = {
        "count": timed(lambda: audit_view.count(workspace, EVERYTHING)),
        "first_page": timed(lambda: audit_view.page_after(workspace, EVERYTHING, None, 200)),
        "deep_keyset_page": timed(lambda: audit_view.page_after(workspace, EVERYTHING, 1000, 200)),
        "deep_offset_page": timed(lambda: audit_view.page(workspace, EVERYTHING, 50_000, 200)),
        "filtered_count": timed(lambda: audit_view.count(workspace, leader)),
        "filtered_deep_page": timed(lambda: audit_view.page_after(workspace, leader, 10_000, 200)),
    }
    print({name: f"{seconds * 1000:.1f} ms" for name, seconds in timings.items()})
    assert len(audit_view.page_after(workspace, EVERYTHING, 1000, 200)) == 200
    # The window asks for a page while the clerk scrolls: far below what a person notices.
    assert max(timings.values()) < 0.5, timings


def test_the_export_holds_exactly_the_filtered_entries_as_text_and_is_recorded(
    workspace: Workspace, tmp_path: Path
) -> None:
    _fill(workspace, 40)
    _append(
        workspace, CLERK, AuditAction.EXPORT, [Entry(ObjectKind.FILE, '=HYPERLINK("http://x")', None, None)]
    )
    target = tmp_path / "nhat-ky.xlsx"
    wanted = AuditFilter(username="letam")

    written = audit_view.export_xlsx(workspace, wanted, target)

    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Số", "Thời gian", "Tên đăng nhập")
    shown = audit_view.page(workspace, wanted, 0, 100)
    assert written == len(rows) - 1 == len(shown) == 41
    assert [row[0] for row in rows[1:]] == [row.seq for row in shown]
    assert rows[1][6] == 'Tệp =HYPERLINK("http://x")'  # a text cell, never a formula
    assert rows[2][9] == "Mẫu: receipt"
    newest = audit_view.page(workspace, EVERYTHING, 0, 1)[0]
    assert (newest.action, newest.object_key) == ("audit_export", "nhat-ky.xlsx")
    assert "Số mục: 41" in newest.after_text and "người dùng letam" in newest.after_text


def test_a_failed_export_leaves_no_file_and_no_entry(workspace: Workspace, tmp_path: Path) -> None:
    before = audit_view.count(workspace, EVERYTHING)
    with pytest.raises(UserFacingError, match="không tồn tại"):
        audit_view.export_xlsx(workspace, EVERYTHING, tmp_path / "usb-da-rut" / "nhat-ky.xlsx")
    assert audit_view.count(workspace, EVERYTHING) == before


def test_only_a_leader_or_an_admin_reads_the_log(workspace: Workspace, tmp_path: Path) -> None:
    add_account(
        workspace, AccountForm("quantri", "Nguyễn Văn Quản", "", frozenset({Role.ADMIN})), "mat-khau-1"
    )
    with pytest.raises(PermissionDeniedError, match="đăng nhập"):
        audit_view.count(workspace, EVERYTHING)  # accounts exist: nobody is signed in yet
    assert sign_in(workspace, "quantri", "mat-khau-1").username == "quantri"
    assert audit_view.count(workspace, EVERYTHING) > 0
    workspace.actor = CLERK
    for call in (
        lambda: audit_view.count(workspace, EVERYTHING),
        lambda: audit_view.page_after(workspace, EVERYTHING),
        lambda: audit_view.export_xlsx(workspace, EVERYTHING, tmp_path / "nhat-ky.xlsx"),
    ):
        with pytest.raises(PermissionDeniedError, match="xem và xuất nhật ký"):
            call()
    assert not (tmp_path / "nhat-ky.xlsx").exists()
