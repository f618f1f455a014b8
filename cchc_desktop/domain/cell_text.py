"""Text in spreadsheet cells we write (CSV, XLSX) and read back: formula neutralising (OWASP CSV
injection) and control characters that XML, and so XLSX, cannot hold.

One rule for every export: a text cell whose first character is one of `FORMULA_TRIGGERS` is written to
CSV with a leading apostrophe, and `restore_csv_text` removes exactly that apostrophe on import, so the
text comes back identical (a phone "+84 912…" or a "-5" in a text column included). In XLSX such a cell
is a string cell (never a formula) with Excel's "quote prefix" style instead of a visible apostrophe.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_GUARD = "'"
# C0 controls except tab, line feed and carriage return; DEL; C1 controls; the two XML non-characters.
# XLSX (XML 1.0) cannot hold the C0 ones; the rest are never meaningful in a dossier.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def needs_guard(text: str) -> bool:
    """True when a spreadsheet would read the text as a formula (or our import would strip a guard)."""
    return text.lstrip(CSV_GUARD).startswith(FORMULA_TRIGGERS)


def guard_csv_text(text: str) -> str:
    """The text as written to a CSV cell: an apostrophe before a leading trigger character.

    Text already starting with apostrophes before a trigger gets one more, so that `restore_csv_text`
    (which removes one) gives it back unchanged."""
    return CSV_GUARD + text if needs_guard(text) else text


def restore_csv_text(text: str) -> str:
    """The inverse of `guard_csv_text`, applied to every text cell of an imported CSV."""
    if text.startswith(CSV_GUARD) and needs_guard(text):
        return text[1:]
    return text


def first_control(text: str) -> str | None:
    """The first control character of the text that no export can hold, or None."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def strip_controls(text: str) -> str:
    """The text without the control characters `first_control` finds (tab and new lines stay)."""
    return _CONTROL.sub("", text)
