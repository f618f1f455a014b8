"""The server's failures as the clerk should read them: unreachable, wrong password, no such
database, no permission, SSL refused or required, another counter holding the write lock too long.
Nothing of the server's own message is shown (it is English and may quote a statement); the log keeps
its SQLSTATE or, for a refused connection, the kind of refusal.

A refused connection carries no SQLSTATE: libpq reports the server's FATAL message as text only
(psycopg's `sqlstate` is None for every connection failure). So those are told apart by the words
libpq and the server write in English (the server's language is `lc_messages`, English on the
installers the guide describes); a message in another language still gets the generic login
message, never a wrong diagnosis.
"""

from __future__ import annotations

import logging
import sys
from enum import Enum
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.server_address import ServerAddress

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)
LOCK_NOT_AVAILABLE = "55P03"
KEPT = "Dữ liệu đang nhập vẫn được giữ trên màn hình."
RECONNECTS = "Phần mềm tự kết nối lại khi máy chủ hoạt động; nếu lỗi kéo dài, hãy báo người quản trị máy chủ."
MENU = "Hệ thống → Máy chủ dữ liệu"
GUIDE = "docs/may-chu-du-lieu.md"


class Problem(Enum):
    UNREACHABLE = "unreachable"
    UNKNOWN_HOST = "unknown host"
    PASSWORD = "wrong password"
    NO_PASSWORD = "no password"
    REFUSED = "login refused"  # pg_hba.conf or no such role
    NO_DATABASE = "no database"
    NO_PERMISSION = "no permission"
    SSL_UNSUPPORTED = "server without SSL"
    SSL_REQUIRED = "server requires SSL"
    SSL_CERTIFICATE = "SSL certificate"
    TOO_MANY = "too many connections"
    LOGIN = "login failed"  # the server refused, for a reason not recognised


class ServerError(UserFacingError):
    """A failure of the server connection. `message` is what a screen at work shows; `reason` says what
    is wrong without the working-screen advice (for the connection test and the start-up dialog)."""

    def __init__(self, message: str, *, problem: Problem, reason: str | None = None) -> None:
        super().__init__(message)
        self.problem = problem
        self.reason = reason or message


class ServerUnavailableError(ServerError):
    """The server cannot be reached or dropped the connection; the app reconnects when it is back."""


class ServerLoginError(ServerError):
    """The server answered but refused this login or database (fix the settings, not the network)."""


# (words in libpq's or the server's English message, the problem); the first match wins.
_MESSAGE_WORDS: tuple[tuple[tuple[str, ...], Problem], ...] = (
    (("server does not support ssl",), Problem.SSL_UNSUPPORTED),
    (("certificate",), Problem.SSL_CERTIFICATE),
    (("password authentication failed",), Problem.PASSWORD),
    (("no password supplied",), Problem.NO_PASSWORD),
    (("password is required",), Problem.NO_PASSWORD),
    (("no pg_hba.conf entry",), Problem.REFUSED),
    (("role", "does not exist"), Problem.REFUSED),
    (("database", "does not exist"), Problem.NO_DATABASE),
    (("permission denied for database",), Problem.NO_PERMISSION),
    (("too many clients",), Problem.TOO_MANY),
    (("too many connections",), Problem.TOO_MANY),
    (("remaining connection slots",), Problem.TOO_MANY),
    # Starting up, shutting down, in recovery, restarted under the app: the server comes back by itself.
    (("the database system is",), Problem.UNREACHABLE),
    (("terminating connection",), Problem.UNREACHABLE),
    (("failed to resolve host",), Problem.UNKNOWN_HOST),
    (("could not translate host name",), Problem.UNKNOWN_HOST),
)
_SQLSTATES = {
    "28P01": Problem.PASSWORD,
    "28000": Problem.REFUSED,
    "3D000": Problem.NO_DATABASE,
    "42501": Problem.NO_PERMISSION,
    "53300": Problem.TOO_MANY,
}


def classify(error: psycopg.Error, address: ServerAddress) -> Problem | None:
    """What went wrong, or None when it is not a connection or login problem (a bug, a lock wait)."""
    import psycopg  # a psycopg error exists, so psycopg is loaded already

    state = error.sqlstate or ""
    if state in _SQLSTATES:
        return _SQLSTATES[state]
    if not isinstance(error, psycopg.OperationalError):
        return None
    if state and not state.startswith(("08", "57P")):
        return None
    text = str(error).lower()
    for words, problem in _MESSAGE_WORDS:
        if all(word in text for word in words):
            # pg_hba.conf says "no encryption" for every refused plain connection; only when this counter
            # turned SSL off is a `hostssl` line the likely reason.
            if (
                problem is Problem.REFUSED
                and "no encryption" in text
                and address.option("sslmode") == "disable"
            ):
                return Problem.SSL_REQUIRED
            return problem
    if "fatal:" in text:
        return Problem.LOGIN
    return Problem.UNREACHABLE


def reason(problem: Problem, address: ServerAddress) -> str:
    """What is wrong and what to do, in Vietnamese; never the password."""
    where = f"{address.host}:{address.port}"
    user, database = address.user, address.database
    texts = {
        Problem.UNREACHABLE: f"Không kết nối được máy chủ dữ liệu {where}: máy chủ chưa bật, sai địa chỉ "
        "hoặc cổng, tường lửa chặn cổng, hoặc mạng LAN bị ngắt.",
        Problem.UNKNOWN_HOST: f"Không tìm thấy máy chủ dữ liệu tên {address.host} trong mạng. Hãy kiểm tra "
        "lại địa chỉ máy chủ (nên dùng địa chỉ IP, ví dụ 192.168.1.10).",
        Problem.PASSWORD: f"Máy chủ dữ liệu từ chối đăng nhập: sai mật khẩu của tài khoản {user} (hoặc "
        f"tài khoản {user} không tồn tại). Hãy nhập lại mật khẩu trong {MENU}.",
        Problem.NO_PASSWORD: f"Máy chủ dữ liệu cần mật khẩu của tài khoản {user}. Hãy nhập mật khẩu trong "
        f"{MENU}.",
        Problem.REFUSED: f"Máy chủ dữ liệu không cho tài khoản {user} đăng nhập từ máy này vào cơ sở dữ liệu "
        f"{database} (tài khoản không tồn tại, hoặc pg_hba.conf chưa cho phép mạng LAN). Hãy báo người quản "
        f"trị máy chủ ({GUIDE}).",
        Problem.NO_DATABASE: f"Máy chủ {address.host} không có cơ sở dữ liệu {database}. Hãy kiểm tra tên "
        f"cơ sở dữ liệu, hoặc tạo nó theo hướng dẫn cài đặt máy chủ ({GUIDE}).",
        Problem.NO_PERMISSION: f"Tài khoản {user} không đủ quyền trên cơ sở dữ liệu {database} (cần quyền "
        "kết nối, tạo bảng và ghi dữ liệu). Hãy báo người quản trị máy chủ.",
        Problem.SSL_UNSUPPORTED: f"Máy chủ dữ liệu {where} không bật mã hóa SSL, nhưng cài đặt của máy này "
        "yêu cầu SSL. Hãy chọn “Mã hóa SSL: nếu máy chủ hỗ trợ”, hoặc bật SSL trên máy chủ.",
        Problem.SSL_REQUIRED: f"Máy chủ dữ liệu {where} chỉ nhận kết nối có mã hóa SSL. Hãy chọn “Mã hóa "
        f"SSL: bắt buộc” trong {MENU}.",
        Problem.SSL_CERTIFICATE: f"Không kiểm tra được chứng chỉ SSL của máy chủ dữ liệu {where} (thiếu tệp "
        "chứng chỉ hoặc chứng chỉ không khớp). Hãy chọn “Mã hóa SSL: bắt buộc” (không kiểm tra chứng "
        "chỉ) hoặc báo người quản trị máy chủ.",
        Problem.TOO_MANY: f"Máy chủ dữ liệu {where} đang có quá nhiều kết nối. Hãy đóng CCHC Desk ở các máy "
        "không dùng, hoặc báo người quản trị máy chủ tăng max_connections.",
        Problem.LOGIN: f"Máy chủ dữ liệu {where} từ chối kết nối của tài khoản {user} tới cơ sở dữ liệu "
        f"{database}. Hãy kiểm tra tên đăng nhập, mật khẩu và tên cơ sở dữ liệu trong {MENU}, hoặc báo "
        "người quản trị máy chủ.",
    }
    return texts[problem]


def unreachable_message(address: ServerAddress) -> str:
    return f"{reason(Problem.UNREACHABLE, address)} {KEPT} {RECONNECTS}"


def connection_error(original: psycopg.Error, address: ServerAddress) -> ServerError | None:
    """`original` as the clerk's error; None when it is no connection or login problem."""
    problem = classify(original, address)
    if problem is None:
        return None
    log.warning(
        "server %s: %s (%s %s)", address.display, problem.value, type(original).__name__, original.sqlstate
    )
    text = reason(problem, address)
    if problem in (Problem.UNREACHABLE, Problem.UNKNOWN_HOST, Problem.TOO_MANY):
        return ServerUnavailableError(f"{text} {KEPT} {RECONNECTS}", problem=problem, reason=text)
    return ServerLoginError(text, problem=problem)


def server_user_error(error: DBAPIError, address: ServerAddress) -> UserFacingError | None:
    # psycopg is imported by the server's engine, never on the one-desk SQLite path (about 100 ms of
    # start-up); without it loaded, no error can be one of its.
    psycopg = sys.modules.get("psycopg")
    original = error.orig
    if psycopg is None or not isinstance(original, psycopg.Error):
        return None
    return connection_error(original, address)
