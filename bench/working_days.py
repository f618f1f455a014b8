"""Working-day arithmetic: a million calls over spans of up to ten years, beside the day-by-day walk and a floor.

    python -m bench.working_days [--calls 1000000] [--walked 300] [--rounds 3]

The calendar of the app (Vietnamese public holidays and the announced swaps) answers `working_days_between`
and `add_working_days` for `--calls` random questions of 2000-2100: a start day, an end up to ten years
before or after it, a count of up to 2,600 working days (about ten years). The same questions go, `--walked`
of each, to the calendar as it was (walking one day at a time, kept below as `WalkingCalendar`), scaled up to
`--calls`. Floors in the same run: `--calls` `bisect` calls on a sorted list of ints, and `--calls` dict
look-ups. Then the texts of the first 200 tracking rows ("quá hạn N ngày") when each row is overdue by
5-10 years, on a fresh calendar (numbering the years it needs included) and on a warm one, walking and not.

Each round measures everything once, in turn; the medians of the rounds are reported.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from bisect import bisect_right
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/working_days.py` as well as `python -m bench.working_days`
    sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from cchc_desktop.domain.calendar import WorkingCalendar  # noqa: E402
from cchc_desktop.domain.dossiers import DossierStatus  # noqa: E402
from cchc_desktop.domain.public_holidays import vietnamese_public_holidays  # noqa: E402
from cchc_desktop.domain.urgency import time_left_text, urgency, urgency_bounds  # noqa: E402
from cchc_desktop.services.calendar import default_overrides  # noqa: E402

FIRST = date(2000, 1, 1)
TEN_YEARS = 3653
NOW = datetime(2026, 12, 5, 9, 0)


class WalkingCalendar(WorkingCalendar):
    """The calendar before it numbered its days: every answer walks one day at a time."""

    def next_working_day(self, day: date) -> date:
        candidate = day + timedelta(days=1)
        for _ in range(366):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise ValueError(f"no working day within a year after {day}")

    def add_working_days(self, day: date, count: int) -> date:
        if count < 0:
            raise ValueError("count must not be negative")
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def questions(calls: int, seed: int = 17) -> tuple[list[date], list[date], list[int]]:
    rng = random.Random(seed)
    starts = [FIRST + timedelta(days=rng.randrange(TEN_YEARS, 36_890 - TEN_YEARS)) for _ in range(calls)]
    ends = [start + timedelta(days=rng.randint(-TEN_YEARS, TEN_YEARS)) for start in starts]
    counts = [rng.randrange(2600) for _ in range(calls)]
    return starts, ends, counts


def seconds(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def overdue_rows(rows: int = 200) -> list[datetime]:
    rng = random.Random(5)
    return [
        NOW - timedelta(days=rng.randint(5 * 365, 10 * 365), minutes=rng.randrange(600)) for _ in range(rows)
    ]


def tracking_texts(calendar: WorkingCalendar, due: list[datetime]) -> list[str]:
    """What the tracking list computes per row for "Thời hạn còn lại" and its colour."""
    bounds = urgency_bounds(NOW, calendar)
    status = DossierStatus.IN_PROCESSING
    return [f"{time_left_text(status, at, NOW, calendar)} {urgency(status, at, bounds)}" for at in due]


def run(calls: int, walked: int, rounds: int) -> None:
    holidays = vietnamese_public_holidays()
    overrides = default_overrides()
    starts, ends, counts = questions(calls)
    numbered = WorkingCalendar(holidays, overrides)
    build = seconds(lambda: numbered.working_days_between(date(2000, 1, 1), date(2100, 12, 31)))
    walking = WalkingCalendar(holidays, overrides)
    walking.working_days_between(date(2000, 1, 1), date(2100, 12, 31))  # the holidays of every year filled
    floor_list = list(range(0, 4 * calls, 4))
    floor_dict = {day: 1 for day in set(starts)}
    due = overdue_rows()
    scale = calls / walked

    def between() -> None:
        between_days = numbered.working_days_between
        for start, end in zip(starts, ends, strict=True):
            between_days(start, end)

    def add() -> None:
        add_days = numbered.add_working_days
        for start, count in zip(starts, counts, strict=True):
            add_days(start, count)

    def walked_between() -> None:
        for start, end in zip(starts[:walked], ends[:walked], strict=True):
            walking.working_days_between(start, end)

    def walked_add() -> None:
        for start, count in zip(starts[:walked], counts[:walked], strict=True):
            walking.add_working_days(start, count)

    def bisect_floor() -> None:
        for value in counts:
            bisect_right(floor_list, value)

    def dict_floor() -> None:
        get = floor_dict.get
        for start in starts:
            get(start)

    figures: dict[str, list[float]] = {}
    for _ in range(rounds):
        measured = {
            "working_days_between": seconds(between),
            "working_days_between, walking (scaled)": seconds(walked_between) * scale,
            "add_working_days": seconds(add),
            "add_working_days, walking (scaled)": seconds(walked_add) * scale,
            "floor: bisect on a list of ints": seconds(bisect_floor),
            "floor: dict look-up": seconds(dict_floor),
            "200 tracking texts, fresh calendar": seconds(
                lambda: tracking_texts(WorkingCalendar(holidays, overrides), due)
            ),
            "200 tracking texts, fresh calendar, walking": seconds(
                lambda: tracking_texts(WalkingCalendar(holidays, overrides), due)
            ),
            "200 tracking texts, warm calendar": seconds(lambda: tracking_texts(numbered, due)),
            "200 tracking texts, warm calendar, walking": seconds(lambda: tracking_texts(walking, due)),
        }
        for name, value in measured.items():
            figures.setdefault(name, []).append(value)

    print(f"# Working-day arithmetic: {calls:,} calls, spans of up to ten years ({machine()})")
    print(f"numbering 2000-2100 once: {build * 1000:.1f} ms; medians of {rounds} rounds:")
    for name, values in figures.items():
        median = statistics.median(values)
        shown = f"{median * 1000:9.2f} ms" if name.startswith("200") else f"{median:9.3f} s "
        print(f"  {name:<45} {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--walked", type=int, default=300, help="questions asked of the walking calendar")
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    run(arguments.calls, arguments.walked, arguments.rounds)


if __name__ == "__main__":
    main()
