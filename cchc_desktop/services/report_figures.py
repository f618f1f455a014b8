"""The report's charts of a period ("the year at a glance") and the dossiers behind each bar.

The charts draw biểu II.06a of the period (`reporting.compute_statistics`) and the months of one grouped
query; a bar's dossiers are those of its cell of the table (`reporting.dossiers_for_cell`), a month bar
the cell of that month alone.
"""

from __future__ import annotations

from datetime import datetime

from cchc_desktop.documents.report_figures_data import BarTarget, ReportFigures, report_figures
from cchc_desktop.domain.statistics import Statistics, report_period
from cchc_desktop.domain.timeliness import TimelinessRule
from cchc_desktop.services import reporting
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import month_queries


def month_counts(ws: Workspace, stats: Statistics) -> dict[str, dict[str, int]]:
    """{"received"|"resolved": {"YYYY-MM": dossiers}} of the statistics' period."""
    period = report_period(stats.period_from, stats.period_to, datetime.max)
    with ws.db.read() as tx:
        return month_queries.month_counts(tx, period.start, period.end)


def figures(ws: Workspace, stats: Statistics) -> ReportFigures:
    """The four charts of the period of `stats`."""
    return report_figures(stats, month_counts(ws, stats))


def dossiers_for_bar(
    ws: Workspace, target: BarTarget, now: datetime | None = None, rule: TimelinessRule | None = None
) -> list[str]:
    """Codes of the dossiers a bar counts, in the order they were entered. Pass the `now` and rule the
    table was computed with to get the same dossiers."""
    period = (target.date_from, target.date_to)
    codes: list[str] = []
    for column in target.columns:
        codes += reporting.dossiers_for_cell(ws, period, target.field, column, now=now, rule=rule)
    return codes
