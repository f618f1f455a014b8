"""The intake form in the order of the paper: procedure and papers, applicant, receipt, fee.

It turns what was typed into an `IntakeRequest`, shows `intake_errors` under the fields as they are
left, fills a returning citizen's details and the scanned ID card, and shows the live due date.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.dossiers import PaymentMethod
from cchc_desktop.domain.identifiers import CitizenCardQr
from cchc_desktop.domain.intake import BACK_ENTRY_TOLERANCE, IntakeRequest, intake_errors
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.services import catalogue
from cchc_desktop.services.intake import OpenDossier, open_dossiers_of, returning_applicant
from cchc_desktop.services.records import DossierRecord
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.intake import strings
from cchc_desktop.ui.intake.applicant_form import ApplicantForm, SubmitterForm
from cchc_desktop.ui.intake.documents_model import DocumentsModel, DocumentsView
from cchc_desktop.ui.intake.due_text import due_texts, procedure_summary
from cchc_desktop.ui.intake.field_errors import INVALID_STYLE, FieldErrors, add_field
from cchc_desktop.ui.intake.navigation import EnterMovesOn
from cchc_desktop.ui.intake.open_dossiers import OpenDossierNotice
from cchc_desktop.ui.intake.procedure_picker import ProcedurePicker
from cchc_desktop.ui.intake.receipt_form import Clock, FeeSection, ReceiptSection, to_minute
from cchc_desktop.ui.intake.scanner import CardScanner
from cchc_desktop.ui.tasks import TaskRunner

MAX_SETS = 99
MAX_CHECKLIST_HEIGHT = 230


class IntakeForm(QWidget):
    save_requested = Signal()  # Enter in the last field
    status = Signal(str)  # a message for the status bar
    edited = Signal()  # the clerk changed something (not the form emptying itself)
    open_dossier_requested = Signal(str)  # the link of the open-dossier warning

    def __init__(
        self, ws: Workspace, clock: Clock, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.clock = clock
        self.runner = runner  # the tab's worker: the database is read off the GUI thread
        self.setStyleSheet(INVALID_STYLE)
        self.errors = FieldErrors()
        self._touched: set[str] = set()
        self._save_attempted = False  # until then a field left empty is not marked: it may come later
        self._looked_up_id = ""
        self._open_checked: tuple[str, str] | None = None  # the ID number and procedure looked up last
        self._open_lookup = 0  # numbers the look-ups: an answer about an earlier pair is dropped
        self._resetting = False

        self.picker = ProcedurePicker()
        self.picker.setObjectName("procedure_code")
        self.procedure_info = QLabel()
        self.procedure_info.setObjectName("procedureInfo")
        self.procedure_info.setWordWrap(True)
        self.documents = DocumentsModel(self)
        self.documents_view = DocumentsView(self.documents)
        self.documents_view.setObjectName("documents")
        self.set_count = QSpinBox()
        self.set_count.setObjectName("set_count")
        self.set_count.setRange(1, MAX_SETS)
        self.set_count.setSuffix(strings.SET_COUNT_SUFFIX)
        self.applicant = ApplicantForm(self.errors)
        self.open_notice = OpenDossierNotice()
        self.open_notice.open_requested.connect(self.open_dossier_requested)
        self.applicant.add_notice(self.open_notice)
        self.submitter = SubmitterForm(self.errors)
        self.receipt = ReceiptSection(lambda: self.clock(), self.errors)
        self.fee = FeeSection(self.errors)
        self._lay_out()
        self.documents_view.fit_height(MAX_CHECKLIST_HEIGHT)

        self.enter = EnterMovesOn(self, self.tab_order)
        self.enter.watch(self.tab_order())
        self.enter.last_field_done.connect(self.save_requested)
        self.scanner = CardScanner(self)  # installed last, so it sees the keys before Enter moves on
        self.scanner.watch([*self.tab_order(), self.receipt.now_button])
        self.scanner.scanned.connect(self.fill_from_card)
        self.scanner.unreadable.connect(lambda: self.status.emit(strings.STATUS_SCAN_UNREADABLE))
        self.picker.procedure_changed.connect(self._procedure_changed)
        self.picker.search_changed.connect(self._search_changed)
        self.applicant.id_number.textChanged.connect(self._id_number_changed)
        self.receipt.received_at.moment_changed.connect(self.update_due)
        self._connect_changes()
        self.receipt.received_at.ticked.connect(self.update_due)
        self.receipt.received_at.error_changed.connect(self._refresh_shown)
        self.receipt.received_at.error_changed.connect(self.update_due)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self.reload_catalogue()
        self.update_due()

    def _lay_out(self) -> None:
        procedure_box = QGroupBox(strings.GROUP_PROCEDURE)
        grid = QGridLayout(procedure_box)
        grid.setColumnStretch(1, 1)
        picker = self.errors.wrap("procedure_code", self.picker)
        add_field(grid, 0, 0, strings.PROCEDURE_LABEL, self.picker, picker, 3)
        grid.addWidget(self.procedure_info, 1, 1, 1, 3)
        documents_label = QLabel(strings.DOCUMENTS_LABEL)
        documents_label.setBuddy(self.documents_view)
        grid.addWidget(documents_label, 2, 0, 1, 4)
        grid.addWidget(self.errors.wrap("documents", self.documents_view), 3, 0, 1, 4)
        self.set_count.setMinimumWidth(90)
        count_row = QWidget()
        row = QHBoxLayout(count_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.errors.wrap("set_count", self.set_count))
        row.addStretch()
        self.scan_bar_slot = row  # the intake tab puts its scan buttons here, right of the count
        add_field(grid, 4, 0, strings.SET_COUNT_LABEL, self.set_count, count_row, 3)
        layout = QVBoxLayout(self)
        for box in (procedure_box, self.applicant, self.submitter, self.fee, self.receipt):
            layout.addWidget(box)
        layout.addStretch()

    def tab_order(self) -> list[QWidget]:
        """Every field, top to bottom; Tab and Enter follow it.

        The procedure and its papers come first (the papers are checked before anything is written down),
        then the applicant as on Mẫu 01. The receipt time is last, so Enter there saves the dossier.
        """
        return [
            self.picker,
            self.documents_view,
            self.set_count,
            *self.applicant.fields(),
            self.submitter.toggle,
            *self.submitter.fields(),
            *self.fee.fields(),
            *self.receipt.fields(),
        ]

    def apply_tab_order(self) -> None:
        order = self.tab_order()
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect_changes(self) -> None:
        for edit in (
            *self.applicant.fields(),
            *self.submitter.fields(),
            self.fee.exempt_reason,
            self.receipt.back_entry,
        ):
            edit.textChanged.connect(self._changed)
        self.documents.dataChanged.connect(self._changed)
        self.fee.amount.valueChanged.connect(self._changed)
        self.fee.payment.currentIndexChanged.connect(self._changed)
        self.fee.exempt.toggled.connect(self._changed)
        self.submitter.toggle.toggled.connect(self._changed)
        self.picker.textEdited.connect(self._changed)
        self.set_count.valueChanged.connect(self._changed)
        for combo in (self.receipt.channel, self.receipt.delivery):
            combo.currentIndexChanged.connect(self._changed)

    def _changed(self) -> None:
        if self._resetting:
            return
        self._refresh_shown()
        self.edited.emit()

    # ------------------------------------------------------------------ data
    def reload_catalogue(self) -> None:
        day = self.clock().date()
        self.use_catalogue(
            (catalogue.catalogue_stamp(self.ws.db), day), catalogue.procedures_in_force(self.ws.db, day)
        )

    def use_catalogue(self, seen: tuple[int, date], procedures: list[Procedure]) -> None:
        """The procedures offered from now on, read at `seen` (the catalogue's stamp and the day)."""
        self.catalogue_seen = seen
        self.picker.set_procedures(procedures)

    def has_input(self) -> bool:
        """Whether the clerk has started a dossier that is not saved yet (a procedure or any text)."""
        return (
            self.picker.procedure is not None
            or self.applicant.has_input()
            or any(edit.text().strip() for edit in self.submitter.fields())
            or bool(self.documents.pending_scans())
        )

    def back_entry_needed(self) -> bool:
        return self.receipt.received_at.moment() < to_minute(self.clock()) - BACK_ENTRY_TOLERANCE

    def request(self, clerk_name: str = "") -> IntakeRequest:
        applicant, submitter, fee = self.applicant, self.submitter, self.fee
        procedure = self.picker.procedure
        return IntakeRequest(
            procedure_code=procedure.code if procedure else "",
            applicant_name=applicant.name.text(),
            applicant_id_number=applicant.id_number.text(),
            received_at=self.receipt.received_at.moment(),
            documents=self.documents.received_items(),
            applicant_phone=applicant.phone.text(),
            applicant_email=applicant.email.text(),
            applicant_address=applicant.address.text(),
            applicant_birth_date=applicant.birth_date,
            applicant_gender=applicant.gender,
            submitter_name=submitter.value(submitter.name),
            submitter_id_number=submitter.value(submitter.id_number),
            submitter_phone=submitter.value(submitter.phone),
            submitter_address=submitter.value(submitter.address),
            authorisation_document=submitter.value(submitter.authorisation),
            channel=self.receipt.channel_value(),
            result_delivery=self.receipt.delivery_value(),
            set_count=self.set_count.value(),
            fee_amount=0 if fee.exempt.isChecked() else fee.amount.value(),
            fee_exempt=fee.exempt.isChecked(),
            fee_exempt_reason=fee.exempt_reason.text() if fee.exempt.isChecked() else "",
            payment_method=fee.payment_value(),
            back_entry_reason=self.receipt.back_entry.text() if self.back_entry_needed() else "",
            clerk_name=clerk_name,
        )

    def typing_errors(self) -> dict[str, str]:
        """Dates typed but not a day (31/02, unfinished): they stop a save too."""
        errors = self.receipt.typing_errors()
        if self.applicant.birth.error():
            errors["applicant_birth_date"] = self.applicant.birth.error()
        return errors

    def current_errors(self) -> dict[str, str]:
        return {**intake_errors(self.request(), self.clock()), **self.typing_errors()}

    # ------------------------------------------------------------------ errors in place
    def show_all_errors(self, errors: dict[str, str]) -> None:
        """After Save: every message in place, the focus on the first field to fix."""
        self._save_attempted = True
        self._touched.update(self.errors.names)
        self.errors.show(errors)
        first = self.errors.first_bad(errors, self.tab_order())
        if first is not None:
            if self.submitter.body.isAncestorOf(first):
                self.submitter.expand()
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_shown(self) -> None:
        """Clear a shown message as soon as its field is right; new messages wait until it is left."""
        shown = self.errors.shown()
        if shown:
            errors = self._in_place(self.current_errors())
            self.errors.show(
                errors, [name for name in shown if name not in errors or errors[name] != shown[name]]
            )

    def _in_place(self, errors: dict[str, str]) -> dict[str, str]:
        """The messages to show under the fields: before the first save attempt, none for a field that is
        still empty (leaving it is not a mistake); after it, all of them."""
        if self._save_attempted:
            return errors
        request = self.request()
        return {name: message for name, message in errors.items() if not self._is_empty(name, request)}

    def _is_empty(self, name: str, request: IntakeRequest) -> bool:
        field = self.errors.field(name) if name in self.errors.names else None
        if field is self.applicant.birth:
            return self.applicant.birth.is_blank()
        if isinstance(field, QLineEdit):
            return not field.text().strip()
        value = getattr(request, name, None)
        return value in (None, (), PaymentMethod.NONE) or (isinstance(value, str) and not value.strip())

    def _field_name(self, widget: QWidget) -> str | None:
        for name in self.errors.names:
            field = self.errors.field(name)
            if field is widget or field.isAncestorOf(widget):
                return name
        return None

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._resetting:
            return
        if old is None or new is None or new.window() is not self.window() or not self.isAncestorOf(old):
            return
        name = self._field_name(old)
        if name is not None and not (self.errors.field(name).isAncestorOf(new)):
            self._touched.add(name)
            self.errors.show(self._in_place(self.current_errors()), self._touched)
        if old is self.applicant.id_number:
            self._look_up_returning()
            self.check_open_dossiers()

    # ------------------------------------------------------------------ reactions
    def _procedure_changed(self, procedure: Procedure | None) -> None:
        self.documents.set_documents(procedure.documents if procedure else ())
        self.documents_view.fit_height(MAX_CHECKLIST_HEIGHT)
        self.fee.set_procedure(procedure)
        self.procedure_info.setText(procedure_summary(procedure) if procedure else "")
        self.update_due()
        self.check_open_dossiers()
        self._changed()

    def _search_changed(self, text: str, count: int) -> None:
        self.procedure_info.setText(
            strings.NO_MATCH.format(text=text.strip()) if text.strip() and not count else ""
        )

    def update_due(self) -> None:
        needed = self.back_entry_needed()
        self.receipt.show_back_entry(needed)
        if self.receipt.received_at.error():
            # The last good time is not what the clerk sees in the field: no due date from it.
            due_line, detail = strings.DUE_NO_RECEIPT_TIME, ""
        else:
            due_line, detail = due_texts(
                self.picker.procedure, self.receipt.received_at.moment(), self.ws.calendar
            )
        self.receipt.due.setText(due_line)
        self.receipt.due_detail.setText(detail)
        self.receipt.due_detail.setVisible(bool(detail))

    def _look_up_returning(self, scanned: str = "") -> None:
        """Fill a returning citizen's last details (once per ID number), read on the worker; only fields
        still empty when the answer comes are filled, so typing meanwhile is kept. `scanned`: the card
        scan's status line, which the answer completes."""
        number = self.applicant.id_number.text().strip()
        if not number or number == self._looked_up_id:
            return
        self._looked_up_id = number
        ws = self.ws
        self.runner.submit(
            "returning applicant",  # no ID number in the name: it reaches the log on a failure
            lambda: returning_applicant(ws, number),
            lambda record: self._returning_found(number, record, scanned),
            lambda _error: self._returning_failed(number),
        )

    def _returning_found(self, number: str, record: object, scanned: str) -> None:
        if self.applicant.id_number.text().strip() != number:
            return  # another number typed, or the form emptied for the next citizen, meanwhile
        if not isinstance(record, DossierRecord) or not self.applicant.fill_from_record(record):
            return
        self.status.emit(f"{scanned} {strings.STATUS_RETURNING}." if scanned else strings.STATUS_RETURNING)
        if scanned:
            self._refresh_shown()

    def _returning_failed(self, number: str) -> None:
        if self._looked_up_id == number:  # the server away: nothing filled, looked up again next time
            self._looked_up_id = ""

    def fill_from_card(self, card: CitizenCardQr) -> None:
        self.applicant.fill_from_card(card)
        self._looked_up_id = ""
        message = strings.STATUS_SCANNED.format(name=card.full_name)
        self.status.emit(message)
        self._look_up_returning(scanned=message)
        self._refresh_shown()
        self.check_open_dossiers()

    # ------------------------------------------------------------------ the same request already open
    def check_open_dossiers(self) -> None:
        """Once the ID number and the procedure are both known: look up, on the worker, the citizen's
        dossiers of that procedure not closed yet, and warn (the intake goes on either way)."""
        number = self.applicant.id_number.text().strip()
        procedure = self.picker.procedure
        pair = (number, procedure.code) if number and procedure is not None else None
        if pair == self._open_checked:
            return
        self._open_checked = pair
        self._open_lookup += 1
        self.open_notice.show_dossiers(())
        if pair is None:
            return
        lookup, ws = self._open_lookup, self.ws
        self.runner.submit(
            "open dossiers of the applicant",  # no ID number in the name: it reaches the log on a failure
            lambda: open_dossiers_of(ws, *pair),
            lambda found: self._open_dossiers_found(lookup, found),
            lambda _error: self._open_dossiers_failed(lookup),
        )

    def _open_dossiers_found(self, lookup: int, found: object) -> None:
        if lookup == self._open_lookup:
            assert isinstance(found, list)
            self.open_notice.show_dossiers([dossier for dossier in found if isinstance(dossier, OpenDossier)])

    def _open_dossiers_failed(self, lookup: int) -> None:
        if lookup == self._open_lookup:  # the server away: nothing shown, looked up again next time
            self._open_checked = None

    def _id_number_changed(self, text: str) -> None:
        """A warning about another number goes as soon as the number is edited."""
        if self._open_checked is not None and text.strip() != self._open_checked[0]:
            self._open_checked = None
            self._open_lookup += 1
            self.open_notice.show_dossiers(())

    def reset(self) -> None:
        """Empty for the next citizen, the focus on the procedure; the receipt time follows the clock again."""
        self._resetting = True
        try:
            self.picker.setFocus(Qt.FocusReason.OtherFocusReason)  # leaving a field must not flag it now
            self.picker.choose(None)
            self.set_count.setValue(1)
            self.applicant.clear()
            self.submitter.clear()
            self.receipt.clear()
            self.fee.clear()
            self._touched.clear()
            self._save_attempted = False
            self._looked_up_id = ""
            self._open_checked = None
            self._open_lookup += 1
            self.open_notice.show_dossiers(())
            self.errors.clear()
            self.update_due()
        finally:
            self._resetting = False
