"""The two widgets every slow dialog shows: a busy bar while work runs in the background, and a
selectable message line for the result or the error (the clerk may copy a path from it)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar


def busy_bar() -> QProgressBar:
    """An indeterminate progress bar, hidden until work starts."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.hide()
    return bar


def message_label(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
