"""Form rows with a red message under the field, flagged by the keys of `catalogue.procedure_errors`; on
a tabbed form the first wrong field's tab is brought forward."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QTabWidget, QWidget

from cchc_desktop.ui.feedback import with_message_below

FIELD_ERROR_STYLE = "color: #b00020;"
INVALID_BORDER = "border: 1px solid #b00020;"


class FieldMessages:
    def __init__(self) -> None:
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        holder, error = with_message_below(widget, f"error_{name}", FIELD_ERROR_STYLE)
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, holder)
        self.widgets[name] = widget
        self.errors[name] = error

    def add_filling(self, column: QBoxLayout, name: str, widget: QWidget) -> None:
        """`widget` taking the spare height of `column` (a table), its message under it."""
        holder, error = with_message_below(widget, f"error_{name}", FIELD_ERROR_STYLE)
        column.addWidget(holder, 1)
        self.widgets[name] = widget
        self.errors[name] = error

    def text(self, name: str) -> str:
        """The message shown under `name` ("" when none)."""
        label = self.errors[name]
        return label.text() if label.isVisibleTo(label.window()) else ""

    def show(self, errors: dict[str, str]) -> bool:
        """Each field's message (the others cleared), the focus on the first wrong one; True when any."""
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            widget = self.widgets[name]
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setStyleSheet(INVALID_BORDER if message else "")
        first = next((name for name in self.widgets if name in errors), None)
        if first is not None:
            self.focus(first)
        return first is not None

    def focus(self, name: str) -> None:
        widget = self.widgets[name]
        _bring_forward(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _bring_forward(widget: QWidget) -> None:
    """Show the tab page holding `widget` (any level of tabs)."""
    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        tabs = parent.parentWidget() if parent is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
            tabs.setCurrentWidget(child)
        child = parent
