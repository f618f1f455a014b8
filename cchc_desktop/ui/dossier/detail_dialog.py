"""One dossier: its data, its timeline, warnings, and a button for each step the law allows next.

Each button opens a small form (`action_forms`); after a step that has a notice (Mẫu 02-05) the notice
is printed in the background. A dossier whose result is ready opens with "Trả kết quả" as the default
button, so returning a result is: scan the receipt, Enter, Enter.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from functools import partial
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import NotFoundError, UserFacingError
from cchc_desktop.domain.dossiers import STATUS_LABELS
from cchc_desktop.domain.lifecycle import ACTION_LABELS, Action, allowed_actions
from cchc_desktop.services import workflow
from cchc_desktop.services.intake import dossier_by_code
from cchc_desktop.services.printing import PrintedForm
from cchc_desktop.services.records import DossierRecord, EventRecord
from cchc_desktop.services.workflow import ActionResult
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.attachments import strings as scan_strings
from cchc_desktop.ui.attachments.dossier_scans import DossierScansTab, ScanWatcher
from cchc_desktop.ui.dossier import strings
from cchc_desktop.ui.dossier.action_forms import form_for, holder_unit
from cchc_desktop.ui.dossier.actions_panel import ActionsPanel, action_refusals, reprint_refusal
from cchc_desktop.ui.dossier.details_panel import DetailsPanel, alerts
from cchc_desktop.ui.dossier.form_base import ActionForm, Clock, FormContext
from cchc_desktop.ui.dossier.timeline_model import TimelineModel, TimelineView, account_names
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.printing import (
    DocumentPrinterFactory,
    DossierPrinter,
    PrinterFactory,
    PrintRun,
    default_document_printer,
    default_printer,
)
from cchc_desktop.ui.tasks import TaskRunner

# The notice each step prints right after it is saved.
NOTICES = {
    Action.REQUEST_SUPPLEMENT: PrintedForm.SUPPLEMENT_REQUEST,
    Action.REFUSE: PrintedForm.REFUSAL,
    Action.EXTEND: PrintedForm.EXTENSION,
    Action.STOP: PrintedForm.STOP_NOTICE,
}
ALERT_STYLE = (
    "background: #fff4e5; color: #7a3e00; border: 1px solid #f0b36b; border-radius: 3px; padding: 6px;"
)
STATUS_STYLE = "color: #1e4620;"
STATUS_ERROR_STYLE = "color: #b00020; font-weight: bold;"
STATUS_MESSAGE_MS = 15_000


class DossierDetailDialog(QDialog):
    """Raises `NotFoundError` for an unknown code; `open_dossier` checks that for the window."""

    changed = Signal(str)  # the dossier's code, after a step was saved or a form printed

    def __init__(
        self,
        workspace: Workspace,
        code: str,
        parent: QWidget | None = None,
        printer_factory: PrinterFactory | None = None,
        clock: Clock = datetime.now,
        scan_printer_factory: DocumentPrinterFactory | None = None,
        watcher: ScanWatcher | None = None,
    ) -> None:
        super().__init__(parent)
        self._watcher = watcher
        self.ws = workspace
        self.code = code.strip()
        self.clock = clock
        self.form: ActionForm | None = None
        self.last_status = ""
        self._done = ""
        self._clerk = ""  # the clerk's name as last read, while the server cannot be reached
        self.events: list[EventRecord] = []
        self.runner = TaskRunner(self)
        # The actor is read from the workspace, not through `self`: no reference cycle keeps this
        # top-level dialog for Python's garbage collector, which may run on the print thread.
        self.printer = DossierPrinter(
            workspace,
            self.runner,
            printer_factory or default_printer,
            actor=lambda: workspace.settings().clerk_name,
            parent=self,
        )
        self.printer.finished.connect(self._printed)
        self.printer.failed.connect(self._print_failed)
        self.printer.refused.connect(self._print_refused)
        self._scan_printer_factory = scan_printer_factory or default_document_printer
        self._build()
        self.record: DossierRecord
        self._read()
        self.clerk_name()
        self.resize(1180, 680)  # fits a 1366×768 screen

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt;")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.alert = QLabel()
        self.alert.setObjectName("dossierAlert")
        self.alert.setWordWrap(True)
        self.alert.setStyleSheet(ALERT_STYLE)
        self.details = DetailsPanel()
        self.timeline_model = TimelineModel(self)
        self.timeline = TimelineView(self.timeline_model)
        self.steps = ActionsPanel()
        self.steps.action_chosen.connect(self.start_action)
        self.steps.close_requested.connect(self.reject)
        self.steps.reprint_menu.aboutToShow.connect(self._fill_reprint_menu)
        self.buttons = self.steps.buttons
        self.no_actions = self.steps.no_actions
        self.status = QLabel()
        self.status.setObjectName("dossierStatus")
        self.status.setWordWrap(True)
        details_box = QGroupBox(strings.GROUP_DETAILS)
        QVBoxLayout(details_box).addWidget(self.details)
        timeline_box = QGroupBox(strings.GROUP_TIMELINE)
        QVBoxLayout(timeline_box).addWidget(self.timeline)
        dossier_page = QWidget()
        left = QVBoxLayout(dossier_page)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(details_box)
        left.addWidget(timeline_box, 1)
        self.scans_tab = DossierScansTab(
            self.ws,
            self.code,
            self.runner,
            printer_factory=self._scan_printer_factory,
            watcher=self._watcher,
            own_status=False,
        )
        self.scans_tab.message.connect(self.show_status)
        self.scans_tab.changed.connect(self.changed)
        self.scans_tab.state_read.connect(self._scans_state)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(dossier_page, strings.TAB_DOSSIER)
        self.tabs.addTab(self.scans_tab, icon("pdf"), scan_strings.TAB_TITLE)
        body = QHBoxLayout()
        body.addWidget(self.tabs, 1)
        body.addWidget(self.steps)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.alert)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)

    # ------------------------------------------------------------------ state
    def clerk_name(self) -> str:
        """Who records the steps: the signed-in user's full name; the agency's clerk without accounts."""
        if not self.ws.actor.system:
            return self.ws.actor.display
        with contextlib.suppress(UserFacingError):  # the server away: the name read last
            self._clerk = self.ws.settings().clerk_name
        return self._clerk

    def visible_actions(self) -> list[Action]:
        return self.steps.visible_actions()

    def refresh(self) -> bool:
        """Read the dossier again and show what it allows now; False (the reason in the status line,
        the dossier as last read) when the database cannot be read."""
        try:
            self._read()
        except UserFacingError as error:
            self.show_status(error.message, error=True)
            return False
        return True

    def _read(self) -> None:
        record = self.record = dossier_by_code(self.ws, self.code)
        self.events = workflow.events_of(self.ws, self.code)
        extended = workflow.has_extension(self.ws, self.code)
        now = self.clock()
        status = STATUS_LABELS[record.status]
        self.setWindowTitle(strings.TITLE.format(code=record.code))
        self.heading.setText(strings.HEADING.format(code=escape(record.code), status=status))
        warnings = alerts(record, self.events, extended, now, self.ws.calendar)
        self.alert.setText("\n".join(warnings))
        self.alert.setVisible(bool(warnings))
        self.details.show_record(record, now, self.ws.calendar, holder_unit(self.events))
        self.timeline_model.set_events(self.events, account_names(self.ws))
        self.timeline.show_latest()
        self.steps.show_allowed(
            allowed_actions(record.status, has_extension=extended),
            status,
            action_refusals(self.ws, record.assignee),
            reprint_refusal(self.ws, record.assignee),
        )
        if self.form is None and self.tabs.currentWidget() is not self.scans_tab:
            self.steps.focus_default(self.timeline)
        self.scans_tab.refresh()

    def _scans_state(self, state: str) -> None:
        self.tabs.setTabText(
            self.tabs.indexOf(self.scans_tab), scan_strings.TAB_TITLE_STATE.format(state=state)
        )

    def show_status(self, message: str, error: bool = False) -> None:
        self.last_status = message
        self.status.setText(message)
        self.status.setStyleSheet(STATUS_ERROR_STYLE if error else STATUS_STYLE)

    # ------------------------------------------------------------------ actions
    def start_action(self, action: Action) -> ActionForm:
        """Open the form of `action` (window-modal; the dialog refreshes when it is saved)."""
        if self.form is not None:
            return self.form
        form = form_for(action, self._context(), self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._after_action)
        form.stale.connect(self._changed_elsewhere)
        form.finished.connect(self._form_closed)
        self.form = form
        form.open()
        return form

    def _context(self) -> FormContext:
        return FormContext(self.ws, self.record, tuple(self.events), self.clock, self.clerk_name())

    def _changed_elsewhere(self) -> None:
        """Another counter changed the dossier under the open form: show it as it is now; the form
        (which says who changed it) keeps what the clerk typed and acts on the new version."""
        if self.refresh() and self.form is not None:
            self.form.reload(self._context())

    def _form_closed(self) -> None:
        self.form = None
        self.steps.focus_default(self.timeline)

    def _after_action(self, result: object) -> None:
        assert isinstance(result, ActionResult)
        self.refresh()
        self._done = strings.STATUS_DONE.format(
            action=ACTION_LABELS[result.action], moment=strings.MOMENT.format(result.event.at)
        )
        if result.action is Action.SUPPLEMENT_RECEIVED:
            self._done += strings.NEW_DUE_STATUS.format(moment=strings.MOMENT.format(result.record.due_at))
        notice = NOTICES.get(result.action)
        if notice is None or not self.print_form(notice):
            self.show_status(self._done)
        self.changed.emit(self.code)

    # ------------------------------------------------------------------ printing
    def printable_forms(self) -> list[PrintedForm]:
        kinds = {event.kind for event in self.events}
        notices = [form for action, form in NOTICES.items() if action.value in kinds]
        return [PrintedForm.RECEIPT, PrintedForm.CONTROL_SLIP, *notices]

    def _fill_reprint_menu(self) -> None:
        self.steps.reprint_menu.clear()
        for form in self.printable_forms():
            self.steps.reprint_menu.addAction(strings.FORM_NAMES[form], partial(self.reprint, form))

    def reprint(self, form: PrintedForm) -> bool:
        self._done = ""
        return self.print_form(form)

    def print_form(self, form: PrintedForm) -> bool:
        """Print `form` in the background (marked as a reprint by the service when printed before)."""
        if not self.printer.print_dossier(self.code, (form,)):
            self.show_status(strings.STATUS_PRINT_BUSY, error=True)
            return False
        self.show_status(
            strings.STATUS_PRINTING.format(done=self._done, form=strings.FORM_NAMES[form]).strip()
        )
        return True

    def _printed(self, run: object) -> None:
        assert isinstance(run, PrintRun)
        if run.error or not run.printed:
            return
        job = run.printed[0].job
        template = strings.STATUS_REPRINTED if job.reprint_number else strings.STATUS_PRINTED
        printed = template.format(number=job.reprint_number, form=strings.FORM_NAMES[job.form])
        self.refresh()  # the print is an event of the dossier
        self.show_status(f"{self._done} {printed}".strip())
        self.changed.emit(self.code)

    def _print_refused(self, message: str) -> None:
        self.show_status(f"{self._done} {message}".strip(), error=True)

    def _print_failed(self, message: str) -> None:
        failed = strings.STATUS_PRINT_FAILED.format(message=message)
        self.show_status(f"{self._done} {failed}".strip(), error=True)

    # ------------------------------------------------------------------ lifetime
    def delete_when_closed(self) -> None:
        """Free the dialog once closed, but only after a running print has been recorded."""
        self.finished.connect(self._dispose)

    def _dispose(self) -> None:
        if self.printer.busy:
            self.printer.finished.connect(self.deleteLater)
            self.printer.failed.connect(self.deleteLater)
            self.printer.refused.connect(self.deleteLater)
        elif self.runner.busy:  # a scan being read or stored: its answer must still find the dialog
            self.runner.finished.connect(self._dispose_when_idle)
        else:
            self.deleteLater()

    def _dispose_when_idle(self) -> None:
        if not self.runner.busy:
            self.deleteLater()


def _tell(parent_window: QWidget, message: str) -> None:
    if isinstance(parent_window, QMainWindow):
        QApplication.beep()
        parent_window.statusBar().showMessage(message, STATUS_MESSAGE_MS)
    else:
        QMessageBox.warning(parent_window, strings.OPEN_TITLE, message)


def open_dossier(
    parent_window: QWidget,
    workspace: Workspace,
    code: str,
    printer_factory: PrinterFactory | None = None,
    clock: Callable[[], datetime] = datetime.now,
    *,
    watcher: ScanWatcher | None = None,
) -> DossierDetailDialog | None:
    """Show the dossier `code` in front of `parent_window`, replacing a dossier window opened before;
    None (and a message in the status bar) when the code is unknown or another dossier's form is open."""
    code = code.strip()
    previous = [d for d in parent_window.findChildren(DossierDetailDialog) if d.isVisible()]
    busy = next((d for d in previous if d.form is not None), None)
    if busy is not None:
        _tell(parent_window, strings.FINISH_FORM_FIRST.format(code=busy.code))
        busy.activateWindow()
        return None
    try:
        dossier_by_code(workspace, code)
        dialog = DossierDetailDialog(workspace, code, parent_window, printer_factory, clock, watcher=watcher)
    except NotFoundError:
        _tell(parent_window, strings.NOT_FOUND.format(code=code))
        return None
    except UserFacingError as error:
        _tell(parent_window, error.message)
        return None
    for old in previous:
        old.close()
    dialog.delete_when_closed()
    dialog.show()
    dialog.activateWindow()
    return dialog
