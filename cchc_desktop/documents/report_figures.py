"""The report's page of charts ("Kèm trang biểu đồ"), after biểu II.06a on the same landscape paper: the
four charts of `report_figures_data` drawn with ReportLab's bar charts, as vector graphics in Liberation
Serif (the report's font, with Vietnamese glyphs). The DOCX gets the same drawing as a picture
(`report_figures_png`).

Layout: months (wide) and results by field on top; received online / direct and overdue by field below.
Every bar has its number; a segment too short for its number leaves it to the total after the bar.
"""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import BarChart, HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from cchc_desktop.documents import fonts
from cchc_desktop.documents.form_styles import FormStyles
from cchc_desktop.documents.markup import esc
from cchc_desktop.documents.report_figures_data import (
    PAGE_PERIOD,
    PAGE_TITLE,
    Chart,
    ReportFigures,
    end_labels,
    number_fits,
)
from cchc_desktop.domain.vn_format import group_thousands, short_date

TITLE_SIZE = 11
LABEL_SIZE = 9
NUMBER_SIZE = 8.5
GAP = 14  # between charts, points
HEADER = 40  # the page's title and period line above the drawing, points
MONTHS_NAMED = 14  # at most, under the months


def _nice_top(value: int) -> int:
    """A round axis end at or above `value`."""
    if value <= 5:
        return max(1, value)
    power: int = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8):
        if value <= step * power:
            return int(step * power)
    return 10 * power


def _dark(colour: str) -> bool:
    c = HexColor(colour)
    return bool(0.299 * c.red + 0.587 * c.green + 0.114 * c.blue < 0.55)


def _title_and_legend(chart: Chart, x: float, y: float, width: float, height: float) -> tuple[Group, float]:
    """The title and the legend at the top of the box; the height they take."""
    group = Group()
    title = chart.title
    while stringWidth(title, fonts.BOLD, TITLE_SIZE) > width and len(title) > 4:
        title = title[:-2].rstrip() + "…"
    top = y + height - TITLE_SIZE
    group.add(String(x, top, title, fontName=fonts.BOLD, fontSize=TITLE_SIZE))
    legend_y = top - LABEL_SIZE - 6
    left = x
    for series in chart.series:
        group.add(
            Rect(
                left,
                legend_y - 1,
                LABEL_SIZE,
                LABEL_SIZE,
                fillColor=HexColor(series.colour),
                strokeColor=None,
            )
        )
        group.add(
            String(left + LABEL_SIZE + 3, legend_y, series.name, fontName=fonts.REGULAR, fontSize=LABEL_SIZE)
        )
        left += LABEL_SIZE + 3 + stringWidth(series.name, fonts.REGULAR, LABEL_SIZE) + 12
    return group, TITLE_SIZE + LABEL_SIZE + 12


def _style_axes(chart: BarChart, top: int) -> None:
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    if top <= 5:
        chart.valueAxis.valueStep = 1
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = NUMBER_SIZE
    chart.valueAxis.labelTextFormat = lambda value: group_thousands(int(value))
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.strokeColor = None
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = NUMBER_SIZE


def _vertical(chart: Chart, x: float, y: float, width: float, height: float) -> VerticalBarChart:
    """Grouped columns (the months); numbers above the bars, turned upright when a bar is too thin."""
    bars = VerticalBarChart()
    top = max(max(row) for row in chart.values)
    axis_top = _nice_top(int(top * 1.1) + 1)  # room above the highest bar for its number
    axis_room = stringWidth(group_thousands(axis_top), fonts.REGULAR, NUMBER_SIZE) + 6
    bars.x, bars.y = x + axis_room, y + LABEL_SIZE + 6
    bars.width, bars.height = width - axis_room, height - LABEL_SIZE - 6
    bars.data = [list(row) for row in chart.values]
    bars.categoryAxis.categoryNames = list(chart.categories)
    bars.groupSpacing, bars.barSpacing = 6, 1
    slot = bars.width / max(1, len(chart.categories)) / max(1, len(chart.series))
    upright = stringWidth(group_thousands(top), fonts.REGULAR, NUMBER_SIZE) + 3 > slot * 0.85
    _style_axes(bars, axis_top)
    # Numbers only where they fit side by side, even upright (not on a period of many years).
    bars.barLabelFormat = group_thousands if slot >= NUMBER_SIZE else None
    bars.barLabels.nudge = 3
    bars.barLabels.boxAnchor = "w" if upright else "s"
    bars.barLabels.angle = 90 if upright else 0
    for index, series in enumerate(chart.series):
        bars.bars[index].fillColor = HexColor(series.colour)
        bars.bars[index].strokeColor = None
    every = math.ceil(len(chart.categories) / MONTHS_NAMED)  # a long custom period: some months named
    bars.categoryAxis.categoryNames = [
        name if index % every == 0 else "" for index, name in enumerate(chart.categories)
    ]
    return bars


def _horizontal(chart: Chart, x: float, y: float, width: float, height: float) -> Group:
    """Stacked bars, one row per category top down; each segment's number inside, the total after."""
    group = Group()
    categories = range(len(chart.categories))
    totals = [sum(row[index] for row in chart.values) for index in categories]
    top = max(totals)
    names = max((stringWidth(name, fonts.REGULAR, LABEL_SIZE) for name in chart.categories), default=0)
    names_room = min(width * 0.3, names + 8) if names else 0

    def number_width(text: str) -> float:
        return float(stringWidth(text, fonts.REGULAR, NUMBER_SIZE))

    # The numbers after the bars take their room from the bars, which changes which numbers fit inside.
    labels = end_labels(chart, (width - names_room) / top, number_width)
    total_room = max(stringWidth(label, fonts.BOLD, NUMBER_SIZE) for label in labels) + 8
    labels = end_labels(chart, (width - names_room - total_room) / top, number_width)
    rows = len(chart.categories)
    row_height = min(height / rows, 30)
    bars = HorizontalBarChart()
    bars.x, bars.width = x + names_room, width - names_room - total_room
    bars.height = row_height * rows
    bars.y = y + height - bars.height
    bars.data = [list(row) for row in chart.values]
    bars.categoryAxis.categoryNames = [
        _fit(name, names_room - 6) if names_room else "" for name in chart.categories
    ]
    bars.categoryAxis.style = "stacked"
    bars.categoryAxis.reverseDirection = 1
    bars.valueAxis.visible = 0
    bars.barWidth = row_height * 0.65
    bars.groupSpacing = row_height * 0.35
    _style_axes(bars, top)
    scale = bars.width / top
    for index, series in enumerate(chart.series):
        bars.bars[index].fillColor = HexColor(series.colour)
        bars.bars[index].strokeColor = None
        for category, value in enumerate(chart.values[index]):
            label = bars.barLabels[(index, category)]
            label.boxTarget = "mid"
            label.fillColor = white if _dark(series.colour) else black
            label.visible = 1 if value and number_fits(chart, value, scale, number_width) else 0
    bars.barLabelFormat = group_thousands
    group.add(bars)
    bars.categoryAxis.visibleTicks = 0
    for category, total in enumerate(totals):
        centre = bars.y + bars.height - (category + 0.5) * row_height
        group.add(String(bars.x + total * scale + 4, centre - NUMBER_SIZE / 3, labels[category],
                         fontName=fonts.BOLD, fontSize=NUMBER_SIZE))  # fmt: skip
    return group


def _fit(text: str, width: float) -> str:
    while stringWidth(text, fonts.REGULAR, LABEL_SIZE) > width and len(text) > 3:
        text = text[:-2].rstrip() + "…"
    return text


def chart_group(chart: Chart, x: float, y: float, width: float, height: float) -> Group:
    """One chart in the box (x, y, width, height), points, origin at the bottom left."""
    group, used = _title_and_legend(chart, x, y, width, height)
    plot_height = height - used
    if chart.empty:
        group.add(String(x + width / 2, y + plot_height / 2, chart.empty_note, fontName=fonts.ITALIC,
                         fontSize=LABEL_SIZE + 1, textAnchor="middle"))  # fmt: skip
    elif chart.horizontal:
        group.add(_horizontal(chart, x, y, width, plot_height))
    else:
        group.add(_vertical(chart, x, y, width, plot_height))
    return group


def figures_drawing(figures: ReportFigures, width: float, height: float) -> Drawing:
    """The four charts on a drawing of `width` x `height` points."""
    fonts.register_fonts()
    drawing = Drawing(width, height)
    upper = height * 0.56
    lower = height - upper - GAP
    wide, narrow = (width - GAP) * 0.56, (width - GAP) * 0.44
    drawing.add(chart_group(figures.months, 0, lower + GAP, wide, upper))
    drawing.add(chart_group(figures.timeliness, wide + GAP, lower + GAP, narrow, upper))
    channels_height = min(lower, 70.0)
    drawing.add(chart_group(figures.channels, 0, lower - channels_height, narrow, channels_height))
    drawing.add(chart_group(figures.overdue, narrow + GAP, 0, wide, lower))
    return drawing


def page_lines(figures: ReportFigures) -> tuple[str, str]:
    """The page's title and its period line."""
    period = PAGE_PERIOD.format(start=short_date(figures.period_from), end=short_date(figures.period_to))
    return PAGE_TITLE, period


def figure_page(figures: ReportFigures, styles: FormStyles, width: float, height: float) -> list[Flowable]:
    """The page's flowables for a frame of `width` x `height` (the caller starts the page)."""
    title, period = page_lines(figures)
    italic = ParagraphStyle(
        "figures_period", parent=styles.body, fontName=fonts.ITALIC, fontSize=12, alignment=TA_CENTER
    )
    return [
        Paragraph(esc(title), styles.title),
        Paragraph(esc(period), italic),
        Spacer(1, 6),
        figures_drawing(figures, width, height - HEADER - 30),
    ]
