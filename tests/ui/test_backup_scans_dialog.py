"""The backup dialog counts the scans it copies into the companion folder and says where they are; the
restore dialog says how many scans a backup needs and how many its folder lacks."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt

from cchc_desktop.services import attachments
from cchc_desktop.services.backup import backup_to
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.scan_files import prepare_scans
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.backup_dialog import BackupDialog
from cchc_desktop.ui.dialogs.restore_dialog import RestoreDialog
from tests import scan_samples
from tests.services.intake_helpers import request


def test_the_dialog_shows_the_scans_copied(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    for line, name in enumerate(("cccd", "to-khai")):
        scan = scan_samples.pdf(tmp_path / f"{name}.pdf", text=name)
        attachments.attach(workspace, code, line, prepare_scans([scan]))
    folder = tmp_path / "usb"
    folder.mkdir()
    dialog = BackupDialog(workspace, list_drives=lambda: [folder], now=lambda: datetime(2026, 3, 2, 17, 0))
    qtbot.addWidget(dialog)
    seen: list[tuple[int, int]] = []
    dialog.scans_copied.connect(lambda done, total: seen.append((done, total)))
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert dialog.last_message.startswith("Đã sao lưu 1 hồ sơ vào ")
    assert dialog.last_message.endswith(
        "Kèm 2 bản số hóa trong thư mục cchc-tep-dinh-kem bên cạnh (2 bản mới chép); "
        "khi mang đi, hãy mang cả thư mục này."
    )
    assert len(list((folder / "cchc-tep-dinh-kem").rglob("*.pdf"))) == 2


def test_the_restore_dialog_says_how_many_scans_the_backup_needs_and_lacks(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    for line, name in enumerate(("cccd", "to-khai")):
        scan = scan_samples.pdf(tmp_path / f"{name}.pdf", text=name)
        attachments.attach(workspace, code, line, prepare_scans([scan]))
    folder = tmp_path / "usb"
    folder.mkdir()
    backup = backup_to(workspace.paths, folder, by=workspace)
    copy = next((folder / "cchc-tep-dinh-kem").rglob("*.pdf"))
    os.chmod(copy, stat.S_IRUSR | stat.S_IWUSR)
    copy.unlink()
    dialog = RestoreDialog(lambda _file: None)
    qtbot.addWidget(dialog)
    dialog.check(backup.path)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.details.text().endswith(
        " Kèm 2 bản số hóa trong thư mục cchc-tep-dinh-kem bên cạnh tệp. 1 bản số hóa không có trong thư mục "
        "cchc-tep-dinh-kem bên cạnh tệp: hãy chép cả thư mục đó cùng tệp sao lưu; nếu không, chỉ khôi phục "
        "được khi máy này còn giữ nguyên các bản đó."
    )
