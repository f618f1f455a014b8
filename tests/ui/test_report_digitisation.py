"""The report tab shows the digitised papers of the period under the table, and the report text's
sentence follows them (the month of tests/services/digitised_month.py)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.report.tab import ReportTab
from tests.services import digitised_month
from tests.services.digitised_month import AFTER, SENTENCE
from tests.ui.test_report_tab import settle


@pytest.fixture
def tab(qtbot, workspace: Workspace, tmp_path: Path) -> ReportTab:  # type: ignore[no-untyped-def]
    digitised_month.build(workspace, tmp_path)
    tab = ReportTab(workspace, clock=lambda: AFTER)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    settle(qtbot, tab)
    return tab


def choose_march(qtbot, tab: ReportTab) -> None:  # type: ignore[no-untyped-def]
    bar = tab.period_bar
    bar.combo.setCurrentText("Tùy chọn")
    bar.date_from.setValue(date(2026, 3, 1))
    bar.date_to.setValue(date(2026, 3, 31))
    qtbot.waitUntil(
        lambda: tab.statistics is not None and tab.statistics.period_from == date(2026, 3, 1), timeout=5000
    )
    settle(qtbot, tab)


def test_the_figures_are_under_the_table_and_in_the_text(qtbot, tab: ReportTab) -> None:  # type: ignore[no-untyped-def]
    # The CCHC year 15/12/2025 - 14/12/2026 also has the dossier of 28/2, fully digitised.
    assert tab.digitisation.isVisible()
    assert tab.digitisation.text() == (
        "Số hóa hồ sơ tiếp nhận trong kỳ: 3/7 hồ sơ số hóa đầy đủ (đạt 42,9%) · 1 hồ sơ số hóa một phần · "
        "3 hồ sơ chưa số hóa"
    )
    editor = tab.editor
    row = editor.row_containing("Số hóa hồ sơ")
    assert editor.parts.item(row).text().strip() == "2. Cải cách thủ tục hành chính"
    assert "3/7 hồ sơ tiếp nhận được số hóa đầy đủ thành phần hồ sơ (đạt 42,9%)" in editor.part_text(row)

    choose_march(qtbot, tab)  # the same report year: the untouched text follows the new figures
    assert tab.digitisation.text() == (
        "Số hóa hồ sơ tiếp nhận trong kỳ: 2/6 hồ sơ số hóa đầy đủ (đạt 33,3%) · 1 hồ sơ số hóa một phần · "
        "3 hồ sơ chưa số hóa"
    )
    assert SENTENCE in editor.part_text(row)
    text = " ".join(" ".join(tab.preview.page_text(p).split()) for p in range(tab.preview.page_count))
    assert "2/6 hồ sơ tiếp nhận được số hóa đầy đủ thành phần hồ sơ (đạt 33,3%)" in text
    if os.environ.get("CCHC_SCREENSHOT"):
        tab.grab().save(os.environ["CCHC_SCREENSHOT"])


def test_a_period_without_dossiers_says_so(qtbot, tab: ReportTab) -> None:  # type: ignore[no-untyped-def]
    bar = tab.period_bar
    bar.combo.setCurrentText("Tùy chọn")
    bar.date_from.setValue(date(2026, 1, 1))
    bar.date_to.setValue(date(2026, 1, 31))
    qtbot.waitUntil(
        lambda: tab.statistics is not None and tab.statistics.period_to == date(2026, 1, 31), timeout=5000
    )
    settle(qtbot, tab)
    assert tab.digitisation.text() == "Số hóa hồ sơ: không có hồ sơ tiếp nhận trong kỳ."
    row = tab.editor.row_containing("Số hóa hồ sơ")
    assert "Số hóa hồ sơ từ ngày 01/01/2026 đến ngày 31/01/2026: không có hồ sơ tiếp nhận." in (
        tab.editor.part_text(row)
    )
