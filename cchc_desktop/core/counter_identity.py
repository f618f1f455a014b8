"""This counter's name ("Quầy 2 – Hộ tịch"), kept on this computer, not in the shared database: every
counter of a centre names itself. It is stored on the dossiers and events the counter writes, printed on
the receipt and sent with the server's change notices. Empty until the clerk sets it."""

from __future__ import annotations

from cchc_desktop.core.computer_choices import load_choice, save_choice

COUNTER_FILE = "counter.json"
MAX_LENGTH = 60


def load_counter_name() -> str:
    return " ".join(load_choice(COUNTER_FILE, "name").split())[:MAX_LENGTH]


def save_counter_name(name: str) -> str:
    """Save `name` (spaces tidied, at most MAX_LENGTH characters); returns what was saved."""
    tidy = " ".join(name.split())[:MAX_LENGTH]
    save_choice(COUNTER_FILE, "name", tidy)
    return tidy
