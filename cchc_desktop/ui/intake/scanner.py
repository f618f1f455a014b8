"""The USB scanner reading the QR code of the chip ID card, whatever field has the focus.

The scanner is a keyboard: it types `ID|old ID|name|birth|gender|address|issued` and Enter into the
focused widget. Every QR starts with the 12-digit ID and a bar, which nobody types by hand, so from that
bar on the keys are held back from the field; at Enter the field gets back what it held before the
scan and the card's fields go to the applicant.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import cast

from PySide6.QtCore import QEvent, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from cchc_desktop.domain.identifiers import parse_citizen_card_qr
from cchc_desktop.ui.intake.procedure_picker import ProcedurePicker

ID_LENGTH = 12
# A scanner types a whole code within a fraction of a second; a pause this long means a person typed the bar.
GIVE_UP_MS = 1_500
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# The scanner presses Shift for capitals; these keys neither end nor join a scan.
MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Meta, Qt.Key.Key_Alt, Qt.Key.Key_AltGr)

Restore = Callable[[], None]


def snapshot(widget: QWidget) -> Restore:
    """A function that puts `widget` back the way it is now (for the widgets a scan can change)."""
    if isinstance(widget, ProcedurePicker):
        procedure, text = widget.procedure, widget.text()

        def restore_picker() -> None:
            if procedure is not None:
                widget.choose(procedure)
            else:
                widget.setText(text)
                widget.hide_matches()

        return restore_picker
    follow_clock = getattr(widget, "follow_clock", None)
    if getattr(widget, "following", False) and callable(follow_clock):
        return cast(Restore, follow_clock)  # the receipt time goes on following the clock
    if isinstance(widget, QLineEdit):
        text, cursor = widget.text(), widget.cursorPosition()

        def restore_text() -> None:
            widget.setText(text)
            widget.setCursorPosition(cursor)

        return restore_text
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        number = widget.value()
        return lambda: widget.setValue(number)  # type: ignore[arg-type]
    if isinstance(widget, QComboBox):
        position = widget.currentIndex()
        return lambda: widget.setCurrentIndex(position)
    if isinstance(widget, QAbstractItemView):
        current = QPersistentModelIndex(widget.currentIndex())
        return lambda: widget.setCurrentIndex(current.sibling(current.row(), current.column()))
    return lambda: None


class CardScanner(QObject):
    """Install on the form's fields with `watch`; emits `scanned(CitizenCardQr)` or `unreadable()`."""

    scanned = Signal(object)
    unreadable = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._widget: QWidget | None = None
        # Before the bar the keys reach the field; the state before each of the last 12 digits is kept
        # so the field can be put back as it was before the ID started (the clerk may have typed first).
        self._before_digits: deque[Restore] = deque(maxlen=ID_LENGTH)
        self._digits = ""
        self._scan = ""
        self._restore: Restore = lambda: None
        self._give_up = QTimer(self)
        self._give_up.setSingleShot(True)
        self._give_up.setInterval(GIVE_UP_MS)
        self._give_up.timeout.connect(self._abandon)

    def watch(self, widgets: Iterable[QWidget]) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    @property
    def holding(self) -> bool:
        """True while the keys of a scan are being held back from the field."""
        return bool(self._scan)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) or not isinstance(event, QKeyEvent):
            return False
        # The same key event reaches the field's parents when the field ignores it: handle it once.
        if watched is not QApplication.focusWidget() or not isinstance(watched, QWidget):
            return False
        if kind == QEvent.Type.KeyRelease:
            return self.holding
        if watched is not self._widget:
            self._reset(watched)
        return self._key(watched, event)

    def _key(self, widget: QWidget, event: QKeyEvent) -> bool:
        text = event.text()
        if self.holding:
            if event.key() in ENTER_KEYS:
                self._finish()
            elif text and text.isprintable():
                self._scan += text
                self._give_up.start()
            return True
        if text.isdigit() and text.isascii():
            self._before_digits.append(snapshot(widget))
            self._digits = (self._digits + text)[-ID_LENGTH:]
            return False
        if text == "|" and len(self._before_digits) == ID_LENGTH:
            self._restore = self._before_digits[0]
            self._scan = self._digits + text
            self._give_up.start()
            return True
        if event.key() not in MODIFIER_KEYS:
            self._reset(widget)
        return False

    def _finish(self) -> None:
        card = parse_citizen_card_qr(self._scan)
        self._restore()
        self._reset(self._widget)
        if card is None:
            self.unreadable.emit()
        else:
            self.scanned.emit(card)

    def _abandon(self) -> None:
        if self.holding:
            self._restore()
            self._reset(self._widget)
            self.unreadable.emit()

    def _reset(self, widget: QWidget | None) -> None:
        self._widget = widget
        self._before_digits.clear()
        self._digits = ""
        self._scan = ""
        self._restore = lambda: None
        self._give_up.stop()
