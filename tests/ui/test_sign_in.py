"""Signing in at the window: the sign-in dialog, the lockout, switching user and the idle lock, the
first administrator made by the first run, and the automatic sign-in of a one-desk file."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMainWindow, QMessageBox

from cchc_desktop.domain.lifecycle import Action
from cchc_desktop.domain.roles import Role
from cchc_desktop.services import workflow
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in, sign_out
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.sign_in_settings import (
    SignInSettings,
    load_sign_in_settings,
    save_sign_in_settings,
)
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui import crash_dialog, launcher
from cchc_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
from cchc_desktop.ui.dialogs.settings_dialog import SettingsDialog
from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog, open_dossier
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.printing import pdf_files_in
from cchc_desktop.ui.sign_in import idle_lock
from cchc_desktop.ui.sign_in.dialog import SignInDialog
from cchc_desktop.ui.tasks import TaskRunner
from tests.agency import TEST_AGENCY
from tests.services.intake_helpers import request
from tests.ui.keyboard import replace_text, type_text

Key = Qt.Key
ADMIN_PASSWORD = "mat-khau-quan-tri"
CLERK_PASSWORD = "mat-khau-tiep-nhan"
LOCKED = "Tài khoản tạm khóa đến "
NOT_ALLOWED = "Tài khoản {user} không có quyền: "
SCREENSHOTS = Path("/tmp")
RECEIVED = datetime(2026, 3, 2, 10, 10)
HANDED = datetime(2026, 3, 2, 14, 0)
LATER = datetime(2026, 3, 3, 9, 0)


@pytest.fixture
def accounts(workspace: Workspace) -> Workspace:
    """An administrator (quantri) and a counter clerk (tiepnhan); nobody signed in."""
    add_account(
        workspace,
        AccountForm("quantri", "Nguyễn Văn Quản", "Công chức VP", frozenset({Role.ADMIN})),
        ADMIN_PASSWORD,
    )
    sign_in(workspace, "quantri", ADMIN_PASSWORD)
    add_account(
        workspace,
        AccountForm("tiepnhan", "Lê Văn Tâm", "Công chức một cửa", frozenset({Role.RECEPTION})),
        CLERK_PASSWORD,
    )
    sign_out(workspace)
    return workspace


@pytest.fixture
def clerk_window(qtbot, accounts: Workspace) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The window as the start-up leaves it once the counter clerk signed in."""
    sign_in(accounts, "tiepnhan", CLERK_PASSWORD)
    window = MainWindow(accounts)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.tracking_tab.filled)  # its list and counts come from its worker
    yield window
    settle(qtbot, window)


def settle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Let the window's background reads (tracking list, report numbers) answer before it is deleted,
    and no delayed report preview start after it."""
    runners = window.findChildren(TaskRunner)
    for runner in runners:
        runner.wait_until_idle(10_000)
    qtbot.waitUntil(lambda: not any(runner.busy for runner in runners), timeout=10_000)
    if window.report_page.is_built:  # the numbers came: their preview would start 0.8 s later
        window.report_tab.preview_timer.stop()


def sign_in_dialog(qtbot, workspace: Workspace) -> SignInDialog:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_and_enter(dialog: SignInDialog, username: str, password: str) -> None:
    """As the clerk does: the name, Tab, the password, Enter."""
    dialog.username.setFocus()
    replace_text(dialog.username, username)
    QTest.keyClick(dialog.username, Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.password
    replace_text(dialog.password, password)
    QTest.keyClick(dialog.password, Key.Key_Return)


def save_menu(window: MainWindow, name: str) -> None:
    """The Hệ thống menu as drawn (not popped up: the test platform cannot grab the keyboard)."""
    window.system_menu.adjustSize()
    window.system_menu.grab().save(str(SCREENSHOTS / name))


def test_signing_in_with_the_right_password_remembers_the_name_for_next_time(
    qtbot, accounts: Workspace
) -> None:  # type: ignore[no-untyped-def]
    dialog = sign_in_dialog(qtbot, accounts)
    assert dialog.windowTitle() == "Đăng nhập — CCHC Desk"
    assert dialog.username.text() == "" and QApplication.focusWidget() is dialog.username
    type_and_enter(dialog, "TiepNhan ", CLERK_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert accounts.actor.username == "tiepnhan" and accounts.actor.full_name == "Lê Văn Tâm"

    again = sign_in_dialog(qtbot, accounts)
    assert again.username.text() == "tiepnhan"  # this computer's last user
    assert QApplication.focusWidget() is again.password and again.password.text() == ""
    again.grab().save(str(SCREENSHOTS / "cchc_sign_in_dialog.png"))


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(qtbot, accounts: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = sign_in_dialog(qtbot, accounts)
    for attempt in range(1, 6):
        type_and_enter(dialog, "tiepnhan", f"sai-mat-khau-{attempt}")
        assert dialog.isVisible() and dialog.password.text() == ""
        assert QApplication.focusWidget() is dialog.password
        if attempt < 5:
            assert dialog.message.text().startswith("Tên đăng nhập hoặc mật khẩu không đúng.")
    assert dialog.message.isVisible() and dialog.message.text().startswith(LOCKED)
    assert "nhập sai mật khẩu 5 lần liên tiếp" in dialog.message.text()
    type_and_enter(dialog, "tiepnhan", CLERK_PASSWORD)
    assert dialog.isVisible() and dialog.message.text().startswith(LOCKED)
    assert accounts.actor.system
    dialog.grab().save(str(SCREENSHOTS / "cchc_sign_in_locked.png"))


def test_quitting_the_start_up_sign_in_closes_the_app(qtbot, accounts: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = sign_in_dialog(qtbot, accounts)
    assert dialog.quit_button.text() == "Thoát"
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert accounts.actor.system


def test_switching_user_keeps_the_typed_dossier_and_gates_the_window_for_the_new_user(
    qtbot, clerk_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = clerk_window
    intake = window.intake_tab
    assert intake.save_action.isEnabled() and intake.print_action.isEnabled()
    assert not window.accounts_action.isVisible()
    assert not window.settings_action.isEnabled()
    assert window.settings_action.toolTip().startswith(NOT_ALLOWED.format(user="tiepnhan"))
    assert not window.data_actions.restore_action.isEnabled()
    assert window.data_actions.backup_action.isEnabled()
    assert window.register_action.isEnabled()
    assert window.user_label.text() == "Lê Văn Tâm (Tiếp nhận và trả kết quả)"
    assert window.report_tab.refusal is None
    save_menu(window, "cchc_menu_reception.png")

    intake.form.applicant.name.setFocus()
    type_text(intake.form.applicant.name, "Nguyễn Thị Ánh Dương")
    QTest.keyClick(window, Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Ctrl+L: lock
    lock = window.lock_dialog
    assert lock is not None and lock.isVisible() and lock.windowTitle() == "Màn hình đã khóa — CCHC Desk"
    qtbot.waitUntil(lock.isActiveWindow)
    assert window.workspace.actor.system and not window.tabs.isVisible()
    assert window.user_label.text() == "Chưa đăng nhập"
    QTest.keyClick(lock, Key.Key_Escape)  # the lock cannot be dismissed
    lock.close()
    assert lock.isVisible() and window.locked

    type_and_enter(lock, "quantri", ADMIN_PASSWORD)
    assert not window.locked and window.tabs.isVisible()
    assert intake.form.applicant.name.text() == "Nguyễn Thị Ánh Dương"  # the work on screen is kept
    assert window.workspace.actor.username == "quantri"
    assert not intake.save_action.isEnabled()
    assert intake.save_action.toolTip().startswith(NOT_ALLOWED.format(user="quantri"))
    assert window.accounts_action.isVisible() and window.accounts_action.isEnabled()
    assert window.audit_action.isVisible()
    assert window.settings_action.isEnabled() and window.data_actions.restore_action.isEnabled()
    assert not window.register_action.isEnabled()
    assert window.user_label.text() == "Nguyễn Văn Quản (Quản trị)"
    assert window.report_tab.refusal is not None  # the report tab follows too
    save_menu(window, "cchc_menu_admin.png")


def test_a_window_left_alone_locks_itself_and_keeps_the_work(
    qtbot, clerk_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(idle_lock, "MS_PER_MINUTE", 20)  # the default 15 "minutes": 0.3 s
    window = clerk_window
    window.session_changed()  # arm the lock with the short minute
    assert window.idle_lock.delay_ms == 300
    name = window.intake_tab.form.applicant.name
    name.setFocus()
    for _ in range(4):  # typing keeps the window open
        type_text(name, "Ng")
        qtbot.wait(100)
        assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    lock = window.lock_dialog
    assert lock is not None
    qtbot.waitUntil(lock.isActiveWindow)
    assert lock.intro.text().startswith("<b>Màn hình đã tự khóa sau 15 phút")
    assert window.workspace.actor.system and not window.tabs.isVisible()
    type_and_enter(lock, "tiepnhan", CLERK_PASSWORD)
    assert not window.locked and name.text() == "NgNgNgNg"
    assert window.intake_tab.save_action.isEnabled()
    assert window.idle_lock.active  # armed again for the next pause


def test_the_first_run_creates_the_administrator_and_signs_in(qtbot, new_workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(new_workspace)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    assert not window.user_label.isVisible()  # no account yet: nobody to name
    seen: list[FirstRunDialog] = []

    def fill(dialog: FirstRunDialog) -> None:
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        for field, text in TEST_AGENCY.items():
            dialog.inputs[field].setFocus()
            type_text(dialog.inputs[field], text)
        QTest.keyClick(dialog.inputs["signer_name"], Key.Key_Return)  # the administrator is still missing
        assert dialog.isVisible()
        assert dialog.admin is not None
        assert QApplication.focusWidget() is dialog.admin.inputs["full_name"]
        assert dialog.admin.errors["username"].text().startswith("Tên đăng nhập gồm 3–60 chữ cái")
        for field, text in (
            ("full_name", "Nguyễn Văn Quản"),
            ("position", "Công chức Văn phòng"),
            ("username", "quantri"),
            ("password", ADMIN_PASSWORD),
            ("password_again", "mat-khau-khac"),
        ):
            type_text(QApplication.focusWidget(), text)
            assert QApplication.focusWidget() is dialog.admin.inputs[field]
            QTest.keyClick(QApplication.focusWidget(), Key.Key_Tab)
        QTest.keyClick(dialog.admin.inputs["password_again"], Key.Key_Return)
        assert (
            dialog.admin.errors["password_again"].text()
            == "Hai lần nhập mật khẩu không giống nhau; hãy nhập lại."
        )
        replace_text(dialog.admin.inputs["password_again"], ADMIN_PASSWORD)
        QTest.keyClick(dialog.admin.inputs["password_again"], Key.Key_Return)

    when_the_dialog_opens(fill, seen)
    assert window.ask_agency_setup() is True
    actor = new_workspace.actor
    assert actor.username == "quantri" and actor.roles == {Role.ADMIN, Role.RECEPTION}
    assert new_workspace.has_accounts
    assert window.user_label.text() == "Nguyễn Văn Quản (Tiếp nhận và trả kết quả, Quản trị)"
    assert window.intake_tab.save_action.isEnabled() and window.accounts_action.isVisible()
    assert SignInDialog(new_workspace).username.text() == "quantri"
    settle(qtbot, window)


def when_the_dialog_opens(act: Callable[[FirstRunDialog], None], seen: list[FirstRunDialog]) -> None:
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstRunDialog)
        seen.append(dialog)
        try:
            act(dialog)
        finally:
            if dialog.isVisible():  # a failed check must not leave the test waiting on the dialog
                dialog.reject()

    QTimer.singleShot(0, run)


def test_a_desk_file_signs_its_chosen_account_in_without_asking(accounts: Workspace) -> None:
    sign_in(accounts, "quantri", ADMIN_PASSWORD)
    save_sign_in_settings(accounts, SignInSettings(15, "tiepnhan"))
    sign_out(accounts)
    assert launcher._signed_in(accounts) is True  # no dialog: it would block here
    assert accounts.actor.username == "tiepnhan"


def test_the_dossier_window_disables_what_the_user_may_not_take_saying_why(
    qtbot, accounts: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sign_in(accounts, "quantri", ADMIN_PASSWORD)
    add_account(
        accounts,
        AccountForm("chuyenvien", "Phạm Thị Thu", "Công chức Tư pháp", frozenset({Role.SPECIALIST})),
        "mat-khau-chuyen-vien",
    )
    sign_in(accounts, "tiepnhan", CLERK_PASSWORD)
    mine = save_intake(accounts, request(), now=RECEIVED).record.code
    other = save_intake(accounts, request(), now=RECEIVED).record.code
    workflow.hand_over(
        accounts,
        mine,
        giver="Lê Văn Tâm",
        taker="",
        taker_unit="Tư pháp",
        at=HANDED,
        taker_account="chuyenvien",
    )
    sign_in(accounts, "chuyenvien", "mat-khau-chuyen-vien")

    def dossier_window(code: str) -> DossierDetailDialog:
        dialog = DossierDetailDialog(
            accounts, code, printer_factory=pdf_files_in(tmp_path), clock=lambda: LATER
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    handed = dossier_window(mine)
    buttons = handed.steps.buttons
    assert buttons[Action.RECEIVE_RESULT].isVisible() and buttons[Action.RECEIVE_RESULT].isEnabled()
    assert buttons[Action.WITHDRAW].isVisible() and not buttons[Action.WITHDRAW].isEnabled()
    assert buttons[Action.WITHDRAW].toolTip().startswith(NOT_ALLOWED.format(user="chuyenvien"))
    assert handed.steps.reprint_button.isEnabled()

    # A dossier never handed to them does not open: the applicant's data is not theirs to read.
    window = QMainWindow()
    qtbot.addWidget(window)
    assert open_dossier(window, accounts, other) is None
    assert window.statusBar().currentMessage() == (
        f"Hồ sơ {other} không được giao cho tài khoản chuyenvien: chuyên viên chỉ xem hồ sơ được chuyển cho mình."
    )
    # Their own, once the result is back at the counter, still opens (they recorded a step of it), and
    # its counter-side steps say why they are not theirs.
    workflow.receive_result(accounts, mine, giver="Phạm Thị Thu", taker="Lê Văn Tâm", at=HANDED)
    returned = dossier_window(mine)
    handing_back = returned.steps.buttons[Action.RETURN_RESULT]
    assert handing_back.isVisible() and not handing_back.isEnabled()
    assert handing_back.toolTip().startswith(NOT_ALLOWED.format(user="chuyenvien"))
    assert not returned.steps.reprint_button.isEnabled()


def answer_the_question(qtbot, button_text: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """When the unsaved-work question shows, click `button_text`."""

    def run() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, run)


def test_quitting_at_the_lock_asks_about_the_typed_dossier_first(qtbot, clerk_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = clerk_window
    name = window.intake_tab.form.applicant.name
    name.setFocus()
    type_text(name, "Nguyễn Thị Ánh Dương")
    window.switch_user_action.trigger()
    lock = window.lock_dialog
    assert lock is not None and lock.quit_button.text() == "Thoát chương trình"
    seen: list[str] = []
    answer_the_question(qtbot, "Quay lại nhập tiếp", seen)
    qtbot.mouseClick(lock.quit_button, Qt.MouseButton.LeftButton)
    assert seen and "Nguyễn Thị Ánh Dương" in seen[0]
    assert window.isVisible() and window.locked and lock.isVisible()  # still locked, the work kept
    assert name.text() == "Nguyễn Thị Ánh Dương"

    answer_the_question(qtbot, "Đóng, bỏ hồ sơ này", seen)
    qtbot.mouseClick(lock.quit_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 2
    assert not window.isVisible() and not lock.isVisible()


def test_the_administrator_sets_the_idle_lock_and_the_automatic_sign_in(qtbot, accounts: Workspace) -> None:  # type: ignore[no-untyped-def]
    sign_in(accounts, "quantri", ADMIN_PASSWORD)
    dialog = SettingsDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.show()
    section = dialog.sign_in
    assert section is not None and section.auto_account is not None
    assert section.idle_minutes.value() == 15
    assert [section.auto_account.itemText(i) for i in range(section.auto_account.count())] == [
        "Không (luôn hỏi mật khẩu)",
        "Nguyễn Văn Quản (quantri)",
        "Lê Văn Tâm (tiepnhan)",
    ]
    section.idle_minutes.setValue(0)
    assert section.idle_minutes.text() == "Không tự khóa"
    section.auto_account.setCurrentIndex(2)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_sign_in_settings(accounts.db) == SignInSettings(0, "tiepnhan")


def test_the_app_asks_to_sign_in_before_filling_its_window_and_quits_when_told(
    qtbot, accounts: Workspace, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    accounts.close()  # the app opens the file itself
    shown: list[str] = []
    crashes: list[str] = []  # a failed check inside the app's loop: reported, not shown in a dialog
    monkeypatch.setattr(crash_dialog._CrashReporter, "_show", lambda _self, summary: crashes.append(summary))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)

    def at_the_dialog(act: Callable[[SignInDialog], None]) -> None:
        def run() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, SignInDialog):  # the window's frame is painted first
                QTimer.singleShot(10, run)
                return
            shown.append(dialog.windowTitle())
            # Behind the dialog only the window's frame: no tab, no dossier before the sign-in.
            frames = [
                w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
            ]
            assert [frame.attached for frame in frames] == [False]
            assert dialog.parentWidget() is frames[0]
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow)
            try:
                act(dialog)
            finally:
                if dialog.isVisible():  # a failed check must not leave the test waiting on the dialog
                    dialog.reject()

        QTimer.singleShot(0, run)

    at_the_dialog(lambda dialog: qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton))
    assert launcher.run_gui(str(db_path)) == 0
    assert not crashes and shown == ["Đăng nhập — CCHC Desk"]

    windows: list[MainWindow] = []

    def sign_in_then_close(dialog: SignInDialog) -> None:
        type_and_enter(dialog, "tiepnhan", CLERK_PASSWORD)

        def close() -> None:
            window = next(
                w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
            )
            windows.append(window)
            shown.append(window.user_label.text())
            window.close_without_questions()

        QTimer.singleShot(0, close)

    at_the_dialog(lambda dialog: sign_in_then_close(dialog))
    assert launcher.run_gui(str(db_path)) == 0
    assert not crashes and shown[1:] == ["Đăng nhập — CCHC Desk", "Lê Văn Tâm (Tiếp nhận và trả kết quả)"]


def test_the_administrator_opens_the_accounts_and_the_log_from_the_system_menu(
    qtbot, accounts: Workspace
) -> None:  # type: ignore[no-untyped-def]
    sign_in(accounts, "quantri", ADMIN_PASSWORD)
    window = MainWindow(accounts)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    report = window.report_tab
    assert report.refusal is not None and not report.export_action.isEnabled()
    assert report.export_action.toolTip().startswith(NOT_ALLOWED.format(user="quantri"))
    opened: list[str] = []

    def close_the_accounts() -> None:
        dialog = QApplication.activeModalWidget()
        opened.append(type(dialog).__name__)
        assert dialog is not None
        dialog.reject()

    QTimer.singleShot(0, close_the_accounts)
    window.accounts_action.trigger()
    assert opened == ["AccountsDialog"]
    assert window.user_label.text() == "Nguyễn Văn Quản (Quản trị)"  # still signed in after the dialog

    window.audit_action.trigger()
    assert window.audit_dialog is not None and window.audit_dialog.isVisible()
    window.audit_dialog.close()
    settle(qtbot, window)


def test_a_dossier_window_is_hidden_while_locked_and_follows_the_next_user(
    qtbot, clerk_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = clerk_window
    code = save_intake(window.workspace, request(), now=RECEIVED).record.code
    window.open_dossier(code)
    dossier = next(d for d in window.findChildren(DossierDetailDialog) if d.isVisible())
    assert dossier.steps.buttons[Action.HAND_OVER].isEnabled()
    window.switch_user_action.trigger()
    lock = window.lock_dialog
    assert lock is not None and not dossier.isVisible()  # no citizen's data on a locked screen
    lock.activateWindow()
    qtbot.waitUntil(lock.isActiveWindow)
    type_and_enter(lock, "quantri", ADMIN_PASSWORD)
    assert dossier.isVisible()
    hand_over = dossier.steps.buttons[Action.HAND_OVER]
    assert not hand_over.isEnabled() and hand_over.toolTip().startswith(NOT_ALLOWED.format(user="quantri"))
    # The administrator opens the log and locks; the counter clerk, who may not read it, signs in.
    window.audit_action.trigger()
    log = window.audit_dialog
    assert log is not None and log.isVisible()
    log.activateWindow()
    qtbot.waitUntil(log.isActiveWindow)
    QTest.keyClick(log, Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Ctrl+L from the log too
    lock = window.lock_dialog
    assert lock is not None and not log.isVisible() and not dossier.isVisible()
    lock.activateWindow()
    qtbot.waitUntil(lock.isActiveWindow)
    type_and_enter(lock, "tiepnhan", CLERK_PASSWORD)
    assert dossier.isVisible() and not log.isVisible()
