"""The small form behind each next step of a dossier; `form_for` picks it.

Hand-overs, results, returns, supplements received and withdrawals live here; the steps that print a
notice (Mẫu 02-05) are in `notice_forms`.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from cchc_desktop.domain.lifecycle import COUNTER_UNIT, HAND_OVER_KINDS, Action
from cchc_desktop.services import workflow
from cchc_desktop.services.records import EventRecord
from cchc_desktop.services.workflow import ActionResult
from cchc_desktop.ui.dossier import strings
from cchc_desktop.ui.dossier.form_base import ActionForm, FormContext
from cchc_desktop.ui.dossier.form_rows import (
    NotedStepForm,
    PersonCombo,
    ReasonForm,
    add_moment_row,
    add_note_row,
    people,
)
from cchc_desktop.ui.dossier.notice_forms import ExtendForm, RefuseForm, StopForm, SupplementRequestForm

RECENT_UNITS_KEPT = 12
# Units typed in this session, newest first: the next hand-over of the day is often to the same unit.
_recent_units: list[str] = []


def remember_unit(unit: str) -> None:
    unit = unit.strip()
    if unit:
        _recent_units[:] = [unit, *(u for u in _recent_units if u != unit)][:RECENT_UNITS_KEPT]


def unit_choices(context: FormContext) -> list[str]:
    """Recent units first, then the units this dossier went to, then the usual ones of a commune."""
    own = [str(e.data.get("taker_unit", "")) for e in reversed(context.events) if e.kind == Action.HAND_OVER]
    choices: list[str] = []
    for unit in (*_recent_units, *own, *strings.DEFAULT_UNITS):
        if unit and unit != COUNTER_UNIT and unit not in choices:
            choices.append(unit)
    return choices


def holder_unit(events: Sequence[EventRecord]) -> str:
    """The unit holding the dossier: the last hand-over's taker unit, else the counter."""
    for event in reversed(events):
        if event.kind in HAND_OVER_KINDS:
            return str(event.data.get("taker_unit", COUNTER_UNIT))
    return COUNTER_UNIT


class HandOverForm(ActionForm):
    """Without accounts the giver is whoever holds the dossier (said in the intro). With accounts the
    giver is the signed-in user at the counter unless changed, and the taker is chosen from the accounts
    (the dossier then goes on that person's "Hồ sơ của tôi") or typed."""

    action = Action.HAND_OVER

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        self.giver = self._giver(context)
        super().__init__(context, parent, giver=escape(self.giver), unit=escape(holder_unit(context.events)))
        accounts = people(context.ws)
        self.signed_in = "" if context.ws.actor.system else context.ws.actor.display
        self.giver_field: PersonCombo | None = None
        if self.signed_in:
            self.intro.setText(strings.HAND_OVER_INTRO_ACCOUNTS)
            self.giver_field = PersonCombo(accounts, self.signed_in, strings.GIVER_PLACEHOLDER)
            self.add_row(strings.LABEL_HAND_OVER_GIVER, self.giver_field)
        self.taker = PersonCombo(accounts, placeholder=strings.TAKER_PLACEHOLDER)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.addItems(unit_choices(context))
        self.unit.setCurrentIndex(-1)
        unit_edit = self.unit.lineEdit()
        assert unit_edit is not None
        unit_edit.setPlaceholderText(strings.TAKER_UNIT_PLACEHOLDER)
        self.add_row(strings.LABEL_TAKER, self.taker)
        self.add_row(strings.LABEL_TAKER_UNIT, self.unit)
        self.note = add_note_row(self)
        self.at = add_moment_row(self)
        self.taker.setFocus(Qt.FocusReason.OtherFocusReason)

    def perform(self) -> ActionResult:
        giver, giver_unit = "" if self.giver == strings.NOBODY else self.giver, ""
        if self.giver_field is not None:
            giver = self.giver_field.name()
            # The signed-in user gives from the counter; anyone else from the unit holding the dossier.
            giver_unit = COUNTER_UNIT if giver == self.signed_in else ""
        result = workflow.hand_over(
            self.context.ws,
            self.context.record.code,
            giver=giver,
            giver_unit=giver_unit,
            taker=self.taker.name(),
            taker_account=self.taker.account(),
            taker_unit=self.unit.currentText(),
            at=self.at.moment(),
            note=self.note.text(),
            expected_version=self.version,
        )
        remember_unit(self.unit.currentText())
        return result

    @staticmethod
    def _giver(context: FormContext) -> str:
        return context.record.current_holder or context.actor or strings.NOBODY

    def reload(self, context: FormContext) -> None:
        """The giver is whoever holds the dossier now (another counter may have handed it on)."""
        super().reload(context)
        self.giver = self._giver(context)
        if self.giver_field is not None:
            return  # the giver is a field, kept as typed
        self.intro.setText(
            strings.FORM_INTROS[self.action].format(
                giver=escape(self.giver), unit=escape(holder_unit(context.events))
            )
        )


class ReceiveResultForm(ActionForm):
    action = Action.RECEIVE_RESULT

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        receiver = strings.RECEIVER_PART.format(name=escape(context.actor)) if context.actor else ""
        super().__init__(context, parent, receiver=receiver)
        self.giver = PersonCombo(people(context.ws), context.record.current_holder)
        self.add_row(strings.LABEL_GIVER, self.giver)
        self.note = add_note_row(self)
        self.at = add_moment_row(self)
        self.giver.setFocus(Qt.FocusReason.OtherFocusReason)

    def perform(self) -> ActionResult:
        return workflow.receive_result(
            self.context.ws,
            self.context.record.code,
            giver=self.giver.name(),
            taker=self.context.actor,
            at=self.at.moment(),
            note=self.note.text(),
            expected_version=self.version,
        )


class ReturnForm(NotedStepForm):
    """Opens ready to confirm: the time is now and Enter saves (scan, Enter, Enter)."""

    action = Action.RETURN_RESULT
    step = staticmethod(workflow.return_result)

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        record = context.record
        super().__init__(
            context, parent, applicant=escape(record.applicant_name), procedure=escape(record.procedure_name)
        )
        self.note = add_note_row(self)
        self.at = add_moment_row(self)
        self.save_button.setText(strings.SAVE_RETURN)
        self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)


class SupplementReceivedForm(NotedStepForm):
    action = Action.SUPPLEMENT_RECEIVED
    step = staticmethod(workflow.supplement_received)

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        mode = context.ws.settings().supplement_mode
        super().__init__(
            context, parent, rule=strings.SUPPLEMENT_RULES.get(mode, strings.SUPPLEMENT_RULES["restart"])
        )
        self.at = add_moment_row(self)
        self.note = add_note_row(self)
        self.at.setFocus(Qt.FocusReason.OtherFocusReason)


class WithdrawForm(ReasonForm):
    action = Action.WITHDRAW
    step = staticmethod(workflow.withdraw)


FORMS: dict[Action, type[ActionForm]] = {
    Action.HAND_OVER: HandOverForm,
    Action.RECEIVE_RESULT: ReceiveResultForm,
    Action.RETURN_RESULT: ReturnForm,
    Action.REQUEST_SUPPLEMENT: SupplementRequestForm,
    Action.SUPPLEMENT_RECEIVED: SupplementReceivedForm,
    Action.REFUSE: RefuseForm,
    Action.WITHDRAW: WithdrawForm,
    Action.STOP: StopForm,
    Action.EXTEND: ExtendForm,
}


def form_for(action: Action, context: FormContext, parent: QWidget | None = None) -> ActionForm:
    return FORMS[action](context, parent)
