"""Vietnamese public holidays from the `holidays` package (it computes the lunar calendar)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import holidays


def vietnamese_public_holidays() -> Mapping[date, str]:
    """Public holidays with their Vietnamese names, for any year asked (the package fills years lazily)."""
    calendar: Mapping[date, str] = holidays.country_holidays("VN", language="vi")
    return calendar
