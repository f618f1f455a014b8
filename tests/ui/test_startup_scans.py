"""At start-up a scan missing from the store is reported naming its dossier (the cheap look: sizes only)."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from cchc_desktop.services import attachments
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.scan_files import prepare_scans
from cchc_desktop.storage import attachment_store
from cchc_desktop.ui import startup_checks
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.startup_checks import StartupChecks
from tests import scan_samples
from tests.services.intake_helpers import request


def test_a_deleted_scan_is_reported_with_its_dossier_after_start(
    qtbot,  # type: ignore[no-untyped-def]
    main_window: MainWindow,
    tmp_path: Path,
) -> None:
    workspace = main_window.workspace
    code = save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    (scan,) = attachments.attach(workspace, code, 0, prepare_scans([scan_samples.pdf(tmp_path / "cccd.pdf")]))
    path = attachment_store.blob_path(attachment_store.desk_folder(workspace.db.path), scan.sha256)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    path.unlink()
    checks = StartupChecks(main_window, workspace.paths)
    checks.start()
    qtbot.waitUntil(lambda: checks.report is not None, timeout=10_000)
    boxes = [
        box
        for box in main_window.findChildren(QMessageBox)
        if box.windowTitle() == startup_checks.SCANS_TITLE
    ]
    assert boxes and f"Hồ sơ {code}: thiếu tệp bản số hóa" in boxes[0].text()
    # One lost scan does not stop the daily backup of everything else.
    assert checks.report is not None and checks.report.backup is not None
    assert checks.report.message.startswith("Đã sao lưu tự động")
    for box in boxes:
        box.close()
