"""The server's failures as the clerk should read them: unreachable, wrong password, no such
database, another counter holding the write lock too long. Nothing of the server's own message is
shown (it is English and may quote a statement); the log keeps its SQLSTATE."""

from __future__ import annotations

import logging

import psycopg
from sqlalchemy.exc import DBAPIError

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.server_address import ServerAddress

log = logging.getLogger(__name__)
LOCK_NOT_AVAILABLE = "55P03"
KEPT = "Dữ liệu đang nhập vẫn được giữ trên màn hình."


class ServerUnavailableError(UserFacingError):
    """The server cannot be reached or dropped the connection; the app reconnects when it is back."""


class ServerLoginError(UserFacingError):
    """The server answered but refused this login or database (fix the settings, not the network)."""


def unreachable_message(address: ServerAddress) -> str:
    return (
        f"Không kết nối được máy chủ dữ liệu {address.host}:{address.port}: máy chủ chưa bật, sai địa chỉ "
        "hoặc cổng, tường lửa chặn, hoặc mạng LAN bị ngắt. " + KEPT + " Phần mềm tự kết nối lại khi máy "
        "chủ hoạt động; nếu lỗi kéo dài, hãy báo người quản trị máy chủ."
    )


def server_user_error(error: DBAPIError, address: ServerAddress) -> UserFacingError | None:
    original = error.orig
    if not isinstance(original, psycopg.Error):
        return None
    state = original.sqlstate or ""
    if state:
        log.warning("server error %s (%s)", state, type(original).__name__)
    if state == "28P01":
        return ServerLoginError(
            f"Máy chủ dữ liệu từ chối đăng nhập: sai mật khẩu của tài khoản {address.user}. "
            "Hãy nhập lại mật khẩu trong Hệ thống → Máy chủ dữ liệu."
        )
    if state == "28000":
        return ServerLoginError(
            f"Máy chủ dữ liệu không cho tài khoản {address.user} đăng nhập từ máy này (tài khoản không tồn "
            "tại hoặc pg_hba.conf chưa cho phép mạng LAN). Hãy báo người quản trị máy chủ."
        )
    if state == "3D000":
        return ServerLoginError(
            f"Máy chủ {address.host} không có cơ sở dữ liệu {address.database}. Hãy kiểm tra tên cơ sở dữ "
            "liệu, hoặc tạo nó theo hướng dẫn cài đặt máy chủ (docs/may-chu-du-lieu.md)."
        )
    if state == "42501":
        return ServerLoginError(
            f"Tài khoản {address.user} không đủ quyền trên cơ sở dữ liệu {address.database} (cần quyền tạo "
            "bảng và ghi dữ liệu). Hãy báo người quản trị máy chủ."
        )
    if isinstance(original, psycopg.OperationalError) and (not state or state.startswith(("08", "57P"))):
        log.warning("server %s unreachable (%s)", address.display, type(original).__name__)
        return ServerUnavailableError(unreachable_message(address))
    return None
