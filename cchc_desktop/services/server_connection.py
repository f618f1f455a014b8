"""The "Máy chủ dữ liệu" settings: which database this counter uses (the local file or the centre's
server), checking a server before saving it, and this counter's name.

The choice is kept in the user's config folder (`core/saved_server.py`): the address in `server.json`,
the password only when the clerk lets the app remember it, in the app's own pgpass file (mode 0600).
Without a remembered password libpq looks in `PGPASSWORD` and the user's own `~/.pgpass`.
The window reads the choice at start-up, so a different database takes a restart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cchc_desktop.core import counter_identity, saved_server
from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.core.server_address import DEFAULT_PORT, SSL_MODES, ServerAddress
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage.server_errors import ServerError
from cchc_desktop.storage.server_probe import ProbeResult, probe_server

DEFAULT_SSL_MODE = "prefer"
OK_WITH_DOSSIERS = "Kết nối được. Cơ sở dữ liệu có {count} hồ sơ."
OK_EMPTY = "Kết nối được. Cơ sở dữ liệu trống; CCHC Desk sẽ tạo bảng khi dùng lần đầu."
OK_UPGRADE = " Cơ sở dữ liệu của phiên bản cũ hơn; máy đầu tiên mở nó sẽ sao lưu rồi nâng cấp."


@dataclass(frozen=True)
class ServerForm:
    """What the clerk typed on the page, as text."""

    host: str
    port: str
    database: str
    user: str
    password: str = ""
    sslmode: str = DEFAULT_SSL_MODE


def field_errors(form: ServerForm) -> dict[str, str]:
    """Each wrong field's Vietnamese message, by field name."""
    errors: dict[str, str] = {}
    host = form.host.strip()
    if not host:
        errors["host"] = "Nhập địa chỉ máy chủ (địa chỉ IP như 192.168.1.10, hoặc tên máy)."
    elif any(ch.isspace() or ch in "/@?#" for ch in host):
        errors["host"] = "Địa chỉ máy chủ không được chứa khoảng trắng hay các dấu / @ ? #."
    port = form.port.strip()
    if not port:
        errors["port"] = f"Nhập cổng của máy chủ (thường là {DEFAULT_PORT})."
    elif not port.isascii() or not port.isdigit() or not 1 <= int(port) <= 65535:
        errors["port"] = f"Cổng là một số từ 1 đến 65535 (thường là {DEFAULT_PORT})."
    database = form.database.strip()
    if not database:
        errors["database"] = "Nhập tên cơ sở dữ liệu trên máy chủ (ví dụ cchc)."
    elif "/" in database:
        errors["database"] = "Tên cơ sở dữ liệu không được chứa dấu /."
    if not form.user.strip():
        errors["user"] = "Nhập tên đăng nhập vào máy chủ (ví dụ cchc)."
    if any(ch in "\r\n" for ch in form.password):
        errors["password"] = "Mật khẩu không được chứa dấu xuống dòng."
    if form.sslmode not in SSL_MODES:
        errors["sslmode"] = "Chọn một cách mã hóa SSL trong danh sách."
    return errors


def address_from_form(form: ServerForm, base: ServerAddress | None = None) -> ServerAddress:
    """The address typed on the page (`InvalidInputError` naming the first wrong field); libpq options
    of `base` other than sslmode (from a URL saved earlier) are kept."""
    errors = field_errors(form)
    if errors:
        raise InvalidInputError(next(iter(errors.values())))
    kept = tuple((k, v) for k, v in (base.options if base else ()) if k not in ("sslmode", "passfile"))
    options = kept if form.sslmode == DEFAULT_SSL_MODE else (*kept, ("sslmode", form.sslmode))
    return ServerAddress(
        host=form.host.strip(),
        port=int(form.port.strip()),
        database=form.database.strip(),
        user=form.user.strip(),
        password=form.password or None,
        options=options,
    )


def form_of(address: ServerAddress | None) -> ServerForm:
    """The page's fields for `address` (empty but for the port without one); never the password."""
    if address is None:
        return ServerForm("", str(DEFAULT_PORT), "", "")
    return ServerForm(
        address.host,
        str(address.port),
        address.database,
        address.user,
        sslmode=address.option("sslmode") or DEFAULT_SSL_MODE,
    )


def ok_message(result: ProbeResult) -> str:
    if result.dossiers is None:
        return OK_EMPTY
    text = OK_WITH_DOSSIERS.format(count=group_thousands(result.dossiers))
    return text + OK_UPGRADE if result.upgrade_needed else text


@dataclass(frozen=True)
class CheckOutcome:
    ok: bool
    text: str


def check_connection(address: ServerAddress) -> CheckOutcome:
    """Connect to `address` the way the app will (typed password, else the remembered one, else
    PGPASSWORD / ~/.pgpass) and say what is there or what is wrong. Blocks up to the connect timeout:
    run it off the GUI thread."""
    if address.password is None and saved_server.remembers_password(address):
        address = saved_server.with_app_passfile(address)
    try:
        result = probe_server(address)
    except ServerError as error:
        return CheckOutcome(False, error.reason)
    except UserFacingError as error:
        return CheckOutcome(False, error.message)
    return CheckOutcome(True, ok_message(result))


def problem_text(error: UserFacingError) -> str:
    """What is wrong, without the advice meant for a screen at work (for the start-up dialog)."""
    return error.reason if isinstance(error, ServerError) else error.message


def saved_address() -> ServerAddress | None:
    """The server this computer is set to use (None: the local file)."""
    return saved_server.load_saved_server()


def remembers_password(address: ServerAddress) -> bool:
    return saved_server.remembers_password(address)


def same_database(first: ServerAddress | None, second: ServerAddress | None) -> bool:
    """Whether two choices name the same database (the password and passfile aside)."""
    if first is None or second is None:
        return first is second

    def key(address: ServerAddress) -> ServerAddress:
        options = tuple(sorted((k, v) for k, v in address.options if k != "passfile"))
        return replace(address, password=None, options=options)

    return key(first) == key(second)


def save_choice(address: ServerAddress | None, *, remember_password: bool) -> None:
    """Keep `address` (None: the local file) for the next start. The typed password is remembered
    only with `remember_password`; left empty, a password remembered for the same address stays."""
    if address is None:
        saved_server.save_server(None)
        return
    password = address.password if remember_password else None
    saved_server.save_server(address, password=password, keep_password=remember_password)


def needs_restart(paths: AppPaths, chosen: ServerAddress | None) -> bool:
    """Whether the window must start again to use `chosen`: it runs on another database now."""
    return not same_database(paths.server, chosen)


def counter_name() -> str:
    return counter_identity.load_counter_name()


def apply_counter_name(workspace: Workspace) -> str:
    """Use the counter name saved on this computer from now on (else the agency settings' one, as
    `open_workspace` chooses): on the dossiers and events written next and in the change notices."""
    name = counter_identity.load_counter_name() or workspace.settings().counter_name
    workspace.counter = name
    workspace.db.set_counter(name)
    return name


def save_counter_name(name: str) -> str:
    """Keep this computer's counter name; `InvalidInputError` when it is too long."""
    tidy = " ".join(name.split())
    if len(tidy) > counter_identity.MAX_LENGTH:
        raise InvalidInputError(
            f"Tên quầy dài quá {counter_identity.MAX_LENGTH} ký tự; hãy viết ngắn hơn (ví dụ “Quầy 2 – Hộ tịch”)."
        )
    return counter_identity.save_counter_name(tidy)
