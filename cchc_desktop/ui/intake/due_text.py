"""The live due date and the procedure summary, as the clerk reads them on the form."""

from __future__ import annotations

from datetime import datetime

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.deadlines import DurationUnit
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.domain.vn_format import short_date, weekday_name
from cchc_desktop.services.deadlines import DueDate, due_for_procedure
from cchc_desktop.ui.intake import strings


def clock_text(moment: datetime) -> str:
    """ "10 giờ 05 phút"."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút"


def span_text(due: DueDate) -> str:
    """ "trong ngày", "3 ngày làm việc", "2 giờ làm việc" or "15 ngày (tính theo ngày lịch)"."""
    duration = due.procedure.duration
    if duration is not None and duration.unit is DurationUnit.CALENDAR_DAYS:
        return strings.DUE_SPAN_CALENDAR_DAYS.format(count=duration.value)
    if duration is not None and duration.unit is DurationUnit.WORKING_HOURS:
        return strings.DUE_SPAN_WORKING_HOURS.format(count=duration.value)
    if due.working_days == 0:
        return strings.DUE_SPAN_SAME_DAY
    return strings.DUE_SPAN_WORKING_DAYS.format(count=due.working_days)


def due_texts(
    procedure: Procedure | None, received_at: datetime, calendar: WorkingCalendar
) -> tuple[str, str]:
    """The due line ("Hẹn trả: 17 giờ 00 phút, Thứ Hai 02/03/2026 · trong ngày") and a note when the
    receipt falls outside office hours (empty otherwise)."""
    if procedure is None:
        return strings.DUE_NO_PROCEDURE, ""
    due = due_for_procedure(procedure, received_at, calendar)
    line = strings.DUE_LINE.format(
        clock=clock_text(due.due_at), weekday=weekday_name(due.due_at), day=short_date(due.due_at)
    )
    line = f"{line} · {span_text(due)}"
    start = due.effective_received_at
    if start == received_at.replace(second=0, microsecond=0):
        return line, ""
    note = strings.DUE_OUTSIDE_HOURS.format(
        clock=clock_text(start), weekday=weekday_name(start), day=short_date(start)
    )
    return line, note


def procedure_summary(procedure: Procedure) -> str:
    return strings.PROCEDURE_INFO.format(field=procedure.field, duration=procedure.time_text)
