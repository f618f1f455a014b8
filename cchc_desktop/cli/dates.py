"""Dates and times as the commands take them (ISO), refused in the clerk's words."""

from __future__ import annotations

from datetime import date, datetime

from cchc_desktop.core.errors import InvalidInputError


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(f"Ngày không hợp lệ: {text!r}; viết theo dạng YYYY-MM-DD.") from None


def parse_minute(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M")
    except ValueError:
        raise InvalidInputError(
            f"Thời điểm không hợp lệ: {text!r}; viết theo dạng YYYY-MM-DDTHH:MM."
        ) from None
