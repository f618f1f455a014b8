"""Vietnamese wording of dates, times and numbers as printed on the forms."""

from __future__ import annotations

from datetime import date, datetime

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def weekday_name(day: date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


def long_date(day: date) -> str:
    """ "ngày 05 tháng 01 năm 2024" (Nghị định 30/2020: leading zero for days < 10 and months 1-2;
    we write every day and month with two digits, as the receipt forms do)."""
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def clock_and_date(moment: datetime) -> str:
    """ "10 giờ 05 phút, ngày 19 tháng 01 năm 2023"."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {long_date(moment.date())}"


def place_date_line(place: str, day: date) -> str:
    """ "Đại Hợp, ngày 05 tháng 01 năm 2024"."""
    return f"{place}, {long_date(day)}"


def short_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def group_thousands(value: int) -> str:
    """1823 → "1.823"."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")


def money(value: int) -> str:
    """20000 → "20.000 đồng"."""
    return f"{group_thousands(value)} đồng"


def percent(value: float, decimals: int = 1) -> str:
    """99.34 → "99,3%"."""
    return f"{value:.{decimals}f}".replace(".", ",") + "%"
