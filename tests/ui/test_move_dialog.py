"""Hệ thống → Chuyển dữ liệu lên máy chủ, driven as a clerk drives it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.move_dialog import MoveDialog
from cchc_desktop.ui.main_window import MainWindow
from tests.services.intake_helpers import request
from tests.ui.keyboard import replace_text, type_text

NOW = datetime(2026, 3, 2, 10, 10)


@pytest.fixture
def server(server_databases: Callable[..., ServerAddress]) -> ServerAddress:
    return server_databases(empty=True)


@pytest.fixture
def dialog(qtbot, workspace: Workspace) -> MoveDialog:  # type: ignore[no-untyped-def]
    for name in ("Nguyễn Thị Hoa", "Trần Văn Bình"):
        save_intake(workspace, request(applicant_name=name), now=NOW)
    dialog = MoveDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_server(qtbot, dialog: MoveDialog, address: ServerAddress) -> None:  # type: ignore[no-untyped-def]
    for name, value in (
        ("host", address.host),
        ("port", str(address.port)),
        ("database", address.database),
        ("user", address.user),
        ("password", address.password or ""),
    ):
        replace_text(dialog.fields[name], value)


def _move(qtbot, dialog: MoveDialog) -> str:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    return dialog.message.text()


def test_the_desk_moves_with_a_progress_bar_and_a_second_move_lists_the_codes(
    qtbot,
    dialog: MoveDialog,
    server: ServerAddress,  # type: ignore[no-untyped-def]
) -> None:
    _type_server(qtbot, dialog, server)
    seen: list[int] = []
    dialog.progress_changed.connect(lambda done, _total: seen.append(done))
    text = _move(qtbot, dialog)
    assert text.startswith(
        f"Đã chuyển 2 hồ sơ và 2 bước xử lý lên {server.display} (cơ sở dữ liệu mới được tạo)"
    )
    assert "Hệ thống → Máy chủ dữ liệu" in text
    assert seen and seen[-1] == dialog.bar.maximum() and dialog.bar.value() == dialog.bar.maximum()
    assert dialog.outcome is not None and dialog.outcome.server_backup.is_file()
    assert dialog.fields["password"].text() == ""  # not left on the screen

    type_text(dialog.fields["password"], server.password or "")
    text = _move(qtbot, dialog)
    assert text.startswith(f"Chưa chuyển được: Không chuyển được lên {server.display}: 2 mã hồ sơ đã có")
    assert "000.00.00.H00-260302-0001" in text and "Chưa chuyển gì lên máy chủ" in text
    assert dialog.move_button.isEnabled()
    message = dialog.message  # the whole refusal is on screen, its advice at the end included
    assert message.height() >= message.heightForWidth(message.width())
    assert message.geometry().bottom() < dialog.close_button.geometry().top()


def test_what_is_missing_is_named_before_connecting(qtbot, dialog: MoveDialog) -> None:  # type: ignore[no-untyped-def]
    for field in dialog.fields.values():
        field.clear()
    assert not dialog.start()
    assert dialog.message.text() == "Nhập địa chỉ máy chủ."
    assert dialog.fields["host"].hasFocus()
    type_text(dialog.fields["host"], "192.168.1.10")
    type_text(dialog.fields["database"], "cchc")
    type_text(dialog.fields["user"], "cchc")
    type_text(dialog.fields["port"], "99999")
    assert not dialog.start()
    assert dialog.message.text().startswith("Cổng phải là một số")


def test_a_wrong_password_says_so_and_writes_nothing(
    qtbot,
    dialog: MoveDialog,
    server: ServerAddress,  # type: ignore[no-untyped-def]
) -> None:
    _type_server(qtbot, dialog, server.with_password("sai mật khẩu"))
    text = _move(qtbot, dialog)
    assert text.startswith("Chưa chuyển được: Máy chủ dữ liệu từ chối đăng nhập: sai mật khẩu")
    assert not dialog.bar.isVisible()


def test_the_system_menu_opens_the_dialog(
    qtbot,
    main_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    opened: list[MoveDialog] = []
    monkeypatch.setattr(MoveDialog, "exec", lambda self: opened.append(self) or 0)
    action = main_window.move_to_server_action
    assert action.text() == "Chuyển dữ liệu lên máy chủ…"
    assert action in main_window.menuBar().actions()[1].menu().actions()
    action.trigger()
    assert len(opened) == 1 and opened[0].workspace is main_window.workspace
