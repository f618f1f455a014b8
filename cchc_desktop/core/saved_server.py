"""The centre server this counter uses, as saved by the "Máy chủ dữ liệu" settings page.

Kept in the user's config folder: `server.json` holds host, port, database, user and libpq options;
the password, when the clerk lets the app remember it, goes to `pgpass` beside it in libpq's own
pgpass format with mode 0600 and is handed to libpq as `passfile`. So the password is in neither the
JSON nor the database, and `PGPASSWORD` or the user's own `~/.pgpass` keep working when it is not
remembered. A missing or unreadable file means "no server saved" (the local file is used).
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import platformdirs

from cchc_desktop.core.files import write_file_atomically
from cchc_desktop.core.server_address import ServerAddress

log = logging.getLogger(__name__)
APP_DIR_NAME = "CCHCDesk"
SERVER_FILE = "server.json"
PGPASS_FILE = "pgpass"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def pgpass_line(address: ServerAddress, password: str) -> str:
    fields = (address.host, str(address.port), address.database, address.user, password)
    return ":".join(_escape(value) for value in fields)


def with_app_passfile(address: ServerAddress) -> ServerAddress:
    """`address` told to read the app's pgpass file, when it has no password and no passfile of its own
    and the file exists."""
    passfile = config_dir() / PGPASS_FILE
    if address.password is not None or address.option("passfile") or not passfile.is_file():
        return address
    return replace(address, options=(*address.options, ("passfile", str(passfile))))


def load_saved_server() -> ServerAddress | None:
    path = config_dir() / SERVER_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        address = ServerAddress(
            host=str(data["host"]),
            port=int(data.get("port", 5432)),
            database=str(data["database"]),
            user=str(data["user"]),
            options=tuple((str(k), str(v)) for k, v in dict(data.get("options", {})).items()),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("ignoring the saved server connection in %s: %s", path, type(error).__name__)
        return None
    return with_app_passfile(address)


def remembers_password(address: ServerAddress) -> bool:
    """True when the app's pgpass file holds a password for exactly this host, port, database and user."""
    try:
        lines = (config_dir() / PGPASS_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    prefix = pgpass_line(address, "")
    return any(line.startswith(prefix) and len(line) > len(prefix) for line in lines)


def save_server(
    address: ServerAddress | None, *, password: str | None = None, keep_password: bool = False
) -> None:
    """Save `address` (None: go back to the local file). With `password`, remember it in the app's
    pgpass file; with `keep_password`, keep the password already remembered for this same address;
    otherwise forget any remembered password."""
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    server_file, passfile = folder / SERVER_FILE, folder / PGPASS_FILE
    if address is None:
        server_file.unlink(missing_ok=True)
        passfile.unlink(missing_ok=True)
        return
    options = {name: value for name, value in address.options if name != "passfile"}
    data = {
        "host": address.host,
        "port": address.port,
        "database": address.database,
        "user": address.user,
        "options": options,
    }
    # Mode 0600, fsynced, renamed into place (core/files.py).
    write_file_atomically(server_file, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())
    if password:
        write_file_atomically(passfile, (pgpass_line(address, password) + "\n").encode())
    elif not (keep_password and remembers_password(address)):
        passfile.unlink(missing_ok=True)
