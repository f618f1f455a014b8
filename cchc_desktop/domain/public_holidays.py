"""Vietnamese public holidays from the `holidays` package (it computes the lunar calendar)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from datetime import date, datetime

import holidays


class PublicHolidays(Mapping[date, str]):
    """The package's holidays, filled a year at a time on first use and safe to read from any thread.

    The package's own table is not: it marks a year as filled before adding its days, so a second thread
    can read a holiday of that year as a working day, and it keeps the year being filled on the object,
    so two threads filling two years at once mix them up or fail. Here each year is filled under a lock
    into a new table, published before the year is marked filled; a lookup in a year already filled
    takes no lock. Iterating gives the days of the years filled so far, like the package.
    """

    def __init__(self, source: holidays.HolidayBase) -> None:
        self._source = source  # touched only under `_lock`
        self._lock = threading.Lock()
        self._days: dict[date, str] = {}  # replaced, never changed in place
        self._years: frozenset[int] = frozenset()

    def _table_for(self, year: int) -> dict[date, str]:
        if year not in self._years:
            with self._lock:
                if year not in self._years:
                    self._source.get(date(year, 1, 1))  # the package fills the whole year
                    self._days = dict(self._source)
                    self._years = self._years | {year}
        return self._days

    def __getitem__(self, key: date) -> str:
        day = _as_date(key)
        if day is None:
            raise KeyError(key)
        return self._table_for(day.year)[day]

    def __contains__(self, key: object) -> bool:
        day = _as_date(key)
        return day is not None and day in self._table_for(day.year)

    def get(self, key: date, default: str | None = None) -> str | None:  # type: ignore[override]
        day = _as_date(key)
        return default if day is None else self._table_for(day.year).get(day, default)

    def __iter__(self) -> Iterator[date]:
        return iter(self._days)

    def __len__(self) -> int:
        return len(self._days)


def _as_date(key: object) -> date | None:
    if isinstance(key, datetime):
        return key.date()
    return key if isinstance(key, date) else None


def vietnamese_public_holidays() -> Mapping[date, str]:
    """Public holidays with their Vietnamese names, for any year asked (filled lazily, thread-safe)."""
    return PublicHolidays(holidays.country_holidays("VN", language="vi"))
