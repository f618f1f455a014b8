"""The report tab's print and "Lưu PDF" are recorded in the audit log, naming where the report went."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from cchc_desktop.services import audit_view
from cchc_desktop.services.audit_view import AuditFilter
from cchc_desktop.services.exchange import import_file
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.report.tab import ReportTab
from tests.services.test_reporting_sample_2023 import build_sample
from tests.ui.test_report_tab import choose_2023, open_tab, settle

REPORTS = AuditFilter(action="report")


@pytest.fixture
def tab_2023(qtbot, workspace: Workspace, tmp_path: Path) -> ReportTab:  # type: ignore[no-untyped-def]
    assert import_file(workspace, build_sample(workspace, tmp_path)).written
    tab = open_tab(qtbot, workspace)
    choose_2023(qtbot, tab)
    return tab


def test_saving_the_pdf_and_printing_are_recorded(qtbot, tab_2023: ReportTab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws, output = tab_2023.ws, tab_2023.output
    output.choose_file = lambda _parent, _suggested: str(tmp_path / "bao-cao-2023")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFileName(str(tmp_path / "may-in.pdf"))
    output.choose_printer = lambda _parent: printer

    output.save_pdf()
    qtbot.waitUntil(lambda: audit_view.count(ws, REPORTS) == 1, timeout=10_000)
    output.print_report()
    qtbot.waitUntil(lambda: audit_view.count(ws, REPORTS) == 2, timeout=10_000)
    settle(qtbot, tab_2023)

    printed, saved = audit_view.page(ws, REPORTS, 0, 2)
    assert (tmp_path / "bao-cao-2023.pdf").read_bytes().startswith(b"%PDF")
    assert saved.object_text == "Báo cáo năm 2023"
    assert saved.after_text.startswith(
        f"Hình thức: ghi ra tệp; Tệp: {tmp_path / 'bao-cao-2023.pdf'}; Từ ngày: 01/01/2023"
    )
    assert printed.after_text.startswith("Hình thức: in ra máy in; Máy in: ")
    assert "may-in.pdf" in printed.after_text
