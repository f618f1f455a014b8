"""The daily list: dossiers received on a day and those due on the next working day, previewed, printed
or saved as PDF. Rendering, printing and writing run off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cchc_desktop.domain.vn_format import short_date, weekday_name
from cchc_desktop.services import registers
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.date_fields import DateField, first_refused
from cchc_desktop.ui.dialogs.buttons import action_button
from cchc_desktop.ui.dialogs.import_dialog import documents_folder, error_text
from cchc_desktop.ui.dialogs.register_dialog import FileChooser, save_file_name, with_suffix
from cchc_desktop.ui.dialogs.task_dialog import TaskDialog
from cchc_desktop.ui.pdf_preview import PdfPreview
from cchc_desktop.ui.printing import print_pdf, system_printer

TITLE = "Danh sách hồ sơ trong ngày"
DAY_LABEL = "&Ngày:"
DAY_TIP = "Mũi tên lên/xuống để đổi ngày; danh sách gồm hồ sơ nhận trong ngày và hồ sơ đến hạn ngày làm việc tiếp theo"
PRINT = "&In"
PRINT_TIP = "In danh sách ra máy in mặc định (Ctrl+P)"
SAVE = "Lưu &PDF…"
SAVE_TIP = "Lưu danh sách thành tệp PDF (Ctrl+S)"
EMPTY = "Đang tạo danh sách…"
PREVIEW_TITLE = "Danh sách hồ sơ {weekday}, {day}"
PRINTING = "Đang in danh sách…"
PRINTED = "Đã in danh sách ngày {day}."
SAVED = "Đã lưu danh sách vào {path}."
FAILED = "Lỗi: {message}"
NOT_READY = "Danh sách chưa tạo xong, chờ một chút rồi thử lại."
CHOOSE_TITLE = "Lưu danh sách hồ sơ trong ngày"
PDF_FILTER = "Tệp PDF (*.pdf)"
FILE_NAME = "Danh-sach-ho-so_{day:%Y-%m-%d}.pdf"
PRINT_NAME = "Danh sách hồ sơ ngày {day}"

TYPING_PAUSE_MS = 250

PrinterMaker = Callable[[], QPrinter]


class DailyListDialog(TaskDialog):
    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        printer_factory: PrinterMaker = system_printer,
        choose_file: FileChooser = save_file_name,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(TITLE, "dailyListMessage", parent, selectable_message=False)
        self.workspace = workspace
        self.printer_factory = printer_factory
        self.choose_file = choose_file
        self.pdf: bytes | None = None
        self.pdf_day: date | None = None
        self.day = DateField(today())
        self.day.setToolTip(DAY_TIP)
        self.preview = PdfPreview(EMPTY)
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)  # some styles keep room beside the bar for its (empty) text
        self.print_button = action_button(PRINT, PRINT_TIP, "print", self.print_list)
        self.save_button = action_button(SAVE, SAVE_TIP, "pdf", self.save_pdf)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_list)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_pdf)
        label = QLabel(DAY_LABEL)
        label.setBuddy(self.day)
        layout = QVBoxLayout(self)
        layout.addLayout(
            self.button_row(
                label,
                self.day,
                self.day.message,
                self.progress,
                self.message,
                self.print_button,
                self.save_button,
            )
        )
        layout.addWidget(self.preview, 1)
        self.resize(1000, 660)  # fits a 1366×768 screen
        # Typing a date changes it digit by digit: render once the clerk has paused.
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.make_preview)
        self.day.value_changed.connect(self._pause.start)
        self.day.setFocus(Qt.FocusReason.OtherFocusReason)
        self.make_preview()

    def chosen_day(self) -> date:
        return self.day.value()

    def _work(self, name: str, work: Callable[[], object], done: Callable[[object], None]) -> None:
        self.progress.show()
        self.runner.submit(name, work, lambda result: self._finish(done, result), self._failed)

    def _finish(self, done: Callable[[object], None], result: object) -> None:
        self.progress.setVisible(self.runner.busy)
        done(result)

    def _failed(self, error: Exception) -> None:
        self.progress.setVisible(self.runner.busy)
        self.show_message(FAILED.format(message=error_text(error)), error=True)

    # ------------------------------------------------------------------ preview
    def make_preview(self) -> None:
        day, ws = self.chosen_day(), self.workspace
        self._work(f"daily list {day}", lambda: (day, registers.daily_list_pdf(ws, day)), self._rendered)

    def _rendered(self, result: object) -> None:
        assert isinstance(result, tuple)
        day, pdf = result
        if day != self.chosen_day():
            return  # the clerk moved on to another day meanwhile
        self.pdf, self.pdf_day = pdf, day
        self.preview.show_pdf(pdf, PREVIEW_TITLE.format(weekday=weekday_name(day), day=short_date(day)))

    def _ready(self) -> bytes | None:
        if first_refused(self.day):
            return None  # said beside the day, which has the focus
        if self.pdf is None or self.pdf_day != self.chosen_day():
            self.show_message(NOT_READY, error=True)
            return None
        return self.pdf

    # ------------------------------------------------------------------ print and save
    def print_list(self) -> bool:
        pdf = self._ready()
        if pdf is None:
            return False
        chosen, make_printer, ws = self.chosen_day(), self.printer_factory, self.workspace
        day = short_date(chosen)
        self.show_message(PRINTING)
        self._work(
            "print daily list",
            lambda: registers.record_daily_list_printed(
                ws, chosen, print_pdf(pdf, make_printer(), name=PRINT_NAME.format(day=day))
            ),
            lambda _target: self.show_message(PRINTED.format(day=day)),
        )
        return True

    def save_pdf(self) -> bool:
        pdf = self._ready()
        if pdf is None:
            return False
        suggested = documents_folder() / FILE_NAME.format(day=self.chosen_day())
        chosen = self.choose_file(self, CHOOSE_TITLE, str(suggested), PDF_FILTER)
        if not chosen:
            return False
        path, day, ws = with_suffix(chosen, ".pdf"), self.chosen_day(), self.workspace
        self._work("save daily list", lambda: registers.save_daily_list(ws, path, day, pdf), self._saved)
        return True

    def _saved(self, path: object) -> None:
        assert isinstance(path, Path)
        self.show_message(SAVED.format(path=path))
