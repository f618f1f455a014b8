"""Rows several action forms share (reason, note, moment of the step) and the forms made of them alone.

Each helper adds its row where it is called: the order of the calls is the order on screen and the tab
order. A subclass of `ReasonForm` or `NotedStepForm` names only its action and the workflow service.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from cchc_desktop.services.workflow import ActionResult
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dossier import strings
from cchc_desktop.ui.dossier.form_base import ActionForm, FormContext, MomentEdit, line_edit


def add_reason_row(form: ActionForm, placeholder: str = "") -> QLineEdit:
    reason = line_edit(placeholder)
    form.add_row(strings.LABEL_REASON, reason)
    return reason


def add_note_row(form: ActionForm) -> QLineEdit:
    note = line_edit()
    form.add_row(strings.LABEL_NOTE, note)
    return note


def add_moment_row(form: ActionForm) -> MomentEdit:
    """When the step happened: now, or earlier when the clerk records it afterwards."""
    at = MomentEdit(form.now())
    at.setToolTip(strings.AT_TIP)
    form.add_row(strings.LABEL_AT, at)
    return at


class ReasonStep(Protocol):
    def __call__(
        self, ws: Workspace, code: str, *, reason: str, actor: str, at: datetime, expected_version: int | None
    ) -> ActionResult: ...


class NotedStep(Protocol):
    def __call__(
        self, ws: Workspace, code: str, *, actor: str, at: datetime, note: str, expected_version: int | None
    ) -> ActionResult: ...


class ReasonForm(ActionForm):
    """Only the reason, typed first; the step is recorded by the clerk, now."""

    step: ClassVar[ReasonStep]

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.reason = add_reason_row(self)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def perform(self) -> ActionResult:
        context = self.context
        return self.step(
            context.ws,
            context.record.code,
            reason=self.reason.text(),
            actor=context.actor,
            at=self.now(),
            expected_version=self.version,
        )


class NotedStepForm(ActionForm):
    """Subclasses set `note` and `at` with `add_note_row` and `add_moment_row`, in their order."""

    step: ClassVar[NotedStep]
    note: QLineEdit
    at: MomentEdit

    def perform(self) -> ActionResult:
        context = self.context
        return self.step(
            context.ws,
            context.record.code,
            actor=context.actor,
            at=self.at.moment(),
            note=self.note.text(),
            expected_version=self.version,
        )
