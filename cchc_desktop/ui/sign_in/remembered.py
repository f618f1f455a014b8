"""The username last signed in on this computer, offered in the sign-in dialog. Kept in the user's
config folder beside the saved server and the counter name (never in the shared database: each counter
remembers its own clerk). Never the password."""

from __future__ import annotations

import logging

from cchc_desktop.core.computer_choices import load_choice, save_choice
from cchc_desktop.core.errors import UserFacingError

log = logging.getLogger(__name__)
SIGN_IN_FILE = "sign_in.json"
MAX_LENGTH = 60


def load_last_username() -> str:
    return load_choice(SIGN_IN_FILE, "username").strip()[:MAX_LENGTH]


def save_last_username(username: str) -> None:
    try:
        save_choice(SIGN_IN_FILE, "username", username[:MAX_LENGTH])
    except (OSError, UserFacingError) as error:  # a read-only profile: not offered next time
        log.warning("cannot remember the username: %s", type(error).__name__)
