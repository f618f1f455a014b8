"""The sign-in dialog: at start (before the window; "Thoát" closes the app) and over a locked window
(it cannot be dismissed; "Thoát chương trình" closes the window with its usual questions)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.services.accounts import sign_in
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.sign_in import strings
from cchc_desktop.ui.sign_in.remembered import load_last_username, save_last_username
from cchc_desktop.ui.slow_ops import slow_op

MESSAGE_STYLE = "color: #b00020;"
# Argon2 takes its time on purpose; more than this on the GUI thread is still expected.
SIGN_IN_BUDGET_MS = 1000.0


class SignInDialog(QDialog):
    """`on_quit` (a locked window): the lock's quit button; it returns True when the window closed.
    Without it the dialog is the start-up one, and "Thoát" rejects it."""

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        intro: str = strings.INTRO,
        on_quit: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.on_quit = on_quit
        self.locked = on_quit is not None
        self.setWindowTitle(strings.LOCKED_TITLE if self.locked else strings.TITLE)
        self.setMinimumWidth(440)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.username = QLineEdit(load_last_username())
        self.username.setObjectName("username")
        self.username.setPlaceholderText(strings.USERNAME_PLACEHOLDER)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        form = QFormLayout()
        for text, field in ((strings.USERNAME, self.username), (strings.PASSWORD, self.password)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(strings.SIGN_IN, QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setDefault(True)
        quit_text = strings.QUIT_APP if self.locked else strings.QUIT
        self.quit_button = self.buttons.addButton(quit_text, QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setAutoDefault(False)
        if self.locked:
            self.quit_button.setToolTip(strings.QUIT_APP_TIP)
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self._quit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if self.username.text() else self.username).setFocus()

    def try_sign_in(self) -> bool:
        """Enter or "Đăng nhập": sign in, or show why not (the password emptied, the focus on what to fix)."""
        username = self.username.text().strip()
        if not username:
            return self._refused(strings.EMPTY_USERNAME, self.username)
        if not self.password.text():
            return self._refused(strings.EMPTY_PASSWORD, self.password)
        try:
            with slow_op("sign-in", SIGN_IN_BUDGET_MS):
                actor = sign_in(self.workspace, username, self.password.text())
        except UserFacingError as error:  # refused, or the database cannot be reached
            self.password.clear()
            return self._refused(error.message, self.password)
        self.password.clear()
        save_last_username(actor.username)
        self.message.hide()
        self.done(QDialog.DialogCode.Accepted)
        return True

    def _refused(self, text: str, field: QLineEdit) -> bool:
        self.message.setText(text)
        self.message.show()
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def _quit(self) -> None:
        if not self.locked:
            super().reject()
        elif self.on_quit is not None and self.on_quit():
            self.done(QDialog.DialogCode.Rejected)

    def reject(self) -> None:
        """Escape: closes the start-up dialog (and so the app); a lock stays."""
        if not self.locked:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.locked and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked:
            event.ignore()  # the window's own close (with its questions) is "Thoát chương trình"
            return
        super().closeEvent(event)

    def release(self) -> None:
        """Close a lock without signing in (the window itself is closing)."""
        self.locked = False
        self.done(QDialog.DialogCode.Rejected)
