"""Hệ thống → Máy chủ dữ liệu: which database this computer uses (the file on this computer or the
centre's server), "Kiểm tra kết nối", and this counter's name.

A dialog of its own, not a page of the agency settings: those are stored in the database and need it
open, while this choice is kept on this computer and must be reachable when the database cannot be
opened at all (the start-up failure dialog opens it with no workspace).

The check runs on the dialog's worker thread: a dead host takes the connect timeout (5 s) and the
window stays responsive meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.services import server_connection as connection
from cchc_desktop.services.server_connection import CheckOutcome, ServerForm
from cchc_desktop.ui.dialogs.settings_dialog import INVALID_BORDER
from cchc_desktop.ui.dialogs.task_dialog import STRETCH, TaskDialog
from cchc_desktop.ui.feedback import ERROR_STYLE

TITLE = "Máy chủ dữ liệu"
USE_FILE = "Dùng tệp dữ liệu trên &máy này"
USE_SERVER = "Dùng máy chủ &dữ liệu của Trung tâm"
SERVER_GROUP = "Máy chủ dữ liệu của Trung tâm"
FIELDS = {
    "host": "Địa chỉ máy chủ:",
    "port": "Cổng:",
    "database": "Tên cơ sở dữ liệu:",
    "user": "Tên đăng nhập:",
    "password": "Mật khẩu:",
}
PLACEHOLDERS = {
    "host": "ví dụ: 192.168.1.10",
    "database": "ví dụ: cchc",
    "user": "ví dụ: cchc",
    "password": "mật khẩu của tên đăng nhập",
}
PASSWORD_KEPT = "đã ghi nhớ trên máy này; để trống để giữ nguyên"
REMEMBER = "Ghi nhớ mật khẩu trên máy này"
REMEMBER_TIP = (
    "Không ghi nhớ: mỗi lần mở, phần mềm dùng mật khẩu trong biến môi trường PGPASSWORD hoặc tệp pgpass "
    "của người dùng."
)
SSL_LABEL = "Mã hóa SSL:"
SSL_CHOICES = {
    "prefer": "nếu máy chủ hỗ trợ (mặc định)",
    "require": "bắt buộc",
    "disable": "không mã hóa",
}
COUNTER_GROUP = "Quầy của máy này"
COUNTER_LABEL = "Tên &quầy:"
COUNTER_PLACEHOLDER = "ví dụ: Quầy 2 – Hộ tịch"
CHECK = "&Kiểm tra kết nối"
CHECKING = "Đang kết nối tới {where}…"
SAVE = "&Lưu"
RESTART_TITLE = "Cần mở lại phần mềm"
RESTART_QUESTION = "Đã lưu. Phần mềm cần mở lại để dùng {target}."
RESTART_NOW = "Khởi động lại ngay"
RESTART_LATER = "Để sau"
OVERRIDDEN = (
    "Đã lưu. Lần này phần mềm được mở theo --db hoặc biến CCHC_DB nên vẫn dùng {current}; lựa chọn vừa "
    "lưu có hiệu lực khi mở phần mềm không kèm --db/CCHC_DB."
)
LOCAL_TARGET = "tệp dữ liệu trên máy này"

Confirm = Callable[[str], bool]


def ask_restart(parent: QWidget, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, RESTART_TITLE, text, parent=parent)
    now = box.addButton(RESTART_NOW, QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton(RESTART_LATER, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(later)
    box.exec()
    return box.clickedButton() is now


def tell(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, TITLE, text)


class ServerDialog(TaskDialog):
    """`paths`: the database in use (None before one could be opened: nothing to restart then).
    After "Lưu", `restart_requested` says whether the clerk chose to restart now; otherwise the window
    applies the counter name at once (`server_connection.apply_counter_name`)."""

    def __init__(
        self,
        paths: AppPaths | None,
        parent: QWidget | None = None,
        *,
        confirm_restart: Confirm | None = None,
        inform: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(TITLE, "serverMessage", parent)
        self.paths = paths
        self.restart_requested = False
        self.confirm_restart = confirm_restart or (lambda text: ask_restart(self, text))
        self.inform = inform or (lambda text: tell(self, text))
        # The page edits the choice saved on this computer (a --db or CCHC_DB of this start aside).
        current = connection.saved_address()
        self.base = current
        form = connection.form_of(current)

        self.use_file = QRadioButton(USE_FILE)
        self.use_server = QRadioButton(USE_SERVER)
        (self.use_server if current is not None else self.use_file).setChecked(True)
        self.use_server.toggled.connect(self._update_enabled)

        self.server_group = QGroupBox(SERVER_GROUP)
        server_form = QFormLayout(self.server_group)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        values = {"host": form.host, "port": form.port, "database": form.database, "user": form.user}
        for name, label_text in FIELDS.items():
            edit = QLineEdit(values.get(name, ""))
            edit.setObjectName(name)
            edit.setPlaceholderText(PLACEHOLDERS.get(name, ""))
            edit.textEdited.connect(lambda _text, field=name: self._clear_error(field))
            self.inputs[name] = edit
            server_form.addRow(self._label(label_text, edit), self._with_error(name, edit))
        self.password = self.inputs["password"]
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        remembered = current is not None and connection.remembers_password(current)
        if remembered:
            self.password.setPlaceholderText(PASSWORD_KEPT)
        self.remember = QCheckBox(REMEMBER)
        self.remember.setToolTip(REMEMBER_TIP)
        self.remember.setChecked(remembered or current is None)
        server_form.addRow("", self.remember)
        self.sslmode = QComboBox()
        for mode, label_text in SSL_CHOICES.items():
            self.sslmode.addItem(label_text, mode)
        if self.sslmode.findData(form.sslmode) < 0:  # verify-full etc., typed in a URL earlier
            self.sslmode.addItem(form.sslmode, form.sslmode)
        self.sslmode.setCurrentIndex(self.sslmode.findData(form.sslmode))
        server_form.addRow(self._label(SSL_LABEL, self.sslmode), self.sslmode)
        self.check_button = QPushButton(CHECK)
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check)
        server_form.addRow("", self.check_button)

        counter_group = QGroupBox(COUNTER_GROUP)
        counter_form = QFormLayout(counter_group)
        self.counter_name = QLineEdit(connection.counter_name())
        self.counter_name.setObjectName("counter_name")
        self.counter_name.setPlaceholderText(COUNTER_PLACEHOLDER)
        self.counter_name.textEdited.connect(lambda _text: self._clear_error("counter_name"))
        self.inputs["counter_name"] = self.counter_name
        counter_form.addRow(
            self._label(COUNTER_LABEL, self.counter_name), self._with_error("counter_name", self.counter_name)
        )

        self.save_button = QPushButton(SAVE)
        self.save_button.setAutoDefault(False)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.use_file)
        layout.addWidget(self.use_server)
        layout.addWidget(self.server_group)
        layout.addWidget(counter_group)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row(STRETCH, self.save_button))
        self.setMinimumWidth(560)
        self._update_enabled()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _with_error(self, name: str, edit: QLineEdit) -> QWidget:
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        self.errors[name] = error
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(edit)
        column.addWidget(error)
        return holder

    def _clear_error(self, name: str) -> None:
        self.errors[name].hide()
        self.inputs[name].setStyleSheet("")

    def show_errors(self, errors: dict[str, str]) -> bool:
        """Each field's message under it (clearing the others); focus on the first. True when any."""
        for name, label in self.errors.items():
            text = errors.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
            self.inputs[name].setStyleSheet(INVALID_BORDER if text else "")
        first = next((name for name in self.inputs if name in errors), None)
        if first is not None:
            self.inputs[first].setFocus(Qt.FocusReason.OtherFocusReason)
        return first is not None

    def _update_enabled(self) -> None:
        busy = self.busy
        self.server_group.setEnabled(self.use_server.isChecked())
        self.check_button.setEnabled(not busy)
        self.progress.setVisible(busy)

    def form(self) -> ServerForm:
        return ServerForm(
            host=self.inputs["host"].text(),
            port=self.inputs["port"].text(),
            database=self.inputs["database"].text(),
            user=self.inputs["user"].text(),
            password=self.password.text(),
            sslmode=str(self.sslmode.currentData()),
        )

    def typed_address(self) -> ServerAddress | None:
        """The server typed on the page, or None with the wrong fields marked."""
        form = self.form()
        if self.show_errors(connection.field_errors(form)):
            return None
        return connection.address_from_form(form, self.base)

    def check(self) -> bool:
        """Start "Kiểm tra kết nối" in the background; False when a field is wrong or a check runs."""
        if self.busy:
            return False
        address = self.typed_address()
        if address is None:
            return False
        self.show_message(CHECKING.format(where=f"{address.host}:{address.port}"))
        self.runner.submit(
            "server connection check",
            lambda: connection.check_connection(address),
            self._checked,
            self._check_failed,
        )
        self._update_enabled()
        return True

    def _checked(self, outcome: object) -> None:
        assert isinstance(outcome, CheckOutcome)
        self._update_enabled()
        self.show_message(outcome.text, error=not outcome.ok)

    def _check_failed(self, error: Exception) -> None:
        self._update_enabled()
        self.show_message(getattr(error, "message", "") or str(error), error=True)

    def save(self) -> bool:
        """Keep the choice and the counter name; True when saved (the dialog then closes)."""
        chosen: ServerAddress | None = None
        if self.use_server.isChecked():
            chosen = self.typed_address()
            if chosen is None:
                return False
        else:
            self.show_errors({})
        try:
            connection.save_counter_name(self.counter_name.text())
        except InvalidInputError as error:
            self.show_errors({"counter_name": error.message})
            return False
        connection.save_choice(chosen, remember_password=self.remember.isChecked())
        self._after_save(chosen)
        self.accept()
        return True

    def _after_save(self, chosen: ServerAddress | None) -> None:
        paths = self.paths
        if paths is None or not connection.needs_restart(paths, chosen):
            return  # at start-up the launcher opens the new choice itself; the window applies the name
        if paths.chosen:
            self.inform(OVERRIDDEN.format(current=paths.label))
            return
        target = f"máy chủ {chosen.display}" if chosen is not None else LOCAL_TARGET
        self.restart_requested = self.confirm_restart(RESTART_QUESTION.format(target=target))
