"""Hệ thống → Máy chủ dữ liệu: typing a server, "Kiểm tra kết nối" against the throwaway server, saving."""

from __future__ import annotations

import json
import socket
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.core.counter_identity import load_counter_name
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.core.saved_server import PGPASS_FILE, SERVER_FILE, config_dir
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.ui.dialogs.server_dialog import ServerDialog
from tests.pg_server import ADMIN_PASSWORD, PostgresServer
from tests.ui.keyboard import replace_text


def _dialog(qtbot, paths=None, **kwargs) -> ServerDialog:  # type: ignore[no-untyped-def]
    dialog = ServerDialog(paths, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_server(dialog: ServerDialog, address: ServerAddress, password: str | None) -> None:
    dialog.use_server.setChecked(True)
    replace_text(dialog.inputs["host"], address.host)
    replace_text(dialog.inputs["port"], str(address.port))
    replace_text(dialog.inputs["database"], address.database)
    replace_text(dialog.inputs["user"], address.user)
    replace_text(dialog.password, password or "")


def _check(qtbot, dialog: ServerDialog) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.runner.finished, timeout=20_000):
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    return dialog.message.text()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(postgres_server: PostgresServer) -> PostgresServer:
    return postgres_server


def test_checking_a_seeded_database_counts_its_dossiers(qtbot, server: PostgresServer) -> None:  # type: ignore[no-untyped-def]
    address = server.new_database()
    try:
        dialog = _dialog(qtbot)
        _type_server(dialog, address, ADMIN_PASSWORD)
        assert _check(qtbot, dialog) == "Kết nối được. Cơ sở dữ liệu có 0 hồ sơ."
        assert dialog.message.styleSheet().startswith("color: #1e4620")
    finally:
        server.drop_database(address.database)


def test_checking_an_empty_database_says_the_tables_come_on_first_use(qtbot, server: PostgresServer) -> None:  # type: ignore[no-untyped-def]
    address = server.new_database(template=None)
    try:
        dialog = _dialog(qtbot)
        _type_server(dialog, address, ADMIN_PASSWORD)
        assert _check(qtbot, dialog) == (
            "Kết nối được. Cơ sở dữ liệu trống; CCHC Desk sẽ tạo bảng khi dùng lần đầu."
        )
    finally:
        server.drop_database(address.database)


def test_a_wrong_password_is_named_as_such(qtbot, server: PostgresServer) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot)
    _type_server(dialog, server.address("postgres"), "sai-mật-khẩu")
    text = _check(qtbot, dialog)
    assert text.startswith("Máy chủ dữ liệu từ chối đăng nhập: sai mật khẩu của tài khoản cchc_admin")
    assert "sai-mật-khẩu" not in text
    assert "font-weight: bold" in dialog.message.styleSheet()


def test_a_missing_database_is_named(qtbot, server: PostgresServer) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot)
    _type_server(dialog, server.address("khong_co_csdl_nay"), ADMIN_PASSWORD)
    assert _check(qtbot, dialog).startswith(
        "Máy chủ 127.0.0.1 không có cơ sở dữ liệu khong_co_csdl_nay. Hãy kiểm tra tên cơ sở dữ liệu"
    )


def test_a_closed_port_says_the_server_cannot_be_reached(qtbot, server: PostgresServer) -> None:  # type: ignore[no-untyped-def]
    port = _closed_port()
    dialog = _dialog(qtbot)
    _type_server(dialog, ServerAddress("127.0.0.1", "cchc", "cchc", port=port), "x")
    assert _check(qtbot, dialog) == (
        f"Không kết nối được máy chủ dữ liệu 127.0.0.1:{port}: máy chủ chưa bật, sai địa chỉ hoặc cổng, "
        "tường lửa chặn cổng, hoặc mạng LAN bị ngắt."
    )


def test_ssl_required_by_this_counter_but_not_offered_by_the_server(qtbot, server: PostgresServer) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot)
    _type_server(dialog, server.address("postgres"), ADMIN_PASSWORD)
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("require"))
    assert "không bật mã hóa SSL, nhưng cài đặt của máy này yêu cầu SSL" in _check(qtbot, dialog)


def test_a_database_of_a_newer_version_is_refused(qtbot, server: PostgresServer) -> None:  # type: ignore[no-untyped-def]
    address = server.new_database()
    try:
        server.admin_sql(
            "UPDATE alembic_version SET version_num = '9999_tuong_lai'", database=address.database
        )
        dialog = _dialog(qtbot)
        _type_server(dialog, address, ADMIN_PASSWORD)
        assert _check(qtbot, dialog).startswith(
            f"Cơ sở dữ liệu {address.database} trên máy chủ 127.0.0.1 được tạo bởi phiên bản CCHC Desk mới "
            "hơn (lược đồ 9999_tuong_lai). Hãy cài phiên bản mới nhất"
        )
    finally:
        server.drop_database(address.database)


def test_another_programs_tables_are_refused(qtbot, server: PostgresServer) -> None:  # type: ignore[no-untyped-def]
    address = server.new_database(template=None)
    try:
        server.admin_sql("CREATE TABLE ke_toan (id int)", database=address.database)
        dialog = _dialog(qtbot)
        _type_server(dialog, address, ADMIN_PASSWORD)
        assert "đã có bảng của chương trình khác" in _check(qtbot, dialog)
    finally:
        server.drop_database(address.database)


def test_wrong_fields_are_named_and_nothing_is_checked_or_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot)
    dialog.use_server.setChecked(True)
    replace_text(dialog.inputs["port"], "54 32")
    replace_text(dialog.inputs["database"], "cchc")
    replace_text(dialog.inputs["user"], "cchc")
    assert not dialog.check()
    assert dialog.errors["host"].text() == "Nhập địa chỉ máy chủ (địa chỉ IP như 192.168.1.10, hoặc tên máy)."
    assert dialog.errors["port"].text() == "Cổng là một số từ 1 đến 65535 (thường là 5432)."
    assert not dialog.errors["database"].isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert not (config_dir() / SERVER_FILE).exists()


def test_saving_keeps_the_server_and_the_password_apart(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot)
    _type_server(dialog, ServerAddress("192.168.1.10", "cchc", "cchc"), "Mật:khẩu\\1")
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("require"))
    replace_text(dialog.counter_name, "Quầy 2 – Hộ tịch")
    assert dialog.remember.isChecked()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    server_file, passfile = config_dir() / SERVER_FILE, config_dir() / PGPASS_FILE
    saved = server_file.read_text(encoding="utf-8")
    assert json.loads(saved) == {
        "host": "192.168.1.10",
        "port": 5432,
        "database": "cchc",
        "user": "cchc",
        "options": {"sslmode": "require"},
    }
    assert "Mật" not in saved
    assert passfile.read_text(encoding="utf-8") == "192.168.1.10:5432:cchc:cchc:Mật\\:khẩu\\\\1\n"
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    assert stat.S_IMODE(server_file.stat().st_mode) == 0o600
    assert load_counter_name() == "Quầy 2 – Hộ tịch"
    paths = resolve_paths(None)
    assert paths.server is not None
    assert paths.server.display == "cchc@192.168.1.10:5432/cchc"
    assert paths.server.option("passfile") == str(passfile)
    assert paths.label == "máy chủ cchc@192.168.1.10:5432/cchc"


def test_a_remembered_password_stays_when_the_field_is_left_empty(qtbot) -> None:  # type: ignore[no-untyped-def]
    first = _dialog(qtbot)
    _type_server(first, ServerAddress("192.168.1.10", "cchc", "cchc"), "bí-mật")
    first.save()
    again = _dialog(qtbot)
    assert again.use_server.isChecked()
    assert again.inputs["host"].text() == "192.168.1.10"
    assert again.password.text() == ""
    assert again.password.placeholderText() == "đã ghi nhớ trên máy này; để trống để giữ nguyên"
    again.save()
    assert "bí-mật" in (config_dir() / PGPASS_FILE).read_text(encoding="utf-8")
    forget = _dialog(qtbot)
    forget.remember.setChecked(False)
    forget.save()
    assert not (config_dir() / PGPASS_FILE).exists()


def test_switching_database_offers_to_restart(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    paths = resolve_paths(None)  # the default file, as a clerk's desk starts
    dialog = _dialog(qtbot, paths, confirm_restart=lambda text: asked.append(text) or True)
    _type_server(dialog, ServerAddress("192.168.1.10", "cchc", "cchc"), "x")
    assert dialog.save()
    assert asked == ["Đã lưu. Phần mềm cần mở lại để dùng máy chủ cchc@192.168.1.10:5432/cchc."]
    assert dialog.restart_requested
    back = _dialog(qtbot, resolve_paths(None), confirm_restart=lambda text: asked.append(text) or False)
    back.use_file.setChecked(True)
    assert not back.server_group.isEnabled()
    assert back.save()
    assert asked[-1] == "Đã lưu. Phần mềm cần mở lại để dùng tệp dữ liệu trên máy này."
    assert not back.restart_requested
    assert resolve_paths(None).server is None
    informed: list[str] = []
    chosen = _dialog(qtbot, resolve_paths(str(db_path)), inform=informed.append)
    _type_server(chosen, ServerAddress("192.168.1.10", "cchc", "cchc"), "x")
    assert chosen.save()
    assert informed == [
        f"Đã lưu. Lần này phần mềm được mở theo --db hoặc biến CCHC_DB nên vẫn dùng {db_path}; lựa chọn "
        "vừa lưu có hiệu lực khi mở phần mềm không kèm --db/CCHC_DB."
    ]


def test_a_too_long_counter_name_is_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot)
    replace_text(dialog.counter_name, "Quầy " + "x" * 80)
    assert not dialog.save()
    assert dialog.errors["counter_name"].text().startswith("Tên quầy dài quá 60 ký tự")
    assert load_counter_name() == ""


@pytest.mark.parametrize("db_engine", ["postgresql"])
def test_the_window_on_a_server_names_it_without_the_password(qtbot, main_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    server = main_window.workspace.paths.server
    assert server is not None and server.password == ADMIN_PASSWORD
    labels = [label.text() for label in main_window.statusBar().findChildren(QLabel)]
    assert f"Quầy số 1 · Dữ liệu: máy chủ {server.display}" in labels
    assert not any(ADMIN_PASSWORD in text for text in labels)
    opened: list[ServerDialog] = []
    monkeypatch.setattr(ServerDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    main_window.server_action.trigger()
    assert len(opened) == 1 and opened[0].paths is main_window.workspace.paths


def test_the_check_runs_off_the_gui_thread(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A dead host takes the connect timeout; meanwhile the dialog answers and says it is connecting."""
    import threading
    import time

    from cchc_desktop.services import server_connection
    from cchc_desktop.services.server_connection import CheckOutcome

    release = threading.Event()
    threads: list[str] = []

    def slow_check(address: ServerAddress) -> CheckOutcome:
        threads.append(threading.current_thread().name)
        release.wait(10)
        return CheckOutcome(True, "Kết nối được. Cơ sở dữ liệu có 0 hồ sơ.")

    monkeypatch.setattr(server_connection, "check_connection", slow_check)
    dialog = _dialog(qtbot)
    _type_server(dialog, ServerAddress("192.168.1.10", "cchc", "cchc"), "x")
    started = time.perf_counter()
    assert dialog.check()
    assert time.perf_counter() - started < 0.5
    assert dialog.message.text() == "Đang kết nối tới 192.168.1.10:5432…"
    assert not dialog.check_button.isEnabled() and dialog.progress.isVisibleTo(dialog)
    assert not dialog.check()  # one check at a time
    with qtbot.waitSignal(dialog.runner.finished, timeout=10_000):
        release.set()
    assert threads and threads[0] != threading.main_thread().name
    assert dialog.check_button.isEnabled() and not dialog.progress.isVisibleTo(dialog)
    assert dialog.message.text() == "Kết nối được. Cơ sở dữ liệu có 0 hồ sơ."


def test_a_new_counter_name_is_used_at_once_and_noted_in_the_agency_settings(
    qtbot, main_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.dialogs.settings_dialog import SettingsDialog

    def rename(dialog: ServerDialog) -> int:
        replace_text(dialog.counter_name, "Quầy 2 – Hộ tịch")
        return int(dialog.save())

    monkeypatch.setattr(ServerDialog, "exec", rename)
    assert main_window.database_label.text().startswith("Quầy số 1 · Dữ liệu: ")  # the agency's name
    main_window.server_action.trigger()
    assert main_window.workspace.counter == "Quầy 2 – Hộ tịch"
    assert main_window.database_label.text().startswith("Quầy 2 – Hộ tịch · Dữ liệu: ")
    settings = SettingsDialog(main_window.workspace)
    qtbot.addWidget(settings)
    assert settings.counter_hint is not None
    assert settings.counter_hint.text() == (
        "Máy này dùng tên quầy riêng “Quầy 2 – Hộ tịch” (Hệ thống → Máy chủ dữ liệu…); tên quầy ở đây "
        "chỉ dùng cho máy chưa đặt tên riêng."
    )
