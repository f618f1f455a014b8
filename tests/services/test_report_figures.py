"""The report's charts: the same numbers as biểu II.06a of the period, the months counted in one query,
and each bar's dossiers those of its cell."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.services import report_figures, reporting
from cchc_desktop.services.workspace import Workspace
from tests.services.test_reporting import AFTER, NOWS, ROWS, import_rows, random_dossiers, store

FEB_MAR = (date(2025, 2, 1), date(2025, 3, 31))


@pytest.fixture
def march(workspace: Workspace, tmp_path: Path) -> Workspace:
    import_rows(workspace, tmp_path, {code: values for code, (values, _) in ROWS.items()})
    return workspace


def test_the_months_count_the_dossiers_received_and_resolved_in_each(march: Workspace) -> None:
    stats = reporting.compute_statistics(march, *FEB_MAR, now=AFTER)
    figures = report_figures.figures(march, stats)
    months = figures.months
    assert months.categories == ("2/25", "3/25")
    # Received: D, E, M, O in February; A B C F G H I J K L in March (N in April). Resolved: A B C D in
    # March (B returned), L only in April; M refused.
    assert months.values == ((4, 10), (0, 4))
    assert sum(months.values[0]) == stats.totals.received_in_period
    assert sum(months.values[1]) == stats.totals.resolved_total
    codes = [report_figures.dossiers_for_bar(march, target, AFTER) for target in months.targets[0]]
    assert [sorted(found) for found in codes] == [["D", "E", "M", "O"], list("ABCFGHIJKL")]
    resolved_march = report_figures.dossiers_for_bar(march, months.targets[1][1], AFTER)
    assert sorted(resolved_march) == ["A", "B", "C", "D"]


def test_every_bar_is_the_number_of_the_table(march: Workspace) -> None:
    stats = reporting.compute_statistics(march, *FEB_MAR, now=AFTER)
    figures = report_figures.figures(march, stats)
    t = stats.totals
    assert figures.channels.values == ((t.received_online,), (t.received_direct_postal,))
    timeliness = figures.timeliness
    for index, field in enumerate(timeliness.categories):
        row = stats.by_field[field]
        assert [values[index] for values in timeliness.values] == [
            row.resolved_early, row.resolved_on_time, row.resolved_late
        ]  # fmt: skip
    assert sum(map(sum, timeliness.values)) == t.resolved_total == 4
    overdue = figures.overdue
    assert dict(zip(overdue.categories, overdue.values[0], strict=True)) == {
        field: row.in_progress_overdue for field, row in stats.by_field.items() if row.in_progress_overdue
    }
    assert sum(overdue.values[0]) == t.in_progress_overdue == 2  # E and K
    assert "2" in overdue.title


def test_generated_dossiers_chart_the_table_and_each_bar_opens_its_count(workspace: Workspace) -> None:
    store(workspace, random_dossiers(random.Random(20251205), 600))
    now = NOWS[0]
    for period in (FEB_MAR, (date(2025, 2, 17), date(2025, 4, 3))):
        stats = reporting.compute_statistics(workspace, *period, now=now)
        figures = report_figures.figures(workspace, stats)
        assert sum(figures.months.values[0]) == stats.totals.received_in_period
        assert sum(figures.months.values[1]) == stats.totals.resolved_total
        for chart in figures.charts:
            for values, targets in zip(chart.values, chart.targets, strict=True):
                for value, target in zip(values, targets, strict=True):
                    assert len(report_figures.dossiers_for_bar(workspace, target, now)) == value, target
