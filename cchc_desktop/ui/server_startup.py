"""Start-up on a centre server that cannot be used: say why in Vietnamese and offer to try again (the
server PC was still booting) or to open Hệ thống → Máy chủ dữ liệu (a wrong password, a typo in the
address) before the window exists. Never a restore offer: a server's data is not a file on this PC."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.services.server_connection import problem_text
from cchc_desktop.ui import strings

RETRY = "&Thử lại"
SETTINGS = "&Cài đặt máy chủ dữ liệu…"
QUIT = "Thoát"
SERVER_IN_USE = "Máy chủ dữ liệu: {server}."
CHOSEN_BY_ARGUMENT = (
    "Máy chủ này được chọn bằng tùy chọn --db hoặc biến CCHC_DB; hãy sửa địa chỉ ở đó, hoặc mở phần mềm "
    "không kèm --db/CCHC_DB để dùng máy chủ đã lưu trong Hệ thống → Máy chủ dữ liệu."
)


class Choice(Enum):
    RETRY = "retry"
    SETTINGS_SAVED = "settings saved"  # the clerk saved another choice: resolve the paths again
    QUIT = "quit"


def explain_server_failure(error: UserFacingError, paths: AppPaths, parent: QWidget | None = None) -> Choice:
    """Ask what to do about a server that could not be opened."""
    assert paths.server is not None
    box = QMessageBox(
        QMessageBox.Icon.Critical, strings.CANNOT_OPEN_TITLE, problem_text(error), parent=parent
    )
    details = SERVER_IN_USE.format(server=paths.server.display)
    box.setInformativeText(f"{details}\n{CHOSEN_BY_ARGUMENT}" if paths.chosen else details)
    retry = box.addButton(RETRY, QMessageBox.ButtonRole.AcceptRole)
    settings = None if paths.chosen else box.addButton(SETTINGS, QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton(QUIT, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is retry:
        return Choice.RETRY
    if settings is not None and clicked is settings:
        from cchc_desktop.ui.dialogs.server_dialog import ServerDialog

        dialog = ServerDialog(None, parent)
        return Choice.SETTINGS_SAVED if dialog.exec() else Choice.RETRY
    return Choice.QUIT
