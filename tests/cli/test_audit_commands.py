"""`cchc audit verify` and `cchc audit list` as an inspector runs them, on the SQLite file and on the
server: whole after a day of work, naming what was changed behind the app's back with plain SQL."""

from __future__ import annotations

import io
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from cchc_desktop.domain.roles import Role
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from tests.both_engines import pytest_generate_tests  # noqa: F401  (both engines here)
from tests.cli.accounts import ADMIN, ADMIN_PASSWORD, as_admin
from tests.cli.running import run
from tests.services.intake_helpers import request
from tests.services.raw_sql import run_sql

NOW = datetime(2026, 3, 2, 10, 10)
FROZEN = sorted((Path(__file__).resolve().parents[1] / "storage" / "data").glob("rev_*.sqlite3"))


def _day_of_work(ws: Workspace) -> str:
    """An admin who also receives dossiers signs in and takes in two; the first one's code."""
    form = AccountForm(ADMIN, "Nguyễn Văn Quản", "", frozenset({Role.ADMIN, Role.RECEPTION}))
    add_account(ws, form, ADMIN_PASSWORD)
    sign_in(ws, ADMIN, ADMIN_PASSWORD)
    code = save_intake(ws, request(), now=NOW).record.code
    save_intake(ws, request(), now=NOW)
    return code


def test_a_new_database_verifies(capsys: pytest.CaptureFixture[str], db_location: str) -> None:
    status, out, err = run(capsys, "--db", db_location, "audit", "verify")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == (
        "Nhật ký nguyên vẹn: 0 mục nối tiếp đúng, 0 hồ sơ khớp với lần ghi cuối trong nhật ký."
    )


def _last_seq(ws: Workspace) -> int:
    return int(run_sql(ws.db, "SELECT max(seq) FROM audit_entry")[0][0])


def test_a_day_of_work_verifies(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
    db_location: str,
) -> None:
    _day_of_work(workspace)
    written = _last_seq(workspace)
    as_admin(monkeypatch)
    status, out, _ = run(capsys, "--db", db_location, "--user", ADMIN, "audit", "verify")
    assert status == 0
    # What the day wrote, and this command's own sign-in.
    assert out.splitlines()[0] == (
        f"Nhật ký nguyên vẹn: {written + 1} mục nối tiếp đúng, 2 hồ sơ khớp với lần ghi cuối trong nhật ký."
    )


COLUMNS = "at, username, user_name, counter, action, object_kind, object_key, before, after, state_digest"
# {last}: the newest entry before the command's own sign-in; {sign_in}: the admin's sign-in in the day;
# {intake}: the entry of the dossier's intake.
TAMPERING = {
    "update-entry": (
        "UPDATE audit_entry SET username = 'ai-do' WHERE seq = {last}",
        "- Mục nhật ký số {last} đã bị sửa hoặc được chèn vào ngoài phần mềm (nội dung không khớp mã kiểm tra).",
    ),
    "delete-entry": (
        "DELETE FROM audit_entry WHERE action = 'sign_in'",
        "- Mục nhật ký số {sign_in} đã bị xóa ngoài phần mềm.",
    ),
    "insert-entry": (
        f"INSERT INTO audit_entry (seq, {COLUMNS}, prev_hash, hash) SELECT seq + 1, {COLUMNS}, hash, hash"
        " FROM audit_entry WHERE seq = {last}",
        "- Mục nhật ký số {inserted} đã bị sửa hoặc được chèn vào ngoài phần mềm (nội dung không khớp mã kiểm tra).",
    ),
    "update-dossier": (
        "UPDATE dossier SET resolved_at = received_at, status = 'resolved' WHERE code = '{code}'",
        "- Hồ sơ {code} đã bị sửa ngoài phần mềm sau mục nhật ký số {intake}: dữ liệu hiện tại khác với lần "
        "ghi cuối của phần mềm.",
    ),
}


@pytest.mark.audit_tampered
@pytest.mark.parametrize("tampering", TAMPERING)
def test_a_change_with_plain_sql_exits_6_naming_it(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
    db_location: str,
    tampering: str,
) -> None:
    code = _day_of_work(workspace)
    last = _last_seq(workspace)
    intake = run_sql(
        workspace.db, "SELECT max(seq) FROM audit_entry WHERE object_key = :code", {"code": code}
    )[0][0]
    sign_in = run_sql(workspace.db, "SELECT seq FROM audit_entry WHERE action = 'sign_in'")[0][0]
    values = {"last": last, "sign_in": sign_in, "inserted": last + 1, "code": code, "intake": intake}
    statement, named = TAMPERING[tampering]
    run_sql(workspace.db, statement.replace("{last}", str(last)).replace("{code}", code))
    as_admin(monkeypatch)
    status, out, err = run(capsys, "--db", db_location, "--user", ADMIN, "audit", "verify")
    assert (status, err) == (6, "")
    lines = out.splitlines()
    assert lines[:2] == [
        "Nhật ký hoặc dữ liệu đã bị thay đổi ngoài phần mềm (1 chỗ):",
        named.format(**values),
    ]
    assert lines[-1].startswith("Hãy báo ngay cho lãnh đạo và người quản trị")


@pytest.mark.sqlite_only
@pytest.mark.parametrize("frozen", FROZEN, ids=[path.stem for path in FROZEN])
def test_a_database_of_every_earlier_revision_verifies_once_opened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, frozen: Path
) -> None:
    copy = tmp_path / "cchc.sqlite3"
    shutil.copy(frozen, copy)
    status, out, err = run(capsys, "--db", str(copy), "audit", "verify")
    assert (status, err) == (0, "")
    # Its one dossier got its baseline entry when the command opened (and upgraded) the file.
    assert out.splitlines()[0] == (
        "Nhật ký nguyên vẹn: 1 mục nối tiếp đúng, 1 hồ sơ khớp với lần ghi cuối trong nhật ký."
    )
    status, again, _ = run(capsys, "--db", str(copy), "audit", "verify")
    assert (status, again.splitlines()[0]) == (0, out.splitlines()[0])  # opening again adds nothing


def test_frozen_revisions_are_found() -> None:
    assert len(FROZEN) >= 5


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.sqlite_only
def test_a_terminal_sees_the_progress_on_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
    db_location: str,
) -> None:
    _day_of_work(workspace)
    entries = _last_seq(workspace) + 1  # and this command's sign-in
    as_admin(monkeypatch)
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert run(capsys, "--db", db_location, "--user", ADMIN, "audit", "verify")[0] == 0
    assert terminal.getvalue() == (
        f"\rĐang kiểm tra nhật ký: {entries}/{entries} mục (100%), đang đối chiếu hồ sơ…\n"
    )


@pytest.mark.sqlite_only
def test_audit_list_prints_the_newest_entries_filtered(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
    db_location: str,
) -> None:
    code = _day_of_work(workspace)
    last = _last_seq(workspace)
    as_admin(monkeypatch)
    argv = ("--db", db_location, "--user", ADMIN, "audit", "list")
    status, out, _ = run(capsys, *argv, "--limit", "2")
    assert status == 0
    lines = out.splitlines()
    # The command's own sign-in first, then the second intake.
    assert lines[0].startswith(f"{last + 1} | ") and " | Nguyễn Văn Quản (quantri) | " in lines[0]
    assert " | Đăng nhập | " in lines[0]
    assert lines[1].startswith(f"{last} | ") and " | Tiếp nhận hồ sơ | " in lines[1]
    assert lines[2] == (
        f"Đã in 2 mục mới nhất trong {last + 1} mục khớp; thêm --limit để in nhiều hơn, hoặc lọc hẹp lại."
    )

    _, out, _ = run(
        capsys, *argv, "--dossier", code, "--action", "intake", "--by", ADMIN, "--from", "2020-01-01"
    )
    lines = out.splitlines()
    assert [line.split(" | ")[0] for line in lines[:-1]] == [str(last - 1)] and code in lines[0]
    assert lines[-1] == "1 mục."
    _, out, _ = run(capsys, *argv, "--to", "2020-01-01")
    assert out == "Không có mục nhật ký nào khớp với điều kiện lọc.\n"
    status, _, err = run(capsys, *argv, "--from", "2026-02-30")
    assert status == 2 and "Ngày không hợp lệ: '2026-02-30'" in err


@pytest.mark.sqlite_only
def test_audit_list_needs_the_audit_log_permission(
    capsys: pytest.CaptureFixture[str], workspace: Workspace, db_location: str
) -> None:
    _day_of_work(workspace)
    status, out, err = run(capsys, "--db", db_location, "audit", "list")
    assert (status, out) == (5, "")
    assert "thêm --user TÊN_ĐĂNG_NHẬP" in err
