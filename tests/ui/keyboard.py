"""Typing Vietnamese into widgets the way a keyboard (or a USB scanner) does.

QTest.keyClicks only knows ASCII keys (it aborts on "ễ"), so each character goes in as a key event
carrying its text, which is what an input method delivers to the focused widget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    for char in text:
        key = Qt.Key(ord(char.upper())) if char.isascii() and char.isalnum() else Qt.Key.Key_unknown
        if char == " ":
            key = Qt.Key.Key_Space
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def replace_text(widget: QWidget, text: str) -> None:
    """Select all (Ctrl+A) and type over it."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier))
    type_text(widget, text)
