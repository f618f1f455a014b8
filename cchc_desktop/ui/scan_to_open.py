"""A barcode/QR scanner reading the dossier code on a receipt opens that dossier, wherever the focus is.

The scanner is a keyboard: it types the code within a few milliseconds per key, then Enter. Installed on
the application, `ScanToOpen` lets every key through to the focused field as usual and watches the
gaps between them. When Enter ends a fast burst (gap < 50 ms, at least 8 characters) that reads as a
dossier code, the field gets back what it held before the burst, the Enter is swallowed (it must not
save a form or press a default button) and `code_scanned` is emitted once the event is done.

People type slower than that, so their keys are never touched. The citizen ID card's QR also arrives
as a fast burst, but holds "|" and never reads as a dossier code: it is left to the intake form.
A field that wants the scanned code as text (the "open by code" box) sets the `SCAN_TARGET` property.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit, QWidget

from cchc_desktop.ui.intake.scanner import snapshot as field_snapshot

MAX_GAP_MS = 50.0
MIN_LENGTH = 8
SCAN_TARGET = "acceptsScannedCode"
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Meta, Qt.Key.Key_Alt, Qt.Key.Key_AltGr)
COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)
# `<agency identifier>-<yyMMdd>-<sequence>`; the identifier is opaque (any text without spaces or bars).
_DOSSIER_CODE = re.compile(r"[^\s|]+-(\d{6})-\d{4,}")

Restore = Callable[[], None]
SecondsClock = Callable[[], float]


def looks_like_dossier_code(text: str) -> bool:
    match = _DOSSIER_CODE.fullmatch(text.strip())
    if match is None:
        return False
    try:
        datetime.strptime(match.group(1), "%y%m%d")
    except ValueError:
        return False
    return True


def snapshot(widget: QWidget | None) -> Restore:
    """A function putting `widget` back as it is now (text fields, combos, date fields, lists)."""
    if widget is None:
        return lambda: None
    if isinstance(widget, QComboBox) and widget.isEditable():
        index, text = widget.currentIndex(), widget.currentText()

        def restore_combo() -> None:
            widget.setCurrentIndex(index)
            widget.setEditText(text)

        return restore_combo
    if isinstance(widget, QPlainTextEdit):
        content, position = widget.toPlainText(), widget.textCursor().position()

        def restore_plain_text() -> None:
            widget.setPlainText(content)
            cursor = widget.textCursor()
            cursor.setPosition(min(position, len(content)))
            widget.setTextCursor(cursor)

        return restore_plain_text
    return field_snapshot(widget)


def _key_receiver() -> QWidget | None:
    """The widget Qt delivers key presses to (a popup, else the focused widget, else the window)."""
    return QApplication.activePopupWidget() or QApplication.focusWidget() or QApplication.activeWindow()


class ScanToOpen(QObject):
    """Install on the application with `install()`; `clock` gives seconds (tests pass their own)."""

    code_scanned = Signal(str)
    _scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, clock: SecondsClock = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self._receiver: QWidget | None = None
        self._typed = ""
        self._last = -math.inf
        self._restore: Restore = lambda: None
        self._swallow_release = False
        # Emitted after the key event is finished: the slot may open a window.
        self._scanned.connect(self.code_scanned, Qt.ConnectionType.QueuedConnection)

    def install(self, app: QCoreApplication | None = None) -> None:
        target = app or QCoreApplication.instance()
        assert target is not None
        target.installEventFilter(self)

    def uninstall(self, app: QCoreApplication | None = None) -> None:
        target = app or QCoreApplication.instance()
        if target is not None:
            target.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) or not isinstance(event, QKeyEvent):
            return False
        # A key goes to the window first and, when ignored, to the parents: handle it once.
        if not isinstance(watched, QWidget) or watched is not _key_receiver():
            return False
        if kind == QEvent.Type.KeyRelease:
            if self._swallow_release and event.key() in ENTER_KEYS:
                self._swallow_release = False
                return True
            return False
        return self._pressed(watched, event)

    def _pressed(self, receiver: QWidget, event: QKeyEvent) -> bool:
        now = self.clock()
        fast = (now - self._last) * 1000 < MAX_GAP_MS and receiver is self._receiver
        if event.key() in ENTER_KEYS:
            typed, restore = self._typed.strip(), self._restore
            self._forget()
            if not (fast and len(typed) >= MIN_LENGTH and looks_like_dossier_code(typed)):
                return False
            if receiver.property(SCAN_TARGET) or (QApplication.focusWidget() or receiver).property(
                SCAN_TARGET
            ):
                return False
            restore()
            self._swallow_release = True
            self._scanned.emit(typed)
            return True
        text = event.text()
        if event.key() in MODIFIER_KEYS and not text:
            return False  # the scanner holds Shift for capitals
        if text and text.isprintable() and not event.modifiers() & COMMAND_MODIFIERS:
            if not fast:
                self._start(receiver)
            self._typed += text
            self._last = now
            return False
        self._forget()
        return False

    def _start(self, receiver: QWidget) -> None:
        self._receiver = receiver
        self._typed = ""
        self._restore = snapshot(QApplication.focusWidget())

    def _forget(self) -> None:
        self._receiver = None
        self._typed = ""
        self._last = -math.inf
        self._restore = lambda: None
