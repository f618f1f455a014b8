"""Calendar overrides and dated office-hour schedules."""

from datetime import date, time

from sqlmodel import Session, col, delete, select

from cchc_desktop.domain.calendar import CalendarOverride, OfficeSchedule, OverrideKind
from cchc_desktop.domain.calendar import Session as OfficeSession
from cchc_desktop.storage.tables import CalendarOverrideRow, OfficeScheduleRow


def list_overrides(session: Session) -> list[CalendarOverride]:
    rows = session.exec(select(CalendarOverrideRow).order_by(col(CalendarOverrideRow.day)))
    return [CalendarOverride(r.day, OverrideKind(r.kind), r.name, r.legal_basis) for r in rows]


def upsert_override(session: Session, override: CalendarOverride) -> None:
    row = session.get(CalendarOverrideRow, override.day) or CalendarOverrideRow(
        day=override.day, kind="", name=""
    )
    row.kind = override.kind.value
    row.name = override.name
    row.legal_basis = override.legal_basis
    session.add(row)


def delete_override(session: Session, day: date) -> bool:
    result = session.exec(delete(CalendarOverrideRow).where(col(CalendarOverrideRow.day) == day))
    return bool(result.rowcount)


def format_sessions(schedule: OfficeSchedule) -> str:
    return ",".join(f"{s.start:%H:%M}-{s.end:%H:%M}" for s in schedule.sessions)


def parse_sessions(text: str) -> tuple[OfficeSession, ...]:
    sessions = []
    for part in text.split(","):
        start, end = part.strip().split("-")
        sessions.append(OfficeSession(time.fromisoformat(start), time.fromisoformat(end)))
    return tuple(sessions)


def list_schedules(session: Session) -> list[OfficeSchedule]:
    rows = session.exec(select(OfficeScheduleRow).order_by(col(OfficeScheduleRow.valid_from)))
    return [OfficeSchedule(r.valid_from, parse_sessions(r.sessions)) for r in rows]


def replace_schedules(session: Session, schedules: list[OfficeSchedule]) -> None:
    session.exec(delete(OfficeScheduleRow))
    for schedule in schedules:
        session.add(OfficeScheduleRow(valid_from=schedule.valid_from, sessions=format_sessions(schedule)))
