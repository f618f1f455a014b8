"""The services' own gate: every call that changes data or reads personal data out asks `require` first,
so no screen and no command can bypass the permission matrix (domain/roles.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cchc_desktop.core.errors import PermissionDeniedError
from cchc_desktop.domain.roles import Permission, refusal

if TYPE_CHECKING:  # the workspace opens through settings and calendar, which check permissions
    from cchc_desktop.services.workspace import Workspace

SIGN_IN_FIRST = "Cần đăng nhập bằng tài khoản của mình trước khi làm việc này."


def refusal_for(ws: Workspace, permission: Permission, *, assignee: str | None = None) -> str | None:
    """Why the current user may not take `permission` (on a dossier assigned to `assignee`); None if allowed.
    The built-in system actor may do everything, but only while the database has no accounts."""
    if ws.actor.system:
        return SIGN_IN_FIRST if ws.has_accounts else None
    return refusal(ws.actor, permission, dossier_assignee=assignee)


def require(ws: Workspace, permission: Permission, *, assignee: str | None = None) -> None:
    reason = refusal_for(ws, permission, assignee=assignee)
    if reason is not None:
        raise PermissionDeniedError(reason)


def allowed(ws: Workspace, permission: Permission, *, assignee: str | None = None) -> bool:
    return refusal_for(ws, permission, assignee=assignee) is None


def require_view(ws: Workspace, code: str, assignee: str, worked_on: Callable[[], bool]) -> None:
    """Reading one dossier (the applicant's personal data): VIEW_DOSSIERS, and for a specialist-only
    account only the dossiers handed to them or that they recorded a step of (`worked_on`: their result,
    once the dossier is back at the counter)."""
    require(ws, Permission.VIEW_DOSSIERS)
    if ws.actor.system or ws.actor.sees_every_dossier() or assignee == ws.actor.username:
        return
    if not worked_on():
        raise PermissionDeniedError(
            f"Hồ sơ {code} không được giao cho tài khoản {ws.actor.username}: chuyên viên chỉ xem hồ sơ "
            "được chuyển cho mình."
        )
