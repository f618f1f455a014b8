"""What leaves the report tab: a print (print dialog), a PDF file, the three files on a USB stick."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from cchc_desktop.services.annual_report import record_report_output, save_report_pdf
from cchc_desktop.ui.dialogs.import_dialog import documents_folder, error_text
from cchc_desktop.ui.printing import print_pdf
from cchc_desktop.ui.report import strings
from cchc_desktop.ui.report.usb_export_dialog import UsbExportDialog
from cchc_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from cchc_desktop.ui.report.tab import ReportTab

PrinterChooser = Callable[[QWidget], QPrinter | None]
FileChooser = Callable[[QWidget, str], str]  # (parent, suggested path) → chosen path, "" when cancelled


def print_dialog(parent: QWidget) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def save_file_dialog(parent: QWidget, suggested: str) -> str:
    return QFileDialog.getSaveFileName(parent, strings.SAVE_PDF_TITLE, suggested, strings.PDF_FILTER)[0]


class ReportOutput:
    def __init__(
        self,
        tab: ReportTab,
        runner: TaskRunner,
        choose_printer: PrinterChooser = print_dialog,
        choose_file: FileChooser = save_file_dialog,
    ) -> None:
        self.tab = tab
        self.runner = runner
        self.choose_printer = choose_printer
        self.choose_file = choose_file
        self.export_dialog: UsbExportDialog | None = None
        self.dialog_options: dict[str, object] = {}  # extra arguments for UsbExportDialog (tests)

    def _pdf(self) -> bytes | None:
        if not self.tab.ready or self.tab.pdf is None:
            self.tab.show_status(strings.NOT_READY, error=True)
            return None
        return self.tab.pdf

    def _failed(self, error: Exception) -> None:
        self.tab.show_status(strings.FAILED.format(message=error_text(error)), error=True)

    def print_report(self) -> None:
        pdf = self._pdf()
        printer = self.choose_printer(self.tab) if pdf is not None else None
        stats, ws = self.tab.statistics, self.tab.ws
        if pdf is None or printer is None or stats is None:
            return
        name = strings.FILE_STEM.format(year=self.tab.year)

        def print_and_record() -> str:
            target = print_pdf(pdf, printer, name=name)
            record_report_output(ws, stats, printer=target)
            return target

        self.tab.show_status(strings.PRINTING)
        self.runner.submit(
            "print report",
            print_and_record,
            lambda target: self.tab.show_status(strings.PRINTED.format(target=target)),
            self._failed,
        )

    def save_pdf(self) -> None:
        pdf = self._pdf()
        stats, ws = self.tab.statistics, self.tab.ws
        if pdf is None or stats is None:
            return
        suggested = documents_folder() / f"{strings.FILE_STEM.format(year=self.tab.year)}.pdf"
        chosen = self.choose_file(self.tab, str(suggested))
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(f"{chosen}.pdf")
        self.runner.submit(
            "save report pdf",
            lambda: save_report_pdf(ws, stats, pdf, path),
            lambda written: self.tab.show_status(strings.PDF_SAVED.format(path=written)),
            self._failed,
        )

    def export_to_usb(self) -> UsbExportDialog | None:
        stats = self.tab.statistics
        if stats is None or not self.tab.ready:
            self.tab.show_status(strings.NOT_READY, error=True)
            return None
        dialog = UsbExportDialog(
            self.tab.ws,
            stats,
            self.tab.editor.texts(),
            self.tab,
            figures=self.tab.printed_figures(),
            **self.dialog_options,  # type: ignore[arg-type]
        )
        self.export_dialog = dialog
        dialog.open()
        return dialog
