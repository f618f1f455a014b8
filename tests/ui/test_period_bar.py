"""The report's period bar: a past year is one pick in the period list, and the report follows it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.report.period_bar import PeriodBar
from cchc_desktop.ui.report.tab import ReportTab
from tests.services.intake_helpers import request
from tests.ui.test_report_tab import settle

NOW = datetime(2026, 12, 5, 9, 0)


def _received(workspace: Workspace, *moments: datetime) -> None:
    for moment in moments:
        save_intake(workspace, request(received_at=moment), now=moment)


def _pick(qtbot, bar: PeriodBar, name: str) -> None:  # type: ignore[no-untyped-def]
    """Open the period list and click `name` in it, as the clerk does."""
    combo = bar.combo
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = combo.model().index(combo.findText(name), 0)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible())


def test_the_past_years_are_in_the_period_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = PeriodBar(date(2026, 12, 5))
    qtbot.addWidget(bar)
    names = [bar.combo.itemText(i) for i in range(bar.combo.count()) if bar.combo.itemText(i)]
    assert names[:2] == ["Năm CCHC (15/12 – 14/12)", "Năm dương lịch"]  # this year's come first
    assert names[-1] == "Tùy chọn"
    years = names[names.index("Tháng trước") + 1 : -1]
    assert years == ["Năm 2025", "Năm CCHC 2025", "Năm 2024", "Năm CCHC 2024", "Năm 2023", "Năm CCHC 2023"]
    bar.combo.setCurrentText("Năm CCHC 2025")
    assert bar.period == (date(2024, 12, 15), date(2025, 12, 14))
    assert bar.shown.text() == "Từ ngày 15/12/2024 đến hết ngày 14/12/2025 · báo cáo năm 2025"


# The offscreen platform cannot raise a popup or give it the keyboard; the list opens all the same.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_the_clerk_picks_2025_in_one_step_and_the_report_follows(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    _received(workspace, datetime(2025, 1, 2, 8, 0), datetime(2025, 11, 3, 9, 0), datetime(2026, 3, 2, 9, 0))
    tab = ReportTab(workspace, clock=lambda: NOW)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    settle(qtbot, tab)
    bar = tab.period_bar
    assert tab.statistics is not None and tab.statistics.totals.received_in_period == 1  # this CCHC year

    _pick(qtbot, bar, "Năm 2025")
    assert bar.period == (date(2025, 1, 1), date(2025, 12, 31))
    assert bar.shown.text() == "Từ ngày 01/01/2025 đến hết ngày 31/12/2025 · báo cáo năm 2025"
    qtbot.waitUntil(
        lambda: tab.statistics is not None and tab.statistics.period_from == date(2025, 1, 1), timeout=5000
    )
    settle(qtbot, tab)
    assert tab.statistics.period_to == date(2025, 12, 31)
    assert tab.statistics.totals.received_in_period == 2
    assert tab.status.text() == "Nội dung báo cáo năm 2025: theo mẫu mặc định, chưa lưu."
    row = tab.editor.row_containing("Tổng số hồ sơ TTHC đã tiếp nhận")
    assert "Tổng số hồ sơ TTHC đã tiếp nhận trong năm 2025: 2" in tab.editor.part_text(row)
    assert not bar.date_from.hasFocus()  # a preset, not "Tùy chọn": nothing left to type
