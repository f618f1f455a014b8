"""Where a centre's PostgreSQL server is: parsed from a URL, shown without its password.

A counter names its server as `postgresql://user:password@host:5432/dbname?sslmode=require` (in `--db`,
`CCHC_DB` or the "Máy chủ dữ liệu" settings page). The password is optional: libpq also finds it in
`PGPASSWORD` or a pgpass file, and the settings page keeps it in the app's own pgpass file
(`services/server_connection.py`), never in the settings, a log or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from cchc_desktop.core.errors import InvalidInputError

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
DEFAULT_PORT = 5432
# libpq's own parameters a URL may carry; anything else is a typo the clerk should hear about.
ALLOWED_OPTIONS = frozenset(
    {"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "passfile", "target_session_attrs"}
)
SSL_MODES = frozenset({"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})


@dataclass(frozen=True)
class ServerAddress:
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    password: str | None = field(default=None, repr=False, compare=False)
    options: tuple[tuple[str, str], ...] = ()

    def _repr_pretty_(self, printer: Any, _cycle: bool) -> None:
        # Pretty-printers (IPython, a test's failure report) list a dataclass's fields themselves and
        # would show the password that `repr` leaves out.
        printer.text(repr(self))

    @property
    def display(self) -> str:
        """`user@host:port/db`: what the window, logs and diagnostics show (never the password)."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, *, with_password: bool = False) -> str:
        user = quote(self.user, safe="")
        if with_password and self.password:
            user += ":" + quote(self.password, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = f"?{urlencode(self.options)}" if self.options else ""
        return f"postgresql://{user}@{host}:{self.port}/{quote(self.database, safe='')}{query}"

    def option(self, name: str) -> str | None:
        return dict(self.options).get(name)

    def with_password(self, password: str | None) -> ServerAddress:
        return replace(self, password=password)

    def with_database(self, database: str) -> ServerAddress:
        return replace(self, database=database)


def is_server_url(text: str) -> bool:
    return text.strip().lower().startswith(tuple(f"{scheme}://" for scheme in SCHEMES))


def parse_server_url(text: str) -> ServerAddress:
    """The address in `text`; `InvalidInputError` saying what is missing or wrong."""
    example = "postgresql://tên_đăng_nhập@địa_chỉ_máy_chủ:5432/tên_cơ_sở_dữ_liệu"
    try:
        parts = urlsplit(text.strip())
        port = parts.port or DEFAULT_PORT
    except ValueError as error:
        raise InvalidInputError(
            f"Địa chỉ máy chủ dữ liệu không đúng dạng (cổng sai?). Dạng đúng: {example}"
        ) from error
    if parts.scheme.lower() not in SCHEMES:
        raise InvalidInputError(
            f"Địa chỉ máy chủ dữ liệu phải bắt đầu bằng postgresql://. Dạng đúng: {example}"
        )
    host = parts.hostname or ""
    database = unquote(parts.path.lstrip("/"))
    user = unquote(parts.username or "")
    missing = [
        name
        for name, value in (
            ("địa chỉ máy chủ", host),
            ("tên cơ sở dữ liệu", database),
            ("tên đăng nhập", user),
        )
        if not value
    ]
    if missing:
        raise InvalidInputError(f"Địa chỉ máy chủ dữ liệu thiếu {', '.join(missing)}. Dạng đúng: {example}")
    if "/" in database:
        raise InvalidInputError(f"Tên cơ sở dữ liệu không được chứa dấu /. Dạng đúng: {example}")
    options = tuple(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted({name for name, _ in options} - ALLOWED_OPTIONS)
    if unknown:
        raise InvalidInputError(
            f"Địa chỉ máy chủ dữ liệu có tham số không hỗ trợ: {', '.join(unknown)}. "
            f"Chỉ dùng: {', '.join(sorted(ALLOWED_OPTIONS))}."
        )
    sslmode = dict(options).get("sslmode")
    if sslmode is not None and sslmode not in SSL_MODES:
        raise InvalidInputError(
            f"sslmode={sslmode} không hợp lệ; chọn một trong: {', '.join(sorted(SSL_MODES))}."
        )
    password = unquote(parts.password) if parts.password is not None else None
    return ServerAddress(
        host=host, port=port, database=database, user=user, password=password, options=options
    )
