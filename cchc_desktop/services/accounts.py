"""Accounts: adding, editing, disabling, passwords (Argon2id, argon2-cffi) and signing in with lockout.

Passwords are hashed with argon2-cffi's defaults (RFC 9106 low-memory profile: 64 MiB, 3 passes), never
stored or logged in clear; a hash made with older parameters is upgraded at the next sign-in. Five wrong
passwords in a row lock the username for five minutes, on every counter (the count is in the database).
A wrong username and a wrong password get the same answer, so the screen does not tell which names exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from cchc_desktop.core.errors import InvalidInputError, NotFoundError, UserFacingError
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.roles import (
    SYSTEM_ACTOR,
    SYSTEM_USERNAME,
    Actor,
    Permission,
    Role,
    parse_roles,
    roles_text,
)
from cchc_desktop.domain.text import nfc
from cchc_desktop.services import audit_log
from cchc_desktop.services.permissions import require
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import account_repo
from cchc_desktop.storage.database import Tx
from cchc_desktop.storage.tables import AccountRow

HASHER = PasswordHasher()
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 100
MAX_PASSWORD_LENGTH = 256
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,59}")
WRONG_CREDENTIALS = (
    "Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra rồi nhập lại (chú ý phím Caps Lock)."
)


class SignInRefusedError(UserFacingError):
    """Wrong name or password, a disabled account, or a username locked after repeated failures."""


@dataclass(frozen=True)
class AccountForm:
    username: str
    full_name: str
    position: str
    roles: frozenset[Role]


@dataclass(frozen=True)
class AccountRecord:
    username: str
    full_name: str
    position: str
    roles: frozenset[Role]
    active: bool
    locked_until: datetime | None

    def roles_text(self) -> str:
        return roles_text(self.roles)


def _record(row: AccountRow) -> AccountRecord:
    return AccountRecord(row.username, row.full_name, row.position, _roles(row), row.active, row.locked_until)


def _roles(row: AccountRow) -> frozenset[Role]:
    return parse_roles(value for value in row.roles.split(",") if value)


def actor_of(row: AccountRow) -> Actor:
    return Actor(row.username, row.full_name, row.position, _roles(row))


def normalise_username(text: str) -> str:
    return nfc(text).strip().lower()


def form_errors(form: AccountForm) -> dict[str, str]:
    """Field → what to fix, for the account form and the command line."""
    errors: dict[str, str] = {}
    username = normalise_username(form.username)
    if not USERNAME_PATTERN.fullmatch(username) or username == SYSTEM_USERNAME:
        errors["username"] = (
            "Tên đăng nhập gồm 3–60 chữ cái không dấu, chữ số hoặc . _ - (ví dụ: nguyenvana), "
            f"và không được là «{SYSTEM_USERNAME}»."
        )
    if not nfc(form.full_name).strip():
        errors["full_name"] = "Nhập họ và tên người dùng (in trên phiếu tiếp nhận và phiếu kiểm soát)."
    for field, label in (("full_name", "Họ và tên"), ("position", "Chức vụ")):
        text = getattr(form, field)
        if field not in errors and (len(text) > MAX_NAME_LENGTH or any(ord(char) < 32 for char in text)):
            errors[field] = (
                f"{label} tối đa {MAX_NAME_LENGTH} ký tự trên một dòng (không xuống dòng, không ký tự điều "
                "khiển): tên này được in trên phiếu."
            )
    if not form.roles:
        errors["roles"] = "Chọn ít nhất một vai trò."
    return errors


def password_error(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Mật khẩu dài quá {MAX_PASSWORD_LENGTH} ký tự."
    if password != password.strip() or any(ord(char) < 32 for char in password):
        return "Mật khẩu không được có dấu cách ở đầu/cuối hoặc ký tự điều khiển."
    return None


def _check(form: AccountForm, password: str | None) -> None:
    errors = form_errors(form)
    if password is not None and (problem := password_error(password)):
        errors["password"] = problem
    if errors:
        raise InvalidInputError(" ".join(errors.values()))


def _public(row: AccountRow) -> dict[str, object]:
    """What the audit log keeps of an account (never the hash)."""
    return {
        "username": row.username,
        "full_name": row.full_name,
        "position": row.position,
        "roles": sorted(_roles(row)),
        "active": row.active,
    }


def list_accounts(ws: Workspace) -> list[AccountRecord]:
    with ws.db.read() as tx:
        return [_record(row) for row in account_repo.all_accounts(tx)]


def add_account(ws: Workspace, form: AccountForm, password: str) -> AccountRecord:
    """A new account; only an admin adds one, except the very first (which must be an admin: the
    first run creates it with the agency settings)."""
    _check(form, password)
    first = not ws.has_accounts
    if first and Role.ADMIN not in form.roles:
        raise InvalidInputError(
            "Tài khoản đầu tiên phải có vai trò «Quản trị» để quản lý các tài khoản khác."
        )
    if not first:
        require(ws, Permission.ACCOUNTS)
    username = normalise_username(form.username)
    now = datetime.now()
    with ws.db.write() as tx:
        if account_repo.count_accounts(tx) and first:
            raise InvalidInputError(
                "Đã có tài khoản; hãy đăng nhập bằng tài khoản quản trị để thêm người dùng."
            )
        if account_repo.by_username(tx, username) is not None:
            raise InvalidInputError(f"Tên đăng nhập «{username}» đã có; hãy chọn tên khác.")
        row = account_repo.add(
            tx,
            AccountRow(
                username=username,
                full_name=nfc(form.full_name).strip(),
                position=nfc(form.position).strip(),
                password_hash=HASHER.hash(password),
                roles=",".join(sorted(form.roles)),
                created_at=now,
                password_changed_at=now,
            ),
        )
        audit_log.record(tx, ws, AuditAction.ACCOUNT, ObjectKind.ACCOUNT, username, after=_public(row))
    ws.has_accounts = True
    return _record(row)


def _existing(tx: Tx, username: str) -> AccountRow:
    row = account_repo.by_username(tx, normalise_username(username))
    if row is None:
        raise NotFoundError(f"Không có tài khoản «{normalise_username(username)}».")
    return row


def _admins_left(tx: Tx, without: str) -> int:
    return sum(
        1
        for row in account_repo.all_accounts(tx)
        if row.active and Role.ADMIN in _roles(row) and row.username != without
    )


def update_account(ws: Workspace, form: AccountForm) -> AccountRecord:
    """Name, position and roles of an existing account (the username stays)."""
    require(ws, Permission.ACCOUNTS)
    _check(form, None)
    with ws.db.write() as tx:
        row = _existing(tx, form.username)
        before = _public(row)
        if Role.ADMIN not in form.roles and row.active and not _admins_left(tx, row.username):
            raise InvalidInputError("Phải còn ít nhất một tài khoản «Quản trị» đang hoạt động.")
        row.full_name = nfc(form.full_name).strip()
        row.position = nfc(form.position).strip()
        row.roles = ",".join(sorted(form.roles))
        tx.add(row)
        audit_log.record(
            tx, ws, AuditAction.ACCOUNT, ObjectKind.ACCOUNT, row.username, before=before, after=_public(row)
        )
    _refresh_actor(ws, row)
    return _record(row)


def set_active(ws: Workspace, username: str, active: bool) -> AccountRecord:
    require(ws, Permission.ACCOUNTS)
    with ws.db.write() as tx:
        row = _existing(tx, username)
        if not active and row.username == ws.actor.username:
            raise InvalidInputError("Không thể tự khóa tài khoản đang đăng nhập.")
        if not active and Role.ADMIN in _roles(row) and not _admins_left(tx, row.username):
            raise InvalidInputError("Phải còn ít nhất một tài khoản «Quản trị» đang hoạt động.")
        before = _public(row)
        row.active = active
        if active:
            row.failed_attempts, row.locked_until = 0, None
        tx.add(row)
        audit_log.record(
            tx, ws, AuditAction.ACCOUNT, ObjectKind.ACCOUNT, row.username, before=before, after=_public(row)
        )
    return _record(row)


def reset_password(ws: Workspace, username: str, password: str) -> None:
    """An admin sets a new password (and lifts a lockout); a user may change their own."""
    if normalise_username(username) != ws.actor.username:
        require(ws, Permission.ACCOUNTS)
    if problem := password_error(password):
        raise InvalidInputError(problem)
    with ws.db.write() as tx:
        row = _existing(tx, username)
        row.password_hash = HASHER.hash(password)
        row.password_changed_at = datetime.now()
        row.failed_attempts, row.locked_until = 0, None
        tx.add(row)
        audit_log.record(
            tx, ws, AuditAction.ACCOUNT, ObjectKind.ACCOUNT, row.username, after={"password": "đã đặt lại"}
        )


def _refresh_actor(ws: Workspace, row: AccountRow) -> None:
    if ws.actor.username == row.username:
        ws.actor = actor_of(row)


def _verified(row: AccountRow, password: str) -> bool:
    try:
        return HASHER.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def sign_in(ws: Workspace, username: str, password: str, now: datetime | None = None) -> Actor:
    """Check the password and make the account the workspace's actor; every attempt is audited. The
    failed attempt is committed even though the call then raises."""
    now = now or datetime.now()
    name = normalise_username(username)
    failure: SignInRefusedError | None = None
    with ws.db.write() as tx:
        row = account_repo.by_username(tx, name)
        if row is None:
            # The typed name is not kept: it may be a password typed into the wrong field.
            _audit_attempt(tx, ws, "", failed=True, note="tên đăng nhập không tồn tại")
            failure = SignInRefusedError(WRONG_CREDENTIALS)
        elif row.locked_until is not None and row.locked_until > now:
            _audit_attempt(tx, ws, row.username, failed=True, note="tài khoản đang tạm khóa")
            failure = SignInRefusedError(_locked_message(row.locked_until))
        elif not _verified(row, password):
            row.failed_attempts += 1
            locked = row.failed_attempts >= MAX_FAILED_ATTEMPTS
            if locked:
                row.failed_attempts, row.locked_until = 0, now + LOCKOUT
            tx.add(row)
            _audit_attempt(
                tx, ws, row.username, failed=True, note="sai mật khẩu" + (", tạm khóa" if locked else "")
            )
            failure = SignInRefusedError(_locked_message(row.locked_until) if locked else WRONG_CREDENTIALS)
        elif not row.active:
            _audit_attempt(tx, ws, row.username, failed=True, note="tài khoản đã bị vô hiệu hóa")
            failure = SignInRefusedError(
                f"Tài khoản «{row.username}» đã bị vô hiệu hóa. Hãy liên hệ người quản trị."
            )
        else:
            if HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = HASHER.hash(password)
            row.failed_attempts, row.locked_until = 0, None
            tx.add(row)
            ws.actor = actor_of(row)
            _audit_attempt(tx, ws, row.username, failed=False, note="")
    if failure is not None:
        raise failure
    return ws.actor


def _locked_message(until: datetime | None) -> str:
    moment = f" đến {until:%H:%M}" if until is not None else ""
    return (
        f"Tài khoản tạm khóa{moment} vì nhập sai mật khẩu {MAX_FAILED_ATTEMPTS} lần liên tiếp. "
        "Hãy chờ rồi thử lại, hoặc nhờ người quản trị đặt lại mật khẩu."
    )


def _audit_attempt(tx: Tx, ws: Workspace, username: str, *, failed: bool, note: str) -> None:
    action = AuditAction.SIGN_IN_FAILED if failed else AuditAction.SIGN_IN
    after = {"note": note} if note else None
    audit_log.record(tx, ws, action, ObjectKind.SESSION, username, after=after)


def sign_out(ws: Workspace) -> None:
    """Back to nobody (the sign-in dialog shows next); audited."""
    if ws.actor.system:
        return
    with ws.db.write() as tx:
        audit_log.record(tx, ws, AuditAction.SIGN_OUT, ObjectKind.SESSION, ws.actor.username)
    ws.actor = SYSTEM_ACTOR


def account_choices(ws: Workspace) -> list[AccountRecord]:
    """The active accounts, for the hand-over form's giver and taker lists and the automatic sign-in."""
    return [record for record in list_accounts(ws) if record.active]
