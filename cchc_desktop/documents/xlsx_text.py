"""Cells of text that comes from data (names, addresses, procedure names, free text) in the workbooks
we write: always string cells, never formulas or error values, whatever the text begins with, and
without the control characters XML cannot hold (old data may have them)."""

from __future__ import annotations

from typing import Any

from cchc_desktop.domain.cell_text import needs_guard, strip_controls


def set_data_text(cell: Any, text: str) -> None:
    """Put `text` into the openpyxl cell (normal or write-only) as a plain string cell.

    openpyxl would turn "=…" into a formula and "#N/A" into an error value; the data type is set back
    to string, and a text Excel would read as a formula when edited gets Excel's quote prefix (shown
    without an apostrophe, kept as text on editing)."""
    clean = strip_controls(text)
    cell.value = clean
    cell.data_type = "s"
    if needs_guard(clean):
        cell.quotePrefix = True
