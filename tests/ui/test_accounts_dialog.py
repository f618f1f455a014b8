"""Hệ thống → Tài khoản as the admin uses it: adding a person by keyboard, the field messages, disabling,
re-enabling and a new password (which also lifts a lockout)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from cchc_desktop.domain.roles import Role
from cchc_desktop.services.accounts import (
    AccountForm,
    SignInRefusedError,
    add_account,
    list_accounts,
    sign_in,
)
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.accounts_dialog import AccountFormDialog, AccountsDialog, PasswordDialog
from tests.ui.keyboard import type_text

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
ADMIN = AccountForm("quantri", "Nguyễn Văn Quản", "Công chức Văn phòng", frozenset({Role.ADMIN}))
CLERK = AccountForm("lethitam", "Lê Thị Tâm", "Công chức Tư pháp", frozenset({Role.RECEPTION}))


@pytest.fixture
def admin(workspace: Workspace) -> Workspace:
    add_account(workspace, ADMIN, "mat-khau-quan-tri")
    sign_in(workspace, "quantri", "mat-khau-quan-tri")
    return workspace


@pytest.fixture
def open_accounts(qtbot, admin: Workspace):  # type: ignore[no-untyped-def]
    def make() -> AccountsDialog:
        dialog = AccountsDialog(admin)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog

    return make


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _open_form(qtbot, dialog: AccountsDialog, kind: type[QWidget], key: Key) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, ALT)  # a mnemonic clicks its button after a short delay
    qtbot.waitUntil(lambda: any(form.isVisible() for form in dialog.findChildren(kind)))
    form = next(form for form in dialog.findChildren(kind) if form.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and form.isAncestorOf(focused()))
    return form


def _type_new_account(qtbot, username: str, password: str = "mat-khau-moi-1") -> None:  # type: ignore[no-untyped-def]
    """Full name, position, username, the first role (Space), then the password twice, by keyboard."""
    type_text(focused(), "Trần Thị Bình")
    qtbot.keyClick(focused(), Key.Key_Tab)
    type_text(focused(), "Công chức Địa chính")
    qtbot.keyClick(focused(), Key.Key_Tab)
    type_text(focused(), username)
    qtbot.keyClick(focused(), Key.Key_Tab)
    qtbot.keyClick(focused(), Key.Key_Space)  # Tiếp nhận và trả kết quả
    for _ in range(len(Role)):
        qtbot.keyClick(focused(), Key.Key_Tab)
    type_text(focused(), password)
    qtbot.keyClick(focused(), Key.Key_Tab)
    type_text(focused(), password)


def test_an_account_added_by_keyboard_is_listed_and_can_sign_in(
    qtbot, open_accounts, admin: Workspace
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_accounts()
    form = _open_form(qtbot, dialog, AccountFormDialog, Key.Key_T)
    assert isinstance(form, AccountFormDialog)
    _type_new_account(qtbot, "tranthibinh")
    qtbot.keyClick(focused(), Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())

    assert (
        "tranthibinh",
        "Trần Thị Bình",
        "Công chức Địa chính",
        "Tiếp nhận và trả kết quả",
        "Hoạt động",
    ) in (dialog.row_texts())
    assert dialog.current is not None and dialog.current.username == "tranthibinh"
    assert dialog.last_message == "Đã thêm tài khoản tranthibinh."
    assert sign_in(admin, "tranthibinh", "mat-khau-moi-1").full_name == "Trần Thị Bình"


def test_a_bad_username_and_a_mistyped_password_are_said_next_to_their_fields(
    qtbot, open_accounts, admin: Workspace
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_accounts()
    form = _open_form(qtbot, dialog, AccountFormDialog, Key.Key_T)
    assert isinstance(form, AccountFormDialog)
    _type_new_account(qtbot, "Bình")
    assert form.password_again is not None
    type_text(form.password_again, "x")  # the second password no longer matches
    qtbot.keyClick(focused(), Key.Key_Return)

    assert form.isVisible()
    username_error = form.fields.errors["username"]
    assert username_error.isVisible() and "Tên đăng nhập gồm 3–60 chữ cái không dấu" in username_error.text()
    assert (
        form.fields.errors["password_again"].text()
        == "Hai lần nhập mật khẩu không giống nhau: hãy nhập lại cho khớp."
    )
    assert not form.fields.errors["full_name"].isVisible()
    assert focused() is form.username  # the first field to correct
    assert [record.username for record in list_accounts(admin)] == ["quantri"]

    form.username.clear()
    type_text(form.username, "tranthibinh")
    form.password_again.clear()
    type_text(form.password_again, "mat-khau-moi-1")
    qtbot.keyClick(focused(), Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert [record.username for record in list_accounts(admin)] == ["quantri", "tranthibinh"]


def test_a_username_already_taken_is_refused_in_the_form_keeping_what_was_typed(
    qtbot, open_accounts, admin: Workspace
) -> None:  # type: ignore[no-untyped-def]
    add_account(admin, CLERK, "mat-khau-tiep-nhan")
    dialog = open_accounts()
    form = _open_form(qtbot, dialog, AccountFormDialog, Key.Key_T)
    assert isinstance(form, AccountFormDialog)
    _type_new_account(qtbot, "lethitam")
    qtbot.keyClick(focused(), Key.Key_Return)

    assert form.isVisible()
    assert form.failure.isVisible()
    assert form.failure.text() == "Tên đăng nhập «lethitam» đã có; hãy chọn tên khác."
    assert form.full_name.text() == "Trần Thị Bình"


def _select(dialog: AccountsDialog, username: str) -> None:
    row = [record.username for record in dialog.records].index(username)
    dialog.table.setCurrentCell(row, 0)
    dialog.table.setFocus()


def _state(dialog: AccountsDialog, username: str) -> str:
    return next(texts[4] for texts in dialog.row_texts() if texts[0] == username)


def test_disable_and_enable_again(qtbot, open_accounts, admin: Workspace) -> None:  # type: ignore[no-untyped-def]
    add_account(admin, CLERK, "mat-khau-tiep-nhan")
    dialog = open_accounts()
    _select(dialog, "lethitam")
    assert dialog.toggle_button.text() == "&Vô hiệu hóa"
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)

    assert _state(dialog, "lethitam") == "Đã khóa"
    assert dialog.toggle_button.text() == "&Kích hoạt lại"
    with pytest.raises(SignInRefusedError, match="đã bị vô hiệu hóa"):
        sign_in(admin, "lethitam", "mat-khau-tiep-nhan")

    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert _state(dialog, "lethitam") == "Hoạt động"
    assert dialog.last_message == "Đã kích hoạt lại tài khoản lethitam."


def test_the_signed_in_admin_cannot_disable_themselves(qtbot, open_accounts) -> None:  # type: ignore[no-untyped-def]
    dialog = open_accounts()
    _select(dialog, "quantri")
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert dialog.last_message == "Không thể tự khóa tài khoản đang đăng nhập."
    assert "#b00020" in dialog.message.styleSheet()
    assert _state(dialog, "quantri") == "Hoạt động"


def test_a_new_password_lifts_the_lockout(qtbot, open_accounts, admin: Workspace) -> None:  # type: ignore[no-untyped-def]
    add_account(admin, CLERK, "mat-khau-tiep-nhan")
    for _ in range(5):
        with pytest.raises(SignInRefusedError):
            sign_in(admin, "lethitam", "sai-mat-khau")
    dialog = open_accounts()
    assert _state(dialog, "lethitam").startswith("Tạm khóa đến ")
    _select(dialog, "lethitam")
    form = _open_form(qtbot, dialog, PasswordDialog, Key.Key_M)
    assert isinstance(form, PasswordDialog)
    type_text(focused(), "ngan")  # too short
    qtbot.keyClick(focused(), Key.Key_Return)
    assert form.fields.errors["password"].text() == "Mật khẩu cần ít nhất 8 ký tự."
    form.password.clear()
    type_text(form.password, "mat-khau-moi-2")
    type_text(form.password_again, "mat-khau-moi-2")
    qtbot.keyClick(focused(), Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())

    assert _state(dialog, "lethitam") == "Hoạt động"
    assert dialog.last_message == "Đã đặt mật khẩu mới cho tài khoản lethitam; hãy báo cho người dùng."
    assert sign_in(admin, "lethitam", "mat-khau-moi-2").username == "lethitam"


def test_the_edit_form_keeps_the_username_and_saves_roles(qtbot, open_accounts, admin: Workspace) -> None:  # type: ignore[no-untyped-def]
    add_account(admin, CLERK, "mat-khau-tiep-nhan")
    dialog = open_accounts()
    _select(dialog, "lethitam")
    qtbot.keyClick(dialog.table, Key.Key_Return)  # Enter on a row edits it
    qtbot.waitUntil(lambda: any(form.isVisible() for form in dialog.findChildren(AccountFormDialog)))
    form = next(form for form in dialog.findChildren(AccountFormDialog) if form.isVisible())
    assert form.username.isReadOnly() and form.password is None
    box = form.role_boxes[Role.LEADER]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the box
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    roles = next(texts[3] for texts in dialog.row_texts() if texts[0] == "lethitam")
    assert roles == "Tiếp nhận và trả kết quả, Lãnh đạo"


def test_screenshot(qtbot, open_accounts, admin: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_account(admin, CLERK, "mat-khau-tiep-nhan")
    dialog = open_accounts()
    dialog.grab().save("/tmp/accounts_dialog.png")
    form = _open_form(qtbot, dialog, AccountFormDialog, Key.Key_T)
    type_text(focused(), "")
    qtbot.keyClick(focused(), Key.Key_Return)  # every field message shown
    form.grab().save("/tmp/account_form.png")
    assert datetime.now()  # the pictures are looked at by hand
