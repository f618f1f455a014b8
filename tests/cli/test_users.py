"""`cchc user …` and signing in with `--user`: the accounts as an administrator manages them from a
terminal or a script, passwords never on the command line, and a database with accounts refusing a
change nobody signed in for."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sqlite3
from pathlib import Path

import pytest

from cchc_desktop import app
from cchc_desktop.cli import build_parser
from cchc_desktop.core.logging_setup import LOG_FILE_NAME
from cchc_desktop.core.paths import default_log_dir
from tests.cli.accounts import ADMIN, ADMIN_PASSWORD, add_admin, as_admin, feed
from tests.cli.running import run

CLERK_PASSWORD = "tiếp-nhận-0001"
NEW_PASSWORD = "mật-khẩu-mới-0002"
ADD_CLERK = ("user", "add", "tiepnhan", "--name", "Lê Thị Tiếp", "--position", "Công chức Văn phòng")
ADD_CLERK += ("--role", "reception")


def _rows(db_path: Path, query: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(db_path)) as connection:
        return list(connection.execute(query))


def _audit(db_path: Path) -> list[tuple[object, ...]]:
    """(who, action, object) of every audit entry, oldest first."""
    return _rows(db_path, "SELECT username, action, object_key FROM audit_entry ORDER BY seq")


def test_accounts_round_trip_add_list_disable_enable_reset(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    db = str(db_path)
    feed(monkeypatch, ADMIN_PASSWORD)
    status, out, _ = run(
        capsys, "--db", db, "user", "add", ADMIN, "--name", "Nguyễn Văn Quản", "--role", "admin"
    )
    assert status == 0
    assert out.splitlines()[0] == "Đã thêm tài khoản quantri — Nguyễn Văn Quản, vai trò: Quản trị."
    as_admin(monkeypatch)
    feed(monkeypatch, CLERK_PASSWORD)
    status, out, _ = run(capsys, "--db", db, *ADD_CLERK, "--role", "leader", "--user", ADMIN)
    assert status == 0
    assert out == "Đã thêm tài khoản tiepnhan — Lê Thị Tiếp, vai trò: Tiếp nhận và trả kết quả, Lãnh đạo.\n"

    status, out, _ = run(capsys, "--db", db, "--user", ADMIN, "user", "list")
    assert status == 0
    assert out.splitlines() == [
        "quantri | Nguyễn Văn Quản | (không ghi chức vụ) | Quản trị | đang hoạt động",
        "tiepnhan | Lê Thị Tiếp | Công chức Văn phòng | Tiếp nhận và trả kết quả, Lãnh đạo | đang hoạt động",
        "2 tài khoản, 2 đang hoạt động.",
    ]

    assert run(capsys, "--db", db, "--user", ADMIN, "user", "disable", "tiepnhan")[:2] == (
        0,
        "Đã vô hiệu hóa tài khoản tiepnhan.\n",
    )
    _, out, _ = run(capsys, "--db", db, "--user", ADMIN, "user", "list")
    assert (
        "tiepnhan | Lê Thị Tiếp | Công chức Văn phòng | Tiếp nhận và trả kết quả, Lãnh đạo | đã vô hiệu hóa"
        in out
    )
    monkeypatch.setenv("CCHC_PASSWORD", CLERK_PASSWORD)
    status, _, err = run(
        capsys,
        "--db",
        db,
        "--user",
        "tiepnhan",
        "due",
        "--procedure",
        "2.000815",
        "--received",
        "2026-01-09T14:30",
    )
    assert status == 1 and "Lỗi: Tài khoản «tiepnhan» đã bị vô hiệu hóa" in err

    as_admin(monkeypatch)
    assert run(capsys, "--db", db, "--user", ADMIN, "user", "enable", "tiepnhan")[:2] == (
        0,
        "Đã mở lại tài khoản tiepnhan.\n",
    )
    feed(monkeypatch, NEW_PASSWORD)
    status, out, _ = run(capsys, "--db", db, "--user", ADMIN, "user", "reset-password", "tiepnhan")
    assert (status, out) == (0, "Đã đặt lại mật khẩu của tài khoản tiepnhan.\n")

    monkeypatch.setenv("CCHC_PASSWORD", CLERK_PASSWORD)  # the old one
    assert run(capsys, "--db", db, "--user", "tiepnhan", "dossier", "X")[0] == 1
    monkeypatch.setenv("CCHC_PASSWORD", NEW_PASSWORD)
    status, _, err = run(capsys, "--db", db, "--user", "tiepnhan", "dossier", "000.00.00.H00-260101-0001")
    assert status == 2 and "Không tìm thấy hồ sơ" in err  # signed in: the look-up ran
    assert _audit(db_path)[-3:] == [
        ("quantri", "account", "tiepnhan"),  # the reset, by the admin
        ("he-thong", "sign_in_failed", "tiepnhan"),  # the old password
        ("tiepnhan", "sign_in", "tiepnhan"),
    ]


def test_the_first_account_must_be_an_admin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    feed(monkeypatch, CLERK_PASSWORD)
    status, out, err = run(capsys, "--db", str(db_path), *ADD_CLERK)
    assert (status, out) == (2, "")
    assert "Lỗi: Tài khoản đầu tiên phải có vai trò «Quản trị»" in err
    assert _rows(db_path, "SELECT count(*) FROM account") == [(0,)]


def _options(parser: argparse.ArgumentParser) -> set[str]:
    found: set[str] = set()
    for action in parser._actions:
        found |= set(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found |= _options(child)
    return found


def test_no_option_takes_a_password(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    options = _options(build_parser())
    assert "--user" in options and "--role" in options  # the walk reaches the commands' options
    assert not [option for option in options if "pass" in option or "mat-khau" in option or "mật" in option]
    with pytest.raises(SystemExit) as exit_info:
        app.main(
            [
                "--db",
                str(db_path),
                "user",
                "add",
                ADMIN,
                "--name",
                "Quản",
                "--role",
                "admin",
                "--password",
                "x",
            ]
        )
    assert exit_info.value.code == 2
    assert "Lỗi: không hiểu phần này của lệnh: --password x" in capsys.readouterr().err


def test_a_password_shows_nowhere_in_output_log_or_database(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    db_path: Path,
) -> None:
    real_configure = app.configure_logging
    monkeypatch.setattr(app, "configure_logging", lambda folder: real_configure(folder, logging.DEBUG))
    caplog.set_level(logging.DEBUG)
    db = str(db_path)
    printed = []
    feed(monkeypatch, ADMIN_PASSWORD)
    printed.append(
        run(capsys, "--db", db, "user", "add", ADMIN, "--name", "Nguyễn Văn Quản", "--role", "admin")
    )
    feed(monkeypatch, ADMIN_PASSWORD, CLERK_PASSWORD)  # stdin: the sign-in, then the new account's
    printed.append(run(capsys, "--db", db, "--user", ADMIN, *ADD_CLERK))
    feed(monkeypatch, CLERK_PASSWORD + "-sai")
    printed.append(run(capsys, "--db", db, "--user", "tiepnhan", "dossier", "X"))
    feed(monkeypatch, CLERK_PASSWORD, NEW_PASSWORD)
    printed.append(run(capsys, "--db", db, "--user", "tiepnhan", "user", "reset-password", "tiepnhan"))
    feed(monkeypatch, "ngắn")
    printed.append(run(capsys, "--db", db, "--user", ADMIN, "user", "reset-password", "tiepnhan"))
    assert [status for status, _, _ in printed] == [0, 0, 1, 0, 1]
    assert "Lỗi: Tên đăng nhập hoặc mật khẩu không đúng" in printed[2][2]

    stored = []
    with contextlib.closing(sqlite3.connect(db_path)) as connection:
        tables = [
            name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                stored += [value for value in row if isinstance(value, str)]
    assert any(value.startswith("$argon2id$") for value in stored)
    logged = default_log_dir() / LOG_FILE_NAME
    places = {
        "output": "".join(out + err for _, out, err in printed),
        "log records": "\n".join(record.getMessage() for record in caplog.records),
        "log file": logged.read_text(encoding="utf-8"),
        "database": "\n".join(stored),
    }
    assert places["log records"]  # the DEBUG level reached the capture
    for password in (ADMIN_PASSWORD, CLERK_PASSWORD, NEW_PASSWORD, "ngắn", CLERK_PASSWORD + "-sai"):
        for place, text in places.items():
            assert password not in text, place


def test_sign_in_reads_the_password_from_standard_input_then_the_new_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    add_admin(capsys, monkeypatch, str(db_path))
    monkeypatch.delenv("CCHC_PASSWORD", raising=False)
    feed(monkeypatch, ADMIN_PASSWORD, CLERK_PASSWORD)
    status, _, err = run(capsys, "--db", str(db_path), "--user", ADMIN, *ADD_CLERK)
    assert status == 0, err
    monkeypatch.setenv("CCHC_PASSWORD", CLERK_PASSWORD)
    status, _, _ = run(capsys, "--db", str(db_path), "dossier", "X", "--user", "tiepnhan")
    assert status == 2  # signed in with the password set from the second line; the code is unknown
    # Every change by the one who signed in, and each sign-in, in the audit log.
    assert _audit(db_path) == [
        ("he-thong", "account", "quantri"),
        ("quantri", "sign_in", "quantri"),
        ("quantri", "account", "tiepnhan"),
        ("tiepnhan", "sign_in", "tiepnhan"),
    ]


class _Terminal:
    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        raise AssertionError("a terminal is asked with getpass, not read")


def test_a_terminal_is_asked_without_echo_and_a_new_password_twice(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    answers = iter(["mật-khẩu-đầu-1", "mật-khẩu-đầu-2"])
    prompts: list[str] = []

    def getpass(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("getpass.getpass", getpass)
    argv = ("--db", str(db_path), "user", "add", ADMIN, "--name", "Nguyễn Văn Quản", "--role", "admin")
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert "Lỗi: Hai lần nhập mật khẩu mới không giống nhau" in err
    assert prompts == ["Mật khẩu mới của quantri: ", "Nhập lại mật khẩu mới: "]
    assert _rows(db_path, "SELECT count(*) FROM account") == [(0,)]

    answers = iter([ADMIN_PASSWORD, ADMIN_PASSWORD, ADMIN_PASSWORD])
    prompts.clear()
    assert run(capsys, *argv)[0] == 0
    assert run(capsys, "--db", str(db_path), "audit", "verify", "--user", "QuanTri")[0] == 0
    assert prompts[-1] == "Mật khẩu của quantri: "


def test_once_accounts_exist_a_change_or_a_dossier_needs_user(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    add_admin(capsys, monkeypatch, str(db_path))
    for argv in (
        ADD_CLERK,
        ("user", "disable", ADMIN),
        ("dossier", "X"),
        ("audit", "verify"),
        ("user", "list"),
    ):
        feed(monkeypatch, CLERK_PASSWORD)
        status, out, err = run(capsys, "--db", str(db_path), *argv)
        assert (status, out) == (5, ""), argv
        assert err.splitlines() == [
            "Lỗi: Cần đăng nhập bằng tài khoản của mình trước khi làm việc này.",
            "Dữ liệu này đã có tài khoản người dùng: thêm --user TÊN_ĐĂNG_NHẬP vào lệnh để đăng nhập "
            "(mật khẩu: biến CCHC_PASSWORD, hoặc nhập khi được hỏi).",
        ], argv
    assert _rows(db_path, "SELECT count(*) FROM account") == [(1,)]
    # What shows no personal data needs no sign-in.
    assert (
        run(capsys, "--db", str(db_path), "due", "--procedure", "2.000815", "--received", "2026-01-09T14:30")[
            0
        ]
        == 0
    )
    assert run(capsys, "--db", str(db_path), "calendar", "list", "--year", "2026")[0] == 0


def test_an_account_without_the_role_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    add_admin(capsys, monkeypatch, str(db_path))
    as_admin(monkeypatch)
    feed(monkeypatch, CLERK_PASSWORD)
    assert run(capsys, "--db", str(db_path), "--user", ADMIN, *ADD_CLERK)[0] == 0
    monkeypatch.setenv("CCHC_PASSWORD", CLERK_PASSWORD)
    status, _, err = run(capsys, "--db", str(db_path), "--user", "tiepnhan", "audit", "verify")
    assert status == 5
    assert "Lỗi: Tài khoản tiepnhan không có quyền: xem và xuất nhật ký." in err
    assert "--user" not in err  # signed in: the advice is about the role, not about signing in


def test_a_wrong_password_is_refused_and_audited(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    add_admin(capsys, monkeypatch, str(db_path))
    monkeypatch.setenv("CCHC_PASSWORD", "không-phải-mật-khẩu")
    status, out, err = run(capsys, "--db", str(db_path), "--user", ADMIN, "user", "disable", ADMIN)
    assert (status, out) == (1, "")
    assert (
        err
        == "Lỗi: Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra rồi nhập lại (chú ý phím Caps Lock).\n"
    )
    assert _audit(db_path)[-1] == ("he-thong", "sign_in_failed", "quantri")
    assert _rows(db_path, "SELECT active, failed_attempts FROM account") == [(1, 1)]


def test_a_missing_password_says_where_to_put_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    add_admin(capsys, monkeypatch, str(db_path))
    feed(monkeypatch)  # empty standard input, no CCHC_PASSWORD
    status, _, err = run(capsys, "--db", str(db_path), "--user", ADMIN, "user", "list")
    assert status == 2
    assert "Lỗi: Chưa có mật khẩu để đăng nhập: đặt biến CCHC_PASSWORD" in err
    assert _audit(db_path)[-1][1] == "account"  # no sign-in attempt was made


def test_user_on_a_database_without_accounts_says_there_are_none(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    feed(monkeypatch, "mật-khẩu-bất-kỳ")
    status, _, err = run(capsys, "--db", str(db_path), "--user", ADMIN, "calendar", "list", "--year", "2026")
    assert status == 2
    assert "Lỗi: Dữ liệu này chưa có tài khoản người dùng nào nên không đăng nhập được: bỏ --user" in err
    status, out, _ = run(capsys, "--db", str(db_path), "user", "list")
    assert status == 0 and out.startswith("Chưa có tài khoản nào.")


def test_backup_and_restore_sign_in_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path, tmp_path: Path
) -> None:
    add_admin(capsys, monkeypatch, str(db_path))
    usb = tmp_path / "usb"
    usb.mkdir()
    status, out, err = run(capsys, "--db", str(db_path), "backup", "--to", str(usb))
    assert (status, out) == (5, "")
    assert "thêm --user TÊN_ĐĂNG_NHẬP" in err
    assert list(usb.iterdir()) == []

    as_admin(monkeypatch)
    status, out, err = run(capsys, "--db", str(db_path), "backup", "--to", str(usb), "--user", ADMIN)
    assert status == 0, err
    (copy,) = usb.iterdir()
    assert _audit(db_path)[-2:] == [("quantri", "sign_in", "quantri"), ("quantri", "backup", copy.name)]

    monkeypatch.delenv("CCHC_PASSWORD")
    status, _, err = run(capsys, "--db", str(db_path), "restore", str(copy), "--yes")
    assert status == 5 and "thêm --user TÊN_ĐĂNG_NHẬP" in err
    feed(monkeypatch, ADMIN_PASSWORD)  # the password from standard input this time
    status, out, err = run(capsys, "--db", str(db_path), "--user", ADMIN, "restore", str(copy), "--yes")
    assert status == 0, err
    assert f"Đã khôi phục 0 hồ sơ từ {copy}." in out
    who, action, _ = _audit(db_path)[-1]
    assert (who, action) == ("quantri", "restore")  # recorded in the restored database, by the admin
    feed(monkeypatch, ADMIN_PASSWORD)
    assert run(capsys, "--db", str(db_path), "--user", ADMIN, "audit", "verify")[0] == 0


def test_a_damaged_database_is_restored_without_signing_in_to_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path, tmp_path: Path
) -> None:
    add_admin(capsys, monkeypatch, str(db_path))
    as_admin(monkeypatch)
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run(capsys, "--db", str(db_path), "--user", ADMIN, "backup", "--to", str(usb))[0] == 0
    (copy,) = usb.iterdir()
    os.truncate(db_path, db_path.stat().st_size // 2)  # a copy cut short, a disk error
    status, out, err = run(capsys, "--db", str(db_path), "--user", ADMIN, "restore", str(copy), "--yes")
    assert status == 0, err
    assert (
        "Dữ liệu hiện tại bị hỏng nên không đăng nhập vào đó được; khôi phục với tư cách «hệ thống»." in out
    )
    assert _audit(db_path)[-1][:2] == ("he-thong", "restore")
    assert run(capsys, "--db", str(db_path), "--user", ADMIN, "audit", "verify")[0] == 0


def test_five_wrong_passwords_lock_the_account_until_a_reset(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    db = str(db_path)
    add_admin(capsys, monkeypatch, db)
    as_admin(monkeypatch)
    feed(monkeypatch, CLERK_PASSWORD)
    assert run(capsys, "--db", db, "--user", ADMIN, *ADD_CLERK)[0] == 0
    monkeypatch.setenv("CCHC_PASSWORD", "không-phải-mật-khẩu")
    errors = [run(capsys, "--db", db, "--user", "tiepnhan", "dossier", "X")[2] for _ in range(5)]
    assert errors[-1].startswith("Lỗi: Tài khoản tạm khóa đến ")
    monkeypatch.setenv("CCHC_PASSWORD", CLERK_PASSWORD)  # the right one, too late
    assert "Tài khoản tạm khóa" in run(capsys, "--db", db, "--user", "tiepnhan", "dossier", "X")[2]

    as_admin(monkeypatch)
    _, out, _ = run(capsys, "--db", db, "--user", ADMIN, "user", "list")
    (clerk,) = [line for line in out.splitlines() if line.startswith("tiepnhan | ")]
    assert clerk.startswith(
        "tiepnhan | Lê Thị Tiếp | Công chức Văn phòng | Tiếp nhận và trả kết quả | đang hoạt động, tạm khóa đến "
    )
    feed(monkeypatch, NEW_PASSWORD)
    assert run(capsys, "--db", db, "--user", ADMIN, "user", "reset-password", "tiepnhan")[0] == 0
    _, out, _ = run(capsys, "--db", db, "--user", ADMIN, "user", "list")
    assert "tiepnhan | Lê Thị Tiếp | Công chức Văn phòng | Tiếp nhận và trả kết quả | đang hoạt động\n" in out
