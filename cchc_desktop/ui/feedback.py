"""The two widgets every slow dialog shows: a busy bar while work runs in the background, and a message
line for the result (green) or the error (red, bold); most dialogs let the clerk select and copy from it,
a path for instance."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

OK_STYLE = "color: #1e4620;"
ERROR_STYLE = "color: #b00020; font-weight: bold;"


def busy_bar() -> QProgressBar:
    """An indeterminate progress bar, hidden until work starts."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.hide()
    return bar


def message_label(object_name: str, selectable: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def grow_to_fit(window: QWidget) -> None:
    """Make `window` tall enough for what it now shows: a long message wraps onto several lines, and
    none of them may be cut off. It never shrinks (the clerk may have made it larger)."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    needed = max(window.heightForWidth(window.width()), window.sizeHint().height())
    if needed > window.height():
        window.resize(window.width(), needed)


def with_message_below(field: QWidget, error_name: str, style: str = ERROR_STYLE) -> tuple[QWidget, QLabel]:
    """`field` with a hidden red message line under it (a form row's field): the holder to put in the
    form, focusing the field, and the message label."""
    error = QLabel()
    error.setObjectName(error_name)
    error.setStyleSheet(style)
    error.setWordWrap(True)
    error.hide()
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(field)
    column.addWidget(error)
    holder.setFocusProxy(field)
    return holder, error
