"""The report tab: biểu II.06a for a period with the digitised papers of the dossiers received in it, the
annual report's text to edit, a live preview of the PDF, printing and the export of the three files to a
USB stick."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabBar,
    QWidget,
)

from cchc_desktop.documents.report_figures_data import BarTarget, ReportFigures
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.statistics import Statistics
from cchc_desktop.domain.vn_format import short_date
from cchc_desktop.services import annual_report, report_figures, reporting
from cchc_desktop.services import report_texts as texts_service
from cchc_desktop.services.permissions import refusal_for
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.import_dialog import error_text
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.pdf_preview import PdfPreview
from cchc_desktop.ui.report import charts_strings, strings
from cchc_desktop.ui.report.cell_dialog import CellDossiersDialog
from cchc_desktop.ui.report.charts import ChartsPanel
from cchc_desktop.ui.report.layout import lay_out
from cchc_desktop.ui.report.output import ReportOutput
from cchc_desktop.ui.report.period_bar import PeriodBar
from cchc_desktop.ui.report.sections_editor import SectionsEditor
from cchc_desktop.ui.report.statistics_model import StatisticsModel, StatisticsView
from cchc_desktop.ui.tasks import TaskRunner

PREVIEW_DELAY_MS = 800


class ReportTab(QWidget):
    open_dossier_requested = Signal(str)
    splitter: QSplitter  # table (or charts) above, text and preview below (layout.py)
    pages: QTabBar  # the table or the charts (layout.py)

    def __init__(
        self,
        ws: Workspace,
        clock: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws, self.clock = ws, clock
        self.statistics: Statistics | None = None
        self.figures: ReportFigures | None = None  # the charts of the same period
        self.computed_at: datetime | None = None  # the `now` of the table, for the dossiers behind a cell
        self.ready = False  # numbers checked: the report may be printed and exported
        self.pdf: bytes | None = None
        self.year: int | None = None
        self.dirty = False
        self.cell_dialog: CellDossiersDialog | None = None
        self._drafts: dict[int, texts_service.ReportTexts] = {}
        self._generated: tuple[str, str, str] = ("", "", "")
        self._compute_number = self._render_number = 0
        self._shown = False
        self.refusal: str | None = None  # why the signed-in user may not make the report (None: may)
        self.runner = TaskRunner(self)
        self.period_bar = PeriodBar(clock().date())
        self.model = StatisticsModel(self)
        self.view = StatisticsView()
        self.charts = ChartsPanel()
        self.charts.bar_chosen.connect(self.show_bar)
        self.charts.bar_described.connect(self.show_status)
        self.with_figures = QCheckBox(charts_strings.WITH_FIGURES)
        self.with_figures.setToolTip(charts_strings.WITH_FIGURES_TIP)
        self.with_figures.toggled.connect(lambda _on: self.schedule_preview())
        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        self.digitisation = QLabel()
        self.digitisation.setObjectName("reportDigitisation")
        self.digitisation.setToolTip(strings.DIGITISATION_TIP)
        self.editor = SectionsEditor()
        self.preview = PdfPreview(strings.PREVIEW_EMPTY)
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.render_preview)
        self.output = ReportOutput(self, self.runner)
        self._build_actions()
        self._tips = {action: action.toolTip() for action in self._report_actions()}
        self.apply_permissions()
        lay_out(self)
        self.period_bar.changed.connect(self.compute)
        self.editor.changed.connect(self._edited)
        self.compute()

    # ------------------------------------------------------------------ building
    def _action(
        self, text: str, tip: str, icon_name: str, slot: Callable[[], object], key: str = ""
    ) -> QAction:
        action = QAction(icon(icon_name), text, self)
        if key:
            action.setShortcut(QKeySequence(key))
            tip = strings.TIP_WITH_SHORTCUT.format(tip=tip, shortcut=key)
        action.setToolTip(tip)
        action.setEnabled(False)  # while another tab is in front; see showEvent
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        s = strings
        self.refresh_action = self._action(
            s.ACTION_REFRESH, s.ACTION_REFRESH_TIP, "refresh", self.compute, "F5"
        )
        self.regenerate_action = self._action(
            s.ACTION_REGENERATE, s.ACTION_REGENERATE_TIP, "refresh", self.regenerate
        )
        self.save_action = self._action(s.ACTION_SAVE, s.ACTION_SAVE_TIP, "save", self.save_texts, "Ctrl+S")
        self.print_action = self._action(
            s.ACTION_PRINT, s.ACTION_PRINT_TIP, "print", self.output.print_report, "Ctrl+P"
        )
        self.save_pdf_action = self._action(
            s.ACTION_SAVE_PDF, s.ACTION_SAVE_PDF_TIP, "pdf", self.output.save_pdf, "Ctrl+Shift+S"
        )
        self.export_action = self._action(
            s.ACTION_EXPORT, s.ACTION_EXPORT_TIP, "open", self.output.export_to_usb, "Ctrl+Shift+U"
        )

    def _report_actions(self) -> list[QAction]:
        """What Permission.REPORT gates: writing, printing and exporting the report (reading the
        numbers is open to everyone who sees the dossiers)."""
        return [self.regenerate_action, self.save_action, self.print_action, self.save_pdf_action,
                self.export_action]  # fmt: skip

    def apply_permissions(self) -> None:
        self.refusal = refusal_for(self.ws, Permission.REPORT)
        for action in self._report_actions():
            action.setToolTip(self.refusal or self._tips[action])
        self._update_actions()

    def tab_actions(self) -> list[QAction]:
        return [self.refresh_action, self.regenerate_action, self.save_action, self.print_action,
                self.save_pdf_action, self.export_action]  # fmt: skip

    # ------------------------------------------------------------------ showing
    def showEvent(self, event: QShowEvent) -> None:
        self._shown = True
        self._update_actions()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if not event.spontaneous():  # another tab is in front: its Ctrl+S must not save here
            self._shown = False
            self._update_actions()
        super().hideEvent(event)

    def _update_actions(self) -> None:
        may = self.refusal is None
        self.refresh_action.setEnabled(self._shown)
        self.save_action.setEnabled(self._shown and may)
        for action in (self.print_action, self.save_pdf_action, self.export_action):
            action.setEnabled(self._shown and self.ready and may)
        self.regenerate_action.setEnabled(self._shown and self.statistics is not None and may)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(strings.ERROR_STYLE if error else strings.OK_STYLE)
        self.message.setVisible(bool(text))

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(strings.ERROR_STYLE if error else "")

    @property
    def busy(self) -> bool:
        return self.runner.busy or self.preview_timer.isActive()

    # ------------------------------------------------------------------ statistics
    def compute(self) -> None:
        date_from, date_to = self.period_bar.period
        now = self.clock().replace(microsecond=0)
        self._compute_number += 1
        number, ws = self._compute_number, self.ws
        self.ready = False
        self._update_actions()
        self.show_message(strings.COMPUTING)

        def statistics_and_figures() -> tuple[Statistics, ReportFigures]:
            stats = reporting.compute_statistics(ws, date_from, date_to, now=now)
            return stats, report_figures.figures(ws, stats)

        self.runner.submit(
            "report statistics",
            statistics_and_figures,
            lambda result: self._computed(number, now, result),
            lambda error: self._compute_failed(number, error),
        )

    def _compute_failed(self, number: int, error: Exception) -> None:
        if number == self._compute_number:
            self.show_message(error_text(error), error=True)

    def _computed(self, number: int, now: datetime, result: object) -> None:
        if number != self._compute_number:
            return  # an older period
        assert isinstance(result, tuple)
        stats, figures = result
        assert isinstance(stats, Statistics) and isinstance(figures, ReportFigures)
        self.statistics, self.figures, self.computed_at = stats, figures, now
        self.model.set_statistics(stats)
        self.charts.set_figures(figures)
        self.digitisation.setText(digitisation_line(stats))
        try:
            reporting.check(stats)
        except reporting.StatisticsMismatchError as error:
            self.ready = False
            self.show_message(error.message, error=True)
            self.preview.clear()
        else:
            self.ready = True
            self.show_message("")
        self._use_texts_of(stats)
        self._update_actions()
        self.schedule_preview()

    def _use_texts_of(self, stats: Statistics) -> None:
        year = stats.period_to.year
        generated = texts_service.generated_paragraphs(stats)
        if year != self.year:
            if self.year is not None and self.dirty:
                self._drafts[self.year] = self.editor.texts()  # kept until the year comes back
            draft = self._drafts.pop(year, None)
            if draft is not None:
                texts, saved = draft, False
            else:
                texts, saved = texts_service.texts_for_year(self.ws, stats)
            self.year, self.dirty = year, draft is not None
            self.editor.set_texts(texts)
            status = strings.UNSAVED if draft else strings.FROM_SAVED if saved else strings.FROM_TEMPLATE
            self.show_status(status.format(year=year))
        else:
            current = self.editor.texts()
            if texts_service.untouched(current, self._generated) and generated != self._generated:
                self.editor.set_texts(texts_service.follow(current, generated))
        self._generated = generated

    def show_cell(self, index: QModelIndex) -> None:
        """The dossiers behind a number (double-click or Enter on it), looked up in the background: a
        year of a busy commune takes a few hundred milliseconds."""
        column = self.model.column_name(index.column()) if index.isValid() else None
        if column is None or self.statistics is None:
            return
        stats, field, ws, now = self.statistics, self.model.field_at(index.row()), self.ws, self.computed_at
        period = (stats.period_from, stats.period_to)
        header = str(self.model.headerData(index.column(), Qt.Orientation.Horizontal)).replace("\n", " ")
        shown_period = self.period_bar.shown.text()
        self.show_status(strings.CELL_LOOKING_UP)
        self.runner.submit(
            "report cell",
            lambda: reporting.dossiers_for_cell(ws, period, field, column, now=now, rule=stats.rule),
            lambda codes: self._show_cell_dossiers(codes, header, field or strings.TOTAL_ROW, shown_period),
            lambda error: self.show_status(strings.FAILED.format(message=error_text(error)), error=True),
        )

    def show_bar(self, target: object, column: str, row: str) -> None:
        """The dossiers behind a bar of the charts: its cell of the table, for its month if it has one."""
        stats, ws, now = self.statistics, self.ws, self.computed_at
        if stats is None or not isinstance(target, BarTarget):
            return
        shown_period = charts_strings.BAR_PERIOD.format(
            start=short_date(target.date_from), end=short_date(target.date_to)
        )
        self.show_status(strings.CELL_LOOKING_UP)
        self.runner.submit(
            "report bar",
            lambda: report_figures.dossiers_for_bar(ws, target, now=now, rule=stats.rule),
            lambda codes: self._show_cell_dossiers(codes, column, row, shown_period),
            lambda error: self.show_status(strings.FAILED.format(message=error_text(error)), error=True),
        )

    def _show_cell_dossiers(self, codes: object, header: str, row: str, shown_period: str) -> None:
        assert isinstance(codes, list)
        self.show_status("")
        dialog = CellDossiersDialog(codes, header, row, shown_period, self)
        dialog.open_requested.connect(self.open_dossier_requested)
        self.cell_dialog = dialog
        dialog.show()

    # ------------------------------------------------------------------ text and preview
    def _edited(self) -> None:
        if self.year is not None and not self.dirty:
            self.dirty = True
            self.show_status(strings.UNSAVED.format(year=self.year))
        self.schedule_preview()

    def regenerate(self) -> None:
        if self.statistics is None:
            return
        self._generated = texts_service.generated_paragraphs(self.statistics)
        self.editor.set_texts(texts_service.regenerate(self.editor.texts(), *self._generated))
        self._edited()
        self.show_status(strings.REGENERATED)

    def save_texts(self) -> bool:
        if self.year is None:
            return False
        try:
            texts_service.save_texts(self.ws, self.year, self.editor.texts())
        except Exception as error:
            self.show_status(strings.FAILED.format(message=error_text(error)), error=True)
            raise
        self.dirty = False
        self.show_status(strings.SAVED.format(year=self.year, moment=self.clock()))
        return True

    def unsaved_years(self) -> list[int]:
        """Years whose text was edited and not saved (the one shown and those left for another year)."""
        years = set(self._drafts)
        if self.year is not None and self.dirty:
            years.add(self.year)
        return sorted(years)

    def confirm_close(self) -> bool:
        """Before the window closes: offer to save edited text; False when the clerk goes back to it."""
        years = self.unsaved_years()
        if not years:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            strings.UNSAVED_ON_CLOSE_TITLE,
            strings.UNSAVED_ON_CLOSE.format(years=", ".join(str(year) for year in years)),
            parent=self,
        )
        save = box.addButton(strings.SAVE_AND_CLOSE, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(strings.CLOSE_WITHOUT_SAVING, QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(strings.KEEP_EDITING, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(keep)
        box.exec()
        if box.clickedButton() is keep:
            return False
        if box.clickedButton() is save:
            return self._save_every_year()
        return True

    def _save_every_year(self) -> bool:
        try:
            for year, texts in sorted(self._drafts.items()):
                texts_service.save_texts(self.ws, year, texts)
                del self._drafts[year]
        except Exception as error:  # the window stays open with the text, the reason on screen
            self.show_status(strings.FAILED.format(message=error_text(error)), error=True)
            return False
        if not self.dirty:
            return True
        try:
            return self.save_texts()
        except Exception:
            return False

    def schedule_preview(self) -> None:
        if self.ready:
            self.preview_timer.start()

    def render_preview(self) -> None:
        """Render the PDF of the current numbers and text in the background."""
        self.preview_timer.stop()
        stats = self.statistics
        if stats is None or not self.ready:
            return
        texts, ws, issued = self.editor.texts(), self.ws, self.clock().date()
        figures = self.printed_figures()
        self._render_number += 1
        number = self._render_number
        self.preview.title.setText(strings.PREVIEW_RENDERING)
        self.runner.submit(
            "report preview",
            lambda: annual_report.render_pdf(
                annual_report.report_data(ws, stats, issued, texts=texts, figures=figures)
            ),
            lambda pdf: self._rendered(number, pdf),
            lambda error: self._compute_failed(self._compute_number, error),
        )

    def printed_figures(self) -> ReportFigures | None:
        """The charts for the printed report: only when "Kèm trang biểu đồ" is ticked."""
        return self.figures if self.with_figures.isChecked() else None

    def _rendered(self, number: int, pdf: object) -> None:
        if number != self._render_number:
            return
        assert isinstance(pdf, bytes)
        self.pdf = pdf
        self.preview.show_pdf(pdf)
        self.preview.title.setText(
            strings.PREVIEW_READY.format(year=self.year, pages=self.preview.page_count)
        )


def digitisation_line(stats: Statistics) -> str:
    """The figures of digitised papers shown under the table."""
    if stats.digitisation.received == 0:
        return strings.DIGITISATION_NO_DOSSIERS
    values = reporting.digitisation_values(stats)
    return strings.DIGITISATION_LINE.format(
        full=values["{digitised_full}"],
        received=values["{received}"],
        rate=values["{digitised_rate}"],
        partial=values["{digitised_partial}"],
        none=values["{digitised_none}"],
    )
