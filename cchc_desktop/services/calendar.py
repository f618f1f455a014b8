"""The working calendar as the agency configured it: holidays, overrides, office hours."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.resources import resource_path
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.calendar import (
    DEFAULT_SCHEDULE,
    CalendarOverride,
    NonWorkingDay,
    OfficeSchedule,
    OverrideKind,
    WorkingCalendar,
)
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.text import nfc
from cchc_desktop.services import audit_log
from cchc_desktop.services.permissions import require
from cchc_desktop.storage import calendar_repo
from cchc_desktop.storage.database import Database, Tx

if TYPE_CHECKING:  # the workspace loads the calendar
    from cchc_desktop.services.workspace import Workspace

DEFAULT_OVERRIDES_FILE = ("calendar", "default_overrides.json")
HOURS_KEY = "giờ làm việc"


@dataclass(frozen=True)
class CalendarChange:
    day: date
    removed: bool


def default_overrides() -> list[CalendarOverride]:
    data = json.loads(resource_path(*DEFAULT_OVERRIDES_FILE).read_text(encoding="utf-8"))
    return [
        CalendarOverride(
            date.fromisoformat(item["day"]),
            OverrideKind(item["kind"]),
            item["name"],
            item.get("legal_basis", ""),
        )
        for item in data["overrides"]
    ]


def seed_calendar(tx: Tx) -> None:
    """First start: the announced swaps and the default office hours."""
    for override in default_overrides():
        calendar_repo.upsert_override(tx, override)
    calendar_repo.replace_schedules(tx, [DEFAULT_SCHEDULE])


def load_calendar(db: Database) -> WorkingCalendar:
    with db.read() as tx:
        overrides = calendar_repo.list_overrides(tx)
        schedules = calendar_repo.list_schedules(tx) or [DEFAULT_SCHEDULE]
    return WorkingCalendar(vietnamese_public_holidays(), overrides, schedules)


def list_overrides(db: Database) -> list[CalendarOverride]:
    with db.read() as tx:
        return calendar_repo.list_overrides(tx)


def special_days(db: Database, year: int) -> list[NonWorkingDay]:
    return list(load_calendar(db).special_days(year))


def set_override(
    ws: Workspace, day: date, kind: OverrideKind, name: str, legal_basis: str = ""
) -> CalendarChange:
    """Add or change the day off / make-up working day on `day` (CALENDAR), audited with the day as it
    was and as it is now."""
    require(ws, Permission.CALENDAR)
    name = nfc(name)
    if not name:
        raise InvalidInputError("Nhập tên hoặc lý do của ngày nghỉ / ngày làm bù.")
    if kind is OverrideKind.MAKE_UP_WORKDAY and day.weekday() < 5 and day not in vietnamese_public_holidays():
        raise InvalidInputError(
            f"Ngày {day:%d/%m/%Y} là ngày làm việc bình thường; ngày làm bù phải là thứ Bảy, Chủ nhật "
            "hoặc một ngày lễ được chuyển thành ngày làm việc."
        )
    override = CalendarOverride(day, kind, name, nfc(legal_basis))
    with ws.db.write() as tx:
        before = _override_on(tx, day)
        calendar_repo.upsert_override(tx, override)
        if before != override:
            _record(tx, ws, day, before, override)
    ws.calendar_changed()
    return CalendarChange(day, removed=False)


def remove_override(ws: Workspace, day: date) -> CalendarChange:
    require(ws, Permission.CALENDAR)
    with ws.db.write() as tx:
        before = _override_on(tx, day)
        if not calendar_repo.delete_override(tx, day):
            raise InvalidInputError(f"Ngày {day:%d/%m/%Y} không có trong danh sách điều chỉnh.")
        _record(tx, ws, day, before, None)
    ws.calendar_changed()
    return CalendarChange(day, removed=True)


def _override_on(tx: Tx, day: date) -> CalendarOverride | None:
    return next((item for item in calendar_repo.list_overrides(tx) if item.day == day), None)


def _values(override: CalendarOverride | None) -> dict[str, str] | None:
    if override is None:
        return None
    return {
        "day": override.day.isoformat(),
        "kind": override.kind.value,
        "name": override.name,
        "legal_basis": override.legal_basis,
    }


def _record(
    tx: Tx, ws: Workspace, day: date, before: CalendarOverride | None, after: CalendarOverride | None
) -> None:
    audit_log.record(
        tx,
        ws,
        AuditAction.CALENDAR,
        ObjectKind.CALENDAR,
        day.isoformat(),
        before=_values(before),
        after=_values(after),
    )


def schedules_text(schedules: list[OfficeSchedule]) -> list[str]:
    """The office hours as the log keeps them: "từ 01/07/2025: 07:30–11:30, 13:30–17:00"."""
    return [
        f"từ {schedule.valid_from:%d/%m/%Y}: "
        + ", ".join(f"{s.start:%H:%M}–{s.end:%H:%M}" for s in schedule.sessions)
        for schedule in schedules
    ]


def replace_schedules(tx: Tx, ws: Workspace, schedules: list[OfficeSchedule]) -> None:
    """Store the office hours (checked, in order) inside the caller's transaction, audited when they
    changed. The caller has required CALENDAR, and calls `ws.calendar_changed()` once committed."""
    old = schedules_text(calendar_repo.list_schedules(tx))
    calendar_repo.replace_schedules(tx, schedules)
    if old != schedules_text(schedules):
        audit_log.record(
            tx,
            ws,
            AuditAction.CALENDAR,
            ObjectKind.CALENDAR,
            HOURS_KEY,
            before={"schedules": old},
            after={"schedules": schedules_text(schedules)},
        )


def load_schedules(db: Database) -> list[OfficeSchedule]:
    with db.read() as tx:
        return calendar_repo.list_schedules(tx) or [DEFAULT_SCHEDULE]


def check_schedules(schedules: list[OfficeSchedule]) -> list[OfficeSchedule]:
    """The schedules in date order, or a Vietnamese message saying what is wrong with them."""
    if not schedules:
        raise InvalidInputError("Cần ít nhất một lịch giờ làm việc.")
    if len({s.valid_from for s in schedules}) != len(schedules):
        raise InvalidInputError("Hai lịch giờ làm việc không được bắt đầu cùng một ngày.")
    return sorted(schedules, key=lambda s: s.valid_from)
