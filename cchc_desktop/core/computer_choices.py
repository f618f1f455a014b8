"""One-value choices of this computer (its counter name, the username last signed in), each a small JSON
file in the user's config folder beside the saved server: never in the shared database, since every
counter of a centre makes its own."""

from __future__ import annotations

import json
import logging

from cchc_desktop.core.files import write_file_atomically
from cchc_desktop.core.saved_server import config_dir

log = logging.getLogger(__name__)


def load_choice(file_name: str, key: str) -> str:
    """The saved text, "" when there is none or the file cannot be read (it is only a convenience)."""
    path = config_dir() / file_name
    try:
        return str(json.loads(path.read_text(encoding="utf-8"))[key])
    except FileNotFoundError:
        return ""
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("ignoring the saved choice in %s: %s", path, type(error).__name__)
        return ""


def save_choice(file_name: str, key: str, value: str) -> None:
    """Write atomically; OSError (and UserFacingError from the atomic write) reach the caller."""
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    write_file_atomically(folder / file_name, (json.dumps({key: value}, ensure_ascii=False) + "\n").encode())
