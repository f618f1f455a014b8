"""The due line under the intake form for a procedure counted in office hours ("02 giờ làm việc")."""

from __future__ import annotations

from datetime import date, datetime

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.deadlines import Duration, DurationUnit
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays
from cchc_desktop.services.calendar import default_overrides
from cchc_desktop.ui.intake.due_text import due_texts


def test_a_rule_in_working_hours_says_so_and_skips_the_evening() -> None:
    calendar = WorkingCalendar(vietnamese_public_holidays(), default_overrides())
    procedure = Procedure(
        "DP-01", "Xác nhận thử", "Hộ tịch", Duration(DurationUnit.WORKING_HOURS, 2), date(2025, 7, 1)
    )

    line, note = due_texts(procedure, datetime(2026, 3, 2, 16, 30), calendar)

    assert line == "Hẹn trả: 09 giờ 00 phút, Thứ Ba 03/03/2026 · 2 giờ làm việc"
    assert note == ""
