"""`cchc user …`: the accounts, as the accounts window manages them (services/accounts.py)."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TextIO

from cchc_desktop.cli.sign_in import read_new_password
from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.domain.roles import Permission, parse_roles
from cchc_desktop.services.accounts import (
    AccountForm,
    AccountRecord,
    add_account,
    form_errors,
    list_accounts,
    normalise_username,
    reset_password,
    set_active,
)
from cchc_desktop.services.permissions import require
from cchc_desktop.services.workspace import Workspace


def run_user_command(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    if args.user_command == "add":
        _add(ws, args, out)
    elif args.user_command == "list":
        _list(ws, out)
    elif args.user_command in ("disable", "enable"):
        record = set_active(ws, args.username, args.user_command == "enable")
        done = "Đã mở lại" if record.active else "Đã vô hiệu hóa"
        print(f"{done} tài khoản {record.username}.", file=out)
    else:
        _reset_password(ws, args, out)


def _add(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    form = AccountForm(args.username, args.name, args.position, parse_roles(args.roles))
    # What can be refused without the password is refused before asking for it.
    if errors := form_errors(form):
        raise InvalidInputError(" ".join(errors.values()))
    first = not ws.has_accounts
    if not first:
        require(ws, Permission.ACCOUNTS)
    record = add_account(ws, form, read_new_password(normalise_username(args.username)))
    print(
        f"Đã thêm tài khoản {record.username} — {record.full_name}, vai trò: {record.roles_text()}.", file=out
    )
    if first:
        print(
            "Đây là tài khoản đầu tiên: từ nay các lệnh thay đổi dữ liệu hoặc xem thông tin hồ sơ cần "
            f"đăng nhập, ví dụ: cchc --user {record.username} …",
            file=out,
        )


def _list(ws: Workspace, out: TextIO) -> None:
    require(ws, Permission.ACCOUNTS)
    accounts = list_accounts(ws)
    if not accounts:
        print(
            "Chưa có tài khoản nào. Tạo tài khoản quản trị đầu tiên: "
            'cchc user add TÊN_ĐĂNG_NHẬP --name "HỌ TÊN" --role admin',
            file=out,
        )
        return
    now = datetime.now()
    for record in accounts:
        print(" | ".join(_columns(record, now)), file=out)
    active = sum(1 for record in accounts if record.active)
    print(f"{len(accounts)} tài khoản, {active} đang hoạt động.", file=out)


def _columns(record: AccountRecord, now: datetime) -> list[str]:
    state = "đang hoạt động" if record.active else "đã vô hiệu hóa"
    if record.locked_until is not None and record.locked_until > now:
        state += f", tạm khóa đến {record.locked_until:%H:%M %d/%m/%Y}"
    return [
        record.username,
        record.full_name,
        record.position or "(không ghi chức vụ)",
        record.roles_text(),
        state,
    ]


def _reset_password(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    username = normalise_username(args.username)
    if username != ws.actor.username:  # one's own password needs no permission
        require(ws, Permission.ACCOUNTS)
    reset_password(ws, username, read_new_password(username))
    print(f"Đã đặt lại mật khẩu của tài khoản {username}.", file=out)
