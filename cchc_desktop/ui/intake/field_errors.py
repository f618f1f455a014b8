"""Validation messages shown in place: red text under the field and a red border around it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

ERROR_COLOR = "#b00020"
# Applied to the form; matches only fields whose "invalid" property is set.
INVALID_STYLE = f'*[invalid="true"] {{ border: 1px solid {ERROR_COLOR}; border-radius: 2px; }}'
ERROR_LABEL_STYLE = f"color: {ERROR_COLOR};"


class FieldErrors:
    """Error labels of the form's fields, keyed by the `IntakeRequest` field names of `intake_errors`."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def wrap(
        self, name: str, field: QWidget, holder_parent: QWidget | None = None, marked: QWidget | None = None
    ) -> QWidget:
        """`field` with its (hidden) error label under it, to put in a layout instead of `field`.
        `marked` is the widget framed in red when `field` is a row holding it with other widgets."""
        label = QLabel(holder_parent)
        label.setObjectName(f"error_{name}")
        label.setStyleSheet(ERROR_LABEL_STYLE)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        label.hide()
        holder = QWidget(holder_parent)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(field)
        column.addWidget(label)
        column.addStretch()
        self.register(name, marked or field, label)
        return holder

    def register(self, name: str, field: QWidget, label: QLabel) -> None:
        self._fields[name] = (field, label)

    @property
    def names(self) -> list[str]:
        return list(self._fields)

    def field(self, name: str) -> QWidget:
        return self._fields[name][0]

    def label(self, name: str) -> QLabel:
        return self._fields[name][1]

    def message(self, name: str) -> str:
        label = self._fields[name][1]
        return label.text() if not label.isHidden() else ""

    def shown(self) -> dict[str, str]:
        return {name: self.message(name) for name in self._fields if self.message(name)}

    def show(self, errors: dict[str, str], names: Iterable[str] | None = None) -> None:
        """Show the messages of `names` (all fields when None): set when in `errors`, cleared otherwise."""
        for name in self._fields if names is None else names:
            if name in self._fields:
                self._set(name, errors.get(name, ""))

    def clear(self) -> None:
        for name in self._fields:
            self._set(name, "")

    def first_bad(self, errors: dict[str, str], order: list[QWidget]) -> QWidget | None:
        """The first field in tab order that has an error (fields not in `order` come last)."""
        bad = [self._fields[name][0] for name in errors if name in self._fields]
        if not bad:
            return None
        rank = {id(widget): position for position, widget in enumerate(order)}
        return min(bad, key=lambda widget: rank.get(id(widget), len(order)))

    def _set(self, name: str, message: str) -> None:
        field, label = self._fields[name]
        label.setText(message)
        label.setVisible(bool(message))
        if bool(field.property("invalid")) != bool(message):
            field.setProperty("invalid", bool(message))
            field.style().unpolish(field)
            field.style().polish(field)
            field.update()


def add_field(
    grid: QGridLayout, row: int, column: int, text: str, field: QWidget, holder: QWidget, span: int = 1
) -> QLabel:
    """A "Label: field" pair in `grid`, the label level with the field even when a message shows below it."""
    label = QLabel(text)
    label.setBuddy(field)
    label.setMinimumHeight(field.sizeHint().height())
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(holder, row, column + 1, 1, span)
    return label
