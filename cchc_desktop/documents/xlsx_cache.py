"""Cached results of the formulas we write on purpose (the report's total row).

openpyxl writes a formula cell as `<f>…</f><v></v>`: no cached result, so a viewer that does not
calculate (phone previewers, mail attachment previews, some readers) shows the cell empty. openpyxl
cannot write a formula and its value together, so the saved workbook is rewritten: each named cell of
the sheet part gets its value in `<v>`, computed by us from the same numbers. The workbook still asks
for a full calculation on load (`fullCalcOnLoad`), so a spreadsheet program recomputes and never trusts
these values."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

SHEET_PART = "xl/worksheets/sheet1.xml"


def with_cached_values(xlsx: bytes, values: Mapping[str, int], part: str = SHEET_PART) -> bytes:
    """`xlsx` with the integer `values` ({"C12": 1825, …}) stored as the cached results of those
    formula cells of `part`. Raises ValueError when a named cell is not a formula cell there (a change
    in how openpyxl writes cells must fail the tests, not ship empty totals)."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source:
        parts = {item: source.read(item) for item in source.infolist()}
    sheet_item = next((item for item in parts if item.filename == part), None)
    if sheet_item is None:
        raise ValueError(f"no {part} in the workbook")
    sheet = parts[sheet_item].decode("utf-8")
    for reference, value in values.items():
        pattern = re.compile(
            rf'(<c r="{re.escape(reference)}"(?: [^>]*)?>)(<f>[^<]*</f>)(?:<v\s*/>|<v>[^<]*</v>)?(</c>)'
        )
        sheet, found = pattern.subn(rf"\g<1>\g<2><v>{int(value)}</v>\g<3>", sheet, count=1)
        if not found:
            raise ValueError(f"{part}: no formula cell {reference} to cache")
    parts[sheet_item] = sheet.encode("utf-8")
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item, data in parts.items():
            out.writestr(item, data)
    return target.getvalue()
