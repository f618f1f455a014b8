"""`cchc --db DESK move-to URL` and `cchc restore --force` on a server, as a clerk runs them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import open_workspace
from cchc_desktop.storage.database import Database
from tests.agency import set_up_agency
from tests.cli.running import run
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)


@pytest.fixture
def server(server_databases: Callable[..., ServerAddress]) -> ServerAddress:
    return server_databases(empty=True)


@pytest.fixture
def desk(db_path: Path) -> Path:
    ws = open_workspace(resolve_paths(str(db_path)))
    try:
        set_up_agency(ws)
        for name in ("Nguyễn Thị Hoa", "Trần Văn Bình"):
            save_intake(ws, request(applicant_name=name), now=NOW)
    finally:
        ws.close()
    return db_path


def test_move_to_copies_the_desk_and_says_what_it_did(
    capsys: pytest.CaptureFixture[str], desk: Path, server: ServerAddress
) -> None:
    url = server.url(with_password=True)
    status, out, err = run(capsys, "--db", str(desk), "move-to", url)
    assert status == 0, err
    assert f"Chuyển dữ liệu từ {desk} lên máy chủ {server.display}" in out
    assert "Đang chuyển: 0/" in out and "(100%)" in out
    assert f"Đã chuyển 2 hồ sơ và 2 bước xử lý lên {server.display} (cơ sở dữ liệu mới được tạo)" in out
    assert "Dữ liệu trên máy chủ trước khi chuyển được sao lưu ở" in out
    assert server.password is not None and server.password not in out + err
    reports = []
    for database, name in ((str(desk), "desk.json"), (url, "server.json")):
        json_file = desk.parent / name
        argv = (
            "--db",
            database,
            "report",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--json",
            str(json_file),
        )
        assert run(capsys, *argv)[0] == 0
        reports.append(json_file.read_text(encoding="utf-8"))
    assert reports[0] == reports[1] and '"received_total": 2,' in reports[0]

    status, out, err = run(capsys, "--db", str(desk), "move-to", url)
    assert status == 1
    assert err.startswith(f"Lỗi: Không chuyển được lên {server.display}: 2 mã hồ sơ đã có trên máy chủ:")
    assert "Chưa chuyển gì lên máy chủ" in err
    usb = desk.parent / "usb"
    usb.mkdir()
    status, out, _ = run(capsys, "--db", url, "backup", "--to", str(usb))
    assert status == 0 and out.startswith("Đã sao lưu 2 hồ sơ vào ")


def test_move_to_refuses_a_wrong_address_or_a_server_as_the_desk(
    capsys: pytest.CaptureFixture[str], desk: Path, server: ServerAddress
) -> None:
    status, _, err = run(capsys, "--db", str(desk), "move-to", "postgresql://127.0.0.1/cchc")
    assert status == 2 and "Lỗi: Địa chỉ máy chủ dữ liệu thiếu tên đăng nhập" in err
    url = server.url(with_password=True)
    status, _, err = run(capsys, "--db", url, "move-to", url)
    assert status == 2 and "Lỗi: Dữ liệu đang mở đã nằm trên máy chủ" in err


def test_restore_on_a_server_waits_for_the_other_counters_unless_forced(
    capsys: pytest.CaptureFixture[str], desk: Path, server: ServerAddress, tmp_path: Path
) -> None:
    url = server.url(with_password=True)
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run(capsys, "--db", str(desk), "backup", "--to", str(usb))[0] == 0
    (backup,) = usb.iterdir()
    counter = Database(server)  # another counter's window is open
    try:
        with counter.engine.connect():
            status, _, err = run(capsys, "--db", url, "restore", str(backup), "--yes")
            assert status == 1
            assert "Lỗi: Còn 1 kết nối khác của CCHC Desk tới máy chủ dữ liệu" in err
            assert "thêm --force để khôi phục bắt buộc" in err
            status, out, err = run(capsys, "--db", url, "restore", str(backup), "--yes", "--force")
    finally:
        counter.close()
    assert status == 0, err
    assert f"Đã khôi phục 2 hồ sơ từ {backup}." in out
