"""Every command that changes data or takes personal data out, on a database with accounts: refused with
the advice to add `--user` when nobody signs in, and recorded in the audit log under the account that
signed in when someone does."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cchc_desktop.domain.roles import Role
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workflow import hand_over
from cchc_desktop.services.workspace import Workspace
from tests.cli.accounts import ADMIN, ADMIN_PASSWORD, as_admin
from tests.cli.running import run
from tests.services.intake_helpers import request
from tests.services.raw_sql import run_sql

SIGN_IN_HINT = "thêm --user TÊN_ĐĂNG_NHẬP vào lệnh"


def _commands(code: str, folder: Path) -> list[tuple[str, ...]]:
    """In an order that works (the calendar's day is set before it is removed)."""
    return [
        ("agency", "--counter", "Quầy số 2"),
        ("calendar", "set", "--date", "2027-01-02", "--kind", "make_up_workday", "--name", "Làm bù"),
        ("calendar", "remove", "--date", "2027-01-02"),
        ("print", "receipt", code, "--out", str(folder / "giay-tiep-nhan.pdf")),
        ("print", "control-slip", code, "--out", str(folder / "phieu-kiem-soat.pdf")),
        ("print", "register", "--from", "2026-01-01", "--to", "2026-12-31", "--out", str(folder / "so.xlsx")),
        ("print", "daily", "--date", "2026-03-02", "--out", str(folder / "danh-sach.pdf")),
        ("export", "--out", str(folder / "ho-so.csv")),
        ("report", "--from", "2026-01-01", "--to", "2026-12-31", "--json", str(folder / "bao-cao.json")),
        ("dossier", code),
    ]


@pytest.fixture
def code(workspace: Workspace) -> str:
    """One dossier taken in by an admin who holds every role (so every command is allowed to them)."""
    add_account(workspace, AccountForm(ADMIN, "Nguyễn Văn Quản", "", frozenset(Role)), ADMIN_PASSWORD)
    sign_in(workspace, ADMIN, ADMIN_PASSWORD)
    return save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code


def _entries_after(ws: Workspace, seq: int) -> list[tuple[str, str]]:
    return [
        (str(who), str(action))
        for who, action in run_sql(
            ws.db, "SELECT username, action FROM audit_entry WHERE seq > :seq ORDER BY seq", {"seq": seq}
        )
    ]


def _last_seq(ws: Workspace) -> int:
    return int(run_sql(ws.db, "SELECT max(seq) FROM audit_entry")[0][0])


def test_each_command_needs_user_and_is_recorded_under_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
    db_location: str,
    code: str,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ra"
    folder.mkdir()
    for argv in _commands(code, folder):
        monkeypatch.delenv("CCHC_PASSWORD", raising=False)
        before = _last_seq(workspace)
        status, out, err = run(capsys, "--db", db_location, *argv)
        assert (status, out) == (5, ""), (argv, err)
        assert SIGN_IN_HINT in err, argv
        assert _entries_after(workspace, before) == [], argv
        assert not [path.name for path in folder.iterdir()], argv  # nothing written

        as_admin(monkeypatch)
        status, _, err = run(capsys, "--db", db_location, "--user", ADMIN, *argv)
        assert status == 0, (argv, err)
        entries = _entries_after(workspace, before)
        assert entries[0] == (ADMIN, "sign_in"), argv
        assert {who for who, _ in entries} == {ADMIN}, (argv, entries)
        if argv[0] != "dossier":  # showing a dossier on the screen is not an entry
            assert len(entries) > 1, (argv, entries)
        for path in folder.iterdir():
            path.unlink()


def test_what_shows_no_personal_data_needs_no_sign_in(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, db_location: str, code: str
) -> None:
    for argv in (
        ("due", "--procedure", "2.000815", "--received", "2026-01-09T14:30"),
        ("calendar", "list", "--year", "2026"),
        ("agency",),
    ):
        status, _, err = run(capsys, "--db", db_location, *argv)
        assert (status, err) == (0, ""), argv


def test_a_specialist_sees_only_the_dossiers_handed_to_them(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
    db_location: str,
    code: str,
) -> None:
    other = save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 20)).record.code
    add_account(
        workspace,
        AccountForm("chuyenvien", "Phạm Thị Thu", "", frozenset({Role.SPECIALIST})),
        "chuyen-vien-1",
    )
    hand_over(
        workspace,
        code,
        giver="Nguyễn Văn Quản",
        taker="",
        taker_unit="Tư pháp",
        taker_account="chuyenvien",
        at=datetime(2026, 3, 2, 14, 0),
    )
    monkeypatch.setenv("CCHC_PASSWORD", "chuyen-vien-1")
    status, out, _ = run(capsys, "--db", db_location, "--user", "chuyenvien", "dossier", code)
    assert status == 0 and code in out
    status, out, err = run(capsys, "--db", db_location, "--user", "chuyenvien", "dossier", other)
    assert (status, out) == (5, "")
    assert err == (
        f"Lỗi: Hồ sơ {other} không được giao cho tài khoản chuyenvien: chuyên viên chỉ xem hồ sơ được "
        "chuyển cho mình.\n"
    )
