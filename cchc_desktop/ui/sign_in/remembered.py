"""The username last signed in on this computer, offered in the sign-in dialog. Kept in the user's
config folder beside the saved server and the counter name (never in the shared database: each counter
remembers its own clerk). Never the password."""

from __future__ import annotations

import json
import logging

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.files import write_file_atomically
from cchc_desktop.core.saved_server import config_dir

log = logging.getLogger(__name__)
SIGN_IN_FILE = "sign_in.json"
MAX_LENGTH = 60


def load_last_username() -> str:
    path = config_dir() / SIGN_IN_FILE
    try:
        name = json.loads(path.read_text(encoding="utf-8"))["username"]
    except FileNotFoundError:
        return ""
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("ignoring the remembered username in %s: %s", path, type(error).__name__)
        return ""
    return str(name).strip()[:MAX_LENGTH]


def save_last_username(username: str) -> None:
    folder = config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"username": username[:MAX_LENGTH]}, ensure_ascii=False) + "\n"
        write_file_atomically(folder / SIGN_IN_FILE, data.encode())
    except (OSError, UserFacingError) as error:  # a read-only profile: not offered next time
        log.warning("cannot remember the username: %s", type(error).__name__)
