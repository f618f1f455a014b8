"""The form of one procedure: add a procedure, edit a version, or make a new version from a date.

The content is on tabs so the form fits a 1366×768 screen. What `catalogue.procedure_errors` finds is
shown under its field (its tab brought forward); what only the service can tell (a version a dossier was
received under, nothing changed) shows in the red line, the typed values kept. The service decides
whether the date given rewrites the version of that date or makes a new one.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.domain.vn_format import short_date
from cchc_desktop.services import catalogue
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.catalogue import strings
from cchc_desktop.ui.catalogue.documents_editor import DocumentsEditor
from cchc_desktop.ui.catalogue.form_fields import FieldMessages
from cchc_desktop.ui.catalogue.time_rule import TimeRule
from cchc_desktop.ui.date_fields import VIETNAMESE, DateField, first_refused, with_message
from cchc_desktop.ui.feedback import ERROR_STYLE
from cchc_desktop.ui.slow_ops import slow_op

MAX_HEIGHT = 700  # a 1366×768 screen, less the taskbar and the title bar
TEXT_LINES = 3
FEE_MAX = 100_000_000


class FormMode(enum.Enum):
    ADD = "add"
    EDIT = "edit"  # the version shown, from its own date unless the clerk gives another
    NEW_VERSION = "new_version"  # from a date the clerk gives (today by default)


def _text_box(lines: int = TEXT_LINES) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


def default_day(mode: FormMode, procedure: Procedure | None, today: date) -> date:
    if procedure is None or mode is FormMode.ADD:
        return today
    if mode is FormMode.EDIT:
        return procedure.effective_from
    return max(today, procedure.effective_from + timedelta(days=1))


class ProcedureDialog(QDialog):
    """`saved` holds the stored version after Lưu."""

    def __init__(
        self,
        ws: Workspace,
        mode: FormMode,
        procedure: Procedure | None = None,
        *,
        fields_in_use: Sequence[str] = (),
        taken_codes: frozenset[str] = frozenset(),
        clock: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.mode = mode
        self.original = procedure
        self.taken_codes = taken_codes
        self.saved: Procedure | None = None
        code = procedure.code if procedure else ""
        title = {
            FormMode.ADD: strings.FORM_ADD_TITLE,
            FormMode.EDIT: strings.FORM_EDIT_TITLE,
            FormMode.NEW_VERSION: strings.FORM_VERSION_TITLE,
        }[mode]
        self.setWindowTitle(title.format(code=code))
        self.fields = FieldMessages()

        self.note = QLabel()
        self.note.setWordWrap(True)
        if mode is FormMode.EDIT and procedure is not None:
            self.note.setText(strings.EDIT_NOTE.format(day=short_date(procedure.effective_from)))
        elif mode is FormMode.NEW_VERSION:
            self.note.setText(strings.VERSION_NOTE)
        self.note.setVisible(bool(self.note.text()))
        self.code = QLineEdit(code)
        self.code.setObjectName("procedureCode")
        self.code.setPlaceholderText(strings.CODE_PLACEHOLDER)
        if mode is not FormMode.ADD:
            self.code.setReadOnly(True)
            self.code.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.code.setToolTip(strings.CODE_FIXED_TIP)
        self.name = QLineEdit(procedure.name if procedure else "")
        self.name.setObjectName("procedureName")
        self.field = QComboBox()
        self.field.setObjectName("procedureField")
        self.field.setEditable(True)
        self.field.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.field.addItems(list(fields_in_use))
        self.field.setCurrentText(procedure.field if procedure else "")
        self.field.setToolTip(strings.FIELD_TIP)
        self.body = QLineEdit(procedure.resolving_body if procedure else "")
        self.from_day = DateField(default_day(mode, procedure, clock().date()))
        self.from_day.setObjectName("fromDay")

        top = QFormLayout()
        self.fields.add(top, "code", strings.CODE, self.code)
        self.fields.add(top, "name", strings.NAME, self.name)
        self.fields.add(top, "field", strings.FIELD, self.field)
        self.fields.add(top, "resolving_body", strings.BODY, self.body)
        from_label = QLabel(strings.FROM)
        from_label.setBuddy(self.from_day)
        top.addRow(from_label, with_message(self.from_day))

        self.tabs = QTabWidget()
        time_page, time_form = self._page(strings.TAB_TIME)
        self.time = TimeRule(time_form, self.fields, ws.calendar, clock, self)
        self.time.set_procedure(procedure)

        _fee_page, fee_form = self._page(strings.TAB_FEE)
        self.fee_text = _text_box()
        self.fee_text.setPlaceholderText(strings.FEE_PLACEHOLDER)
        self.fee_text.setPlainText(procedure.fee_text if procedure else "")
        self.fee_amount = QSpinBox()
        self.fee_amount.setObjectName("feeAmount")
        self.fee_amount.setLocale(VIETNAMESE)
        self.fee_amount.setGroupSeparatorShown(True)
        self.fee_amount.setRange(0, FEE_MAX)
        self.fee_amount.setSingleStep(1000)
        self.fee_amount.setValue(procedure.fee_amount if procedure else 0)
        self.fee_amount.setToolTip(strings.FEE_AMOUNT_TIP)
        self.exemptions = _text_box()
        self.exemptions.setPlainText(procedure.fee_exemptions if procedure else "")
        self.fields.add(fee_form, "fee_text", strings.FEE_TEXT, self.fee_text)
        self.fields.add(fee_form, "fee_amount", strings.FEE_AMOUNT, self.fee_amount)
        self.fields.add(fee_form, "fee_exemptions", strings.EXEMPTIONS, self.exemptions)

        documents_page = QWidget()
        self.documents = DocumentsEditor()
        self.documents.set_documents(procedure.documents if procedure else ())
        self.fields.add_filling(QVBoxLayout(documents_page), "documents", self.documents)
        self.tabs.addTab(documents_page, strings.TAB_DOCUMENTS)

        _result_page, result_form = self._page(strings.TAB_RESULT)
        self.result_box = _text_box(2)
        self.result_box.setPlainText(procedure.result if procedure else "")
        self.legal_basis = _text_box(4)
        self.legal_basis.setPlainText(procedure.legal_basis if procedure else "")
        self.decision = QLineEdit(procedure.decision if procedure else "")
        self.fields.add(result_form, "result", strings.RESULT, self.result_box)
        self.fields.add(result_form, "legal_basis", strings.LEGAL_BASIS, self.legal_basis)
        self.fields.add(result_form, "decision", strings.DECISION, self.decision)

        self.failure = QLabel()
        self.failure.setObjectName("procedureFormFailure")
        self.failure.setStyleSheet(ERROR_STYLE)
        self.failure.setWordWrap(True)
        self.failure.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(strings.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(strings.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.failure)
        layout.addWidget(self.buttons)
        self.resize(860, 620)
        self.setMaximumHeight(MAX_HEIGHT)
        self.tabs.setCurrentWidget(time_page)
        if mode is FormMode.ADD:
            self.code.setFocus()
        elif mode is FormMode.NEW_VERSION:
            self.from_day.setFocus()
        else:
            self.name.setFocus()

    def _page(self, title: str) -> tuple[QWidget, QFormLayout]:
        """A tab with a form, its rows at the top."""
        page = QWidget()
        column = QVBoxLayout(page)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        self.tabs.addTab(page, title)
        return page, form

    # ------------------------------------------------------------------ values
    def procedure(self) -> Procedure:
        """The procedure as typed, from the date typed."""
        return Procedure(
            code=self.code.text(),
            name=self.name.text(),
            field=self.field.currentText(),
            duration=self.time.duration(),
            effective_from=self.from_day.value(),
            max_extension_days=self.time.max_extension_days(),
            fee_amount=self.fee_amount.value(),
            fee_text=self.fee_text.toPlainText(),
            resolving_body=self.body.text(),
            documents=self.documents.documents(),
            id=self.original.id if self.original else None,
            duration_text=self.time.duration_text(),
            fee_exemptions=self.exemptions.toPlainText(),
            result=self.result_box.toPlainText(),
            legal_basis=self.legal_basis.toPlainText(),
            decision=self.decision.text(),
        )

    def errors(self, procedure: Procedure) -> dict[str, str]:
        errors = catalogue.procedure_errors(catalogue.clean(procedure))
        code = procedure.code.strip()
        if self.mode is FormMode.ADD and "code" not in errors and code in self.taken_codes:
            errors["code"] = strings.CODE_TAKEN.format(code=code)
        return errors

    # ------------------------------------------------------------------ saving
    def show_failure(self, text: str) -> None:
        self.failure.setText(text)
        self.failure.setVisible(bool(text))

    def submit(self) -> bool:
        """Check and save; True when saved (the dialog is then accepted)."""
        self.show_failure("")
        procedure = self.procedure()
        if self.fields.show(self.errors(procedure)):
            return False
        if first_refused(self.from_day):
            return False
        try:
            with slow_op("procedure save", threshold_ms=500):
                self.saved = catalogue.save_procedure(self.ws, procedure, self.from_day.value())
        except UserFacingError as error:
            self.show_failure(error.message)
            if self.mode is not FormMode.ADD:
                self.from_day.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self.accept()
        return True
