"""The year at a glance: the four charts of the report's figures, as plain data that the report tab
(Qt), the PDF page (ReportLab) and the DOCX picture (Pillow) all draw the same way.

Every number comes from biểu II.06a of the same period (`Statistics`) except the months, which come
from one grouped query (`storage.month_queries`) whose sums are columns (4) + (5) and (7). Each bar
carries the cell of the table it is (`BarTarget`): the tab opens its dossiers as it does for a number
of the table, a month bar being the same cell for that month alone.

Colours: the Okabe-Ito palette, safe for the common colour blindnesses, chosen so that the series of
one chart differ in lightness too (they stay apart on a grey-scale print); every bar has its number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from cchc_desktop.domain.statistics import Statistics
from cchc_desktop.domain.vn_format import group_thousands

TITLE_MONTHS = "Hồ sơ tiếp nhận và đã giải quyết theo tháng"
TITLE_TIMELINESS = "Hồ sơ đã giải quyết theo lĩnh vực: trước hạn, đúng hạn, quá hạn"
TITLE_CHANNELS = "Tiếp nhận trong kỳ: trực tuyến và trực tiếp"
TITLE_OVERDUE = "Hồ sơ đang giải quyết quá hạn: {count}"
PAGE_TITLE = "Phụ lục: BIỂU ĐỒ TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
PAGE_PERIOD = "Từ ngày {start} đến ngày {end} · đơn vị tính: hồ sơ"
RECEIVED = "Tiếp nhận"
RESOLVED = "Đã giải quyết"
EARLY = "Trước hạn"
ON_TIME = "Đúng hạn"
LATE = "Quá hạn"
ONLINE = "Trực tuyến"
DIRECT = "Trực tiếp, bưu chính"
OVERDUE = "Đang quá hạn"
CHANNELS_ROW = "tiếp nhận trong kỳ"
NO_DOSSIERS = "Không có hồ sơ"
NO_OVERDUE = "Không có hồ sơ đang giải quyết quá hạn"
MONTH_LABEL = "{month}/{year}"
MONTH_NAME = "tháng {month}/{year}"

# Okabe-Ito: dark blue / orange, bluish green / sky blue / vermillion.
BLUE, ORANGE, GREEN, SKY, VERMILLION = "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00"


@dataclass(frozen=True)
class BarTarget:
    """The cell of biểu II.06a a bar is: its dossiers are those of `columns` (names of `FieldStats`) for
    `field` (None: every field) in [date_from, date_to]."""

    date_from: date
    date_to: date
    field: str | None
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Series:
    name: str
    colour: str  # "#RRGGBB"


@dataclass(frozen=True)
class Chart:
    """Bars of `series` for each of `categories`: `values[s][c]` with `targets[s][c]`. Grouped bars stand
    side by side, stacked ones end to end; horizontal charts list their categories top down."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    values: tuple[tuple[int, ...], ...]
    targets: tuple[tuple[BarTarget, ...], ...]
    horizontal: bool = False
    stacked: bool = False
    empty_note: str = NO_DOSSIERS
    category_names: tuple[str, ...] = ()  # for tooltips and dialogs; the categories when empty

    @property
    def empty(self) -> bool:
        return not any(any(row) for row in self.values)

    def category_name(self, index: int) -> str:
        return (self.category_names or self.categories)[index]


@dataclass(frozen=True)
class ReportFigures:
    period_from: date
    period_to: date
    charts: tuple[Chart, ...]  # months, timeliness by field, channels, overdue by field

    @property
    def months(self) -> Chart:
        return self.charts[0]

    @property
    def timeliness(self) -> Chart:
        return self.charts[1]

    @property
    def channels(self) -> Chart:
        return self.charts[2]

    @property
    def overdue(self) -> Chart:
        return self.charts[3]


def months_of(date_from: date, date_to: date) -> list[tuple[date, date]]:
    """The months of the period, each clipped to it: (first day, last day)."""
    months = []
    first = date_from
    while first <= date_to:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        months.append((first, min(following - timedelta(days=1), date_to)))
        first = following
    return months


def _months_chart(stats: Statistics, counts: dict[str, dict[str, int]]) -> Chart:
    months = months_of(stats.period_from, stats.period_to)
    keys = [f"{first:%Y-%m}" for first, _ in months]
    received = tuple(counts.get("received", {}).get(key, 0) for key in keys)
    resolved = tuple(counts.get("resolved", {}).get(key, 0) for key in keys)
    in_period = ("received_online", "received_direct_postal")
    return Chart(
        TITLE_MONTHS,
        tuple(MONTH_LABEL.format(month=first.month, year=first.year % 100) for first, _ in months),
        (Series(RECEIVED, BLUE), Series(RESOLVED, ORANGE)),
        (received, resolved),
        (
            tuple(BarTarget(first, last, None, in_period) for first, last in months),
            tuple(BarTarget(first, last, None, ("resolved_total",)) for first, last in months),
        ),
        category_names=tuple(MONTH_NAME.format(month=first.month, year=first.year) for first, _ in months),
    )


def _per_field(
    stats: Statistics, title: str, parts: tuple[tuple[str, str, str], ...], empty_note: str
) -> Chart:
    """Horizontal stacked bars of the fields that have any of `parts` ((column, series name, colour))."""
    fields = [
        name for name, row in stats.by_field.items() if any(getattr(row, column) for column, _, _ in parts)
    ]
    whole = (stats.period_from, stats.period_to)
    return Chart(
        title,
        tuple(fields),
        tuple(Series(name, colour) for _, name, colour in parts),
        tuple(tuple(getattr(stats.by_field[field], column) for field in fields) for column, _, _ in parts),
        tuple(tuple(BarTarget(*whole, field, (column,)) for field in fields) for column, _, _ in parts),
        horizontal=True,
        stacked=True,
        empty_note=empty_note,
    )


def report_figures(stats: Statistics, month_counts: dict[str, dict[str, int]]) -> ReportFigures:
    """The four charts of a period: `month_counts` is `storage.month_queries.month_counts` of it."""
    t = stats.totals
    whole = (stats.period_from, stats.period_to)
    timeliness = _per_field(
        stats,
        TITLE_TIMELINESS,
        (("resolved_early", EARLY, GREEN), ("resolved_on_time", ON_TIME, SKY), ("resolved_late", LATE, VERMILLION)),
        NO_DOSSIERS,
    )  # fmt: skip
    channels = Chart(
        TITLE_CHANNELS,
        ("",),  # one bar: its two parts say what it is
        (Series(ONLINE, BLUE), Series(DIRECT, ORANGE)),
        ((t.received_online,), (t.received_direct_postal,)),
        (
            (BarTarget(*whole, None, ("received_online",)),),
            (BarTarget(*whole, None, ("received_direct_postal",)),),
        ),
        horizontal=True,
        stacked=True,
        category_names=(CHANNELS_ROW,),
    )
    overdue = _per_field(
        stats,
        TITLE_OVERDUE.format(count=group_thousands(t.in_progress_overdue)),
        (("in_progress_overdue", OVERDUE, VERMILLION),),
        NO_OVERDUE,
    )
    return ReportFigures(*whole, (_months_chart(stats, month_counts), timeliness, channels, overdue))


def bar_end_label(chart: Chart, category: int, hidden: list[int]) -> str:
    """What follows a stacked bar: its total, and the parts too short to hold their number, e.g.
    "1.220 (đúng hạn: 15; quá hạn: 5)", so that every figure is on the page."""
    total = group_thousands(sum(row[category] for row in chart.values))
    parts = [
        f"{chart.series[series].name.lower()}: {group_thousands(chart.values[series][category])}"
        for series in hidden
    ]
    return f"{total} ({'; '.join(parts)})" if parts else total


def number_fits(chart: Chart, value: int, scale: float, text_width: Callable[[str], float]) -> bool:
    """Whether a segment of a stacked bar (`value` drawn `value * scale` long) holds its own number."""
    return len(chart.series) > 1 and text_width(group_thousands(value)) + 4 <= value * scale


def end_labels(chart: Chart, scale: float, text_width: Callable[[str], float]) -> list[str]:
    """The text after each horizontal bar at `scale` (length per dossier): its total, with the parts
    too short to hold their number (`bar_end_label`); a single series gives the total alone."""
    labels = []
    for category in range(len(chart.categories)):
        if len(chart.series) == 1:
            labels.append(group_thousands(chart.values[0][category]))
            continue
        hidden = [
            series
            for series, row in enumerate(chart.values)
            if row[category] and not number_fits(chart, row[category], scale, text_width)
        ]
        labels.append(bar_end_label(chart, category, hidden))
    return labels
