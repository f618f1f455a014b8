"""The services' own gate: every call that changes data or reads personal data out asks `require` first,
so no screen and no command can bypass the permission matrix (domain/roles.py)."""

from __future__ import annotations

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
