"""The working calendar as the agency configured it: holidays, overrides, office hours."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.resources import resource_path
from cchc_desktop.domain.calendar import (
    DEFAULT_SCHEDULE,
    CalendarOverride,
    NonWorkingDay,
    OfficeSchedule,
    OverrideKind,
    WorkingCalendar,
)
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays
from cchc_desktop.domain.text import nfc
from cchc_desktop.storage import calendar_repo
from cchc_desktop.storage.database import Database, Tx

DEFAULT_OVERRIDES_FILE = ("calendar", "default_overrides.json")


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
    db: Database, day: date, kind: OverrideKind, name: str, legal_basis: str = ""
) -> CalendarChange:
    name = nfc(name)
    if not name:
        raise InvalidInputError("Nhập tên hoặc lý do của ngày nghỉ / ngày làm bù.")
    if kind is OverrideKind.MAKE_UP_WORKDAY and day.weekday() < 5 and day not in vietnamese_public_holidays():
        raise InvalidInputError(
            f"Ngày {day:%d/%m/%Y} là ngày làm việc bình thường; ngày làm bù phải là thứ Bảy, Chủ nhật "
            "hoặc một ngày lễ được chuyển thành ngày làm việc."
        )
    with db.write() as tx:
        calendar_repo.upsert_override(tx, CalendarOverride(day, kind, name, nfc(legal_basis)))
    return CalendarChange(day, removed=False)


def remove_override(db: Database, day: date) -> CalendarChange:
    with db.write() as tx:
        if not calendar_repo.delete_override(tx, day):
            raise InvalidInputError(f"Ngày {day:%d/%m/%Y} không có trong danh sách điều chỉnh.")
    return CalendarChange(day, removed=True)


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
