"""The sign-in settings: the idle lock's delay and the automatic sign-in, an administrator's choice, audited;
a centre server never signs anyone in automatically."""

from __future__ import annotations

import pytest

from cchc_desktop.core.errors import InvalidInputError, PermissionDeniedError
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.roles import Role
from cchc_desktop.services.accounts import AccountForm, add_account, set_active, sign_in, sign_out
from cchc_desktop.services.sign_in_settings import (
    SignInSettings,
    auto_sign_in,
    load_sign_in_settings,
    save_sign_in_settings,
)
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import audit_repo, settings_repo
from cchc_desktop.storage.tables import AuditEntryRow

ADMIN_PASSWORD = "mat-khau-quan-tri"


@pytest.fixture
def admin(workspace: Workspace) -> Workspace:
    add_account(
        workspace, AccountForm("quantri", "Nguyễn Văn Quản", "", frozenset({Role.ADMIN})), ADMIN_PASSWORD
    )
    sign_in(workspace, "quantri", ADMIN_PASSWORD)
    add_account(
        workspace, AccountForm("tiepnhan", "Lê Văn Tâm", "", frozenset({Role.RECEPTION})), "mat-khau-1"
    )
    return workspace


def entries(ws: Workspace, action: AuditAction) -> list[AuditEntryRow]:
    with ws.db.read() as tx:
        return audit_repo.page(tx, audit_repo.EntryFilter(action=action.value), 0, 100)


def test_a_new_database_locks_after_15_minutes_and_signs_nobody_in(workspace: Workspace) -> None:
    assert load_sign_in_settings(workspace.db) == SignInSettings(15, "")
    assert auto_sign_in(workspace) is None


def test_only_an_administrator_changes_them_and_each_change_is_audited(admin: Workspace) -> None:
    chosen = SignInSettings(5, "tiepnhan") if admin.paths.server is None else SignInSettings(5, "")
    assert save_sign_in_settings(admin, chosen) == chosen
    assert load_sign_in_settings(admin.db) == chosen
    (entry,) = [e for e in entries(admin, AuditAction.SETTINGS) if e.object_key == "sign_in"]
    assert entry.username == "quantri" and '"idle_lock_minutes":5' in entry.after.replace(" ", "")
    save_sign_in_settings(admin, chosen)  # nothing changed: no second entry
    assert len([e for e in entries(admin, AuditAction.SETTINGS) if e.object_key == "sign_in"]) == 1

    sign_out(admin)
    sign_in(admin, "tiepnhan", "mat-khau-1")
    with pytest.raises(PermissionDeniedError, match="không có quyền: sửa thông tin cơ quan"):
        save_sign_in_settings(admin, SignInSettings(0, ""))
    assert load_sign_in_settings(admin.db) == chosen


def test_wrong_choices_are_refused_saying_what_to_fix(admin: Workspace) -> None:
    with pytest.raises(InvalidInputError, match="từ 0 \\(không khóa\\) đến 480 phút"):
        save_sign_in_settings(admin, SignInSettings(481, ""))
    if admin.paths.server is not None:
        with pytest.raises(InvalidInputError, match="Máy chủ dữ liệu dùng chung cho nhiều quầy"):
            save_sign_in_settings(admin, SignInSettings(15, "tiepnhan"))
    else:
        with pytest.raises(InvalidInputError, match="Không có tài khoản «khongco» đang hoạt động"):
            save_sign_in_settings(admin, SignInSettings(15, "khongco"))
    assert load_sign_in_settings(admin.db) == SignInSettings(15, "")


def test_a_desk_file_signs_the_chosen_account_in_a_server_never(admin: Workspace) -> None:
    if admin.paths.server is None:
        save_sign_in_settings(admin, SignInSettings(15, "tiepnhan"))
    else:  # as another tool, or a database moved from a desk, may have left it
        with admin.db.write() as tx:
            settings_repo.write_many(tx, {"auto_sign_in_username": "tiepnhan"})
    sign_out(admin)
    actor = auto_sign_in(admin)
    if admin.paths.server is not None:
        assert actor is None and admin.actor.system
        return
    assert actor is not None and admin.actor.username == "tiepnhan"
    (entry,) = [e for e in entries(admin, AuditAction.SIGN_IN) if e.username == "tiepnhan"]
    assert "tự động đăng nhập" in entry.after


@pytest.mark.sqlite_only  # a server never signs in automatically (tested above)
def test_a_disabled_account_is_not_signed_in_automatically(admin: Workspace) -> None:
    save_sign_in_settings(admin, SignInSettings(15, "tiepnhan"))
    set_active(admin, "tiepnhan", False)
    sign_out(admin)
    assert auto_sign_in(admin) is None and admin.actor.system


def test_a_hand_written_delay_falls_back_to_the_default(workspace: Workspace) -> None:
    with workspace.db.write() as tx:
        settings_repo.write_many(tx, {"idle_lock_minutes": "mười"})
    assert load_sign_in_settings(workspace.db).idle_lock_minutes == 15
