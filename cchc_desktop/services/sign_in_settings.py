"""How a desk signs in: the idle lock's delay and the one account signed in automatically at start.

Both are agency-wide settings (the `setting` table) that only an admin changes (Permission.SETTINGS),
each change audited. The automatic sign-in exists for a one-desk commune on its own SQLite file: a centre
server is shared by several counters, so there the choice is neither offered nor obeyed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.roles import Actor, Permission
from cchc_desktop.services import audit_log
from cchc_desktop.services.accounts import actor_of, normalise_username
from cchc_desktop.services.permissions import require
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import account_repo, settings_repo
from cchc_desktop.storage.database import Database

IDLE_KEY = "idle_lock_minutes"
AUTO_KEY = "auto_sign_in_username"
DEFAULT_IDLE_MINUTES = 15
MAX_IDLE_MINUTES = 480
AUDIT_KEY = "sign_in"
AUTO_NOTE = "tự động đăng nhập"


@dataclass(frozen=True)
class SignInSettings:
    idle_lock_minutes: int = DEFAULT_IDLE_MINUTES  # 0: never lock
    auto_sign_in_username: str = ""  # "": always ask


def offers_auto_sign_in(ws: Workspace) -> bool:
    """Only a database file (one desk) may skip the sign-in at start."""
    return ws.paths.server is None


def load_sign_in_settings(db: Database) -> SignInSettings:
    with db.read() as tx:
        values = settings_repo.read_all(tx)
    minutes = values.get(IDLE_KEY, DEFAULT_IDLE_MINUTES)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 <= minutes <= MAX_IDLE_MINUTES:
        minutes = DEFAULT_IDLE_MINUTES  # a value written by hand or by another tool: the safe default
    username = values.get(AUTO_KEY, "")
    return SignInSettings(minutes, username if isinstance(username, str) else "")


def save_sign_in_settings(ws: Workspace, settings: SignInSettings) -> SignInSettings:
    """Store both choices (an admin only); the account chosen for the automatic sign-in must exist and be
    active, and there is none on a server database. Returns what was stored."""
    require(ws, Permission.SETTINGS)
    minutes = settings.idle_lock_minutes
    if not 0 <= minutes <= MAX_IDLE_MINUTES:
        raise InvalidInputError(
            f"Thời gian tự khóa màn hình phải từ 0 (không khóa) đến {MAX_IDLE_MINUTES} phút."
        )
    username = normalise_username(settings.auto_sign_in_username)
    if username and not offers_auto_sign_in(ws):
        raise InvalidInputError(
            "Máy chủ dữ liệu dùng chung cho nhiều quầy nên không tự động đăng nhập: "
            "mỗi người đăng nhập bằng tài khoản của mình."
        )
    clean = SignInSettings(minutes, username)
    with ws.db.write() as tx:
        if username:
            row = account_repo.by_username(tx, username)
            if row is None or not row.active:
                raise InvalidInputError(
                    f"Không có tài khoản «{username}» đang hoạt động để tự động đăng nhập; hãy chọn lại."
                )
        stored = settings_repo.read_all(tx)
        before = {IDLE_KEY: stored.get(IDLE_KEY, DEFAULT_IDLE_MINUTES), AUTO_KEY: stored.get(AUTO_KEY, "")}
        after = asdict(clean)
        if before == after:
            return clean
        settings_repo.write_many(tx, after)
        audit_log.record(
            tx, ws, AuditAction.SETTINGS, ObjectKind.SETTINGS, AUDIT_KEY, before=before, after=after
        )
    return clean


def auto_sign_in(ws: Workspace, now: datetime | None = None) -> Actor | None:
    """Sign in the chosen account without a password, on a database file only; None (the sign-in dialog
    then asks) when nothing is chosen, on a server, or when the account is disabled or locked after
    wrong passwords. Audited as a sign-in."""
    if not ws.has_accounts or not offers_auto_sign_in(ws):
        return None
    username = load_sign_in_settings(ws.db).auto_sign_in_username
    if not username:
        return None
    now = now or datetime.now()
    with ws.db.write() as tx:
        row = account_repo.by_username(tx, username)
        if row is None or not row.active or (row.locked_until is not None and row.locked_until > now):
            return None
        ws.actor = actor_of(row)
        audit_log.record(
            tx, ws, AuditAction.SIGN_IN, ObjectKind.SESSION, row.username, after={"note": AUTO_NOTE}
        )
    return ws.actor
