"""The dossier's life after intake: hand-overs, results, supplements, refusals, withdrawals, stops and
extensions. Each action checks that the state allows it, changes the dossier and appends its event in
one transaction, and returns the changed dossier so screens can refresh. A screen passes the version
of the dossier it showed (`expected_version`): a dossier changed meanwhile by another counter is
refused with `DossierChangedError` (services/stale_dossier.py); None (command line) checks nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cchc_desktop.core.errors import InvalidInputError, NotFoundError
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.deadlines import Duration
from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.domain.lifecycle import (
    COUNTER_UNIT,
    Action,
    IllegalTransition,
    SupplementMode,
    due_after_supplement,
    extension_error,
    status_after,
)
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.text import nfc
from cchc_desktop.domain.timeliness import TIMELINESS_LABELS, TimelinessRule, classify
from cchc_desktop.services import audit_log
from cchc_desktop.services.permissions import require, require_view
from cchc_desktop.services.records import DossierRecord, EventRecord, event_of, record_of
from cchc_desktop.services.settings import AgencySettings, settings_from_values
from cchc_desktop.services.stale_dossier import require_version
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import account_repo, catalogue_repo, dossier_repo, settings_repo
from cchc_desktop.storage.database import Tx
from cchc_desktop.storage.tables import DossierEventRow, DossierRow


@dataclass(frozen=True)
class ActionResult:
    record: DossierRecord
    action: Action
    event: EventRecord


@dataclass
class _Change:
    """What one action writes: the event's people, note and data (the dossier row is changed in place)."""

    actor: str = ""
    giver: str = ""
    taker: str = ""
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)


PERMISSION_OF = {
    Action.HAND_OVER: Permission.HAND_OVER,
    Action.RECEIVE_RESULT: Permission.RECORD_RESULT,
    Action.RETURN_RESULT: Permission.RETURN_RESULT,
    Action.REQUEST_SUPPLEMENT: Permission.REQUEST_SUPPLEMENT,
    Action.SUPPLEMENT_RECEIVED: Permission.RECEIVE_SUPPLEMENT,
    Action.REFUSE: Permission.REFUSE,
    Action.WITHDRAW: Permission.WITHDRAW,
    Action.STOP: Permission.STOP,
    Action.EXTEND: Permission.EXTEND,
}


def _require(text: str, message: str) -> str:
    text = nfc(text)
    if not text:
        raise InvalidInputError(message)
    return text


def _apply(
    ws: Workspace,
    code: str,
    action: Action,
    at: datetime,
    change: Callable[[Tx, DossierRow, AgencySettings], _Change],
    expected_version: int | None,
) -> ActionResult:
    require(ws, PERMISSION_OF[action])
    at = at.replace(second=0, microsecond=0)
    if at > datetime.now():
        raise InvalidInputError("Thời điểm thực hiện không được sau thời điểm hiện tại.")
    with ws.db.write() as tx:
        row = dossier_repo.by_code(tx, code.strip())
        if row is None or row.id is None:
            raise NotFoundError(f"Không tìm thấy hồ sơ mã {code.strip()}.")
        require_version(tx, row, expected_version)
        require(ws, PERMISSION_OF[action], assignee=row.assignee)
        if at < row.received_at:
            raise InvalidInputError(
                f"Thời điểm thực hiện phải sau thời điểm nhận hồ sơ ({row.received_at:%H:%M %d/%m/%Y})."
            )
        status = DossierStatus(row.status)
        before_supplement = (
            _status_before_supplement(tx, row.id) if action is Action.SUPPLEMENT_RECEIVED else None
        )
        try:
            new_status = status_after(status, action, before_supplement)
        except IllegalTransition as error:
            raise InvalidInputError(str(error)) from None
        settings = settings_from_values(settings_repo.read_all(tx))
        written = change(tx, row, settings)
        row.status = new_status.value
        if new_status is not status:
            row.status_at = at
        tx.add(row)
        event = dossier_repo.add_event(
            tx,
            DossierEventRow(
                dossier_id=row.id,
                at=at,
                kind=action.value,
                actor=written.actor,
                giver=written.giver,
                taker=written.taker,
                note=written.note,
                counter=ws.counter,
                recorded_by=ws.actor.username,
                data_json=json.dumps({"from": status.value, **written.data}, ensure_ascii=False, default=str),
            ),
        )
        audit_log.record_dossier(
            tx,
            ws,
            AuditAction.DOSSIER_EVENT,
            row,
            before={"status": status.value},
            after={"action": action.value, "status": new_status.value, "at": at, "note": written.note},
        )
        return ActionResult(record_of(row), action, event_of(event))


def _status_before_supplement(tx: Tx, dossier_id: int) -> DossierStatus:
    requests = [
        e for e in dossier_repo.events_of(tx, dossier_id) if e.kind == Action.REQUEST_SUPPLEMENT.value
    ]
    return DossierStatus(json.loads(requests[-1].data_json)["from"]) if requests else DossierStatus.RECEIVED


def _timeliness(ws: Workspace, settings: AgencySettings, at: datetime, due_at: datetime) -> str:
    rule = TimelinessRule(settings.classification_rule)
    return TIMELINESS_LABELS[classify(at, due_at, ws.calendar, rule)]


def hand_over(
    ws: Workspace,
    code: str,
    *,
    giver: str,
    taker: str,
    taker_unit: str,
    at: datetime,
    giver_unit: str = "",
    note: str = "",
    taker_account: str = "",
    expected_version: int | None = None,
) -> ActionResult:
    """Give the dossier to another unit or person (counter → specialist → leader …). A `taker_account`
    (username) puts the dossier on that person's "Hồ sơ của tôi" and prints their full name."""
    taker = nfc(taker) if taker_account else _require(taker, "Nhập tên người nhận hồ sơ.")
    taker_unit = _require(taker_unit, "Nhập đơn vị (bộ phận) nhận hồ sơ.")

    def change(tx: Tx, row: DossierRow, settings: AgencySettings) -> _Change:
        source = nfc(giver_unit) or _holder_unit(tx, row)
        name = taker
        row.assignee = ""
        if taker_account:
            account = account_repo.by_username(tx, taker_account.strip().lower())
            if account is None or not account.active:
                raise InvalidInputError(
                    f"Không có tài khoản đang hoạt động «{taker_account.strip()}» để nhận hồ sơ."
                )
            name, row.assignee = account.full_name, account.username
        row.current_holder = name
        return _Change(
            actor=nfc(giver),
            giver=nfc(giver),
            taker=name,
            note=nfc(note),
            data={
                "giver_unit": source,
                "taker_unit": taker_unit,
                "result": _timeliness(ws, settings, at, row.due_at),
            },
        )

    return _apply(ws, code, Action.HAND_OVER, at, change, expected_version)


def _holder_unit(tx: Tx, row: DossierRow) -> str:
    """The unit that holds the dossier now: the taker unit of the last hand-over, else the counter."""
    assert row.id is not None
    for event in reversed(dossier_repo.events_of(tx, row.id)):
        if event.kind == Action.HAND_OVER.value:
            return str(json.loads(event.data_json).get("taker_unit", COUNTER_UNIT))
    return COUNTER_UNIT


def receive_result(
    ws: Workspace,
    code: str,
    *,
    giver: str,
    taker: str,
    at: datetime,
    note: str = "",
    expected_version: int | None = None,
) -> ActionResult:
    """The result comes back to the counter: the dossier is resolved at `at`."""

    def change(tx: Tx, row: DossierRow, settings: AgencySettings) -> _Change:
        source = _holder_unit(tx, row)
        row.resolved_at = at
        row.current_holder = nfc(taker)
        row.assignee = ""  # back at the counter: off the specialist's list
        return _Change(
            actor=nfc(taker),
            giver=nfc(giver),
            taker=nfc(taker),
            note=nfc(note),
            data={
                "giver_unit": source,
                "taker_unit": COUNTER_UNIT,
                "result": _timeliness(ws, settings, at, row.due_at),
            },
        )

    return _apply(ws, code, Action.RECEIVE_RESULT, at, change, expected_version)


def return_result(
    ws: Workspace, code: str, *, actor: str, at: datetime, note: str = "", expected_version: int | None = None
) -> ActionResult:
    """The citizen collects the result (or it is posted)."""

    def change(_tx: Tx, row: DossierRow, _settings: AgencySettings) -> _Change:
        row.returned_at = at
        row.current_holder = ""
        return _Change(actor=nfc(actor), note=nfc(note))

    return _apply(ws, code, Action.RETURN_RESULT, at, change, expected_version)


def request_supplement(
    ws: Workspace,
    code: str,
    *,
    items: list[str],
    reason: str,
    actor: str,
    at: datetime,
    expected_version: int | None = None,
) -> ActionResult:
    """Ask for more papers (Mẫu 02); the clock stops until they arrive."""
    cleaned = [nfc(item) for item in items if nfc(item)]
    if not cleaned:
        raise InvalidInputError("Ghi ít nhất một nội dung cần bổ sung, hoàn thiện.")
    reason = _require(reason, "Nhập lý do yêu cầu bổ sung.")

    def change(_tx: Tx, row: DossierRow, _settings: AgencySettings) -> _Change:
        return _Change(
            actor=nfc(actor), note=reason, data={"items": cleaned, "due_at": row.due_at.isoformat()}
        )

    return _apply(ws, code, Action.REQUEST_SUPPLEMENT, at, change, expected_version)


def supplement_received(
    ws: Workspace, code: str, *, actor: str, at: datetime, note: str = "", expected_version: int | None = None
) -> ActionResult:
    """The complete papers arrived: a new due date (restart, or pause as the settings say); the first due
    date stays in `original_due_at`."""

    def change(tx: Tx, row: DossierRow, settings: AgencySettings) -> _Change:
        assert row.id is not None
        requests = [
            e for e in dossier_repo.events_of(tx, row.id) if e.kind == Action.REQUEST_SUPPLEMENT.value
        ]
        requested_at = requests[-1].at if requests else row.status_at
        duration = _duration_of(tx, row)
        mode = SupplementMode(settings.supplement_mode)
        new_due = due_after_supplement(mode, duration, row.due_at, requested_at, at, ws.calendar)
        previous = row.due_at
        row.due_at = new_due
        row.appointment_at = new_due
        return _Change(
            actor=nfc(actor),
            note=nfc(note),
            data={"mode": mode.value, "previous_due_at": previous.isoformat(), "due_at": new_due.isoformat()},
        )

    return _apply(ws, code, Action.SUPPLEMENT_RECEIVED, at, change, expected_version)


def _duration_of(tx: Tx, row: DossierRow) -> Duration:
    procedure = catalogue_repo.procedure_by_id(tx, row.procedure_id) if row.procedure_id else None
    if procedure is None:
        procedure = catalogue_repo.procedure_in_force(tx, row.procedure_code, row.received_at.date())
    if procedure is None:
        raise NotFoundError(f"Không có thủ tục mã {row.procedure_code} trong danh mục để tính lại hạn.")
    if procedure.duration is None:
        raise NotFoundError(
            f"Thủ tục mã {row.procedure_code} chưa có thời hạn trong danh mục để tính lại hạn."
        )
    return procedure.duration


def refuse(
    ws: Workspace, code: str, *, reason: str, actor: str, at: datetime, expected_version: int | None = None
) -> ActionResult:
    """Refuse to resolve the dossier (Mẫu 03)."""
    reason = _require(reason, "Nhập lý do từ chối giải quyết.")

    def change(_tx: Tx, row: DossierRow, _settings: AgencySettings) -> _Change:
        row.current_holder = ""
        return _Change(actor=nfc(actor), note=reason)

    return _apply(ws, code, Action.REFUSE, at, change, expected_version)


def withdraw(
    ws: Workspace, code: str, *, reason: str, actor: str, at: datetime, expected_version: int | None = None
) -> ActionResult:
    """The applicant withdraws the dossier."""
    reason = _require(reason, "Nhập lý do rút hồ sơ (theo đề nghị của người nộp).")

    def change(_tx: Tx, row: DossierRow, _settings: AgencySettings) -> _Change:
        row.current_holder = ""
        return _Change(actor=nfc(actor), note=reason)

    return _apply(ws, code, Action.WITHDRAW, at, change, expected_version)


def stop(
    ws: Workspace,
    code: str,
    *,
    requested_at: datetime,
    returned_items: str,
    actor: str,
    at: datetime,
    note: str = "",
    expected_version: int | None = None,
) -> ActionResult:
    """Stop processing at the applicant's request (Mẫu 05)."""
    if requested_at > at:
        raise InvalidInputError("Ngày đề nghị dừng không được sau thời điểm dừng giải quyết.")

    def change(_tx: Tx, row: DossierRow, _settings: AgencySettings) -> _Change:
        row.current_holder = ""
        return _Change(
            actor=nfc(actor),
            note=nfc(note),
            data={"requested_at": requested_at.isoformat(), "returned_items": nfc(returned_items)},
        )

    return _apply(ws, code, Action.STOP, at, change, expected_version)


def extend(
    ws: Workspace,
    code: str,
    *,
    new_appointment: datetime,
    reason: str,
    actor: str,
    at: datetime,
    expected_version: int | None = None,
) -> ActionResult:
    """Apologise and move the appointment (Mẫu 04): once, at the latest on the last working day before the
    due date. The due date used by the statistics stays as it was."""
    reason = _require(reason, "Nhập lý do chậm trả kết quả.")

    def change(tx: Tx, row: DossierRow, _settings: AgencySettings) -> _Change:
        assert row.id is not None
        extended = dossier_repo.count_events(tx, row.id, Action.EXTEND.value) > 0
        problem = extension_error(row.due_at, row.appointment_at, new_appointment, at, extended, ws.calendar)
        if problem:
            raise InvalidInputError(problem)
        if not ws.calendar.is_working_day(new_appointment.date()):
            raise InvalidInputError(f"Ngày hẹn trả mới {new_appointment:%d/%m/%Y} không phải ngày làm việc.")
        previous = row.appointment_at
        row.appointment_at = new_appointment
        return _Change(
            actor=nfc(actor),
            note=reason,
            data={
                "previous_appointment": previous.isoformat(),
                "appointment_at": new_appointment.isoformat(),
            },
        )

    return _apply(ws, code, Action.EXTEND, at, change, expected_version)


def events_of(ws: Workspace, code: str) -> list[EventRecord]:
    require(ws, Permission.VIEW_DOSSIERS)  # before the look-up: nobody learns which codes exist
    with ws.db.read() as tx:
        row = dossier_repo.by_code(tx, code.strip())
        if row is None or row.id is None:
            raise NotFoundError(f"Không tìm thấy hồ sơ mã {code.strip()}.")
        dossier_id = row.id
        require_view(
            ws,
            row.code,
            row.assignee,
            lambda: dossier_repo.recorded_a_step(tx, dossier_id, ws.actor.username),
        )
        return [event_of(e) for e in dossier_repo.events_of(tx, row.id)]


def has_extension(ws: Workspace, code: str) -> bool:
    return any(e.kind == Action.EXTEND.value for e in events_of(ws, code))
