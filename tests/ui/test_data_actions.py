from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from cchc_desktop.services.backup import backup_to
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.restore import restore_from
from cchc_desktop.ui.main_window import MainWindow
from tests.services.intake_helpers import request


def test_the_system_menu_offers_the_data_actions(main_window: MainWindow) -> None:
    texts = [a.text() for a in main_window.data_actions.actions()]
    assert texts == [
        "Nhập dữ liệu từ tệp…",
        "Xuất dữ liệu ra tệp…",
        "Sao lưu ra USB/thư mục…",
        "Khôi phục từ bản sao lưu…",
    ]
    assert main_window.data_actions.backup_action.shortcut().toString() == "Ctrl+B"


def test_a_restore_closes_the_workspace_and_starts_the_app_again(
    main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = main_window.workspace
    save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10))
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = backup_to(workspace.paths, usb).path
    restarted: list[bool] = []
    actions = main_window.data_actions
    actions.restart = lambda: restarted.append(True)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    actions._close_workspace()
    assert not main_window.tracking_timer.isActive()
    result = restore_from(workspace.paths, copy)
    actions._after_restore(result)
    assert restarted == [True]
    assert result.info.dossier_count == 1
