"""The report tab's charts, drawn with QPainter (QtCharts is not in the bundle and costs start-up time):
one `BarChart` per chart of `documents.report_figures_data`, four of them in a `ChartsPanel`.

A click on a bar asks for its dossiers (`bar_chosen`), as a double-click on a number of the table does;
the tooltip of a bar gives its exact figure. From the keyboard: Tab to a chart, the arrow keys from bar to
bar (its figure in the tab's status line, `bar_described`), Enter opens its dossiers. The numbers stand on (or in) the bars, so a grey-scale print
of a screenshot still reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QGridLayout, QToolTip, QWidget

from cchc_desktop.documents.report_figures_data import (
    BarTarget,
    Chart,
    ReportFigures,
    end_labels,
    number_fits,
)
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.ui.report import charts_strings as strings

PAD = 6
GAP = 4  # between the bars of one group, and between a bar and its number
AXIS = QColor("#555555")
TEXT = QColor("#202020")


@dataclass(frozen=True)
class DrawnBar:
    rect: QRectF
    series: int
    category: int


def _text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on `colour`."""
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return QColor("#000000") if luminance > 140 else QColor("#ffffff")


class BarChart(QWidget):
    bar_clicked = Signal(int, int)  # series, category
    bar_described = Signal(str)  # the figure of the bar chosen with the keyboard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.bars: list[DrawnBar] = []
        self.current = -1  # the bar chosen with the keyboard, an index into `bars`
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(220, 150)

    def set_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.bars = []
        self.current = -1
        self.setAccessibleName(chart.title if chart is not None else "")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, 220)

    # ------------------------------------------------------------------ reading the bars
    def bar_at(self, point: QPointF) -> DrawnBar | None:
        for bar in self.bars:
            if bar.rect.adjusted(-1, -1, 1, 1).contains(point):
                return bar
        return None

    def bar_rect(self, series: int, category: int) -> QRect:
        """Where a bar is drawn (for tests and accessibility); empty when it has no length."""
        for bar in self.bars:
            if (bar.series, bar.category) == (series, category):
                return bar.rect.toAlignedRect()
        return QRect()

    def tooltip(self, bar: DrawnBar) -> str:
        assert self.chart is not None
        chart = self.chart
        return strings.BAR_TIP.format(
            series=chart.series[bar.series].name,
            category=chart.category_name(bar.category),
            count=group_thousands(chart.values[bar.series][bar.category]),
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            bar = self.bar_at(QPointF(event.pos()))
            if bar is not None:
                QToolTip.showText(event.globalPos(), self.tooltip(bar), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        on_bar = self.bar_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if on_bar else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position()) if event.button() == Qt.MouseButton.LeftButton else None
        if bar is not None:
            self.bar_clicked.emit(bar.series, bar.category)
        else:
            super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        steps = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}
        if key in steps and self.bars:
            self.current = max(0, min(len(self.bars) - 1, self.current + steps[key]))
            description = self.tooltip(self.bars[self.current]).replace("\n", " ")
            self.setAccessibleDescription(description)
            self.bar_described.emit(description)
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and 0 <= self.current < len(
            self.bars
        ):
            bar = self.bars[self.current]
            self.bar_clicked.emit(bar.series, bar.category)
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------------ drawing
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        self.bars = []
        chart = self.chart
        if chart is None:
            return
        area = QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD)
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(TEXT)
        title_height = QFontMetrics(title_font).height()
        painter.drawText(area.adjusted(0, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         QFontMetrics(title_font).elidedText(chart.title, Qt.TextElideMode.ElideRight,
                                                             int(area.width())))  # fmt: skip
        area.setTop(area.top() + title_height + 2)
        painter.setFont(self.font())
        area.setTop(area.top() + self._legend(painter, chart, area) + 4)
        if chart.empty:
            painter.setPen(AXIS)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, chart.empty_note)
            return
        if chart.horizontal:
            self._horizontal(painter, chart, area)
        else:
            self._vertical(painter, chart, area)
        if self.hasFocus():
            painter.setPen(QPen(TEXT, 1, Qt.PenStyle.DotLine))
            if 0 <= self.current < len(self.bars):
                painter.drawRect(self.bars[self.current].rect.adjusted(-2, -2, 2, 2))
            else:
                painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -2, -2))

    def _legend(self, painter: QPainter, chart: Chart, area: QRectF) -> float:
        metrics = painter.fontMetrics()
        size = metrics.height() - 4
        x = area.left()
        for series in chart.series:
            painter.fillRect(QRectF(x, area.top() + 2, size, size), QColor(series.colour))
            painter.setPen(TEXT)
            painter.drawText(QPointF(x + size + 4, area.top() + metrics.ascent()), series.name)
            x += size + 4 + metrics.horizontalAdvance(series.name) + 14
        return float(metrics.height())

    def _vertical(self, painter: QPainter, chart: Chart, area: QRectF) -> None:
        """Grouped columns, categories along the bottom."""
        metrics = painter.fontMetrics()
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.85))
        small_metrics = QFontMetrics(small)
        top_value = max(max(row) for row in chart.values)
        label_room = small_metrics.horizontalAdvance(group_thousands(top_value)) + GAP
        plot = area.adjusted(0, 0, 0, -(metrics.height() + 2))
        baseline = plot.bottom()
        count, per_group = len(chart.categories), len(chart.series)
        group = plot.width() / count
        bar_width = max(2.0, (group * 0.8 - GAP * (per_group - 1)) / per_group)
        upright = small_metrics.horizontalAdvance(group_thousands(top_value)) > bar_width + GAP
        room = label_room if upright else small_metrics.height() + GAP
        scale = max(1.0, plot.height() - room) / top_value
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(QPointF(plot.left(), baseline), QPointF(plot.right(), baseline))
        every = max(1, int((metrics.horizontalAdvance("12/26") + 8) // group) + 1)
        for category in range(count):
            left = plot.left() + category * group + group * 0.1
            for series in range(per_group):
                value = chart.values[series][category]
                x = left + series * (bar_width + GAP)
                height = value * scale
                rect = QRectF(x, baseline - height, bar_width, height)
                painter.fillRect(rect, QColor(chart.series[series].colour))
                if value:
                    self.bars.append(DrawnBar(rect, series, category))
                if bar_width + GAP >= small_metrics.height():  # else the tooltip gives it (many years)
                    self._column_number(painter, small, rect, value, upright)
            if category % every == 0:
                painter.setFont(self.font())
                painter.setPen(TEXT)
                label = QRectF(
                    plot.left() + category * group - group, baseline + 2, group * 3, metrics.height()
                )
                painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 chart.categories[category])  # fmt: skip

    def _column_number(self, painter: QPainter, font: QFont, rect: QRectF, value: int, upright: bool) -> None:
        painter.setFont(font)
        painter.setPen(TEXT)
        text = group_thousands(value)
        if not upright:
            box = QRectF(rect.left() - 20, rect.top() - QFontMetrics(font).height() - 1, rect.width() + 40,
                         QFontMetrics(font).height())  # fmt: skip
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
            return
        painter.save()
        painter.translate(rect.center().x() + QFontMetrics(font).ascent() / 2 - 1, rect.top() - GAP)
        painter.rotate(-90)
        painter.drawText(QPointF(0, 0), text)
        painter.restore()

    def _horizontal(self, painter: QPainter, chart: Chart, area: QRectF) -> None:
        """Bars from the left, one row per category, the series end to end; after each bar its total and
        the parts too short to hold their number."""
        metrics = painter.fontMetrics()
        categories = range(len(chart.categories))
        widest = max(metrics.horizontalAdvance(name) for name in chart.categories)
        names_width = min(area.width() * 0.32, widest + 12) if widest else 0.0
        totals = [sum(row[index] for row in chart.values) for index in categories]
        top = max(totals)

        width_of = metrics.horizontalAdvance
        labels = end_labels(chart, (area.width() - names_width) / top, width_of)
        end_room = min(
            area.width() * 0.45, max(metrics.horizontalAdvance(label) for label in labels) + GAP * 2
        )
        plot = area.adjusted(names_width, 0, -end_room, 0)
        scale = max(1.0, plot.width()) / top
        labels = end_labels(chart, scale, width_of)
        row_height = min(plot.height() / len(chart.categories), metrics.height() * 2.2)
        bar_height = max(4.0, row_height * 0.7)
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(
            QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.top() + row_height * len(totals))
        )
        for category, name in enumerate(chart.categories):
            y = plot.top() + category * row_height + (row_height - bar_height) / 2
            painter.setPen(TEXT)
            label = QRectF(area.left(), y, names_width - 6, bar_height)
            elided = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(label.width()))
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, elided)
            x = plot.left()
            for series in range(len(chart.series)):
                value = chart.values[series][category]
                if not value:
                    continue
                rect = QRectF(x, y, value * scale, bar_height)
                colour = QColor(chart.series[series].colour)
                painter.fillRect(rect, colour)
                self.bars.append(DrawnBar(rect, series, category))
                if number_fits(chart, value, scale, width_of):
                    painter.setPen(_text_on(colour))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, group_thousands(value))
                x += rect.width()
            painter.setPen(TEXT)
            end = QRectF(x + GAP, y, area.right() - x - GAP, bar_height)
            text = metrics.elidedText(labels[category], Qt.TextElideMode.ElideRight, int(end.width()))
            painter.drawText(end, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


class ChartsPanel(QWidget):
    """The four charts of a period; `bar_chosen(target, column, row)` when the clerk clicks a bar."""

    bar_chosen = Signal(object, str, str)
    bar_described = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: ReportFigures | None = None
        self.months, self.timeliness, self.channels, self.overdue = (BarChart(self) for _ in range(4))
        self.charts = (self.months, self.timeliness, self.channels, self.overdue)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.months, 0, 0, 2, 1)
        layout.addWidget(self.timeliness, 0, 1, 2, 1)
        layout.addWidget(self.channels, 0, 2)
        layout.addWidget(self.overdue, 1, 2)
        layout.setColumnStretch(0, 5)
        layout.setColumnStretch(1, 4)
        layout.setColumnStretch(2, 3)
        layout.setRowStretch(0, 2)
        layout.setRowStretch(1, 3)
        self.channels.setMinimumHeight(90)
        for widget in self.charts:
            widget.bar_clicked.connect(lambda series, category, w=widget: self._clicked(w, series, category))
            widget.bar_described.connect(self.bar_described)

    def set_figures(self, figures: ReportFigures | None) -> None:
        self.figures = figures
        for widget, chart in zip(self.charts, figures.charts if figures else (None,) * 4, strict=True):
            widget.set_chart(chart)

    def _clicked(self, widget: BarChart, series: int, category: int) -> None:
        chart = widget.chart
        if chart is None:
            return
        target: BarTarget = chart.targets[series][category]
        self.bar_chosen.emit(target, chart.series[series].name, chart.category_name(category))
