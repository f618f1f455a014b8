"""The intake tab: the form on the left, the receipt preview on the right, save and print actions."""

from __future__ import annotations

import contextlib
import dataclasses
import html
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.intake import intake_errors
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.domain.roles import Permission
from cchc_desktop.services import catalogue
from cchc_desktop.services.intake import IntakeValidationError, SavedDossier, save_intake
from cchc_desktop.services.live_changes import is_server_outage
from cchc_desktop.services.permissions import refusal_for
from cchc_desktop.services.printing import PrintedForm, PrintJob, prepare_print
from cchc_desktop.services.settings import AgencyNotSetUpError
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui import strings as window_strings
from cchc_desktop.ui.dialogs.correction_dialog import CorrectionDialog
from cchc_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.intake import strings
from cchc_desktop.ui.intake.due_text import clock_text
from cchc_desktop.ui.intake.form import IntakeForm
from cchc_desktop.ui.intake.open_dossiers import open_dossiers_html
from cchc_desktop.ui.intake.payment_memory import PaymentMemory
from cchc_desktop.ui.intake.receipt_form import Clock
from cchc_desktop.ui.intake.scans import IntakeScans
from cchc_desktop.ui.pdf_preview import PdfPreview
from cchc_desktop.ui.printing import DossierPrinter, PrinterFactory, PrintRun, chosen_printer, default_printer
from cchc_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from cchc_desktop.ui.attachments.scanner_folder import ScannerFolderWatcher

PREVIEW_MIN_WIDTH = 360
SCANNER_PANEL_HEIGHT = 220
FORM_SHARE = 0.58  # of the tab's width; the rest shows the receipt large enough to proof-read
SAVED_STYLE = (
    "background: #e6f4ea; color: #1e4620; border: 1px solid #8cc79a; border-radius: 3px; padding: 6px;"
)
SAVED_PREFIX = strings.STATUS_SAVED.split("{", 1)[0]  # "Đã lưu hồ sơ "
FAILED_STYLE = (
    "background: #fdecea; color: #7f1d1d; border: 1px solid #e59a9a; border-radius: 3px; padding: 6px;"
)


class IntakeTab(QWidget):
    saved = Signal(object)  # SavedDossier
    reachable = Signal(bool)  # False when a save found the server unreachable, True when one worked
    session_changed = Signal()  # the first-run dialog made the first admin and signed them in
    open_dossier_requested = Signal(str)  # a dossier code: the window opens it (open-dossier warning)

    def __init__(
        self,
        ws: Workspace,
        printer_factory: PrinterFactory = default_printer,
        clock: Clock = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.last_saved: SavedDossier | None = None
        self.last_status = ""
        self._clerk = ""  # the clerk's name as last read, while the server cannot be reached
        self.strip_kind = ""  # what the strip above the form says: "saved", "failed" or nothing
        self.refusals: dict[QAction, str | None] = {}  # why the signed-in user may not (None: may)
        self.payments = PaymentMemory()
        self.runner = TaskRunner(self)
        self.printer = DossierPrinter(ws, self.runner, printer_factory, actor=self.clerk_name, parent=self)
        self.form = IntakeForm(ws, clock, self.runner)
        self.form.open_dossier_requested.connect(self.open_dossier_requested)
        self.form.fee.preferred_payment = lambda: self.payments.last(self.clerk_name())
        self.preview = PdfPreview(strings.PREVIEW_EMPTY)
        self.strip = QLabel()
        self.strip.setObjectName("savedStrip")
        self.strip.setWordWrap(True)
        self.strip.setTextFormat(Qt.TextFormat.RichText)
        self.strip.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.strip.linkActivated.connect(self.open_dossier_requested)
        self.strip.hide()
        self.scans = IntakeScans(self.form.documents_view, self.runner, self.show_status, self)
        self.form.scan_bar_slot.addWidget(self.scans.bar)
        self._build_actions()
        self._lay_out()
        self.form.apply_tab_order()
        self.form.save_requested.connect(self.save)
        self.form.status.connect(self.show_status)
        self.form.edited.connect(self._form_edited)
        self.printer.failed.connect(self._print_failed)
        self.printer.refused.connect(self._print_refused)
        self.printer.finished.connect(self._printed)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._keep_focus_visible)

    # ------------------------------------------------------------------ building
    def _action(self, text: str, tip: str, shortcut: str, icon_name: str) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(strings.TIP_WITH_SHORTCUT.format(tip=tip, shortcut=shortcut))
        action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.save_action = self._action(strings.ACTION_SAVE, strings.ACTION_SAVE_TIP, "Ctrl+S", "save")
        self.print_action = self._action(strings.ACTION_PRINT, strings.ACTION_PRINT_TIP, "Ctrl+P", "print")
        self.print_dialog_action = self._action(
            strings.ACTION_PRINT_DIALOG, strings.ACTION_PRINT_DIALOG_TIP, "Ctrl+Shift+P", "print_dialog"
        )
        self.reprint_action = self._action(
            strings.ACTION_REPRINT, strings.ACTION_REPRINT_TIP, "F5", "reprint"
        )
        self.new_action = self._action(strings.ACTION_NEW, strings.ACTION_NEW_TIP, "Ctrl+N", "new")
        self.correct_action = self._action(
            strings.ACTION_CORRECT, strings.ACTION_CORRECT_TIP, "Ctrl+E", "edit"
        )
        self.correct_action.triggered.connect(self.correct_last)
        for key, action in (
            ("save", self.save_action),
            ("print", self.print_action),
            ("print_dialog", self.print_dialog_action),
            ("reprint", self.reprint_action),
            ("new", self.new_action),
            ("correct", self.correct_action),
        ):
            action.setIconText(strings.BUTTON_LABELS[key])
        self.save_action.triggered.connect(self.save)
        self.print_action.triggered.connect(self.print_last)
        self.print_dialog_action.triggered.connect(self.print_last_with_dialog)
        self.reprint_action.triggered.connect(self.print_last)
        self.new_action.triggered.connect(self.new_dossier)
        self.form.receipt.now_button.setIcon(icon("now"))
        self._permissions = {
            self.save_action: Permission.INTAKE,
            self.new_action: Permission.INTAKE,
            self.print_action: Permission.PRINT,
            self.print_dialog_action: Permission.PRINT,
            self.reprint_action: Permission.PRINT,
            self.correct_action: Permission.CORRECT,
        }
        self._tips = {action: action.toolTip() for action in self._permissions}

    def menu_actions(self) -> list[QAction]:
        return [
            self.save_action,
            self.print_action,
            self.print_dialog_action,
            self.reprint_action,
            self.new_action,
            self.correct_action,
        ]

    def _lay_out(self) -> None:
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.form)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QHBoxLayout()
        for action in self.menu_actions():
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard uses the shortcuts
            buttons.addWidget(button)
        buttons.addStretch()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(self.strip)
        column.addWidget(self.scroll_area, 1)
        column.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        # The scanner folder's panel goes above the preview once the window has one (set_scanner).
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setChildrenCollapsible(False)
        self.right.addWidget(self.preview)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.preview.setMinimumWidth(PREVIEW_MIN_WIDTH)
        self.splitter = splitter
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    def set_scanner(self, watcher: ScannerFolderWatcher) -> None:
        """The scanner folder: its panel above the receipt preview (shown while a folder is chosen), its
        newest file on Ctrl+G, its chosen files onto the selected paper."""
        from cchc_desktop.ui.attachments.scanner_folder import ScannerFolderPanel

        self.scanner_panel = ScannerFolderPanel(watcher)
        self.scanner_panel.setMaximumHeight(SCANNER_PANEL_HEIGHT)
        self.scanner_panel.attach_requested.connect(self.scans.attach_chosen)
        self.right.insertWidget(0, self.scanner_panel)
        self.right.setStretchFactor(1, 1)
        self.scans.set_watcher(watcher)
        watcher.changed.connect(lambda: self.scanner_panel.setVisible(watcher.folder() is not None))
        self.scanner_panel.setVisible(watcher.folder() is not None)

    # ------------------------------------------------------------------ helpers
    def clerk_name(self) -> str:
        # The server away: keep the name read last (a save then says why it failed).
        with contextlib.suppress(UserFacingError):
            self._clerk = self.ws.settings().clerk_name
        return self._clerk

    def set_clock(self, clock: Clock) -> None:
        """Use another clock (tests, or a counter whose PC clock is known to be wrong)."""
        self.form.clock = clock
        self.form.receipt.received_at.follow_clock()
        self.form.update_due()

    def show_status(self, message: str) -> None:
        self.last_status = message
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message)

    def _keep_focus_visible(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.form.isAncestorOf(new):
            self.scroll_area.ensureWidgetVisible(new, 8, 24)

    def _show_strip(self, html: str, style: str, kind: str) -> None:
        self.strip.setText(html)
        self.strip.setStyleSheet(style)
        self.strip.show()
        self.strip_kind = kind

    def _hide_strip(self) -> None:
        self.strip.hide()
        self.strip_kind = ""

    def _form_edited(self) -> None:
        """The next dossier is being typed: "Đã lưu …" is about the previous one and goes."""
        if self.strip_kind == "saved":
            self._hide_strip()
        if self.last_status.startswith(SAVED_PREFIX):
            self.show_status("")

    def apply_permissions(self) -> None:
        """Follow the signed-in user: an action they may not take is disabled, the reason its tooltip."""
        for action, permission in self._permissions.items():
            reason = refusal_for(self.ws, permission)
            self.refusals[action] = reason
            action.setToolTip(reason or self._tips[action])
            if reason is not None:
                action.setEnabled(False)
            elif self.isVisible():
                action.setEnabled(True)

    def showEvent(self, event: QShowEvent) -> None:
        for action in self.menu_actions():
            action.setEnabled(self.refusals.get(action) is None)
        if not self._sized and self.width() > PREVIEW_MIN_WIDTH * 2:
            self._sized = True
            form_width = round(self.width() * FORM_SHARE)
            self.splitter.setSizes([form_width, self.width() - form_width])
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # Another tab is in front: its own Ctrl+S / F5 must not save or print here.
        if not event.spontaneous():
            for action in self.menu_actions():
                action.setEnabled(False)
        super().hideEvent(event)

    # ------------------------------------------------------------------ save
    def catalogue_may_have_changed(self) -> None:
        """Data changed elsewhere: when it was the catalogue (another counter imported or edited it) or the
        day turned, read the procedures again on the worker; the clerk's typing is never held up."""
        known = self.form.catalogue_seen
        day = self.form.clock().date()
        db = self.ws.db

        def work() -> tuple[tuple[int, date], list[Procedure]] | None:
            seen = (catalogue.catalogue_stamp(db), day)
            return None if seen == known else (seen, catalogue.procedures_in_force(db, day))

        def take(result: object) -> None:
            if result is not None:
                self.form.use_catalogue(*result)  # type: ignore[misc]

        self.runner.submit("catalogue", work, take, lambda _error: None)  # the next change tries again

    def save(self) -> SavedDossier | None:
        """Store the dossier (Ctrl+S); None, with every message in place, when something must be fixed
        or the database cannot be written (the form stays as typed: Ctrl+S again saves it)."""
        refusal = self.refusals.get(self.save_action)
        if refusal is not None:  # Enter in the last field of a user who may not take dossiers in
            self.show_status(refusal)
            return None
        try:
            saved = self._save()
        except UserFacingError as error:
            self._save_failed(error)
            return None
        if saved is not None:
            self.reachable.emit(True)
            self._after_save(saved)
        return saved

    def _save(self) -> SavedDossier | None:
        self.form.picker.hide_matches()
        if self.scans.pending:
            self.show_status(strings.STATUS_SCANS_PENDING)
            return None
        now = self.form.clock()
        request = self.form.request(self.clerk_name())
        errors = {**intake_errors(request, now), **self.form.typing_errors()}
        if errors:
            self._refuse(errors)
            return None
        if not self._agency_identifier_set():
            return None
        try:
            return save_intake(self.ws, request, now=now, scans=self.form.documents.pending_scans())
        except IntakeValidationError as error:  # e.g. the procedure left the catalogue meanwhile
            self._refuse(error.errors)
            return None

    def _save_failed(self, error: UserFacingError) -> None:
        self.show_status(error.message)
        if is_server_outage(error):
            self._show_strip(
                window_strings.SAVE_FAILED_OUTAGE.format(message=html.escape(error.message)),
                FAILED_STYLE,
                "failed",
            )
            self.reachable.emit(False)

    def _agency_identifier_set(self) -> bool:
        """A dossier code starts with the agency identifier: without it, say so and ask for the setup
        (the typed dossier stays as it is); True when it is there."""
        try:
            self.ws.settings().require_for_code()
            return True
        except AgencyNotSetUpError as error:
            self.show_status(strings.STATUS_SETUP_FIRST.format(message=error.message))
        actor = self.ws.actor
        accepted = bool(FirstRunDialog(self.ws, self).exec())
        self.activateWindow()
        if self.ws.actor != actor:
            self.session_changed.emit()
        return accepted

    def _refuse(self, errors: dict[str, str]) -> None:
        self.form.show_all_errors(errors)
        self.show_status(strings.STATUS_NOT_SAVED.format(count=len(errors)))

    def _after_save(self, saved: SavedDossier) -> None:
        self.last_saved = saved
        record = saved.record
        row = record.register_row or ""
        due = f"{clock_text(saved.due.due_at)}, {saved.due.due_at:%d/%m/%Y}"
        html = strings.SAVED_STRIP.format(code=record.code, volume=record.register_volume, row=row, due=due)
        html += open_dossiers_html(saved.open_before, saved=True)
        self._show_strip(html, SAVED_STYLE, "saved")
        self.payments.remember(self.clerk_name(), record.payment_method)
        self.scans.saved()
        self.show_status(
            strings.STATUS_SAVED.format(code=record.code, volume=record.register_volume, row=row)
        )
        self._start_over()
        code = record.code
        self.runner.submit(
            f"preview {code}",
            lambda: prepare_print(self.ws, code, PrintedForm.RECEIPT),
            self._show_preview,
            lambda error: self.show_status(strings.STATUS_PREVIEW_FAILED.format(message=_message(error))),
        )
        self.saved.emit(saved)

    def _show_preview(self, job: object) -> None:
        assert isinstance(job, PrintJob)
        self.preview.show_pdf(job.pdf, strings.PREVIEW_TITLE.format(code=job.dossier_code))

    def correct_last(self) -> bool:
        """Open the correction dialog for the last saved dossier; True when a correction was saved."""
        if self.last_saved is None:
            self.show_status(strings.STATUS_NOTHING_TO_CORRECT)
            return False
        dialog = CorrectionDialog(self.ws, self.last_saved.record, self)
        if not dialog.exec() or dialog.result_of_save is None:
            return False
        result = dialog.result_of_save
        self.last_saved = dataclasses.replace(self.last_saved, record=result.record)
        self.show_status(
            strings.STATUS_CORRECTED.format(
                code=result.record.code,
                fields=", ".join(strings.CORRECTED_FIELD_LABELS.get(f, f) for f in result.changed),
            )
        )
        code = result.record.code
        self.runner.submit(
            f"preview {code}",
            lambda: prepare_print(self.ws, code, PrintedForm.RECEIPT),
            self._show_preview,
            lambda error: self.show_status(strings.STATUS_PREVIEW_FAILED.format(message=_message(error))),
        )
        return True

    def confirm_close(self) -> bool:
        """Before the window closes: a dossier being typed is not dropped without asking."""
        return self._may_drop(strings.UNSAVED_ON_CLOSE, strings.CLOSE_AND_DROP)

    def _may_drop(self, question: str, drop: str) -> bool:
        """True when nothing is being typed, or the clerk chose to drop it ("Quay lại nhập tiếp" is the
        default, as Escape and Enter answer)."""
        if not self.form.has_input():
            return True
        name = self.form.applicant.name.text().strip()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            strings.UNSAVED_ON_CLOSE_TITLE,
            question.format(who=strings.UNSAVED_WHO.format(name=name) if name else ""),
            parent=self,
        )
        keep = box.addButton(strings.KEEP_TYPING, QMessageBox.ButtonRole.RejectRole)
        box.addButton(drop, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        self.activateWindow()  # the keys go back to the form, not to wherever the system puts them
        return box.clickedButton() is not keep

    def new_dossier(self) -> bool:
        """Ctrl+N: an empty form for the next citizen, after asking when a dossier is half typed."""
        if not self._may_drop(strings.UNSAVED_ON_NEW, strings.NEW_AND_DROP):
            return False
        self._start_over()
        return True

    def _start_over(self) -> None:
        self.form.reset()
        self.scroll_area.verticalScrollBar().setValue(0)

    # ------------------------------------------------------------------ print
    def _start_print(self, factory: PrinterFactory | None = None) -> bool:
        if self.last_saved is None:
            self.show_status(strings.STATUS_NOTHING_TO_PRINT)
            return False
        code = self.last_saved.record.code
        try:
            self.ws.settings().require_for_print()
        except AgencyNotSetUpError as error:
            self._print_refused(error.message)
            return False
        if not self.printer.print_dossier(code, factory=factory):
            self.show_status(strings.STATUS_PRINT_BUSY)
            return False
        self.show_status(strings.STATUS_PRINTING.format(code=code))
        return True

    def print_last(self) -> bool:
        """Receipt and control slip of the last saved dossier (a reprint once it was printed)."""
        return self._start_print()

    def print_last_with_dialog(self) -> bool:
        if self.last_saved is None:
            self.show_status(strings.STATUS_NOTHING_TO_PRINT)
            return False
        try:
            self.ws.settings().require_for_print()
        except AgencyNotSetUpError as error:
            self._print_refused(error.message)
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(strings.PRINT_DIALOG_TITLE)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self._start_print(chosen_printer(printer))

    def _printed(self, run: object) -> None:
        assert isinstance(run, PrintRun)
        if run.error or not run.printed:
            return
        if self.strip_kind == "failed":
            self._hide_strip()  # the error it showed is over
        forms = strings.FORMS_JOINER.join(strings.PRINTED_FORMS[c.job.form.value] for c in run.printed)
        number = run.printed[0].job.reprint_number
        template = strings.STATUS_REPRINTED if number else strings.STATUS_PRINTED
        self.show_status(template.format(number=number, forms=forms, code=run.dossier_code))
        receipt = next((c.job for c in run.printed if c.job.form is PrintedForm.RECEIPT), None)
        if receipt is not None:
            self._show_preview(receipt)

    def _print_failed(self, message: str) -> None:
        text = strings.STATUS_PRINT_FAILED.format(message=message)
        self.show_status(text)
        self._show_strip(text, FAILED_STYLE, "failed")

    def _print_refused(self, message: str) -> None:
        """Nothing printed because the agency is not set up: what is missing and where to fill it in."""
        text = strings.STATUS_PRINT_REFUSED.format(message=message)
        self.show_status(text)
        self._show_strip(text, FAILED_STYLE, "failed")


def _message(error: Exception) -> str:
    if isinstance(error, UserFacingError):
        return error.message
    return strings.UNEXPECTED_PRINT_ERROR.format(detail=type(error).__name__)
