"""A new install asks who we are before the first receipt; until then printing says what is missing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cchc_desktop.domain.roles import Role
from cchc_desktop.services.settings import OLD_EXAMPLE_AGENCY
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import dossier_repo, settings_repo
from cchc_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
from cchc_desktop.ui.main_window import MainWindow
from tests.agency import TEST_AGENCY
from tests.ui.keyboard import replace_text, type_text
from tests.ui.test_intake_support import choose_procedure, fill_valid_applicant, prepare, press, wait_idle

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
MISSING = "tên xã, tỉnh/thành phố, mã định danh cơ quan, địa danh, công chức tiếp nhận, họ tên người ký"


@pytest.fixture
def new_window(qtbot, new_workspace: Workspace) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(new_workspace)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    yield window


def when_the_dialog_opens(act: Callable[[FirstRunDialog], None], seen: list[FirstRunDialog]) -> None:
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstRunDialog)
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, run)


FIRST_ADMIN = {
    "full_name": "Lê Văn Tâm",
    "position": "Công chức Văn phòng - Thống kê",
    "username": "letam",
    "password": "mat-khau-quan-tri",
    "password_again": "mat-khau-quan-tri",
}


def type_the_agency(dialog: FirstRunDialog) -> None:
    """Field after field with the keyboard, as the clerk does, then the first administrator (a new
    database has no account yet); Enter saves."""
    for name, text in TEST_AGENCY.items():
        dialog.inputs[name].setFocus()
        type_text(dialog.inputs[name], text)
    if dialog.admin is not None:
        for name, text in FIRST_ADMIN.items():
            dialog.admin.inputs[name].setFocus()
            type_text(dialog.admin.inputs[name], text)
    QTest.keyClick(dialog.inputs["signer_name"], Key.Key_Return)


def test_a_new_database_opens_the_first_run_dialog_and_keeps_what_is_typed(
    qtbot, new_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    seen: list[FirstRunDialog] = []
    when_the_dialog_opens(type_the_agency, seen)
    assert new_window.ask_agency_setup() is True
    dialog = seen[0]
    assert dialog.windowTitle() == "Thiết lập lần đầu: thông tin cơ quan"
    assert all(dialog.inputs[name].placeholderText() for name in TEST_AGENCY)
    stored = new_window.workspace.settings()
    assert {name: getattr(stored, name) for name in TEST_AGENCY} == TEST_AGENCY
    assert stored.missing_for_print() == []
    # The first administrator, who also works at the counter, is signed in.
    actor = new_window.workspace.actor
    assert (actor.username, actor.full_name) == ("letam", "Lê Văn Tâm")
    assert actor.roles == {Role.ADMIN, Role.RECEPTION}
    assert new_window.user_label.text() == "Lê Văn Tâm (Tiếp nhận và trả kết quả, Quản trị)"
    assert new_window.ask_agency_setup() is True  # set up: no dialog any more (it would block here)


def test_the_dialog_checks_what_is_typed(qtbot, new_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog(new_window.workspace, new_window)
    qtbot.addWidget(dialog)
    dialog.show()
    for name, text in TEST_AGENCY.items():
        replace_text(dialog.inputs[name], text)
    replace_text(dialog.inputs["agency_identifier"], "000.17.22-H56")
    dialog.inputs["signer_name"].clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert (
        dialog.errors["agency_identifier"]
        .text()
        .startswith("Mã định danh chỉ gồm chữ cái không dấu, chữ số và dấu chấm")
    )
    assert dialog.errors["signer_name"].text() == "Nhập họ tên người ký văn bản."
    assert dialog.inputs["agency_identifier"].styleSheet() and not dialog.inputs["commune_name"].styleSheet()
    assert new_window.workspace.settings().missing_for_print()  # nothing stored


def test_later_keeps_the_database_unset_and_printing_explains(
    qtbot, new_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    seen: list[FirstRunDialog] = []
    when_the_dialog_opens(
        lambda dialog: qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton), seen
    )
    assert new_window.ask_agency_setup() is False
    assert seen and new_window.workspace.settings().missing_for_print()

    tab = prepare(new_window, tmp_path)
    qtbot.waitUntil(new_window.isActiveWindow)  # the keys reach the window again
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    when_the_dialog_opens(lambda dialog: dialog.reject(), seen)  # Ctrl+S asks again: still "Để sau"
    press(qtbot, Key.Key_S, CTRL)
    assert len(seen) == 2
    assert tab.last_saved is None
    assert tab.form.applicant.name.text() == "Nguyễn Thị Ánh Dương"  # the citizen's dossier is kept
    assert tab.last_status.startswith(
        "Hồ sơ đang nhập vẫn giữ nguyên. Chưa lưu được: mã hồ sơ cần mã định danh"
    )

    qtbot.waitUntil(new_window.isActiveWindow)
    when_the_dialog_opens(type_the_agency, seen)  # the third time the clerk fills it in: saved at once
    press(qtbot, Key.Key_S, CTRL)
    assert tab.last_saved is not None
    assert new_window.workspace.actor.username == "letam"  # the dossier is taken in by the new account
    assert new_window.user_label.text().startswith("Lê Văn Tâm (")
    assert tab.last_saved.record.code.startswith("000.00.00.H00-260302-")
    wait_idle(qtbot, tab)


def test_printing_before_the_setup_is_refused_naming_what_is_missing(
    qtbot, main_window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    press(qtbot, Key.Key_S, CTRL)
    wait_idle(qtbot, tab)
    code = tab.last_saved.record.code  # type: ignore[union-attr]
    with workspace.db.write() as tx:  # as an older version left a database: no signer
        settings_repo.write_many(tx, {"signer_name": ""})
    press(qtbot, Key.Key_P, CTRL)
    wait_idle(qtbot, tab)
    expected = (
        "Chưa in được vì thông tin cơ quan chưa đủ: còn thiếu họ tên người ký. "
        "Vào Hệ thống → Thông tin cơ quan và giờ làm việc… để nhập, rồi in lại."
    )
    assert tab.last_status.startswith(expected)
    assert tab.strip.isVisible() and tab.strip.text().startswith(expected)
    with workspace.db.read() as tx:
        row = dossier_repo.by_code(tx, code)
        assert row is not None and row.id is not None
        assert not [e for e in dossier_repo.events_of(tx, row.id) if e.kind.startswith("printed")]
    assert not list(tmp_path.glob("*.pdf"))


def test_an_old_database_with_the_example_agency_asks_with_empty_fields(
    qtbot, main_window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    with workspace.db.write() as tx:
        settings_repo.write_many(tx, OLD_EXAMPLE_AGENCY)
    dialog = FirstRunDialog(workspace, main_window)
    qtbot.addWidget(dialog)
    assert [edit.text() for edit in dialog.inputs.values()] == [""] * 6  # never "Đại Hợp" as if real
    assert ", ".join(workspace.settings().missing_for_print()) == MISSING
