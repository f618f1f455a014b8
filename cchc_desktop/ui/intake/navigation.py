"""Keyboard flow of the form: Enter moves to the next field like Tab; Enter in the last field saves."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterMovesOn(QObject):
    """Install on the fields with `watch`. `order()` gives the fields in tab order (the paper form's)."""

    last_field_done = Signal()

    def __init__(self, root: QWidget, order: Callable[[], list[QWidget]]) -> None:
        super().__init__(root)
        self.root = root
        self.order = order

    def watch(self, widgets: Iterable[QWidget]) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def reachable(self) -> list[QWidget]:
        return [w for w in self.order() if w.isVisibleTo(self.root) and w.isEnabled()]

    def move_from(self, widget: QWidget) -> None:
        fields = self.reachable()
        position = next((i for i, field in enumerate(fields) if field is widget), -1)
        if position < 0 or position == len(fields) - 1:
            self.last_field_done.emit()
            return
        fields[position + 1].setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or event.key() not in ENTER_KEYS
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            or watched is not QApplication.focusWidget()
            or not isinstance(watched, QWidget)
        ):
            return False
        wants_enter = getattr(watched, "wants_enter", None)
        if callable(wants_enter) and wants_enter():
            return False
        self.move_from(watched)
        return True
