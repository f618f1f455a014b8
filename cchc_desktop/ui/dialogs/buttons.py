"""The push buttons of the dialogs: icon, tooltip, and never the default button, so that Enter in a
field does not start a backup or an import by accident."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton

from cchc_desktop.ui.icons import icon


def action_button(text: str, tip: str, icon_name: str | None, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(icon(icon_name), text) if icon_name else QPushButton(text)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button
