"""The first start on a new database: who we are (agency, commune, province, identifier, clerk, signer)
and, while the database has no account, the first *Quản trị* account (then signed in).

Every printed form carries these names, so nothing is printed until they are filled in. The clerk may
postpone ("Để sau") and still type dossiers; printing then says what is missing and where to fill it.
The first account is an administrator who, by default, also works at the counter (reception): a
one-desk commune has one clerk, who must be able to take dossiers in right after the setup.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.roles import Role
from cchc_desktop.services.accounts import AccountForm, add_account, form_errors, password_error, sign_in
from cchc_desktop.services.settings import REQUIRED_FOR_PRINT, save_settings, settings_from_values
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.settings_dialog import ERROR_STYLE, INVALID_BORDER, AgencyFields
from cchc_desktop.ui.feedback import with_message_below
from cchc_desktop.ui.sign_in.remembered import save_last_username
from cchc_desktop.ui.slow_ops import slow_op

TITLE = "Thiết lập lần đầu: thông tin cơ quan"
INTRO = (
    "<b>Chào mừng đến với CCHC Desk.</b><br>"
    "Trước khi in giấy tiếp nhận đầu tiên, hãy nhập thông tin của cơ quan. Các thông tin này được in "
    "trên mọi biểu mẫu, sổ theo dõi và báo cáo; mã định danh đứng đầu mọi mã hồ sơ."
)
LATER_NOTE = (
    "Có thể sửa lại bất cứ lúc nào ở Hệ thống → Thông tin cơ quan và giờ làm việc… "
    "Chọn “Để sau” thì vẫn nhập được hồ sơ; khi lưu hồ sơ đầu tiên chương trình sẽ hỏi lại, "
    "và chưa in được cho đến khi nhập đủ."
)
SAVE = "Lưu và bắt đầu"
LATER = "Để sau"
ADMIN_TITLE = "Tài khoản quản trị đầu tiên"
ADMIN_INTRO = (
    "Mỗi người dùng đăng nhập bằng tài khoản của mình; mọi thao tác được ghi vào nhật ký. Tài khoản "
    "đầu tiên có vai trò «Quản trị» để thêm tài khoản cho những người khác (Hệ thống → Tài khoản…)."
)
ADMIN_LABELS = {
    "full_name": "Họ và tên:",
    "position": "Chức vụ:",
    "username": "Tên đăng nhập:",
    "password": "Mật khẩu:",
    "password_again": "Nhập lại mật khẩu:",
}
ADMIN_PLACEHOLDERS = {
    "full_name": "họ tên người quản trị phần mềm",
    "position": "ví dụ: Công chức Văn phòng - Thống kê",
    "username": "chữ không dấu, ví dụ: nguyenvana",
    "password": "ít nhất 8 ký tự",
}
ALSO_RECEPTION = "Người này cũng tiếp nhận và trả kết quả hồ sơ tại quầy"
PASSWORDS_DIFFER = "Hai lần nhập mật khẩu không giống nhau; hãy nhập lại."
ENTER_PASSWORD_AGAIN = "Nhập lại mật khẩu để kiểm tra."


class AdminFields(QGroupBox):
    """The first administrator: name, position, username and the password twice, a message under each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ADMIN_TITLE, parent)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        intro = QLabel(ADMIN_INTRO)
        intro.setWordWrap(True)
        form = QFormLayout()
        column = QVBoxLayout(self)
        column.addWidget(intro)  # outside the form: a wrapped label spanning a form row is cut short
        column.addLayout(form)
        for name, text in ADMIN_LABELS.items():
            edit = QLineEdit()
            edit.setObjectName(f"admin_{name}")
            edit.setPlaceholderText(ADMIN_PLACEHOLDERS.get(name, ""))
            if name.startswith("password"):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            holder, error = with_message_below(edit, f"error_admin_{name}", ERROR_STYLE)
            label = QLabel(text)
            label.setBuddy(edit)
            form.addRow(label, holder)
            self.inputs[name] = edit
            self.errors[name] = error
        self.also_reception = QCheckBox(ALSO_RECEPTION)
        self.also_reception.setChecked(True)
        form.addRow("", self.also_reception)

    def account(self) -> AccountForm:
        roles = {Role.ADMIN} | ({Role.RECEPTION} if self.also_reception.isChecked() else set())
        values = {name: edit.text() for name, edit in self.inputs.items()}
        return AccountForm(values["username"], values["full_name"], values["position"], frozenset(roles))

    @property
    def password(self) -> str:
        return self.inputs["password"].text()

    def validation_errors(self) -> dict[str, str]:
        errors = {name: text for name, text in form_errors(self.account()).items() if name in self.inputs}
        if problem := password_error(self.password):
            errors["password"] = problem
        elif not self.inputs["password_again"].text():
            errors["password_again"] = ENTER_PASSWORD_AGAIN
        elif self.inputs["password_again"].text() != self.password:
            errors["password_again"] = PASSWORDS_DIFFER
        return errors

    def show_errors(self, errors: dict[str, str], focus: bool) -> bool:
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            self.inputs[name].setStyleSheet(INVALID_BORDER if message else "")
        first = next((name for name in self.inputs if name in errors), None)
        if first is not None and focus:
            self.inputs[first].setFocus(Qt.FocusReason.OtherFocusReason)
        return first is not None


class FirstRunDialog(QDialog):
    """Asks for the fields a printed form needs; Save stores them (validated), "Để sau" closes."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(700)
        self.current = workspace.settings()
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.agency = AgencyFields("Cơ quan và người ký", list(REQUIRED_FOR_PRINT), self.current)
        self.inputs = self.agency.inputs
        self.errors = self.agency.errors
        # The first account, while the database has none (an older database may have its agency set
        # up but no account yet: its first-run dialog does not show, the accounts dialog adds one).
        self.admin = AdminFields() if not workspace.has_accounts else None
        note = QLabel(LATER_NOTE)
        note.setWordWrap(True)
        note.setObjectName("firstRunNote")
        self.failure = QLabel()
        self.failure.setStyleSheet("color: #b00020;")
        self.failure.setWordWrap(True)
        self.failure.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(LATER, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.agency)
        if self.admin is not None:
            layout.addWidget(self.admin)
        layout.addWidget(note)
        layout.addWidget(self.failure)
        layout.addWidget(self.buttons)
        first_empty = next((edit for edit in self.inputs.values() if not edit.text().strip()), None)
        (first_empty or next(iter(self.inputs.values()))).setFocus()

    def save(self) -> None:
        settings = settings_from_values({**dataclasses.asdict(self.current), **self.agency.values()})
        wrong_agency = self.agency.show_errors(settings.validation_errors())
        if self.admin is not None:
            wrong_admin = self.admin.show_errors(self.admin.validation_errors(), focus=not wrong_agency)
            if wrong_agency or wrong_admin:
                return
        elif wrong_agency:
            return
        try:
            with slow_op("first-run settings save"):
                save_settings(self.workspace, settings)
            if self.admin is not None and not self.workspace.has_accounts:
                self._create_admin(self.admin)
        except UserFacingError as error:  # a field outside this dialog (set by an older version), or
            self.failure.setText(error.message)  # an account made meanwhile at another counter
            self.failure.show()
            return
        self.accept()

    def _create_admin(self, admin: AdminFields) -> None:
        """The first account, then signed in as it (both Argon2: about a tenth of a second each)."""
        with slow_op("first-run account", 1000.0):
            record = add_account(self.workspace, admin.account(), admin.password)
            sign_in(self.workspace, record.username, admin.password)
        save_last_username(record.username)
        for edit in admin.inputs.values():
            if edit.echoMode() is QLineEdit.EchoMode.Password:
                edit.clear()


def needs_first_run(workspace: Workspace) -> bool:
    """True while a printed form would still lack one of the agency's names."""
    return bool(workspace.settings().missing_for_print())
