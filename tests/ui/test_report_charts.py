"""The report tab's charts on the dossiers of tests/services/test_reporting.py (February – March 2025,
counted by hand there): the same numbers as the table, a click on a bar lists its dossiers, a new period
redraws them, and "Kèm trang biểu đồ" puts their page into the preview."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt

from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.report.charts import BarChart
from cchc_desktop.ui.report.tab import ReportTab
from tests.pdf_text import pages_text
from tests.services.test_reporting import AFTER, ROWS, import_rows
from tests.ui.test_report_tab import settle

FEB_MAR = (date(2025, 2, 1), date(2025, 3, 31))


@pytest.fixture
def tab(qtbot, workspace: Workspace, tmp_path: Path) -> ReportTab:  # type: ignore[no-untyped-def]
    import_rows(workspace, tmp_path, {code: values for code, (values, _) in ROWS.items()})
    tab = ReportTab(workspace, clock=lambda: AFTER)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    settle(qtbot, tab)
    choose(qtbot, tab, *FEB_MAR)
    tab.pages.setCurrentIndex(1)  # the charts
    qtbot.wait(50)
    return tab


def choose(qtbot, tab: ReportTab, start: date, end: date) -> None:  # type: ignore[no-untyped-def]
    bar = tab.period_bar
    bar.combo.setCurrentText("Tùy chọn")
    bar.date_from.setValue(start)
    bar.date_to.setValue(end)
    qtbot.waitUntil(lambda: tab.figures is not None and tab.figures.period_from == start, timeout=5000)
    settle(qtbot, tab)


def column(tab: ReportTab, name: str) -> int:
    """The total row's number of a column of the table, as the clerk reads it."""
    model = tab.model
    return int(model.index(model.total_row, model.column_of(name)).data().replace(".", ""))


def test_the_charts_show_the_numbers_of_the_table(tab: ReportTab) -> None:
    charts = tab.charts
    assert charts.isVisible() and not tab.view.isVisible()
    months = charts.months.chart
    assert months is not None and months.categories == ("2/25", "3/25")
    assert sum(months.values[0]) == column(tab, "received_online") + column(tab, "received_direct_postal")
    assert sum(months.values[1]) == column(tab, "resolved_total")
    timeliness = charts.timeliness.chart
    assert timeliness is not None
    for values, name in zip(
        timeliness.values, ("resolved_early", "resolved_on_time", "resolved_late"), strict=True
    ):
        assert sum(values) == column(tab, name)
    channels = charts.channels.chart
    assert channels is not None
    assert channels.values == ((column(tab, "received_online"),), (column(tab, "received_direct_postal"),))
    overdue = charts.overdue.chart
    assert overdue is not None and sum(overdue.values[0]) == column(tab, "in_progress_overdue") == 2
    assert overdue.title == "Hồ sơ đang giải quyết quá hạn: 2"
    march = charts.months.bar_rect(0, 1)
    assert march.height() > charts.months.bar_rect(0, 0).height() > 0  # 10 received in March, 4 in February
    assert "10 hồ sơ" in charts.months.tooltip(charts.months.bar_at(march.center().toPointF()))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("chart", "series", "category", "expected"),
    [
        ("months", 0, 0, ["D", "E", "M", "O"]),  # received in February
        ("months", 1, 1, ["A", "B", "C", "D"]),  # resolved in March
        ("channels", 1, 0, ["B", "C"]),  # direct and postal
    ],
)
def test_clicking_a_bar_lists_its_dossiers(  # type: ignore[no-untyped-def]
    qtbot, tab: ReportTab, chart: str, series: int, category: int, expected: list[str]
) -> None:
    widget: BarChart = getattr(tab.charts, chart)
    rect = widget.bar_rect(series, category)
    assert not rect.isEmpty()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.cell_dialog is not None, timeout=5000)
    dialog = tab.cell_dialog
    assert dialog is not None
    assert sorted(dialog.codes.item(row).text() for row in range(dialog.count)) == expected
    assert dialog.count == widget.chart.values[series][category]  # type: ignore[union-attr]
    opened: list[str] = []
    tab.open_dossier_requested.connect(opened.append)
    dialog.open_current()
    assert opened == [dialog.codes.item(0).text()]
    dialog.close()


def test_the_bars_are_reached_and_opened_from_the_keyboard(qtbot, tab: ReportTab) -> None:  # type: ignore[no-untyped-def]
    widget = tab.charts.months
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Right)  # the first bar: received in February
    qtbot.keyClick(widget, Qt.Key.Key_Right)  # then received in March (February resolved none)
    assert (
        tab.status.text() == "Tiếp nhận — tháng 3/2025: 10 hồ sơ. Nhấn (hoặc Enter) để xem danh sách hồ sơ."
    )
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.cell_dialog is not None, timeout=5000)
    assert tab.cell_dialog.count == 10  # type: ignore[union-attr]
    assert "tháng 3/2025" in tab.cell_dialog.windowTitle()  # type: ignore[union-attr]


def test_a_late_bar_of_a_field_lists_that_field_s_late_dossier(qtbot, tab: ReportTab) -> None:  # type: ignore[no-untyped-def]
    widget = tab.charts.timeliness
    chart = widget.chart
    assert chart is not None
    field = [name for index, name in enumerate(chart.categories) if chart.values[2][index]]
    assert len(field) == 1  # C, postal, resolved late
    rect = widget.bar_rect(2, chart.categories.index(field[0]))
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.cell_dialog is not None, timeout=5000)
    assert [tab.cell_dialog.codes.item(0).text()] == ["C"]  # type: ignore[union-attr]
    assert field[0] in tab.cell_dialog.windowTitle()  # type: ignore[union-attr]


def test_a_new_period_redraws_the_charts(qtbot, tab: ReportTab) -> None:  # type: ignore[no-untyped-def]
    choose(qtbot, tab, date(2025, 3, 1), date(2025, 3, 31))
    months = tab.charts.months.chart
    assert months is not None and months.values == ((10,), (4,))
    assert tab.charts.months.bar_rect(0, 1).isEmpty()  # no second month any more
    assert tab.charts.channels.chart.values == (
        (column(tab, "received_online"),),
        (column(tab, "received_direct_postal"),),
    )  # type: ignore[union-attr]


def test_the_figure_page_is_in_the_preview_only_when_ticked(qtbot, tab: ReportTab) -> None:  # type: ignore[no-untyped-def]
    assert not tab.with_figures.isChecked()
    assert tab.pdf is not None
    without = pages_text(tab.pdf)
    assert not any("BIỂU ĐỒ" in page for page in without)
    tab.with_figures.setChecked(True)
    qtbot.waitUntil(lambda: tab.preview_timer.isActive() or tab.busy, timeout=2000)
    settle(qtbot, tab)
    pages = pages_text(tab.pdf)
    assert len(pages) == len(without) + 1
    assert "Hồ sơ tiếp nhận và đã giải quyết theo tháng" in pages[-1]


@pytest.mark.parametrize("ticked", [False, True])
def test_the_usb_export_has_the_figure_page_when_ticked(
    qtbot, tab: ReportTab, tmp_path: Path, ticked: bool
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "usb"
    folder.mkdir()
    tab.with_figures.setChecked(ticked)
    settle(qtbot, tab)
    tab.output.dialog_options = {"choose_folder": lambda *_: str(folder), "list_drives": lambda: []}
    dialog = tab.output.export_to_usb()
    assert dialog is not None
    qtbot.mouseClick(dialog.picker.other_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert "Đã ghi" in dialog.last_message, dialog.last_message
    pages = pages_text((folder / "Bao-cao-CCHC-2025.pdf").read_bytes())
    assert ("Hồ sơ tiếp nhận và đã giải quyết theo tháng" in pages[-1]) is ticked
    document = docx.Document(str(folder / "Bao-cao-CCHC-2025.docx"))
    assert len(document.inline_shapes) == (1 if ticked else 0)
    dialog.reject()


def test_the_charts_fit_the_small_screen(qtbot, tab: ReportTab) -> None:  # type: ignore[no-untyped-def]
    for widget in tab.charts.charts:
        assert widget.height() >= 90, widget.chart.title  # type: ignore[union-attr]
    assert tab.height() <= 700
    if os.environ.get("CCHC_GRAB"):
        tab.grab().save(os.environ["CCHC_GRAB"])
    tab.pages.setCurrentIndex(0)
    assert tab.view.isVisible() and not tab.charts.isVisible()
