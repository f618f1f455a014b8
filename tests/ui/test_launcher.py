from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile

from cchc_desktop.ui import crash_dialog
from cchc_desktop.ui.launcher import acquire_instance_lock


def test_a_second_instance_on_the_same_database_is_refused(tmp_path: Path) -> None:
    first = QLockFile(str(tmp_path / "cchc.sqlite3.lock"))
    second = QLockFile(str(tmp_path / "cchc.sqlite3.lock"))
    assert acquire_instance_lock(first)
    assert not acquire_instance_lock(second)
    first.unlock()
    assert acquire_instance_lock(second)
    second.unlock()


def test_an_uncaught_exception_is_logged_and_shown(
    qtbot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(crash_dialog._CrashReporter, "_show", lambda self, summary: shown.append(summary))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash_dialog.install_crash_hook(tmp_path / "cchc.log")
    reporter = crash_dialog._reporter
    assert reporter is not None
    try:
        raise ValueError("hỏng")
    except ValueError as error:
        with caplog.at_level(logging.CRITICAL), qtbot.waitSignal(reporter.crashed):
            crash_dialog._report(type(error), error, error.__traceback__)
    assert "uncaught exception" in caplog.text
    qtbot.waitUntil(lambda: bool(shown))
    assert "ValueError: hỏng" in shown[0]


def test_a_save_waiting_for_another_programs_write_says_so_in_the_status_bar(
    qtbot,
    main_window,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from cchc_desktop.ui.waiting_notice import WAITING, WaitingNotice
    from tests.agency import set_up_agency
    from tests.storage.test_engine import another_program_writing

    shown: list[str] = []
    bar = main_window.statusBar()
    monkeypatch.setattr(bar, "showMessage", lambda text, *_: shown.append(text))
    monkeypatch.setattr(bar, "clearMessage", lambda: shown.append(""))
    monkeypatch.setattr(bar, "currentMessage", lambda: shown[-1] if shown else "")
    db = main_window.workspace.db
    db.on_waiting = WaitingNotice(main_window)
    with another_program_writing(db.path, 1.0):
        set_up_agency(main_window.workspace)  # a save on the GUI thread, blocked until the other write ends
    assert shown == [WAITING, ""]
    set_up_agency(main_window.workspace)  # nobody else writing: nothing is said
    assert shown == [WAITING, ""]


def test_the_window_explains_a_chosen_database_folder_that_is_missing(
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from cchc_desktop.ui import launcher

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    folder = tmp_path / "o-mang-chua-noi"  # a network drive that is not mounted
    assert launcher.run_gui(str(folder / "cchc.sqlite3")) == 1
    assert shown == [
        f"Thư mục {folder} không tồn tại. Hãy kiểm tra lại đường dẫn cơ sở dữ liệu (--db hoặc CCHC_DB) "
        "hoặc tạo thư mục đó trước."
    ]
    assert not folder.exists()


class _Answers:
    """QMessageBox.exec replaced: records each box and "clicks" the next button named in `answers`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.answers = list(answers)
        self.shown: list[tuple[str, str, list[str]]] = []
        self._clicked: object = None
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))
        monkeypatch.setattr(QMessageBox, "clickedButton", lambda _box: self._clicked)

    def _exec(self, box) -> int:  # type: ignore[no-untyped-def]
        buttons = {button.text(): button for button in box.buttons()}
        self.shown.append((box.text(), box.informativeText(), list(buttons)))
        self._clicked = buttons[self.answers.pop(0)]
        return 0


def test_an_unreachable_server_at_start_is_explained_with_retry(
    qtbot,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import socket

    from cchc_desktop.ui import launcher
    from cchc_desktop.ui.server_startup import QUIT, RETRY

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    answers = _Answers(monkeypatch, RETRY, QUIT)
    assert launcher.run_gui(f"postgresql://cchc:bi-mat@127.0.0.1:{port}/cchc") == 1
    message = (
        f"Không kết nối được máy chủ dữ liệu 127.0.0.1:{port}: máy chủ chưa bật, sai địa chỉ hoặc cổng, "
        "tường lửa chặn cổng, hoặc mạng LAN bị ngắt."
    )
    details = (
        f"Máy chủ dữ liệu: cchc@127.0.0.1:{port}/cchc.\nMáy chủ này được chọn bằng tùy chọn --db hoặc biến "
        "CCHC_DB; hãy sửa địa chỉ ở đó, hoặc mở phần mềm không kèm --db/CCHC_DB để dùng máy chủ đã lưu "
        "trong Hệ thống → Máy chủ dữ liệu."
    )
    assert answers.shown == [(message, details, [RETRY, QUIT])] * 2  # tried again, then left
    assert "bi-mat" not in str(answers.shown)


def test_a_wrong_saved_password_at_start_opens_the_server_settings(
    qtbot,
    postgres_server,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from cchc_desktop.core.saved_server import save_server
    from cchc_desktop.ui import launcher
    from cchc_desktop.ui.dialogs.server_dialog import ServerDialog
    from cchc_desktop.ui.server_startup import SETTINGS
    from tests.pg_server import ADMIN_PASSWORD

    address = postgres_server.new_database()
    try:
        save_server(address, password="mật khẩu cũ")

        def fix_password(dialog: ServerDialog) -> int:
            assert dialog.inputs["host"].text() == "127.0.0.1"
            dialog.password.setText(ADMIN_PASSWORD)
            return int(dialog.save())

        monkeypatch.setattr(ServerDialog, "exec", fix_password)
        answers = _Answers(monkeypatch, SETTINGS)
        assert launcher.run_gui(None, smoke=True) == 0
        assert [text for text, _details, _buttons in answers.shown] == [
            "Máy chủ dữ liệu từ chối đăng nhập: sai mật khẩu của tài khoản cchc_admin (hoặc tài khoản "
            "cchc_admin không tồn tại). Hãy nhập lại mật khẩu trong Hệ thống → Máy chủ dữ liệu."
        ]
    finally:
        postgres_server.drop_database(address.database)
