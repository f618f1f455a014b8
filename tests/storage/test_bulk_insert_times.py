"""The bulk insert's own text for SQLite times is SQLAlchemy's, value for value."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Date, DateTime, String
from sqlalchemy.dialects import postgresql, sqlite

from cchc_desktop.storage.bulk_insert import bind_processor

SQLITE = sqlite.dialect()
VALUES: list[Any] = [
    None,
    datetime(2024, 5, 6, 7, 30),
    datetime(2024, 5, 6, 7, 30, 5, 123),
    datetime(1, 1, 1),  # the year padded to four digits
    datetime(999, 12, 31, 23, 59, 59, 999999),
    datetime(9999, 12, 31, 23, 59, 59, 999999),
    date(2024, 5, 6),  # a date in a DateTime column: SQLAlchemy's midnight
    datetime(
        2024, 5, 6, 7, 30, tzinfo=timezone(timedelta(hours=7))
    ),  # its offset dropped, as SQLAlchemy does
]


def sqlalchemy_text(value: Any) -> Any:
    processor = DateTime().dialect_impl(SQLITE).bind_processor(SQLITE)
    assert processor is not None
    return processor(value)


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_time_is_written_as_sqlalchemy_writes_it(value: Any) -> None:
    processor = bind_processor(DateTime(), SQLITE)
    assert processor is not None
    assert processor(value) == sqlalchemy_text(value)


def test_a_wrong_value_is_refused_as_sqlalchemy_refuses_it() -> None:
    processor = bind_processor(DateTime(), SQLITE)
    assert processor is not None
    with pytest.raises(TypeError):
        sqlalchemy_text("2024-05-06")
    with pytest.raises(TypeError):
        processor("2024-05-06")


def test_other_types_and_engines_keep_sqlalchemys_processor() -> None:
    own = sqlite.DATETIME(storage_format="%(year)04d/%(month)02d/%(day)02d %(hour)02d:%(minute)02d")
    processor = bind_processor(own, SQLITE)
    assert processor is not None and processor(datetime(2024, 5, 6, 7, 30)) == "2024/05/06 07:30"
    assert bind_processor(Date(), SQLITE)(date(2024, 5, 6)) == "2024-05-06"  # type: ignore[misc]
    assert bind_processor(String(), SQLITE) is None
    assert bind_processor(DateTime(), postgresql.psycopg.dialect()) is None  # the driver adapts it
