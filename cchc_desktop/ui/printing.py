"""Printing a dossier's forms on a QPrinter, off the GUI thread, with every print logged.

A real printer gets each PDF page rendered to an image (QtPdf has no vector output to QPainter) and
painted full-page at the size the page was designed for. A printer set to write a PDF file gets the
rendered PDF itself: identical pages, but small and with searchable text.

The printer comes from a factory so tests (and "print to file") can write PDF files instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize, QSizeF, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.services.printing import FORM_LABELS, PrintedForm, PrintJob, prepare_print, record_print
from cchc_desktop.services.settings import AgencyNotSetUpError
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PrinterFactory = Callable[[PrintJob], QPrinter]
BOTH_FORMS = (PrintedForm.RECEIPT, PrintedForm.CONTROL_SLIP)
MAX_RENDER_DPI = 300  # enough for 11 pt type and QR codes; a 600 dpi A4 image would take 140 MB

NO_PRINTER = (
    "Không tìm thấy máy in mặc định. Hãy bật và cài đặt máy in (Windows: Cài đặt → Máy in), "
    "chọn máy in mặc định rồi in lại."
)  # each screen adds how to print again there
CANNOT_START = (
    "Không in được trên máy in “{printer}”: máy in không sẵn sàng (hết giấy, tắt máy hoặc lỗi kết nối)."
)
CANNOT_WRITE = "Không ghi được tệp {path}: {reason}. Chọn thư mục khác rồi in lại."
CANNOT_READ_PDF = "Không đọc được bản PDF của {form} để in (lỗi {error})."
NOT_RECORDED = "Đã in nhưng chưa ghi được lần in vào lịch sử hồ sơ: {message}"
UNEXPECTED = "lỗi không mong muốn ({detail}); đã ghi vào nhật ký, hãy báo bộ phận hỗ trợ."
FORM_NAMES: dict[PrintedForm, str] = dict(FORM_LABELS)  # every form a dossier can print


class PrintFailedError(UserFacingError):
    """The printer (or the file it writes) could not take the job: tell the clerk, print again later."""


def system_printer() -> QPrinter:
    """The system's default printer; `PrintFailedError` when there is none."""
    if QPrinterInfo.defaultPrinter().isNull():
        raise PrintFailedError(NO_PRINTER)
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def default_printer(_job: PrintJob) -> QPrinter:
    """The system's default printer for every form; `PrintFailedError` when there is none."""
    return system_printer()


def pdf_file_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


# A printer for a PDF that is not a dossier's form (a scan of a paper): the argument is a file stem
# naming it, which a factory writing files uses.
DocumentPrinterFactory = Callable[[str], QPrinter]


def default_document_printer(_name: str) -> QPrinter:
    return system_printer()


def document_files_in(folder: Path) -> DocumentPrinterFactory:
    """A factory writing each document to `<folder>/<name>.pdf` instead of printing it."""
    return lambda name: pdf_file_printer(folder / f"{name}.pdf")


def pdf_files_in(folder: Path) -> PrinterFactory:
    """A factory writing each form to `<folder>/<code>-<form>[-in-lai-n].pdf`."""

    def factory(job: PrintJob) -> QPrinter:
        suffix = f"-in-lai-{job.reprint_number}" if job.reprint_number else ""
        return pdf_file_printer(folder / f"{job.dossier_code}-{job.form.value}{suffix}.pdf")

    return factory


def chosen_printer(printer: QPrinter) -> PrinterFactory:
    """Every form on the printer picked in the print dialog; "print to file" writes one file per form."""
    base = printer.outputFileName()

    def factory(job: PrintJob) -> QPrinter:
        if (
            printer.outputFormat() is QPrinter.OutputFormat.PdfFormat
            and base
            and job.form is not BOTH_FORMS[0]
        ):
            path = Path(base)
            printer.setOutputFileName(str(path.with_name(f"{path.stem}-{job.form.value}{path.suffix}")))
        return printer

    return factory


def target_of(printer: QPrinter) -> str:
    """What `record_print` logs as the target: the printer's name or the file written."""
    if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat:
        return printer.outputFileName()
    return printer.printerName()


def print_pdf(
    pdf: bytes,
    printer: QPrinter,
    form: PrintedForm = PrintedForm.RECEIPT,
    *,
    raster: bool | None = None,
    name: str = "",
) -> str:
    """Send one rendered form to `printer`; returns the target. Safe on a worker thread.

    `raster` None: pages are painted as images on a real printer, a PDF file gets the PDF itself.
    `name` names a document that is not a dossier's form (a daily list) in the print queue and errors.
    """
    to_file = printer.outputFormat() is QPrinter.OutputFormat.PdfFormat
    paint = not to_file if raster is None else raster
    if not paint:
        return _write_pdf_file(pdf, printer)
    paint_pdf(pdf, printer, form, name=name)
    return target_of(printer)


def _write_pdf_file(pdf: bytes, printer: QPrinter) -> str:
    path = printer.outputFileName()
    if not path:
        raise PrintFailedError(NO_PRINTER)
    try:
        Path(path).write_bytes(pdf)
    except OSError as error:
        raise PrintFailedError(CANNOT_WRITE.format(path=path, reason=error.strerror or error)) from error
    return path


def paint_pdf(
    pdf: bytes, printer: QPrinter, form: PrintedForm = PrintedForm.RECEIPT, *, name: str = ""
) -> None:
    """Paint every page of `pdf` as an image filling a sheet of the page's own size."""
    title = name or FORM_NAMES[form]
    document = QPdfDocument()
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() is not QPdfDocument.Status.Ready:
        raise PrintFailedError(CANNOT_READ_PDF.format(form=title, error=document.error().name))
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setDocName(title)
    painter = QPainter()
    try:
        for page in range(document.pageCount()):
            points = document.pagePointSize(page)
            _use_page_size(printer, points)
            if page == 0:
                if not painter.begin(printer):
                    raise PrintFailedError(CANNOT_START.format(printer=printer.printerName()))
            elif not printer.newPage():
                raise PrintFailedError(CANNOT_START.format(printer=printer.printerName()))
            dpi = min(printer.resolution(), MAX_RENDER_DPI)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            painter.drawImage(QRectF(printer.paperRect(QPrinter.Unit.DevicePixel)), image)
    finally:
        if painter.isActive():
            painter.end()
        document.close()
        buffer.close()


def _use_page_size(printer: QPrinter, points: QSizeF) -> None:
    landscape = points.width() > points.height()
    portrait = points.transposed() if landscape else points
    printer.setPageSize(QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


@dataclass(frozen=True)
class PrintedCopy:
    job: PrintJob
    target: str


@dataclass(frozen=True)
class PrintRun:
    """What a print request did: the forms that went out, and why it stopped early (if it did)."""

    dossier_code: str
    printed: tuple[PrintedCopy, ...]
    error: str = ""


def prepare_and_print(
    ws: Workspace, code: str, forms: Sequence[PrintedForm], factory: PrinterFactory
) -> PrintRun:
    """Render and print each form in turn. Runs on the worker; stops at the first printer error."""
    printed: list[PrintedCopy] = []
    for form in forms:
        try:
            job = prepare_print(ws, code, form)
            printer = factory(job)
            target = print_pdf(job.pdf, printer, form)
        except AgencyNotSetUpError:
            raise  # refused before any paper: `DossierPrinter.refused`, not a printer fault
        except UserFacingError as error:
            return PrintRun(code, tuple(printed), error.message)
        printed.append(PrintedCopy(job, target))
    return PrintRun(code, tuple(printed))


class DossierPrinter(QObject):
    """Prints a dossier's forms (by default its receipt and control slip) in the background and records
    each print.

    One request at a time: a second one while printing is refused (the reprint counter would be read
    before the first print was recorded).
    """

    started = Signal(str)
    finished = Signal(object)  # PrintRun, after its prints were recorded
    failed = Signal(str)  # Vietnamese message
    refused = Signal(str)  # nothing printed: the agency is not set up (the message says what to fill in)

    def __init__(
        self,
        ws: Workspace,
        runner: TaskRunner,
        factory: PrinterFactory = default_printer,
        actor: Callable[[], str] = lambda: "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.factory = factory
        self.actor = actor
        self.busy = False

    def print_dossier(
        self,
        code: str,
        forms: Sequence[PrintedForm] = BOTH_FORMS,
        factory: PrinterFactory | None = None,
    ) -> bool:
        """Start printing; False (nothing started) while another print is running."""
        if self.busy:
            return False
        self.busy = True
        chosen = factory or self.factory
        self.started.emit(code)
        self.runner.submit(
            f"print {code}",
            lambda: prepare_and_print(self.ws, code, tuple(forms), chosen),
            self._on_done,
            self._on_error,
        )
        return True

    def _on_done(self, run: object) -> None:
        assert isinstance(run, PrintRun)
        self.busy = False
        try:
            actor = self.actor() if run.printed else ""
            for copy in run.printed:
                record_print(self.ws, copy.job, actor=actor, target=copy.target)
        except UserFacingError as error:  # the server went away while the paper came out
            self.failed.emit(NOT_RECORDED.format(message=error.message))
            return
        if run.error:
            self.failed.emit(run.error)
        self.finished.emit(run)

    def _on_error(self, error: Exception) -> None:
        self.busy = False
        if isinstance(error, AgencyNotSetUpError):
            self.refused.emit(error.message)
            return
        message = (
            error.message
            if isinstance(error, UserFacingError)
            else UNEXPECTED.format(detail=type(error).__name__)
        )
        self.failed.emit(message)
