"""Hand-checked due dates across Tết, Hùng Kings, 30/4-1/5, 2/9, the announced swaps, the 15:00 cut-off
and receipts outside office hours. Each row was worked out on a paper calendar; the comment says how."""

from __future__ import annotations

from datetime import datetime

import pytest

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.deadlines import Duration, DurationUnit, compute_due
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays
from cchc_desktop.services.calendar import default_overrides

SAME_DAY = Duration(DurationUnit.SAME_DAY)


def wd(n: int) -> Duration:
    return Duration(DurationUnit.WORKING_DAYS, n)


def cd(n: int) -> Duration:
    return Duration(DurationUnit.CALENDAR_DAYS, n)


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar(vietnamese_public_holidays(), default_overrides())


CASES = [
    # --- Tết 2023: Fri 20/1 - Thu 26/1 off
    ("2023-01-19 10:05", wd(3), "2023-01-31 10:05", "Tết 2023: Fri 27 (1), Mon 30 (2), Tue 31 (3)"),
    ("2023-01-19 14:59", SAME_DAY, "2023-01-19 17:00", "before 15:00: same day, closing time"),
    ("2023-01-19 15:00", SAME_DAY, "2023-01-27 17:00", "at 15:00: next working day is after Tết"),
    ("2023-01-19 16:00", wd(2), "2023-01-30 16:00", "Tết 2023, two working days"),
    # --- Hùng Kings + 30/4 + 1/5 2023: Mon 1/5, Tue 2/5, Wed 3/5 off
    ("2023-04-28 09:00", wd(3), "2023-05-08 09:00", "Thu 4/5 (1), Fri 5/5 (2), Mon 8/5 (3)"),
    # --- 2/9 2023: Fri 1/9 and Mon 4/9 off
    ("2023-08-31 10:00", wd(2), "2023-09-06 10:00", "Tue 5/9 (1), Wed 6/9 (2)"),
    ("2023-12-29 16:00", wd(5), "2024-01-08 16:00", "1/1/2024 off: Tue 2 .. Mon 8"),
    # --- Tết 2024: Thu 8/2 - Wed 14/2 off
    ("2024-02-07 08:00", wd(3), "2024-02-19 08:00", "Thu 15 (1), Fri 16 (2), Mon 19 (3)"),
    (
        "2024-02-07 15:00",
        SAME_DAY,
        "2024-02-15 17:00",
        "after the cut-off, the next working day is after Tết",
    ),
    ("2024-04-17 10:00", wd(3), "2024-04-23 10:00", "Hùng Kings Thu 18/4/2024 off"),
    # --- 2024 swap: Mon 29/4 off, Sat 4/5 worked
    ("2024-04-26 10:00", wd(3), "2024-05-04 10:00", "Thu 2/5 (1), Fri 3/5 (2), make-up Sat 4/5 (3)"),
    ("2024-05-03 15:30", SAME_DAY, "2024-05-04 17:00", "the next working day is the make-up Saturday"),
    ("2024-05-04 09:00", SAME_DAY, "2024-05-04 17:00", "a make-up Saturday is a working day"),
    ("2024-08-30 10:00", wd(2), "2024-09-05 10:00", "2/9 and 3/9/2024 off"),
    # --- 2025: Tết Mon 27/1 - Fri 31/1; Hùng Kings Mon 7/4; swap Sat 26/4 worked, Fri 2/5 off
    ("2025-01-24 10:00", wd(5), "2025-02-07 10:00", "Tết 2025: Mon 3/2 .. Fri 7/2"),
    ("2025-04-04 10:00", wd(3), "2025-04-10 10:00", "Hùng Kings Mon 7/4/2025 off"),
    ("2025-04-25 16:00", wd(3), "2025-04-29 16:00", "make-up Sat 26/4 (1), Mon 28 (2), Tue 29 (3)"),
    ("2025-04-29 10:00", wd(3), "2025-05-07 10:00", "30/4, 1/5 and swapped Fri 2/5 off"),
    ("2025-04-26 18:00", SAME_DAY, "2025-04-28 17:00", "evening of a make-up Saturday: from Mon 07:30"),
    ("2025-08-29 14:00", wd(10), "2025-09-16 14:00", "2/9/2025: Mon 1/9 and Tue 2/9 off"),
    # --- 2026: Thu 1/1 and swapped Fri 2/1 off, Sat 10/1 worked; Tết Mon 16/2 - Fri 20/2
    ("2025-12-31 10:00", wd(3), "2026-01-07 10:00", "1/1 and 2/1/2026 off"),
    ("2026-01-09 15:00", SAME_DAY, "2026-01-10 17:00", "the next working day is the make-up Sat 10/1"),
    ("2026-02-13 16:00", wd(3), "2026-02-25 16:00", "Tết 2026: Mon 23 (1), Tue 24 (2), Wed 25 (3)"),
    ("2026-02-14 09:00", SAME_DAY, "2026-02-23 17:00", "Saturday before Tết: counts from Mon 23/2 07:30"),
    # --- Hùng Kings 2026 falls on Sunday 26/4 → Mon 27/4 off; 30/4, 1/5 off
    ("2026-04-24 10:00", wd(5), "2026-05-06 10:00", "Tue 28, Wed 29, Mon 4/5, Tue 5, Wed 6"),
    # --- 2026 swap: Sat 22/8 worked, Mon 31/8 off; 1/9 and 2/9 off
    ("2026-08-21 10:00", wd(2), "2026-08-24 10:00", "make-up Sat 22/8 (1), Mon 24 (2)"),
    ("2026-08-28 10:00", wd(3), "2026-09-07 10:00", "31/8, 1/9, 2/9 off: Thu 3 (1), Fri 4 (2), Mon 7 (3)"),
    # --- outside office hours, 2026-03-02 is an ordinary Monday
    ("2026-03-02 12:00", wd(3), "2026-03-05 13:30", "lunch break: counts from 13:30"),
    ("2026-03-02 06:45", SAME_DAY, "2026-03-02 17:00", "before opening: counts from 07:30, same day"),
    ("2026-03-02 22:30", SAME_DAY, "2026-03-03 17:00", "online at night: next morning 07:30, same day"),
    ("2026-03-02 17:00", wd(3), "2026-03-06 07:30", "at closing time: counts from Tue 07:30"),
    ("2026-03-09 10:00", wd(2), "2026-03-11 10:00", "Monday 10:00 + 2 working days = Wednesday 10:00"),
    # --- calendar days
    ("2026-03-02 10:00", cd(15), "2026-03-17 17:00", "15 calendar days end at closing time of Tue 17/3"),
    ("2026-04-16 10:00", cd(15), "2026-05-04 17:00", "ends on 1/5 (holiday) → next working day Mon 4/5"),
    # --- a deployed system's example: received Mon 31/5/2021, 10 working days → Mon 14/6/2021
    ("2021-05-31 10:00", wd(10), "2021-06-14 10:00", "practice example"),
    # --- 24/11 (Ngày Văn hóa Việt Nam) is a day off in the holidays package from 2025
    ("2026-11-23 10:00", wd(3), "2026-11-27 10:00", "Tue 24/11/2026 off: Wed 25 (1), Thu 26 (2), Fri 27 (3)"),
]


@pytest.mark.parametrize(("received", "duration", "expected", "why"), CASES, ids=[c[3] for c in CASES])
def test_due_date(
    calendar: WorkingCalendar, received: str, duration: Duration, expected: str, why: str
) -> None:
    due = compute_due(datetime.fromisoformat(received), duration, calendar)
    assert due == datetime.fromisoformat(expected), why


def test_table_has_enough_hand_checked_cases() -> None:
    assert len(CASES) >= 25
