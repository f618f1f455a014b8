"""The permission matrix as the services enforce it: for every Permission a real service call, made by one
account of each role (and by a specialist who holds the dossier and one who does not); the call goes
through exactly when domain/roles.py's ALLOWED (with the specialist's own-dossier rule) says so.

Every Permission needs a row in CASES: a new one without a row fails `test_every_permission_has_a_row`.
One workspace (SQLite) and its accounts serve the whole module (Argon2 makes accounts slow to create);
each test gets a fresh dossier, taken in at the counter and handed to the specialist `chuyenvien`.
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytest

from cchc_desktop.core.errors import PermissionDeniedError
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.calendar import OverrideKind
from cchc_desktop.domain.exchange_format import COLUMNS
from cchc_desktop.domain.roles import ALLOWED, OWN_DOSSIER_ONLY, SYSTEM_ACTOR, Actor, Permission, Role
from cchc_desktop.services import audit_view, registers, report_texts, tracking, workflow
from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services.accounts import AccountForm, add_account
from cchc_desktop.services.audit_verify import verify_audit
from cchc_desktop.services.backup import BackupResult, backup_to
from cchc_desktop.services.catalogue import catalogue_for_export, retire_procedure
from cchc_desktop.services.corrections import Correction, correct_dossier
from cchc_desktop.services.exchange import export_file, import_file
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.printing import PrintedForm, prepare_print, record_print
from cchc_desktop.services.restore import restore_from
from cchc_desktop.services.settings import load_settings, save_settings
from cchc_desktop.services.workspace import Workspace, open_workspace
from tests.agency import set_up_agency
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)  # the dossier: received Mon 2/3/2026 10:05, due Thu 5/3 10:05
HANDED = datetime(2026, 3, 2, 14, 0)
AT = datetime(2026, 3, 4, 9, 0)  # the step under test: before the due date, late enough to extend
SPECIALIST = "chuyenvien"  # holds every test's dossier
OTHER_SPECIALIST = "chuyenvien2"

# Who calls: one account per role, and the specialist who does not hold the dossier.
ACCOUNTS = {
    "quantri": ("Nguyễn Văn Quản", frozenset({Role.ADMIN})),
    "tiepnhan": ("Lê Văn Tâm", frozenset({Role.RECEPTION})),
    SPECIALIST: ("Phạm Thị Thu", frozenset({Role.SPECIALIST})),
    OTHER_SPECIALIST: ("Đỗ Văn Hai", frozenset({Role.SPECIALIST})),
    "lanhdao": ("Nguyễn Văn Hùng", frozenset({Role.LEADER})),
}
CALLERS = {
    "admin": "quantri",
    "reception": "tiepnhan",
    "specialist holding the dossier": SPECIALIST,
    "specialist not holding it": OTHER_SPECIALIST,
    "leader": "lanhdao",
}
# Sets a dossier up before the call under test (not an account: it never signs in).
SETUP_ACTOR = Actor("thiet-lap", "Người chuẩn bị dữ liệu", roles=frozenset(Role))


@contextmanager
def acting_as(ws: Workspace, actor: Actor) -> Iterator[None]:
    previous, ws.actor = ws.actor, actor
    try:
        yield
    finally:
        ws.actor = previous


def _resolved(ws: Workspace, code: str) -> None:
    with acting_as(ws, SETUP_ACTOR):
        _record_result(ws, code)


def _waiting_for_supplement(ws: Workspace, code: str) -> None:
    with acting_as(ws, SETUP_ACTOR):
        _request_supplement(ws, code)


# ------------------------------------------------------------------ one real call per Permission
# Each runs as the workspace's current actor on the dossier `code` (received, handed to `chuyenvien`),
# and must succeed when the actor is allowed.
def _view(ws: Workspace, _code: str) -> object:
    return tracking.count(ws, tracking.TrackingFilter(), NOW)


def _intake(ws: Workspace, _code: str) -> object:
    return save_intake(ws, request(), now=NOW)


def _correct(ws: Workspace, code: str) -> object:
    correction = Correction(applicant_phone="0987 654 321")
    return correct_dossier(ws, code, correction, "Ghi nhầm số điện thoại", move_due=False)


def _print(ws: Workspace, code: str) -> object:
    job = prepare_print(ws, code, PrintedForm.CONTROL_SLIP)
    record_print(ws, job, target=str(ws.paths.database.parent / "phieu-kiem-soat.pdf"))
    return job


def _hand_over(ws: Workspace, code: str) -> object:
    return workflow.hand_over(
        ws, code, giver="Phạm Thị Thu", taker="Nguyễn Văn Hùng", taker_unit="Lãnh đạo UBND xã", at=AT
    )


def _record_result(ws: Workspace, code: str) -> object:
    return workflow.receive_result(ws, code, giver="Phạm Thị Thu", taker="Lê Văn Tâm", at=AT)


def _return(ws: Workspace, code: str) -> object:
    _resolved(ws, code)
    return workflow.return_result(ws, code, actor="Lê Văn Tâm", at=AT + timedelta(hours=1))


def _request_supplement(ws: Workspace, code: str) -> object:
    items = ["Bản sao giấy khai sinh"]
    return workflow.request_supplement(ws, code, items=items, reason="Thiếu giấy tờ", actor="Thu", at=AT)


def _receive_supplement(ws: Workspace, code: str) -> object:
    _waiting_for_supplement(ws, code)
    return workflow.supplement_received(ws, code, actor="Lê Văn Tâm", at=AT + timedelta(hours=1))


def _refuse(ws: Workspace, code: str) -> object:
    return workflow.refuse(ws, code, reason="Không đủ điều kiện", actor="Phạm Thị Thu", at=AT)


def _withdraw(ws: Workspace, code: str) -> object:
    return workflow.withdraw(ws, code, reason="Người nộp xin rút", actor="Lê Văn Tâm", at=AT)


def _stop(ws: Workspace, code: str) -> object:
    requested = AT - timedelta(hours=1)
    return workflow.stop(ws, code, requested_at=requested, returned_items="Toàn bộ", actor="Thu", at=AT)


def _extend(ws: Workspace, code: str) -> object:
    later = datetime(2026, 3, 10, 10)
    return workflow.extend(ws, code, new_appointment=later, reason="Chờ xác minh", actor="Hùng", at=AT)


def _register(ws: Workspace, _code: str) -> object:
    target = ws.paths.database.parent / "so-theo-doi.pdf"
    return registers.save_register(ws, target, date(2026, 3, 1), date(2026, 3, 31))


def _export(ws: Workspace, _code: str) -> object:
    return export_file(ws, ws.paths.database.parent / "xuat.csv")


def _import(ws: Workspace, _code: str) -> object:
    path = ws.paths.database.parent / "nhap.csv"
    row = {"code": "000.17.22.H56-230106-0001", "procedure_code": "1.004873", "applicant_name": "Lê Thị Cúc"}
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerow({**row, "channel": "postal", "received_at": "2023-01-06T16:30"})
    report = import_file(ws, path)
    assert report.ok and report.written, report.problems
    return report


def _settings(ws: Workspace, _code: str) -> object:
    return save_settings(ws, dataclasses.replace(load_settings(ws.db), counter_phone="0225 3 888 999"))


def _calendar(ws: Workspace, _code: str) -> object:
    return calendar_service.set_override(ws, date(2027, 6, 1), OverrideKind.DAY_OFF, "Nghỉ thử")


def _catalogue(ws: Workspace, _code: str) -> object:
    code = catalogue_for_export(ws.db, date(2027, 6, 1))[0].code
    return retire_procedure(ws, code, date(2027, 6, 1))


_NEW_ACCOUNTS = itertools.count(1)


def _accounts(ws: Workspace, _code: str) -> object:
    form = AccountForm(f"nguoimoi{next(_NEW_ACCOUNTS)}", "Người Mới", "", frozenset({Role.RECEPTION}))
    return add_account(ws, form, "mat-khau-dai")


def _backup(ws: Workspace, _code: str) -> object:
    usb = ws.paths.database.parent / "usb"
    usb.mkdir(exist_ok=True)
    return backup_to(ws.paths, usb, by=ws)


def _restore(ws: Workspace, _code: str) -> object:
    """A backup of this counter's data restored onto another computer's folder, by the caller."""
    with acting_as(ws, SETUP_ACTOR):
        copy = _backup(ws, _code)
    assert isinstance(copy, BackupResult)
    target = ws.paths.database.parent / f"may-moi-{copy.path.stem}" / "cchc.sqlite3"
    return restore_from(resolve_paths(str(target)), copy.path, by=ws)


def _report(ws: Workspace, _code: str) -> object:
    return report_texts.save_texts(ws, 2026, report_texts.ReportTexts(("Mở đầu.",), (), "Kết thúc./.", ()))


def _audit_log(ws: Workspace, _code: str) -> object:
    return audit_view.count(ws, audit_view.AuditFilter())


CASES: dict[Permission, Callable[[Workspace, str], object]] = {
    Permission.VIEW_DOSSIERS: _view,
    Permission.INTAKE: _intake,
    Permission.CORRECT: _correct,
    Permission.PRINT: _print,
    Permission.HAND_OVER: _hand_over,
    Permission.RECORD_RESULT: _record_result,
    Permission.RETURN_RESULT: _return,
    Permission.REQUEST_SUPPLEMENT: _request_supplement,
    Permission.RECEIVE_SUPPLEMENT: _receive_supplement,
    Permission.REFUSE: _refuse,
    Permission.WITHDRAW: _withdraw,
    Permission.STOP: _stop,
    Permission.EXTEND: _extend,
    Permission.REGISTER: _register,
    Permission.EXPORT: _export,
    Permission.IMPORT: _import,
    Permission.SETTINGS: _settings,
    Permission.CALENDAR: _calendar,
    Permission.CATALOGUE: _catalogue,
    Permission.ACCOUNTS: _accounts,
    Permission.BACKUP: _backup,
    Permission.RESTORE: _restore,
    Permission.REPORT: _report,
    Permission.AUDIT_LOG: _audit_log,
}


def expected_allowed(permission: Permission, username: str) -> bool:
    """The matrix as written, plus: a specialist-only account acts only on the dossiers handed to them."""
    roles = ACCOUNTS[username][1]
    if not roles & ALLOWED[permission]:
        return False
    own_only = permission in OWN_DOSSIER_ONLY and not (roles & ALLOWED[permission]) - {Role.SPECIALIST}
    return not own_only or username == SPECIALIST


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """One set-up counter with the five accounts (nobody signed in)."""
    folder = tmp_path_factory.mktemp("permissions")
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            patch.setenv(variable, str(folder / "user" / variable.lower()))
        patch.delenv("CCHC_DB", raising=False)
        (folder / "data").mkdir()
        ws = open_workspace(resolve_paths(str(folder / "data" / "cchc.sqlite3")))
        try:
            set_up_agency(ws)
            for username, (full_name, roles) in ACCOUNTS.items():
                add_account(ws, AccountForm(username, full_name, "Công chức", roles), "mat-khau-dai")
                if username == "quantri":
                    ws.actor = Actor(username, full_name, roles=roles)  # adds the others
            ws.actor = Actor("", "")  # placeholder; each test sets its caller
            yield ws
            result = verify_audit(ws.db)
            assert result.ok, [problem.text for problem in result.problems]
        finally:
            ws.close()


def _actor(username: str) -> Actor:
    full_name, roles = ACCOUNTS[username]
    return Actor(username, full_name, "Công chức", roles)


@pytest.fixture
def code(team: Workspace) -> str:
    """A new dossier, received at the counter and handed to `chuyenvien`."""
    with acting_as(team, SETUP_ACTOR):
        code = save_intake(team, request(), now=NOW).record.code
        workflow.hand_over(
            team,
            code,
            giver="Lê Văn Tâm",
            taker="",
            taker_unit="Tư pháp",
            at=HANDED,
            taker_account=SPECIALIST,
        )
    return code


def test_every_permission_has_a_row() -> None:
    assert [p.value for p in Permission if p not in CASES] == []


@pytest.mark.parametrize("permission", list(Permission), ids=str)
@pytest.mark.parametrize("caller", list(CALLERS), ids=str)
def test_a_service_call_goes_through_exactly_when_the_matrix_allows_it(
    team: Workspace, code: str, caller: str, permission: Permission
) -> None:
    if permission not in CASES:
        pytest.fail(f"no service call for {permission.value} in CASES", pytrace=False)
    username = CALLERS[caller]
    with acting_as(team, _actor(username)):
        if expected_allowed(permission, username):
            CASES[permission](team, code)
        else:
            with pytest.raises(PermissionDeniedError, match="không"):
                CASES[permission](team, code)


# The tracking list is not refused to nobody: it lists no dossier then (services/tracking.own_only).
@pytest.mark.parametrize("permission", [p for p in Permission if p != Permission.VIEW_DOSSIERS], ids=str)
def test_nobody_signed_in_is_refused_once_accounts_exist(
    team: Workspace, code: str, permission: Permission
) -> None:
    if permission not in CASES:
        pytest.fail(f"no service call for {permission.value} in CASES", pytrace=False)
    with acting_as(team, SYSTEM_ACTOR), pytest.raises(PermissionDeniedError, match="đăng nhập"):
        CASES[permission](team, code)
