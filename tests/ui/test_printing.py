"""Printing runs off the GUI thread, logs every form it prints, marks reprints and survives printer errors."""

from __future__ import annotations

import io
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.services.printing import PrintedForm, PrintJob, prepare_print
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import dossier_repo
from cchc_desktop.ui.intake.tab import IntakeTab
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.printing import PrintFailedError, default_printer, pdf_file_printer, print_pdf
from cchc_desktop.ui.tasks import TaskRunner
from tests.ui.keyboard import type_text
from tests.ui.test_intake_support import (
    choose_procedure,
    fill_valid_applicant,
    pdf_text,
    prepare,
    press,
    wait_idle,
)

Key = Qt.Key


def _saved_tab(qtbot, window: MainWindow, folder: Path) -> tuple[IntakeTab, str]:  # type: ignore[no-untyped-def]
    tab = prepare(window, folder)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    saved = tab.save()
    assert saved is not None
    wait_idle(qtbot, tab)
    return tab, saved.record.code


def _events(workspace: Workspace, code: str) -> list[tuple[str, str, str]]:
    with workspace.db.read() as tx:
        row = dossier_repo.by_code(tx, code)
        assert row is not None and row.id is not None
        return [(e.kind, e.actor, e.data_json) for e in dossier_repo.events_of(tx, row.id)]


def test_printing_runs_in_the_background_while_the_clerk_types(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab, code = _saved_tab(qtbot, main_window, tmp_path)
    threads: list[threading.Thread] = []

    def slow_printer(job: PrintJob) -> QPrinter:
        threads.append(threading.current_thread())
        time.sleep(0.2)  # a printer that takes its time
        return pdf_file_printer(tmp_path / f"slow-{job.form.value}.pdf")

    tab.printer.factory = slow_printer
    name = tab.form.applicant.name
    with qtbot.waitSignal(tab.printer.finished, timeout=10_000):
        press(qtbot, Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        assert tab.printer.busy
        assert tab.last_status == f"Đang in hồ sơ {code}…"
        name.setFocus()
        type_text(name, "Trần Văn Bình")  # the next citizen, while the printer works
        assert name.text() == "Trần Văn Bình"
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    assert (tmp_path / "slow-receipt.pdf").exists() and (tmp_path / "slow-control_slip.pdf").exists()
    assert tab.last_status == f"Đã in giấy tiếp nhận và phiếu kiểm soát của hồ sơ {code}."
    assert name.text() == "Trần Văn Bình"


def test_each_printed_form_is_recorded_and_f5_reprints(
    qtbot, main_window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    workspace_settings = workspace.settings()
    assert workspace_settings.clerk_name == "Lê Văn Tâm"  # tests/agency.py
    tab, code = _saved_tab(qtbot, main_window, tmp_path)
    with qtbot.waitSignal(tab.printer.finished, timeout=10_000):
        press(qtbot, Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    printed = [event for event in _events(workspace, code) if event[0].startswith("printed")]
    assert [kind for kind, _actor, _data in printed] == ["printed_receipt", "printed_control_slip"]
    assert f'"target": "{tmp_path / (code + "-receipt.pdf")}"' in printed[0][2]
    assert "BẢN IN LẠI" not in pdf_text(tmp_path / f"{code}-receipt.pdf")

    with qtbot.waitSignal(tab.printer.finished, timeout=10_000):
        press(qtbot, Key.Key_F5)
    assert "BẢN IN LẠI LẦN 1" in pdf_text(tmp_path / f"{code}-receipt-in-lai-1.pdf")
    assert "BẢN IN LẠI LẦN 1" in pdf_text(tmp_path / f"{code}-control_slip-in-lai-1.pdf")
    assert tab.last_status == f"Đã in lại (lần 1) giấy tiếp nhận và phiếu kiểm soát của hồ sơ {code}."
    assert len([e for e in _events(workspace, code) if e[0].startswith("printed")]) == 4
    assert prepare_print(workspace, code, PrintedForm.RECEIPT).reprint_number == 2
    assert "BẢN IN LẠI LẦN 1" in tab.preview.page_text(0)


def test_a_printer_error_is_reported_and_nothing_is_recorded(
    qtbot, main_window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab, code = _saved_tab(qtbot, main_window, tmp_path)
    tab.printer.factory = lambda job: pdf_file_printer(tmp_path / "no such folder" / "x.pdf")
    with qtbot.waitSignal(tab.printer.failed, timeout=10_000) as blocker:
        tab.print_last()
    assert blocker.args[0].startswith("Không ghi được tệp")
    assert tab.last_status.startswith("Lỗi khi in: Không ghi được tệp")
    assert tab.last_status.endswith("In lại: F5; chọn máy in khác: Ctrl+Shift+P.")  # this tab's keys
    assert tab.strip.isVisible() and "Lỗi khi in" in tab.strip.text()
    assert not tab.printer.busy
    assert not [e for e in _events(workspace, code) if e[0].startswith("printed")]


def test_without_a_default_printer_the_clerk_is_told_what_to_do(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    if not QPrinterInfo.defaultPrinter().isNull():
        pytest.skip("this machine has a default printer: the test would print a real page")
    tab, _code = _saved_tab(qtbot, main_window, tmp_path)
    tab.printer.factory = default_printer
    with qtbot.waitSignal(tab.printer.failed, timeout=10_000) as blocker:
        tab.print_last()
    assert blocker.args[0].startswith("Không tìm thấy máy in mặc định")


def test_print_before_any_save_says_so(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    press(qtbot, Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert tab.last_status == "Chưa có hồ sơ nào vừa lưu để in. Lưu hồ sơ trước (Ctrl+S)."
    assert not tab.printer.busy


def _run(qtbot, runner: TaskRunner, name: str, work, on_success=None, on_error=None) -> None:  # type: ignore[no-untyped-def]
    """Submit `work` and wait until its answer has been handled on the GUI thread."""
    with qtbot.waitSignal(runner.finished, timeout=10_000) as blocker:
        number = runner.submit(name, work, on_success, on_error)
    assert blocker.args == [number]


def test_a_real_printer_gets_every_page_painted_off_the_gui_thread(
    qtbot, main_window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab, code = _saved_tab(qtbot, main_window, tmp_path)
    job = prepare_print(workspace, code, PrintedForm.RECEIPT)
    printer = pdf_file_printer(tmp_path / "painted.pdf")
    printer.setResolution(72)  # small images keep the test fast
    _run(qtbot, tab.runner, "paint", lambda: print_pdf(job.pdf, printer, PrintedForm.RECEIPT, raster=True))
    pages = PdfReader(tmp_path / "painted.pdf").pages
    assert len(pages) == len(PdfReader(io.BytesIO(job.pdf)).pages) == 2  # two copies
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4, as rendered
    assert "/XObject" in pages[0]["/Resources"]


def test_the_task_runner_answers_on_the_gui_thread(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    results: list[tuple[object, bool]] = []
    _run(
        qtbot,
        runner,
        "add",
        lambda: 2 + 3,
        lambda r: results.append((r, threading.current_thread() is threading.main_thread())),
    )
    assert results == [(5, True)]
    assert not runner.busy

    errors: list[Exception] = []

    def refuse() -> None:
        raise InvalidInputError("Dữ liệu sai.")

    _run(qtbot, runner, "refuse", refuse, on_error=errors.append)
    assert isinstance(errors[0], InvalidInputError) and errors[0].message == "Dữ liệu sai."

    hooked: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: hooked.append(kind))
    _run(qtbot, runner, "bug", lambda: 1 / 0, on_error=errors.append)
    assert hooked == [ZeroDivisionError] and isinstance(errors[1], ZeroDivisionError)
    runner.wait_until_idle()


def test_print_failures_of_the_dialog_printer_keep_files_apart(tmp_path: Path) -> None:
    from cchc_desktop.ui.printing import chosen_printer

    printer = pdf_file_printer(tmp_path / "hồ sơ.pdf")
    factory = chosen_printer(printer)
    receipt = PrintJob("X-1", PrintedForm.RECEIPT, 0, b"")
    slip = PrintJob("X-1", PrintedForm.CONTROL_SLIP, 0, b"")
    assert factory(receipt).outputFileName() == str(tmp_path / "hồ sơ.pdf")
    assert factory(slip).outputFileName() == str(tmp_path / "hồ sơ-control_slip.pdf")


def test_an_unreadable_pdf_is_a_print_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    with pytest.raises(PrintFailedError, match="Không đọc được bản PDF"):
        print_pdf(b"not a pdf", printer, raster=True)


def test_ctrl_shift_p_prints_on_the_printer_chosen_in_the_dialog(
    qtbot,  # type: ignore[no-untyped-def]
    main_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab, code = _saved_tab(qtbot, main_window, tmp_path)
    chosen = tmp_path / "chọn máy in.pdf"

    class ClerkChoosesAFile:
        def __init__(self, printer: QPrinter, _parent: object) -> None:
            self.printer = printer

        def setWindowTitle(self, title: str) -> None:
            assert title == "In giấy tiếp nhận và phiếu kiểm soát"

        def exec(self) -> int:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(chosen))
            return 1  # QDialog.Accepted

    monkeypatch.setattr("cchc_desktop.ui.intake.tab.QPrintDialog", ClerkChoosesAFile)
    with qtbot.waitSignal(tab.printer.finished, timeout=10_000):
        press(qtbot, Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert code in pdf_text(chosen)
    assert "PHIẾU KIỂM SOÁT" in pdf_text(tmp_path / "chọn máy in-control_slip.pdf").upper()
