"""Due dates for a procedure of the catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.deadlines import compute_due, working_days_counted
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.services import catalogue
from cchc_desktop.storage.database import Database


@dataclass(frozen=True)
class DueDate:
    procedure: Procedure
    received_at: datetime
    effective_received_at: datetime
    due_at: datetime
    working_days: int


def due_for_procedure(procedure: Procedure, received_at: datetime, calendar: WorkingCalendar) -> DueDate:
    """Raises InvalidInputError for a procedure whose time is still to be set."""
    if procedure.duration is None:
        raise InvalidInputError(
            f"Thủ tục {procedure.code} chưa có thời hạn giải quyết (cần xác định thời hạn); "
            "đặt thời hạn trong Hệ thống → Danh mục thủ tục."
        )
    due_at = compute_due(received_at, procedure.duration, calendar)
    return DueDate(
        procedure=procedure,
        received_at=received_at,
        effective_received_at=calendar.effective_receipt_time(received_at),
        due_at=due_at,
        working_days=working_days_counted(received_at, due_at, calendar),
    )


def due_for_code(db: Database, calendar: WorkingCalendar, code: str, received_at: datetime) -> DueDate:
    procedure = catalogue.procedure_for(db, code, received_at.date())
    return due_for_procedure(procedure, received_at, calendar)
