"""Signing in on the command line, and reading passwords.

A password is never an argument: it would stay in the shell's history and show in the process list.
The sign-in password comes from the CCHC_PASSWORD variable, else from standard input; a new password
(`user add`, `user reset-password`) always from standard input. On a terminal each is asked without echo
(getpass; a new one twice). Otherwise each is one line of standard input, read in order: without
CCHC_PASSWORD, `--user` takes the first line and a new password the next. No command reads anything else
from standard input (files are named by path), so the lines mean nothing else.
"""

from __future__ import annotations

import getpass
import os
import sys

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.services.accounts import normalise_username, sign_in
from cchc_desktop.services.workspace import Workspace, open_workspace

PASSWORD_VARIABLE = "CCHC_PASSWORD"
NO_ACCOUNTS = (
    "Dữ liệu này chưa có tài khoản người dùng nào nên không đăng nhập được: bỏ --user khỏi lệnh, hoặc "
    'tạo tài khoản quản trị đầu tiên bằng: cchc user add TÊN_ĐĂNG_NHẬP --name "HỌ TÊN" --role admin'
)
MISMATCH = "Hai lần nhập mật khẩu mới không giống nhau. Hãy chạy lại lệnh và nhập lại cho khớp."


def sign_in_for_command(ws: Workspace, username: str) -> None:
    """Make `username` the workspace's actor for this command (services/accounts.sign_in audits the
    attempt, failed or not); a refused sign-in raises its Vietnamese reason."""
    if not ws.has_accounts:
        raise InvalidInputError(NO_ACCOUNTS)
    password = os.environ.get(PASSWORD_VARIABLE) or read_password(
        f"Mật khẩu của {normalise_username(username)}: ",
        missing=f"Chưa có mật khẩu để đăng nhập: đặt biến {PASSWORD_VARIABLE}, hoặc đưa mật khẩu vào "
        "dòng đầu của đầu vào chuẩn.",
    )
    sign_in(ws, username, password)


def signed_in_workspace(paths: AppPaths, username: str) -> Workspace:
    """The database of `paths` opened with `username` signed in (for the commands that otherwise work on
    the file without opening it: backup, restore)."""
    ws = open_workspace(paths)
    try:
        sign_in_for_command(ws, username)
    except BaseException:
        ws.close()
        raise
    return ws


def read_new_password(username: str) -> str:
    """The new password of `username`: asked twice on a terminal, else the next line of standard input."""
    return read_password(
        f"Mật khẩu mới của {username}: ",
        confirm="Nhập lại mật khẩu mới: ",
        missing="Chưa có mật khẩu mới: nhập khi được hỏi, hoặc đưa mật khẩu vào một dòng của đầu vào "
        "chuẩn (sau dòng mật khẩu đăng nhập nếu dùng --user mà không đặt biến "
        f"{PASSWORD_VARIABLE}).",
    )


def read_password(prompt: str, *, missing: str, confirm: str | None = None) -> str:
    stream = sys.stdin
    if stream is not None and stream.isatty():
        try:
            password = getpass.getpass(prompt)
            if confirm is not None and getpass.getpass(confirm) != password:
                raise InvalidInputError(MISMATCH)
        except EOFError:  # Ctrl+D at the prompt
            raise InvalidInputError(missing) from None
        return password
    line = stream.readline() if stream is not None else ""
    if not line:
        raise InvalidInputError(missing)
    return line.removesuffix("\n").removesuffix("\r")
