from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.paths import AppPaths, resolve_paths
from cchc_desktop.services.backup import backup_to
from cchc_desktop.services.workspace import open_workspace
from cchc_desktop.ui import startup_checks
from cchc_desktop.ui.launcher import run_gui
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.startup_checks import StartupChecks, explain_open_failure


def test_a_sound_database_gets_its_daily_backup_in_the_background(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    checks = StartupChecks(main_window, main_window.workspace.paths)
    checks.start()
    qtbot.waitUntil(lambda: checks.report is not None, timeout=10_000)
    assert checks.report is not None and checks.report.backup is not None
    assert checks.report.backup.exists()
    assert "Đã sao lưu tự động" in main_window.statusBar().currentMessage()


def test_a_damaged_database_is_reported(
    qtbot,
    main_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(
        startup_checks, "quick_check", lambda _path: "*** in database main ***\nPage 7 is never used"
    )
    checks = StartupChecks(main_window, main_window.workspace.paths)
    checks.start()
    qtbot.waitUntil(lambda: checks.report is not None, timeout=10_000)
    boxes = main_window.findChildren(QMessageBox)
    assert boxes and "bị hỏng" in boxes[0].text()
    assert checks.report is not None and checks.report.backup is None
    for box in boxes:
        box.close()
    assert not list(Path(main_window.workspace.paths.backups).glob("cchc-sao-luu-*"))


def _good_backup_and_a_damaged_database(db_path: Path) -> AppPaths:
    paths = resolve_paths(str(db_path))
    workspace = open_workspace(paths)
    paths.backups.mkdir(parents=True, exist_ok=True)
    backup = backup_to(paths, paths.backups)
    workspace.close()
    for sidecar in db_path.parent.glob(db_path.name + "-*"):
        sidecar.unlink()
    db_path.write_bytes(b"SQLite format 3\x00" + b"\xab" * 8000)  # the header survived, nothing else
    assert backup.path.exists()
    return paths


def _answer_with(monkeypatch: pytest.MonkeyPatch, button_text: str | None, shown: list[QMessageBox]) -> None:
    def answer(box: QMessageBox) -> int:
        shown.append(box)
        for button in box.buttons():
            if button.text() == button_text:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)


def test_a_database_that_cannot_be_opened_shows_why_and_the_newest_good_backup(
    qtbot,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    paths = _good_backup_and_a_damaged_database(db_path)
    before = db_path.read_bytes()
    shown: list[QMessageBox] = []
    _answer_with(monkeypatch, startup_checks.QUIT_BUTTON, shown)
    assert run_gui(str(db_path)) != 0
    assert len(shown) == 1
    assert "bị hỏng" in shown[0].text()
    newest = sorted(paths.backups.glob("*.sqlite3"))[-1]
    assert f"Bản sao lưu tốt gần nhất: {newest}" in shown[0].informativeText()
    assert [b.text() for b in shown[0].buttons()] == [
        startup_checks.RESTORE_BUTTON,
        startup_checks.QUIT_BUTTON,
    ]
    assert db_path.read_bytes() == before


def test_the_newest_good_backup_can_be_put_back_from_that_message(
    qtbot,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    paths = _good_backup_and_a_damaged_database(db_path)
    shown: list[QMessageBox] = []
    _answer_with(monkeypatch, startup_checks.RESTORE_BUTTON, shown)
    with pytest.raises(UserFacingError) as error:
        open_workspace(paths)
    assert explain_open_failure(error.value, paths)
    open_workspace(paths).close()  # opens now
    assert list(paths.backups.glob("hong-truoc-khoi-phuc-*"))  # the damaged bytes are kept


def test_another_programs_file_offers_no_restore(
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    database = tmp_path / "other.sqlite3"
    shutil.copy(
        Path(__file__).parents[1] / "storage" / "data" / "hostile" / "other_program.sqlite3", database
    )
    shown: list[QMessageBox] = []
    _answer_with(monkeypatch, None, shown)
    assert run_gui(str(database)) != 0
    assert "không phải cơ sở dữ liệu của CCHC Desk" in shown[0].text()
    assert [b.text() for b in shown[0].buttons()] == [startup_checks.QUIT_BUTTON]


@pytest.mark.audit_tampered
def test_dossiers_changed_behind_the_apps_back_are_reported_after_start(
    qtbot,
    main_window: MainWindow,  # type: ignore[no-untyped-def]
) -> None:
    import sqlite3
    from datetime import datetime

    from cchc_desktop.services.intake import save_intake
    from tests.agency import set_up_agency
    from tests.services.intake_helpers import request

    workspace = main_window.workspace
    set_up_agency(workspace)
    code = save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    with sqlite3.connect(workspace.paths.database) as connection:
        connection.execute("UPDATE dossier SET status = 'xyz' WHERE code = ?", (code,))
    connection.close()
    checks = StartupChecks(main_window, workspace.paths)
    checks.start()
    qtbot.waitUntil(lambda: checks.report is not None, timeout=10_000)
    boxes = [
        box
        for box in main_window.findChildren(QMessageBox)
        if box.windowTitle() == startup_checks.FAULTY_TITLE
    ]
    assert boxes and f"{code}: trạng thái không hợp lệ" in boxes[0].text()
    for box in boxes:
        box.close()


def test_on_a_server_the_local_file_is_not_checked_and_the_daily_backup_is_made(
    postgres_server,  # type: ignore[no-untyped-def]
) -> None:
    address = postgres_server.new_database()
    try:
        paths = resolve_paths(address.url(with_password=True))
        # An old desk's damaged file in the data folder has nothing to do with the server's data.
        paths.database.parent.mkdir(parents=True, exist_ok=True)
        paths.database.write_bytes(b"SQLite format 3\x00" + b"\xab" * 8000)
        report = startup_checks.run_checks(paths, datetime(2026, 3, 2, 10, 10))
        assert report.problem is None
        assert report.backup is not None and report.backup.parent == paths.backups
        assert report.message == startup_checks.BACKED_UP.format(path=report.backup)
    finally:
        postgres_server.drop_database(address.database)
