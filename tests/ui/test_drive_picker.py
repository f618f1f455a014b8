"""Where the backup and the report export write: the list follows the sticks plugged in, a folder picked
instead becomes the target, and the buttons wait while the dialog writes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs import backup_dialog
from cchc_desktop.ui.dialogs.backup_dialog import DRIVE_TEXTS, BackupDialog
from cchc_desktop.ui.dialogs.drive_picker import DrivePicker
from tests.ui.test_data_dialogs import Chooser

TIMEOUT = 10_000
LEFT = Qt.MouseButton.LeftButton


def listed(picker: DrivePicker) -> list[str]:
    return [picker.drives.item(row).text() for row in range(picker.drives.count())]


def test_refresh_lists_the_sticks_plugged_in_since(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plugged: list[Path] = []
    picker = DrivePicker(DRIVE_TEXTS, Chooser(""), lambda: list(plugged))
    qtbot.addWidget(picker)
    targets: list[Path | None] = []
    picker.target_changed.connect(targets.append)
    picker.refresh()
    picker.show()
    assert listed(picker) == [] and picker.no_drives.isVisible() and targets == [None]

    stick, other = tmp_path / "KINGSTON", tmp_path / "SANDISK"
    plugged += [stick, other]
    qtbot.mouseClick(picker.refresh_button, LEFT)
    assert listed(picker) == [str(stick), str(other)] and not picker.no_drives.isVisible()
    assert picker.selected_drive() == stick and targets[-1] == stick
    picker.drives.setCurrentRow(1)
    assert targets[-1] == other

    plugged.clear()  # both pulled
    qtbot.mouseClick(picker.refresh_button, LEFT)
    assert listed(picker) == [] and picker.no_drives.isVisible()
    assert picker.selected_drive() is None and targets[-1] is None


def test_a_cancelled_folder_dialog_chooses_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    chooser = Chooser("")
    picker = DrivePicker(DRIVE_TEXTS, chooser, list)
    qtbot.addWidget(picker)
    chosen: list[Path] = []
    picker.target_chosen.connect(chosen.append)
    qtbot.mouseClick(picker.other_button, LEFT)
    assert [caption for caption, *_ in chooser.asked] == ["Chọn thư mục để sao lưu"] and chosen == []


def test_the_dialog_follows_the_drive_list_and_writes_to_the_folder_picked(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:
    plugged: list[Path] = []
    folder = tmp_path / "other"
    folder.mkdir()
    dialog = BackupDialog(workspace, choose_folder=Chooser(folder), list_drives=lambda: list(plugged))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.backup_button.isEnabled()
    stick = tmp_path / "stick"
    stick.mkdir()
    plugged.append(stick)
    qtbot.mouseClick(dialog.picker.refresh_button, LEFT)
    assert dialog.backup_button.isEnabled() and dialog.picker.selected_drive() == stick

    qtbot.mouseClick(dialog.picker.other_button, LEFT)  # the folder, not the stick selected
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)
    (made,) = folder.iterdir()
    assert list(stick.iterdir()) == [] and dialog.last_message.startswith(f"Đã sao lưu 0 hồ sơ vào {made} (")


def test_a_double_clicked_drive_is_written_to(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "first", tmp_path / "second"
    for drive in (first, second):
        drive.mkdir()
    dialog = BackupDialog(workspace, list_drives=lambda: [first, second])
    qtbot.addWidget(dialog)
    dialog.show()
    drives = dialog.picker.drives
    item = drives.item(1)
    assert item is not None
    where = drives.visualItemRect(item).center()
    # A real double-click: press and release, then the double-click (QTest's alone has no press).
    qtbot.mouseClick(drives.viewport(), LEFT, pos=where)
    qtbot.mouseDClick(drives.viewport(), LEFT, pos=where)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)
    assert list(first.iterdir()) == [] and len(list(second.iterdir())) == 1


def test_the_buttons_wait_while_the_dialog_writes(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_backup(_paths: object, _folder: Path, **_who: object) -> None:
        release.wait(TIMEOUT / 1000)
        raise UserFacingError("Ổ USB đã bị rút ra.")

    monkeypatch.setattr(backup_dialog, "backup_to", slow_backup)
    dialog = BackupDialog(workspace, list_drives=lambda: [tmp_path])
    qtbot.addWidget(dialog)
    picker = dialog.picker
    assert dialog.back_up_to_selected()
    buttons = (dialog.backup_button, picker.refresh_button, picker.other_button)
    assert not any(button.isEnabled() for button in buttons) and picker.drives.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)
    assert all(button.isEnabled() for button in buttons)
    assert dialog.last_message == "Chưa sao lưu được: Ổ USB đã bị rút ra."
