"""This counter's name ("Quầy 2 – Hộ tịch"), kept on this computer, not in the shared database: every
counter of a centre names itself. It is stored on the dossiers and events the counter writes, printed on
the receipt and sent with the server's change notices. Empty until the clerk sets it."""

from __future__ import annotations

import json
import logging

from cchc_desktop.core.files import write_file_atomically
from cchc_desktop.core.saved_server import config_dir

log = logging.getLogger(__name__)
COUNTER_FILE = "counter.json"
MAX_LENGTH = 60


def load_counter_name() -> str:
    path = config_dir() / COUNTER_FILE
    try:
        name = json.loads(path.read_text(encoding="utf-8"))["name"]
    except FileNotFoundError:
        return ""
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("ignoring the counter name in %s: %s", path, type(error).__name__)
        return ""
    return " ".join(str(name).split())[:MAX_LENGTH]


def save_counter_name(name: str) -> str:
    """Save `name` (spaces tidied, at most MAX_LENGTH characters); returns what was saved."""
    tidy = " ".join(name.split())[:MAX_LENGTH]
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    write_file_atomically(
        folder / COUNTER_FILE, (json.dumps({"name": tidy}, ensure_ascii=False) + "\n").encode()
    )
    return tidy
