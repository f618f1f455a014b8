"""The column of next steps beside the dossier: one button per legal action, reprint and close."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from cchc_desktop.domain.lifecycle import Action
from cchc_desktop.domain.roles import Permission
from cchc_desktop.services.permissions import refusal_for
from cchc_desktop.services.workflow import PERMISSION_OF
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dossier import strings
from cchc_desktop.ui.icons import icon

ACTION_ICONS = {Action.RETURN_RESULT: "result_ready"}  # the others are named after their action
ACTION_BUTTON_STYLE = "text-align: left; padding: 5px 8px;"
HINT_STYLE = "color: #1e4620;"
PANEL_WIDTH = 250


def action_refusals(ws: Workspace, assignee: str) -> dict[Action, str]:
    """Why the signed-in user may not take each action on a dossier handed to `assignee` (a username,
    "" when nobody holds it); the actions they may take are left out."""
    refusals = {}
    for action in Action:
        reason = refusal_for(ws, PERMISSION_OF[action], assignee=assignee)
        if reason is not None:
            refusals[action] = reason
    return refusals


def reprint_refusal(ws: Workspace, assignee: str) -> str | None:
    return refusal_for(ws, Permission.PRINT, assignee=assignee)


class ActionsPanel(QWidget):
    """Every action has its button (with an Alt mnemonic); `show_allowed` shows the legal ones only."""

    action_chosen = Signal(object)  # Action
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[Action, QPushButton] = {}
        self._tips: dict[Action, str] = {}
        for action in Action:
            text, tip, shortcut = strings.ACTIONS[action]
            button = QPushButton(icon(ACTION_ICONS.get(action, action.value)), text)
            button.setObjectName(f"action_{action.value}")
            button.setStyleSheet(ACTION_BUTTON_STYLE)
            button.setToolTip(strings.TIP_WITH_SHORTCUT.format(tip=tip, shortcut=shortcut))
            self._tips[action] = button.toolTip()
            button.setAutoDefault(False)  # Enter must not start a step by accident
            button.clicked.connect(partial(self.action_chosen.emit, action))
            self.buttons[action] = button
        self.no_actions = QLabel()
        self.no_actions.setWordWrap(True)
        self.return_hint = QLabel(strings.RETURN_HINT)
        self.return_hint.setWordWrap(True)
        self.return_hint.setStyleSheet(HINT_STYLE)
        self.reprint_menu = QMenu(self)
        self.reprint_button = QPushButton(icon("reprint"), strings.REPRINT)
        self.reprint_button.setToolTip(strings.REPRINT_TIP)
        self.reprint_button.setAutoDefault(False)
        self.reprint_button.setMenu(self.reprint_menu)
        self.close_button = QPushButton(strings.CLOSE)
        self.close_button.setToolTip(strings.CLOSE_TIP)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close_requested)
        box = QGroupBox(strings.GROUP_ACTIONS)
        column = QVBoxLayout(box)
        for button in self.buttons.values():
            column.addWidget(button)
        column.addWidget(self.no_actions)
        column.addWidget(self.return_hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addStretch()
        layout.addWidget(self.reprint_button)
        layout.addWidget(self.close_button)
        self.setFixedWidth(PANEL_WIDTH)

    def visible_actions(self) -> list[Action]:
        return [action for action, button in self.buttons.items() if button.isVisibleTo(self)]

    def show_allowed(
        self,
        allowed: list[Action],
        status_label: str,
        refusals: Mapping[Action, str] | None = None,
        reprint_refusal: str | None = None,
    ) -> None:
        """Show the buttons of `allowed`; those the signed-in user may not take (`refusals`, see
        `action_refusals`) are disabled, the reason as tooltip. A ready result makes "Trả kết quả" the
        default button (Enter); a finished dossier makes "Đóng" the default."""
        refusals = refusals or {}
        for action, button in self.buttons.items():
            button.setVisible(action in allowed)
            button.setEnabled(action in allowed and action not in refusals)
            button.setToolTip(refusals.get(action) or self._tips[action])
        self.reprint_button.setEnabled(reprint_refusal is None)
        self.reprint_button.setToolTip(reprint_refusal or strings.REPRINT_TIP)
        self.no_actions.setText(strings.NO_ACTIONS.format(status=status_label))
        self.no_actions.setVisible(not allowed)
        allowed = [action for action in allowed if action not in refusals]  # what Enter may start
        returning = allowed == [Action.RETURN_RESULT]
        self.return_hint.setVisible(returning)
        return_button = self.buttons[Action.RETURN_RESULT]
        return_button.setAutoDefault(returning)
        return_button.setDefault(returning)
        if returning:
            return_button.setToolTip(strings.RETURN_DEFAULT_TIP)
        self.close_button.setAutoDefault(not allowed)
        self.close_button.setDefault(not allowed)

    def focus_default(self, fallback: QWidget) -> None:
        """The focus where Enter does the expected thing: return the result, close, or `fallback`."""
        if self.buttons[Action.RETURN_RESULT].isDefault():
            self.buttons[Action.RETURN_RESULT].setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.close_button.isDefault():
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            fallback.setFocus(Qt.FocusReason.OtherFocusReason)
