"""`--db postgresql://…`: commands run against a centre server; a bad URL or a server that refuses is one
Vietnamese line and a non-zero exit, never a traceback or the password."""

from __future__ import annotations

import socket

import pytest

from cchc_desktop.app import main
from cchc_desktop.core.server_address import ServerAddress
from tests.cli.running import run
from tests.cli.test_agency import SET_UP
from tests.pg_server import ADMIN_PASSWORD, PostgresServer


def test_the_help_names_the_server_url_form(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--db TỆP|URL" in text
    assert "postgresql://tên_đăng_nhập@địa_chỉ:5432/tên_csdl" in text
    assert "PGPASSWORD" in text


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "postgresql://cchc@may-chu:cong/cchc",
            "Lỗi: Địa chỉ máy chủ dữ liệu không đúng dạng (cổng sai?). Dạng đúng: "
            "postgresql://tên_đăng_nhập@địa_chỉ_máy_chủ:5432/tên_cơ_sở_dữ_liệu",
        ),
        (
            "postgresql://may-chu:5432/cchc",
            "Lỗi: Địa chỉ máy chủ dữ liệu thiếu tên đăng nhập. Dạng đúng: "
            "postgresql://tên_đăng_nhập@địa_chỉ_máy_chủ:5432/tên_cơ_sở_dữ_liệu",
        ),
        (
            "postgresql://cchc@may-chu/cchc?sslmode=bat-buoc",
            "Lỗi: sslmode=bat-buoc không hợp lệ; chọn một trong: allow, disable, prefer, require, "
            "verify-ca, verify-full.",
        ),
    ],
)
def test_a_malformed_url_says_what_is_wrong(
    capsys: pytest.CaptureFixture[str], url: str, message: str
) -> None:
    code, out, err = run(capsys, "--db", url, "agency")
    assert (code, out) == (2, "")
    assert err.splitlines() == [message]


def test_an_unreachable_server_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, out, err = run(capsys, "--db", f"postgresql://cchc:bi-mat@127.0.0.1:{port}/cchc", "agency")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"Lỗi: Không kết nối được máy chủ dữ liệu 127.0.0.1:{port}: máy chủ chưa bật, sai địa chỉ hoặc "
        "cổng, tường lửa chặn cổng, hoặc mạng LAN bị ngắt."
    ]


def test_a_wrong_password_is_named_not_taken_for_a_network_fault(
    capsys: pytest.CaptureFixture[str], postgres_server: PostgresServer
) -> None:
    url = postgres_server.address("postgres", password="sai-mat-khau").url(with_password=True)
    code, _out, err = run(capsys, "--db", url, "agency")
    assert code == 1
    assert err.splitlines() == [
        "Lỗi: Máy chủ dữ liệu từ chối đăng nhập: sai mật khẩu của tài khoản cchc_admin (hoặc tài khoản "
        "cchc_admin không tồn tại). Hãy nhập lại mật khẩu trong Hệ thống → Máy chủ dữ liệu."
    ]


def test_a_missing_database_is_named(
    capsys: pytest.CaptureFixture[str], postgres_server: PostgresServer
) -> None:
    url = postgres_server.address("chua_tao").url(with_password=True)
    code, _out, err = run(capsys, "--db", url, "agency")
    assert code == 1
    assert err.startswith("Lỗi: Máy chủ 127.0.0.1 không có cơ sở dữ liệu chua_tao.")
    assert ADMIN_PASSWORD not in err


def test_agency_works_against_a_server(
    capsys: pytest.CaptureFixture[str], postgres_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    address: ServerAddress = postgres_server.new_database()
    try:
        # The password from PGPASSWORD, as a counter's script would give it.
        monkeypatch.setenv("PGPASSWORD", ADMIN_PASSWORD)
        url = address.url()
        assert ADMIN_PASSWORD not in url
        code, _out, err = run(capsys, "--db", url, "agency", *SET_UP)
        assert (code, err) == (0, "")
        code, out, _err = run(capsys, "--db", url, "agency")
        assert code == 0
        assert "Tân Hưng" in out and "000.17.22.H56" in out
    finally:
        postgres_server.drop_database(address.database)
