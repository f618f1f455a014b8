"""Forms of the steps that print a notice: supplement request (Mẫu 02), refusal (Mẫu 03), extension and
apology (Mẫu 04), stop (Mẫu 05)."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QFormLayout, QListView, QPlainTextEdit, QWidget

from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.domain.lifecycle import Action
from cchc_desktop.domain.procedures import RequiredDocument
from cchc_desktop.domain.vn_format import weekday_name
from cchc_desktop.services import catalogue, workflow
from cchc_desktop.services.workflow import ActionResult
from cchc_desktop.ui.dossier import strings
from cchc_desktop.ui.dossier.form_base import ActionForm, DayEdit, FormContext, MomentEdit, line_edit
from cchc_desktop.ui.dossier.form_rows import ReasonForm, add_reason_row

SUGGESTIONS_MAX_HEIGHT = 180
OTHER_ITEMS_HEIGHT = 70
SUPPLEMENT_FORM_WIDTH = 720


def required_documents(context: FormContext) -> tuple[RequiredDocument, ...]:
    record = context.record
    try:
        procedure = catalogue.procedure_for(context.ws.db, record.procedure_code, record.received_at.date())
    except UserFacingError:  # the procedure left the catalogue: the clerk types the items
        return ()
    return procedure.documents


class SupplementRequestForm(ActionForm):
    action = Action.REQUEST_SUPPLEMENT

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.suggestions = QStandardItemModel(self)
        for document in required_documents(context):
            item = QStandardItem(strings.SUGGESTED_ITEM.format(name=document.name, kind=document.kind))
            item.setCheckable(True)
            item.setEditable(False)
            self.suggestions.appendRow(item)
        self.suggestion_view = QListView()
        self.suggestion_view.setModel(self.suggestions)
        self.suggestion_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestion_view.setMaximumHeight(SUGGESTIONS_MAX_HEIGHT)
        self.suggestion_view.setWordWrap(True)
        self.suggestion_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if self.suggestions.rowCount():
            self.suggestion_view.setCurrentIndex(self.suggestions.index(0, 0))
        self.other_items = QPlainTextEdit()
        self.other_items.setTabChangesFocus(True)
        self.other_items.setFixedHeight(OTHER_ITEMS_HEIGHT)
        self.setMinimumWidth(SUPPLEMENT_FORM_WIDTH)
        self.fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long document names
        self.add_row(strings.LABEL_SUGGESTED_ITEMS, self.suggestion_view)
        self.add_row(strings.LABEL_OTHER_ITEMS, self.other_items)
        self.reason = add_reason_row(self, strings.SUPPLEMENT_REASON_PLACEHOLDER)
        first = self.suggestion_view if self.suggestions.rowCount() else self.other_items
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def tick(self, row: int, ticked: bool = True) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        item = self.suggestions.item(row)
        assert item is not None
        item.setCheckState(state)

    def items(self) -> list[str]:
        ticked = []
        for row in range(self.suggestions.rowCount()):
            item = self.suggestions.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                ticked.append(item.text())
        typed = [line.strip() for line in self.other_items.toPlainText().splitlines()]
        return ticked + [line for line in typed if line]

    def perform(self) -> ActionResult:
        return workflow.request_supplement(
            self.context.ws,
            self.context.record.code,
            items=self.items(),
            reason=self.reason.text(),
            actor=self.context.actor,
            at=self.now(),
            expected_version=self.version,
        )


class RefuseForm(ReasonForm):
    action = Action.REFUSE
    step = staticmethod(workflow.refuse)


class StopForm(ActionForm):
    action = Action.STOP

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.requested_on = DayEdit(self.now().date())
        self.returned_items = line_edit(strings.RETURNED_ITEMS_PLACEHOLDER)
        self.add_row(strings.LABEL_REQUESTED_ON, self.requested_on)
        self.add_row(strings.LABEL_RETURNED_ITEMS, self.returned_items)
        self.requested_on.setFocus(Qt.FocusReason.OtherFocusReason)

    def perform(self) -> ActionResult:
        return workflow.stop(
            self.context.ws,
            self.context.record.code,
            requested_at=datetime.combine(self.requested_on.day(), time()),
            returned_items=self.returned_items.text(),
            actor=self.context.actor,
            at=self.now(),
            expected_version=self.version,
        )


class ExtendForm(ActionForm):
    action = Action.EXTEND

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        record = context.record
        super().__init__(
            context,
            parent,
            due=strings.MOMENT.format(record.due_at),
            appointment=strings.MOMENT.format(record.appointment_at),
        )
        calendar = context.ws.calendar
        proposal = datetime.combine(
            calendar.next_working_day(record.appointment_at.date()), record.appointment_at.time()
        )
        self.new_appointment = MomentEdit(proposal)
        self.add_row(strings.LABEL_NEW_APPOINTMENT, self.new_appointment)
        self.reason = add_reason_row(self)
        self.new_appointment.setFocus(Qt.FocusReason.OtherFocusReason)

    def perform(self) -> ActionResult:
        moment = self.new_appointment.moment()
        if not self.context.ws.calendar.is_working_day(moment.date()):
            raise InvalidInputError(
                strings.NOT_WORKING_DAY.format(day=f"{moment:%d/%m/%Y}", weekday=weekday_name(moment.date()))
            )
        return workflow.extend(
            self.context.ws,
            self.context.record.code,
            new_appointment=moment,
            reason=self.reason.text(),
            actor=self.context.actor,
            at=self.now(),
            expected_version=self.version,
        )
