"""Rows several action forms share (reason, note, moment of the step) and the forms made of them alone.

Each helper adds its row where it is called: the order of the calls is the order on screen and the tab
order. A subclass of `ReasonForm` or `NotedStepForm` names only its action and the workflow service.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.roles import Role
from cchc_desktop.domain.text import nfc
from cchc_desktop.services.accounts import AccountRecord, account_choices
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


def people(ws: Workspace) -> list[AccountRecord]:
    """The active accounts a dossier can go to, the specialists first; none while the database has no
    accounts, or while the server cannot be read (the clerk then types the name)."""
    if not ws.has_accounts:
        return []
    with contextlib.suppress(UserFacingError):
        active = account_choices(ws)
        specialists = [record for record in active if Role.SPECIALIST in record.roles]
        return [*specialists, *(record for record in active if Role.SPECIALIST not in record.roles)]
    return []


class PersonCombo(QComboBox):
    """A person: chosen from the accounts, or typed (someone without an account). The choice shows the
    full name and the username; `name()` is the full name to print, `account()` the username chosen."""

    def __init__(self, accounts: Sequence[AccountRecord], text: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # No inline completion: a name typed for someone without an account must not turn into an
        # account's name that starts the same way.
        self.setCompleter(None)  # type: ignore[arg-type]  # Qt: None turns completion off
        self._accounts = list(accounts)
        for record in self._accounts:
            self.addItem(strings.PERSON_CHOICE.format(name=record.full_name, username=record.username))
        self.setCurrentIndex(-1)
        edit = self.lineEdit()
        assert edit is not None
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        self.setEditText(text)

    def text(self) -> str:
        return self.currentText()

    def setText(self, text: str) -> None:
        self.setEditText(text)

    def chosen(self) -> AccountRecord | None:
        """The account picked from the list, or whose full name was typed (when only one has it)."""
        typed = " ".join(nfc(self.currentText()).split())
        for record in self._accounts:
            if typed == strings.PERSON_CHOICE.format(name=record.full_name, username=record.username):
                return record
        same_name = [r for r in self._accounts if nfc(r.full_name).casefold() == typed.casefold()]
        return same_name[0] if len(same_name) == 1 and typed else None

    def account(self) -> str:
        record = self.chosen()
        return "" if record is None else record.username

    def name(self) -> str:
        record = self.chosen()
        return self.currentText() if record is None else record.full_name


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
