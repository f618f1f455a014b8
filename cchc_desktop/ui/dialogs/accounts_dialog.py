"""Hệ thống → Tài khoản: the accounts of the centre, and the forms to add and edit one, disable or
re-enable it, and set a new password.

Every change goes through services/accounts (which checks the permission and writes the audit entry);
a field the service would refuse is flagged next to the field first (`form_errors`, `password_error`),
and what only the service can tell (a username already taken, the last admin) shows in the form's own
red line, the typed values kept. Hashing a password takes about 100 ms, so the calls run on the
window's thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.roles import ROLE_LABELS, Role
from cchc_desktop.services import accounts
from cchc_desktop.services.accounts import AccountForm, AccountRecord
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.buttons import action_button
from cchc_desktop.ui.dialogs.task_dialog import STRETCH, TaskDialog
from cchc_desktop.ui.feedback import ERROR_STYLE, grow_to_fit, with_message_below
from cchc_desktop.ui.list_tables import make_row_picker
from cchc_desktop.ui.slow_ops import slow_op

TITLE = "Tài khoản người dùng"
HEADERS = ("Tên đăng nhập", "Họ và tên", "Chức vụ", "Vai trò", "Trạng thái")
USERNAME, FULL_NAME, POSITION, ROLES, STATE = range(5)
ACTIVE = "Hoạt động"
DISABLED = "Đã khóa"
LOCKED_UNTIL = "Tạm khóa đến {until:%H:%M}"
LOCKED_TIP = "Nhập sai mật khẩu nhiều lần; đặt lại mật khẩu để mở khóa ngay."
ADD = "&Thêm…"
ADD_TIP = "Thêm tài khoản cho một người dùng mới"
EDIT = "&Sửa…"
EDIT_TIP = "Sửa họ tên, chức vụ, vai trò của tài khoản đang chọn (Enter hoặc nhấp đúp)"
DISABLE = "&Vô hiệu hóa"
DISABLE_TIP = "Không cho tài khoản đang chọn đăng nhập nữa (nhật ký vẫn giữ tên người này)"
ENABLE = "&Kích hoạt lại"
ENABLE_TIP = "Cho tài khoản đang chọn đăng nhập trở lại"
RESET = "Đặt lại &mật khẩu…"
RESET_TIP = "Đặt mật khẩu mới cho tài khoản đang chọn (cũng mở khóa nếu đang tạm khóa)"
ADDED = "Đã thêm tài khoản {username}."
UPDATED = "Đã lưu tài khoản {username}."
DISABLED_DONE = "Đã vô hiệu hóa tài khoản {username}: người này không đăng nhập được nữa."
ENABLED_DONE = "Đã kích hoạt lại tài khoản {username}."
RESET_DONE = "Đã đặt mật khẩu mới cho tài khoản {username}; hãy báo cho người dùng."
NONE_CHOSEN = "Hãy chọn một tài khoản trong bảng trước."

FORM_ADD_TITLE = "Thêm tài khoản"
FORM_EDIT_TITLE = "Sửa tài khoản {username}"
RESET_TITLE = "Đặt lại mật khẩu cho {username}"
FULL_NAME_LABEL = "&Họ và tên:"
POSITION_LABEL = "&Chức vụ:"
USERNAME_LABEL = "Tên đă&ng nhập:"
ROLES_LABEL = "Vai trò:"
PASSWORD_LABEL = "&Mật khẩu:"
AGAIN_LABEL = "Nhập &lại mật khẩu:"
USERNAME_PLACEHOLDER = "chữ không dấu, ví dụ: nguyenvana"
POSITION_PLACEHOLDER = "ví dụ: Công chức Văn phòng - Thống kê"
PASSWORD_PLACEHOLDER = f"ít nhất {accounts.MIN_PASSWORD_LENGTH} ký tự"
USERNAME_FIXED_TIP = "Tên đăng nhập không đổi được sau khi tạo (nhật ký ghi theo tên này)."
MISMATCH = "Hai lần nhập mật khẩu không giống nhau: hãy nhập lại cho khớp."
SAVE = "Lưu"
CANCEL = "Hủy"
INVALID_BORDER = "border: 1px solid #b00020;"
FIELD_ERROR_STYLE = "color: #b00020;"

Clock = Callable[[], datetime]


def state_text(record: AccountRecord, now: datetime) -> str:
    if not record.active:
        return DISABLED
    if record.locked_until is not None and record.locked_until > now:
        return LOCKED_UNTIL.format(until=record.locked_until)
    return ACTIVE


class _Fields:
    """Input widgets with a red message under each, flagged by field name (the keys of `form_errors`)."""

    def __init__(self, form: QFormLayout) -> None:
        self.form = form
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, name: str, label: str, widget: QWidget) -> None:
        holder, error = with_message_below(widget, f"error_{name}", FIELD_ERROR_STYLE)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, holder)
        self.widgets[name] = widget
        self.errors[name] = error

    def show(self, errors: dict[str, str]) -> bool:
        """Each field's message (the others cleared), the focus on the first wrong one; True when any."""
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            widget = self.widgets[name]
            if isinstance(widget, QLineEdit):
                widget.setStyleSheet(INVALID_BORDER if message else "")
        first = next((name for name in self.widgets if name in errors), None)
        if first is not None:
            self.widgets[first].setFocus(Qt.FocusReason.OtherFocusReason)
        return first is not None


def _password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(accounts.MAX_PASSWORD_LENGTH + 1)  # one more, so an overlong one is told, not cut
    return edit


def _password_errors(password: str, again: str) -> dict[str, str]:
    if problem := accounts.password_error(password):
        return {"password": problem}
    if password != again:
        return {"password_again": MISMATCH}
    return {}


class _FormDialog(QDialog):
    """Save/Cancel with a red line for what the service refused; `_save` returns True when done."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.form = QFormLayout()
        self.fields = _Fields(self.form)
        self.failure = QLabel()
        self.failure.setObjectName("accountFormFailure")
        self.failure.setStyleSheet(ERROR_STYLE)
        self.failure.setWordWrap(True)
        self.failure.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def _finish_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.failure)
        layout.addWidget(self.buttons)

    def show_failure(self, text: str) -> None:
        self.failure.setText(text)
        self.failure.setVisible(bool(text))
        grow_to_fit(self)

    def _submit(self) -> None:
        self.show_failure("")
        try:
            done = self._save()
        except UserFacingError as error:
            self.show_failure(error.message)
            return
        if done:
            self.accept()

    def _save(self) -> bool:
        raise NotImplementedError


class AccountFormDialog(_FormDialog):
    """Adds an account (`record` None) or edits one; `saved` holds the stored account after Save."""

    def __init__(
        self, ws: Workspace, record: AccountRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            FORM_ADD_TITLE if record is None else FORM_EDIT_TITLE.format(username=record.username), parent
        )
        self.ws = ws
        self.editing = record
        self.saved: AccountRecord | None = None
        self.full_name = QLineEdit(record.full_name if record else "")
        self.position = QLineEdit(record.position if record else "")
        self.position.setPlaceholderText(POSITION_PLACEHOLDER)
        self.username = QLineEdit(record.username if record else "")
        self.username.setMaxLength(60)
        self.username.setPlaceholderText(USERNAME_PLACEHOLDER)
        self.role_boxes: dict[Role, QCheckBox] = {}
        roles = QWidget()
        roles_column = QVBoxLayout(roles)
        roles_column.setContentsMargins(0, 0, 0, 0)
        for role in Role:
            box = QCheckBox(ROLE_LABELS[role])
            box.setObjectName(f"role_{role.value}")
            box.setChecked(record is not None and role in record.roles)
            roles_column.addWidget(box)
            self.role_boxes[role] = box
        roles.setFocusProxy(self.role_boxes[Role.RECEPTION])
        self.fields.add("full_name", FULL_NAME_LABEL, self.full_name)
        self.fields.add("position", POSITION_LABEL, self.position)
        self.fields.add("username", USERNAME_LABEL, self.username)
        self.fields.add("roles", ROLES_LABEL, roles)
        self.password: QLineEdit | None = None
        self.password_again: QLineEdit | None = None
        if record is None:
            self.password = _password_edit(PASSWORD_PLACEHOLDER)
            self.password_again = _password_edit()
            self.fields.add("password", PASSWORD_LABEL, self.password)
            self.fields.add("password_again", AGAIN_LABEL, self.password_again)
        else:
            self.username.setReadOnly(True)
            self.username.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.username.setToolTip(USERNAME_FIXED_TIP)
        self._finish_layout()
        self.full_name.setFocus()

    def account_form(self) -> AccountForm:
        roles = frozenset(role for role, box in self.role_boxes.items() if box.isChecked())
        return AccountForm(self.username.text(), self.full_name.text(), self.position.text(), roles)

    def _save(self) -> bool:
        form = self.account_form()
        errors = accounts.form_errors(form)
        if self.password is not None and self.password_again is not None:
            errors.update(_password_errors(self.password.text(), self.password_again.text()))
        if self.fields.show(errors):
            grow_to_fit(self)
            return False
        with slow_op("account save", threshold_ms=500):
            if self.editing is None:
                assert self.password is not None
                self.saved = accounts.add_account(self.ws, form, self.password.text())
            else:
                self.saved = accounts.update_account(self.ws, form)
        return True


class PasswordDialog(_FormDialog):
    """A new password, typed twice, for `username`."""

    def __init__(self, ws: Workspace, username: str, parent: QWidget | None = None) -> None:
        super().__init__(RESET_TITLE.format(username=username), parent)
        self.ws = ws
        self.username = username
        self.password = _password_edit(PASSWORD_PLACEHOLDER)
        self.password_again = _password_edit()
        self.fields.add("password", PASSWORD_LABEL, self.password)
        self.fields.add("password_again", AGAIN_LABEL, self.password_again)
        self._finish_layout()
        self.password.setFocus()

    def _save(self) -> bool:
        if self.fields.show(_password_errors(self.password.text(), self.password_again.text())):
            grow_to_fit(self)
            return False
        with slow_op("password reset", threshold_ms=500):
            accounts.reset_password(self.ws, self.username, self.password.text())
        return True


class _AccountsTable(QTableWidget):
    """Enter edits the current account and stops there: passed on, the dialog would press the default
    button of the form it just opened (QDialog looks for one among all its children)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)  # emits `activated` for Enter
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class AccountsDialog(TaskDialog):
    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, clock: Clock = datetime.now
    ) -> None:
        super().__init__(TITLE, "accountsMessage", parent)
        self.ws = workspace
        self.clock = clock
        self.records: list[AccountRecord] = []
        self.table = _AccountsTable(0, len(HEADERS))
        self.table.setObjectName("accountsTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        make_row_picker(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ROLES, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.edit())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = action_button(ADD, ADD_TIP, "add", self.add)
        self.edit_button = action_button(EDIT, EDIT_TIP, "edit", self.edit)
        self.toggle_button = action_button(DISABLE, DISABLE_TIP, None, self.toggle_active)
        self.reset_button = action_button(RESET, RESET_TIP, None, self.reset_password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(
            self.button_row(self.add_button, self.edit_button, self.toggle_button, self.reset_button, STRETCH)
        )
        self.resize(900, 420)
        self.reload()
        self.table.setFocus()

    # ------------------------------------------------------------------ the list
    def reload(self, select: str | None = None) -> None:
        """Read the accounts again; `select` (a username) or the one selected before stays selected."""
        chosen = select or (self.current.username if self.current else None)
        try:
            self.records = accounts.list_accounts(self.ws)
        except UserFacingError as error:
            self.show_message(error.message, error=True)
            return
        now = self.clock()
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            texts = (record.username, record.full_name, record.position, record.roles_text(), "")
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
            state = QTableWidgetItem(state_text(record, now))
            if record.active and record.locked_until is not None and record.locked_until > now:
                state.setToolTip(LOCKED_TIP)
            self.table.setItem(row, STATE, state)
        usernames = [record.username for record in self.records]
        row = usernames.index(chosen) if chosen in usernames else 0
        if self.records:
            self.table.setCurrentCell(row, 0)  # current (for the arrows and Enter) and selected
        self._selection_changed()

    @property
    def current(self) -> AccountRecord | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or not 0 <= rows[0].row() < len(self.records):
            return None
        return self.records[rows[0].row()]

    def row_texts(self) -> list[tuple[str, ...]]:
        """The table as shown, row by row."""
        return [
            tuple(
                item.text() if (item := self.table.item(row, column)) else ""
                for column in range(len(HEADERS))
            )
            for row in range(self.table.rowCount())
        ]

    def _selection_changed(self) -> None:
        record = self.current
        for button in (self.edit_button, self.toggle_button, self.reset_button):
            button.setEnabled(record is not None)
        active = record is None or record.active
        self.toggle_button.setText(DISABLE if active else ENABLE)
        self.toggle_button.setToolTip(DISABLE_TIP if active else ENABLE_TIP)

    # ------------------------------------------------------------------ actions
    def _chosen(self) -> AccountRecord | None:
        record = self.current
        if record is None:
            self.show_message(NONE_CHOSEN, error=True)
        return record

    def add(self) -> AccountFormDialog:
        form = AccountFormDialog(self.ws, None, self)
        form.accepted.connect(lambda: self._saved(form, ADDED))
        form.open()
        return form

    def edit(self) -> AccountFormDialog | None:
        record = self._chosen()
        if record is None:
            return None
        form = AccountFormDialog(self.ws, record, self)
        form.accepted.connect(lambda: self._saved(form, UPDATED))
        form.open()
        return form

    def _saved(self, form: AccountFormDialog, message: str) -> None:
        assert form.saved is not None
        self.reload(form.saved.username)
        self.show_message(message.format(username=form.saved.username))
        self.table.setFocus()

    def toggle_active(self) -> None:
        record = self._chosen()
        if record is None:
            return
        try:
            changed = accounts.set_active(self.ws, record.username, not record.active)
        except UserFacingError as error:
            self.show_message(error.message, error=True)
            return
        self.reload(changed.username)
        done = ENABLED_DONE if changed.active else DISABLED_DONE
        self.show_message(done.format(username=changed.username))

    def reset_password(self) -> PasswordDialog | None:
        record = self._chosen()
        if record is None:
            return None
        dialog = PasswordDialog(self.ws, record.username, self)
        dialog.accepted.connect(lambda: self._password_set(record.username))
        dialog.open()
        return dialog

    def _password_set(self, username: str) -> None:
        self.reload(username)
        self.show_message(RESET_DONE.format(username=username))
        self.table.setFocus()
