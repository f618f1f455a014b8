"""What every action form shares: the dossier it acts on, the clock, a red error line, Save and Cancel.

A form asks only for what its action needs and calls the workflow service itself, with the version of
the dossier the window showed; a refused input (`UserFacingError`) is shown in the form, which stays
open, and nothing is saved. When another counter changed the dossier meanwhile, the form says who
(`DossierChangedError`), asks the window to read the dossier again (`stale`), and keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.lifecycle import Action
from cchc_desktop.services.records import DossierRecord, EventRecord
from cchc_desktop.services.stale_dossier import DossierChangedError
from cchc_desktop.services.workflow import ActionResult
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.date_fields import DateField, DateTimeField, first_refused, with_message
from cchc_desktop.ui.dossier import strings
from cchc_desktop.ui.feedback import grow_to_fit

Clock = Callable[[], datetime]
ERROR_STYLE = "color: #b00020; font-weight: bold;"
INTRO_STYLE = "color: #37474f;"
FORM_MIN_WIDTH = 560


@dataclass(frozen=True)
class FormContext:
    """The dossier as the detail window last read it, and who acts when."""

    ws: Workspace
    record: DossierRecord
    events: tuple[EventRecord, ...]
    clock: Clock
    actor: str


class MomentEdit(DateTimeField):
    """A day and time to the minute, typed as dd/mm/yyyy hh:mm and taken exactly (see `date_fields`)."""

    def moment(self) -> datetime:
        return self.value()

    def set_moment(self, moment: datetime) -> None:
        self.setValue(moment)


class DayEdit(DateField):
    """A day typed as dd/mm/yyyy and taken exactly."""

    def day(self) -> date:
        return self.value()


def line_edit(placeholder: str = "", text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    return edit


class ActionForm(QDialog):
    """Subclasses add their fields with `add_row` and implement `perform`."""

    action: Action
    saved = Signal(object)  # ActionResult, after the service stored it
    stale = Signal()  # the dossier changed elsewhere: the window reads it again and calls `reload`

    def __init__(self, context: FormContext, parent: QWidget | None = None, **intro: str) -> None:
        super().__init__(parent)
        self.context = context
        self.result_of_action: ActionResult | None = None
        self.setWindowTitle(strings.FORM_TITLES[self.action].format(code=context.record.code))
        self.setMinimumWidth(FORM_MIN_WIDTH)
        self.intro = QLabel(strings.FORM_INTROS[self.action].format(**intro))
        # The values are escaped for rich text; a text without a tag would otherwise show "&amp;".
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(INTRO_STYLE)
        self.fields = QFormLayout()
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button.setText(strings.SAVE)
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(strings.CANCEL)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.fields)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def add_row(self, label: str, field: QWidget) -> None:
        caption = QLabel(label)
        caption.setBuddy(field)
        # A date field's message (31/02, 25:00, …) shows under it.
        shown = with_message(field) if isinstance(field, DateField | DateTimeField) else field
        self.fields.addRow(caption, shown)

    def now(self) -> datetime:
        return self.context.clock().replace(second=0, microsecond=0)

    @property
    def version(self) -> int:
        """The version of the dossier this form acts on (`expected_version` of the workflow service)."""
        return self.context.record.version

    def reload(self, context: FormContext) -> None:
        """The dossier as it is now, after another counter changed it; the fields keep what was typed."""
        self.context = context

    def perform(self) -> ActionResult:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        grow_to_fit(self)

    def submit(self) -> None:
        """Save through the service; on a refused input show why and stay open."""
        if first_refused(*self.findChildren(DateField), *self.findChildren(DateTimeField)):
            self.error.hide()  # the message is under the date field, which has the focus
            return
        try:
            result = self.perform()
        except DossierChangedError as error:
            self.show_error(error.message)
            self.stale.emit()
            return
        except UserFacingError as error:
            self.show_error(error.message)
            return
        self.result_of_action = result
        self.saved.emit(result)
        self.accept()
