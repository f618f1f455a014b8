"""The report tab on the 2023 sample year: the table, the dossiers behind a number, the text saved per
year, the preview and the export to a USB stick (a folder here)."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from cchc_desktop.core import files
from cchc_desktop.services import reporting
from cchc_desktop.services.exchange import import_file
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.report.tab import ReportTab
from tests.services.test_reporting_sample_2023 import build_sample
from tests.ui.keyboard import type_text

NOW = datetime(2024, 1, 10, 9, 0)
TOTALS_2023 = ["1.825", "1.810", "13", "2", "1.819", "1.806", "13", "0", "6", "6", "0"]


@pytest.fixture
def sample_ws(workspace: Workspace, tmp_path: Path) -> Workspace:
    assert import_file(workspace, build_sample(workspace, tmp_path)).written
    return workspace


def settle(qtbot, tab: ReportTab) -> None:  # type: ignore[no-untyped-def]
    """Let the background work finish; a pending preview is rendered at once instead of after 800 ms."""

    def idle() -> bool:
        if tab.preview_timer.isActive():
            tab.render_preview()
        return not tab.busy

    qtbot.waitUntil(idle, timeout=10_000)


def open_tab(qtbot, ws: Workspace) -> ReportTab:  # type: ignore[no-untyped-def]
    tab = ReportTab(ws, clock=lambda: NOW)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    settle(qtbot, tab)
    return tab


def choose_2023(qtbot, tab: ReportTab) -> None:  # type: ignore[no-untyped-def]
    bar = tab.period_bar
    bar.combo.setCurrentText("Tùy chọn")
    bar.date_from.setValue(date(2023, 1, 1))
    bar.date_to.setValue(date(2023, 12, 31))
    qtbot.waitUntil(
        lambda: tab.statistics is not None and tab.statistics.period_from == date(2023, 1, 1), timeout=5000
    )
    settle(qtbot, tab)


@pytest.fixture
def tab_2023(qtbot, sample_ws: Workspace) -> Iterator[ReportTab]:  # type: ignore[no-untyped-def]
    tab = open_tab(qtbot, sample_ws)
    assert tab.period_bar.combo.currentText() == "Năm CCHC (15/12 – 14/12)"
    assert tab.period_bar.period == (date(2023, 12, 15), date(2024, 12, 14))
    choose_2023(qtbot, tab)
    yield tab


def test_the_table_shows_the_2023_numbers_in_vietnamese_format(tab_2023: ReportTab, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = tab_2023.model
    qtmodeltester.check(model)
    total = model.total_row
    assert model.index(total, 1).data() == "Tổng số"
    assert model.index(total, 1).data(Qt.ItemDataRole.FontRole).bold()
    assert [model.index(total, column).data() for column in range(2, 13)] == TOTALS_2023
    assert "(8)" in model.headerData(model.column_of("resolved_early"), Qt.Orientation.Horizontal)
    assert (
        "01/01/2023" in tab_2023.period_bar.shown.text() and "31/12/2023" in tab_2023.period_bar.shown.text()
    )
    assert tab_2023.ready and tab_2023.export_action.isEnabled()
    assert not tab_2023.message.isVisible()


def test_the_statistics_paragraph_is_in_the_editor_and_the_preview(tab_2023: ReportTab) -> None:
    editor = tab_2023.editor
    row = editor.row_containing("Tổng số hồ sơ TTHC đã tiếp nhận")
    assert editor.parts.item(row).text().strip() == "2. Cải cách thủ tục hành chính"
    assert "1.823 (trực tuyến: 1.810; trực tiếp 13)" in editor.part_text(row)
    assert tab_2023.preview.page_count >= 2
    text = " ".join(tab_2023.preview.page_text(p) for p in range(tab_2023.preview.page_count))
    assert "1.823" in text


def test_double_clicking_a_number_lists_its_dossiers_and_opens_one(qtbot, tab_2023: ReportTab) -> None:  # type: ignore[no-untyped-def]
    model, view = tab_2023.model, tab_2023.view
    index = model.index(model.total_row, model.column_of("resolved_early"))
    view.scrollTo(index)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: tab_2023.cell_dialog is not None)  # looked up in the background
    dialog = tab_2023.cell_dialog
    assert dialog is not None and dialog.count == 1806
    first = dialog.codes.item(0).text()
    with qtbot.waitSignal(tab_2023.open_dossier_requested) as opened:
        dialog.open_current()
    assert opened.args == [first]
    dialog.close()
    # Enter on another number does the same.
    view.setCurrentIndex(model.index(model.total_row, model.column_of("in_progress_total")))
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab_2023.cell_dialog is not dialog)
    assert tab_2023.cell_dialog.count == 6
    tab_2023.cell_dialog.close()


def test_edited_text_is_saved_with_ctrl_s_and_comes_back(
    qtbot, tab_2023: ReportTab, sample_ws: Workspace
) -> None:  # type: ignore[no-untyped-def]
    editor = tab_2023.editor
    editor.select(0)
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    type_text(editor.editor, " Đã bổ sung ở xã.")
    assert tab_2023.dirty and "chưa lưu" in tab_2023.status.text()
    QTest.keyClick(editor.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not tab_2023.dirty and "Đã lưu" in tab_2023.status.text()
    settle(qtbot, tab_2023)
    again = open_tab(qtbot, sample_ws)
    choose_2023(qtbot, again)
    assert again.editor.part_text(0).endswith("Đã bổ sung ở xã.")
    assert "bản đã lưu" in again.status.text()


def test_regenerate_puts_the_numbers_back(qtbot, tab_2023: ReportTab) -> None:  # type: ignore[no-untyped-def]
    editor = tab_2023.editor
    row = editor.row_containing("Tổng số hồ sơ TTHC")
    editor.select(row)
    editor.editor.setPlainText("Đoạn khác.")
    assert editor.row_containing("1.823") == -1
    tab_2023.regenerate_action.trigger()
    assert "1.823 (trực tuyến: 1.810; trực tiếp 13)" in editor.part_text(row)
    assert tab_2023.dirty


def test_export_writes_three_files_that_open(qtbot, tab_2023: ReportTab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "usb"
    folder.mkdir()
    tab_2023.output.dialog_options = {"choose_folder": lambda *_: str(folder), "list_drives": lambda: []}
    dialog = tab_2023.output.export_to_usb()
    assert dialog is not None and dialog.picker.no_drives.isVisible()
    qtbot.mouseClick(dialog.picker.other_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["Bao-cao-CCHC-2023.docx", "Bao-cao-CCHC-2023.pdf", "Bao-cao-CCHC-2023.xlsx"]
    assert str(folder) in dialog.last_message and "Đã ghi" in dialog.last_message
    assert len(pypdf.PdfReader(folder / "Bao-cao-CCHC-2023.pdf").pages) >= 2
    paragraphs = "\n".join(p.text for p in docx.Document(str(folder / "Bao-cao-CCHC-2023.docx")).paragraphs)
    assert "1.823 (trực tuyến: 1.810; trực tiếp 13)" in paragraphs
    assert openpyxl.load_workbook(folder / "Bao-cao-CCHC-2023.xlsx").worksheets
    dialog.reject()


def test_a_full_drive_says_so_and_leaves_no_file(  # type: ignore[no-untyped-def]
    qtbot, tab_2023: ReportTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_source: object, _target: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    folder = tmp_path / "usb"
    tab_2023.output.dialog_options = {"list_drives": lambda: [folder]}
    folder.mkdir()
    dialog = tab_2023.output.export_to_usb()
    assert dialog is not None and dialog.picker.drives.count() == 1
    assert dialog.export_to_selected()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "Không đủ chỗ trống" in dialog.last_message
    assert list(folder.iterdir()) == []
    dialog.reject()


def test_a_failed_re_export_keeps_the_last_good_copies(  # type: ignore[no-untyped-def]
    qtbot, tab_2023: ReportTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    tab_2023.output.dialog_options = {"list_drives": lambda: [folder]}
    dialog = tab_2023.output.export_to_usb()
    assert dialog is not None and dialog.export_to_selected()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert len(first) == 3
    real_write, written = files._write_synced, []

    def full_on_the_third_file(path: Path, data: bytes) -> None:
        written.append(path)
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(files, "_write_synced", full_on_the_third_file)
    assert dialog.export_to_selected()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "Không đủ chỗ trống" in dialog.last_message
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first  # no temporary file either
    dialog.reject()


def test_numbers_that_do_not_add_up_block_the_export(  # type: ignore[no-untyped-def]
    qtbot, sample_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_stats: object) -> None:
        raise reporting.StatisticsMismatchError(["Tổng số: (3) = 1.825 khác (7) + (11) = 1.824"])

    monkeypatch.setattr(reporting, "check", broken)
    tab = open_tab(qtbot, sample_ws)
    assert "Số liệu thống kê không khớp" in tab.message.text() and tab.message.isVisible()
    assert "b00020" in tab.message.styleSheet()
    assert not tab.ready and not tab.export_action.isEnabled() and not tab.print_action.isEnabled()


def test_the_window_shows_the_tab_and_its_shortcuts_only_in_front(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert main_window.tabs.indexOf(main_window.report_page) == 2
    assert not main_window.report_page.is_built  # built when first opened, not at start-up
    tab = main_window.report_tab
    assert not tab.save_action.isEnabled()  # the intake tab's Ctrl+S is the one in front
    bar = main_window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    assert main_window.tabs.currentWidget() is main_window.report_page
    settle(qtbot, tab)
    assert tab.save_action.isEnabled() and tab.save_action.shortcut().toString() == "Ctrl+S"
    assert tab.print_action.shortcut().toString() == "Ctrl+P"
    assert not main_window.intake_tab.save_action.isEnabled()
