"""What the audit log says about the services that change a dossier or take personal data out: a
correction with its fields before and after, a print with its form and target, a register or daily list
with its file, an import with one entry per dossier it wrote, an export with its file and count, a desk
moved onto the server; and the names on the receipt and control slip of a counter that signs in."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from cchc_desktop.core.errors import PermissionDeniedError
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.exchange_format import COLUMNS
from cchc_desktop.domain.roles import Role
from cchc_desktop.services import registers, workflow
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in
from cchc_desktop.services.audit_verify import verify_audit
from cchc_desktop.services.corrections import Correction, correct_dossier
from cchc_desktop.services.exchange import export_file, import_file
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.move_to import move_to_server
from cchc_desktop.services.printing import PrintedForm, prepare_print, record_print
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.storage import audit_repo
from cchc_desktop.storage.audit_repo import EntryFilter
from tests.agency import set_up_agency
from tests.pdf_text import pages_text
from tests.services.intake_helpers import request
from tests.services.raw_sql import run_sql

NOW = datetime(2026, 3, 2, 10, 10)
PASSWORD = "mat-khau-dai"


def entries(ws: Workspace, action: AuditAction) -> list[dict[str, Any]]:
    """The log's entries of `action`, oldest first, with before/after read back as values."""
    with ws.db.read() as tx:
        rows = audit_repo.page(tx, EntryFilter(action=action.value), 0, 100_000)
    return [
        {
            "username": row.username,
            "user_name": row.user_name,
            "kind": row.object_kind,
            "key": row.object_key,
            "before": json.loads(row.before) if row.before else None,
            "after": json.loads(row.after) if row.after else None,
        }
        for row in reversed(rows)
    ]


CLERK = ("tiepnhan", "Lê Thị Tiếp", frozenset({Role.RECEPTION}))
SPECIALIST = ("chuyenvien", "Phạm Văn Chuyên", frozenset({Role.SPECIALIST}))


def sign_in_as(ws: Workspace, *people: tuple[str, str, frozenset[Role]]) -> None:
    """The admin account (the first must be one) adds `people`; the first of them signs in."""
    add_account(ws, AccountForm("quantri", "Nguyễn Văn Quản", "", frozenset({Role.ADMIN})), PASSWORD)
    sign_in(ws, "quantri", PASSWORD)
    for username, full_name, roles in people:
        add_account(ws, AccountForm(username, full_name, "Công chức", roles), PASSWORD)
    sign_in(ws, people[0][0], PASSWORD)


def test_a_correction_is_logged_with_the_fields_before_and_after(workspace: Workspace) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    correct_dossier(
        workspace,
        code,
        Correction(applicant_name="Nguyễn Thị Hòa", applicant_phone="0987 654 321"),
        "Ghi nhầm",
        move_due=False,
    )
    (entry,) = entries(workspace, AuditAction.CORRECTION)
    assert entry["key"] == code
    assert entry["before"] == {"applicant_name": "Nguyễn Thị Hoa", "applicant_phone": "0912345678"}
    assert entry["after"] == {"applicant_name": "Nguyễn Thị Hòa", "applicant_phone": "0987654321"}
    assert verify_audit(workspace.db).ok


def test_a_correction_by_a_signed_in_clerk_names_them(workspace: Workspace) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    sign_in_as(workspace, CLERK)
    # The screen passes the agency's clerk name; the account at the keyboard is who corrected.
    correct_dossier(
        workspace,
        code,
        Correction(applicant_phone="0987 654 321"),
        "Ghi nhầm",
        move_due=False,
        actor="Lê Văn Tâm",
    )
    (corrected,) = [e for e in workflow.events_of(workspace, code) if e.kind == "corrected"]
    assert corrected.actor == "Lê Thị Tiếp"
    assert run_sql(workspace.db, "SELECT recorded_by FROM dossier_event WHERE kind = 'corrected'") == [
        ("tiepnhan",)
    ]
    assert entries(workspace, AuditAction.CORRECTION)[0]["username"] == "tiepnhan"


def test_a_print_is_logged_with_its_form_and_target(workspace: Workspace, tmp_path: Path) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    sign_in_as(workspace, CLERK)
    job = prepare_print(workspace, code, PrintedForm.RECEIPT)
    record_print(workspace, job, actor="Lê Văn Tâm", target=str(tmp_path / "giay-tiep-nhan.pdf"))
    job = prepare_print(workspace, code, PrintedForm.RECEIPT)
    record_print(workspace, job, target="Máy in quầy 1")
    printed = entries(workspace, AuditAction.PRINT)
    assert [(e["key"], e["username"], e["after"]["form"], e["after"]["target"]) for e in printed] == [
        (code, "tiepnhan", "receipt", str(tmp_path / "giay-tiep-nhan.pdf")),
        (code, "tiepnhan", "receipt", "Máy in quầy 1"),
    ]
    assert printed[1]["after"]["reprint_number"] == 1
    assert printed[0]["after"]["form_name"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    events = [e for e in workflow.events_of(workspace, code) if e.kind == "printed_receipt"]
    assert [e.actor for e in events] == ["Lê Thị Tiếp", "Lê Thị Tiếp"]
    assert run_sql(
        workspace.db, "SELECT DISTINCT recorded_by FROM dossier_event WHERE kind LIKE 'printed%'"
    ) == [("tiepnhan",)]


def test_a_specialist_prints_only_the_dossiers_handed_to_them(workspace: Workspace) -> None:
    sign_in_as(workspace, CLERK, SPECIALIST)
    mine = save_intake(workspace, request(), now=NOW).record.code
    other = save_intake(workspace, request(), now=NOW).record.code
    at = datetime(2026, 3, 2, 14)
    workflow.hand_over(
        workspace, mine, giver="", taker="", taker_unit="Tư pháp", at=at, taker_account="chuyenvien"
    )
    sign_in(workspace, "chuyenvien", PASSWORD)
    record_print(workspace, prepare_print(workspace, mine, PrintedForm.CONTROL_SLIP))
    with pytest.raises(PermissionDeniedError, match="không được giao cho tài khoản chuyenvien"):
        prepare_print(workspace, other, PrintedForm.CONTROL_SLIP)
    assert [e["key"] for e in entries(workspace, AuditAction.PRINT)] == [mine]


def test_the_receipt_and_control_slip_carry_the_accounts_full_names(workspace: Workspace) -> None:
    sign_in_as(workspace, CLERK, SPECIALIST)
    # The intake tab passes the agency's clerk name ("Lê Văn Tâm"); the signed-in clerk took the dossier in.
    code = save_intake(workspace, request(clerk_name="Lê Văn Tâm"), now=NOW).record.code
    workflow.hand_over(
        workspace,
        code,
        giver="Lê Thị Tiếp",
        taker="",
        taker_unit="Công chức Tư pháp - Hộ tịch",
        at=datetime(2026, 3, 2, 14),
        taker_account="chuyenvien",
    )
    receipt = " ".join(pages_text(prepare_print(workspace, code, PrintedForm.RECEIPT).pdf))
    assert "Lê Thị Tiếp" in receipt and "Lê Văn Tâm" not in receipt
    slip = " ".join(pages_text(prepare_print(workspace, code, PrintedForm.CONTROL_SLIP).pdf))
    assert "Lê Thị Tiếp" in slip and "Phạm Văn Chuyên" in slip


def test_a_register_and_a_daily_list_are_logged_with_their_files(
    workspace: Workspace, tmp_path: Path
) -> None:
    save_intake(workspace, request(), now=NOW)
    pdf, xlsx, daily = tmp_path / "so.pdf", tmp_path / "so.xlsx", tmp_path / "ds.pdf"
    registers.save_register(workspace, pdf, date(2026, 3, 1), date(2026, 3, 31))
    registers.save_register(workspace, xlsx, date(2026, 3, 1), date(2026, 3, 31))
    registers.save_daily_list(workspace, daily, date(2026, 3, 2))
    registers.record_daily_list_printed(workspace, date(2026, 3, 2), "Máy in quầy 1")
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.read_bytes().startswith(b"PK")
    assert "Nguyễn Thị Hoa" in " ".join(pages_text(daily.read_bytes()))
    logged = [(e["key"], e["after"]["list"]) for e in entries(workspace, AuditAction.REGISTER)]
    assert logged == [
        (str(pdf), "register"),
        (str(xlsx), "register"),
        (str(daily), "daily_list"),
        ("Máy in quầy 1", "daily_list"),
    ]


def test_a_register_refused_to_a_specialist_writes_no_file(workspace: Workspace, tmp_path: Path) -> None:
    sign_in_as(workspace, SPECIALIST)
    with pytest.raises(PermissionDeniedError, match="sổ theo dõi"):
        registers.save_register(workspace, tmp_path / "so.pdf", date(2026, 3, 1), date(2026, 3, 31))
    assert not (tmp_path / "so.pdf").exists()
    assert entries(workspace, AuditAction.REGISTER) == []


def _exchange_file(path: Path, names: list[str]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        for number, name in enumerate(names, start=1):
            writer.writerow(
                {
                    "code": f"000.17.22.H56-230105-{number:04d}",
                    "procedure_code": "1.004873",
                    "channel": "online",
                    "applicant_name": name,
                    "received_at": "2023-01-05T09:00",
                }
            )
    return path


def test_an_import_logs_one_entry_per_dossier_it_wrote(workspace: Workspace, tmp_path: Path) -> None:
    first = import_file(workspace, _exchange_file(tmp_path / "a.csv", ["An", "Bình", "Cúc"]))
    assert first.added == 3
    again = import_file(workspace, _exchange_file(tmp_path / "b.csv", ["An", "Bình Thay Đổi", "Cúc"]))
    assert (again.updated, again.unchanged) == (1, 2)
    logged = [(e["key"], e["after"]) for e in entries(workspace, AuditAction.IMPORT)]
    assert logged == [
        ("000.17.22.H56-230105-0001", {"file": "a.csv"}),
        ("000.17.22.H56-230105-0002", {"file": "a.csv"}),
        ("000.17.22.H56-230105-0003", {"file": "a.csv"}),
        ("000.17.22.H56-230105-0002", {"file": "b.csv"}),
    ]
    assert verify_audit(workspace.db).ok  # the changed row's digest is the one its entry holds


def test_an_export_is_logged_with_its_file_and_count(workspace: Workspace, tmp_path: Path) -> None:
    save_intake(workspace, request(), now=NOW)
    save_intake(workspace, request(), now=NOW)
    target = tmp_path / "xuat.xlsx"
    assert export_file(workspace, target, date(2026, 3, 1), date(2026, 3, 31)) == 2
    (entry,) = entries(workspace, AuditAction.EXPORT)
    assert entry["key"] == str(target)
    assert entry["after"] == {"file": str(target), "dossiers": 2, "from": "2026-03-01", "to": "2026-03-31"}


def test_an_export_refused_to_the_counter_writes_no_file(workspace: Workspace, tmp_path: Path) -> None:
    sign_in_as(workspace, CLERK)
    with pytest.raises(PermissionDeniedError, match="xuất dữ liệu"):
        export_file(workspace, tmp_path / "xuat.csv")
    assert not (tmp_path / "xuat.csv").exists()


@pytest.fixture
def server(server_databases: Callable[..., ServerAddress]) -> ServerAddress:
    return server_databases()


def test_a_moved_desk_verifies_on_the_server_without_its_accounts_and_log(
    db_path: Path, server: ServerAddress
) -> None:
    desk = open_workspace(resolve_paths(str(db_path)))
    try:
        set_up_agency(desk)
        add_account(
            desk,
            AccountForm("quantri", "Nguyễn Văn Quản", "", frozenset({Role.ADMIN, Role.RECEPTION})),
            PASSWORD,
        )
        with pytest.raises(PermissionDeniedError, match="đăng nhập"):
            move_to_server(desk, server)  # nobody signed in on the desk
        sign_in(desk, "quantri", PASSWORD)
        codes = [save_intake(desk, request(), now=NOW).record.code for _ in range(2)]
        result = move_to_server(desk, server)
        baseline = "SELECT value FROM setting WHERE key = 'audit_baseline'"
        desk_baseline = run_sql(desk.db, baseline)
    finally:
        desk.close()
    assert result.merged.dossiers == 2
    centre = open_workspace(resolve_paths(server.url(with_password=True)))
    try:
        verification = verify_audit(centre.db)
        assert verification.ok, [problem.text for problem in verification.problems]
        moved = entries(centre, AuditAction.IMPORT)
        assert [(e["key"], e["username"], e["user_name"]) for e in moved] == [
            (code, "quantri", "Nguyễn Văn Quản") for code in codes
        ]
        assert moved[0]["after"] == {"moved_from": str(db_path)}
        assert (
            verification.entries == 2
        )  # the desk's own entries (account, sign-in, intakes) stay on the desk
        assert not centre.has_accounts  # the centre's admin creates the accounts on the server
        # The server's mark of its own baseline stays, though a new server takes the desk's settings.
        assert run_sql(centre.db, baseline) != desk_baseline
    finally:
        centre.close()
