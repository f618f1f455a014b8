""" "Hồ sơ của tôi": a dossier handed to an account is on that person's list, and a specialist-only account
sees nothing else, whatever filter the screen asks for (on the SQLite file and on the server alike)."""

from __future__ import annotations

from datetime import datetime

import pytest

from cchc_desktop.core.errors import PermissionDeniedError
from cchc_desktop.domain.roles import Role
from cchc_desktop.domain.urgency import Urgency
from cchc_desktop.services import tracking, workflow
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in, sign_out
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.tracking import TrackingFilter, TrackingSort
from cchc_desktop.services.workspace import Workspace
from tests.services.intake_helpers import request

RECEIVED = datetime(2026, 3, 2, 10, 5)
HANDED = datetime(2026, 3, 2, 14, 0)
NOW = datetime(2026, 3, 3, 9, 0)
PASSWORD = "mat-khau-1"
EVERY_STATE = TrackingFilter(statuses=tracking.ALL_STATES)


def _people(ws: Workspace) -> None:
    add_account(ws, AccountForm("quantri", "Nguyễn Văn Quản", "", frozenset({Role.ADMIN})), PASSWORD)
    sign_in(ws, "quantri", PASSWORD)
    add_account(ws, AccountForm("tiepnhan", "Lê Văn Tâm", "", frozenset({Role.RECEPTION})), PASSWORD)
    add_account(ws, AccountForm("chuyenvien", "Phạm Thị Thu", "", frozenset({Role.SPECIALIST})), PASSWORD)
    add_account(ws, AccountForm("chuyenvien2", "Đỗ Văn Hải", "", frozenset({Role.SPECIALIST})), PASSWORD)


def _day(ws: Workspace) -> dict[str, str]:
    """Four dossiers: two handed to chuyenvien, one to chuyenvien2, one still at the counter."""
    _people(ws)
    sign_in(ws, "tiepnhan", PASSWORD)
    names = ["Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Thị Cúc", "Vũ Văn Dũng"]
    codes = {
        name: save_intake(ws, request(applicant_name=name, received_at=RECEIVED), now=RECEIVED).record.code
        for name in names
    }
    for name, account in (
        ("Nguyễn Thị Hoa", "chuyenvien"),
        ("Trần Văn Bình", "chuyenvien"),
        ("Lê Thị Cúc", "chuyenvien2"),
    ):
        workflow.hand_over(
            ws,
            codes[name],
            giver="Lê Văn Tâm",
            taker="",
            taker_unit="Tư pháp",
            at=HANDED,
            taker_account=account,
        )
    return codes


def _listed(ws: Workspace, filter: TrackingFilter = TrackingFilter()) -> list[str]:  # noqa: B008
    rows = tracking.page(ws, filter, TrackingSort("code"), 0, 100, NOW)
    assert tracking.count(ws, filter, NOW) == len(rows)
    return [row.applicant_name for row in rows]


def _counted(ws: Workspace, mine: bool = False) -> int:
    return sum(tracking.urgency_counts(ws, NOW, mine=mine).values())


def test_a_specialist_sees_only_the_dossiers_handed_to_them(workspace: Workspace) -> None:
    _day(workspace)
    sign_in(workspace, "chuyenvien", PASSWORD)
    assert tracking.own_only(workspace)
    assert _listed(workspace) == ["Nguyễn Thị Hoa", "Trần Văn Bình"]
    # Asking for every state, or not for "mine", does not widen the list; a search stays inside it.
    assert _listed(workspace, EVERY_STATE) == ["Nguyễn Thị Hoa", "Trần Văn Bình"]
    assert _listed(workspace, TrackingFilter(search="cuc")) == []
    assert _listed(workspace, TrackingFilter(search="binh")) == ["Trần Văn Bình"]
    assert _counted(workspace) == 2
    sign_in(workspace, "chuyenvien2", PASSWORD)
    assert _listed(workspace, EVERY_STATE) == ["Lê Thị Cúc"]
    assert _counted(workspace) == 1


def test_the_counter_sees_every_dossier_and_its_own_on_request(workspace: Workspace) -> None:
    _day(workspace)
    assert not tracking.own_only(workspace)  # signed in as tiepnhan
    assert len(_listed(workspace)) == 4
    assert _counted(workspace) == 4
    assert _listed(workspace, TrackingFilter(mine=True)) == []
    assert _counted(workspace, mine=True) == 0
    sign_in(workspace, "quantri", PASSWORD)
    assert len(_listed(workspace, EVERY_STATE)) == 4


def test_the_result_coming_back_takes_the_dossier_off_the_specialists_list(workspace: Workspace) -> None:
    codes = _day(workspace)
    sign_in(workspace, "chuyenvien", PASSWORD)
    workflow.receive_result(
        workspace, codes["Nguyễn Thị Hoa"], giver="Phạm Thị Thu", taker="Lê Văn Tâm", at=NOW
    )
    assert _listed(workspace, EVERY_STATE) == ["Trần Văn Bình"]
    assert tracking.urgency_counts(workspace, NOW)[Urgency.WAITING] == 0


def test_nobody_signed_in_sees_nothing_once_accounts_exist(workspace: Workspace) -> None:
    _day(workspace)
    sign_out(workspace)
    assert _listed(workspace, EVERY_STATE) == []
    assert _counted(workspace) == 0


def test_without_accounts_the_list_is_as_before(workspace: Workspace) -> None:
    for name in ("Nguyễn Thị Hoa", "Trần Văn Bình"):
        save_intake(workspace, request(applicant_name=name, received_at=RECEIVED), now=RECEIVED)
    assert not tracking.own_only(workspace)
    assert _listed(workspace) == ["Nguyễn Thị Hoa", "Trần Văn Bình"]
    assert _counted(workspace) == 2


def test_a_specialist_reads_only_the_dossiers_handed_to_them_or_worked_on(workspace: Workspace) -> None:
    codes = _day(workspace)
    sign_in(workspace, "chuyenvien", PASSWORD)
    own, theirs = codes["Nguyễn Thị Hoa"], codes["Lê Thị Cúc"]
    assert dossier_by_code(workspace, own).applicant_name == "Nguyễn Thị Hoa"
    with pytest.raises(
        PermissionDeniedError, match=f"Hồ sơ {theirs} không được giao cho tài khoản chuyenvien"
    ):
        dossier_by_code(workspace, theirs)
    with pytest.raises(PermissionDeniedError):
        workflow.events_of(workspace, theirs)
    workflow.receive_result(workspace, own, giver="Phạm Thị Thu", taker="Lê Văn Tâm", at=HANDED)
    # Off their list, but they recorded its result: still theirs to read.
    assert own not in _listed(workspace, EVERY_STATE)
    assert dossier_by_code(workspace, own).code == own and workflow.events_of(workspace, own)
    sign_out(workspace)
    with pytest.raises(PermissionDeniedError, match="Cần đăng nhập"):
        dossier_by_code(workspace, own)
