"""The procedure catalogue as a workbook laid out like a province's published list (one sheet)."""

from __future__ import annotations

import io
from typing import Any

from cchc_desktop.documents.xlsx_text import set_data_text

# STT, code, name, field, time, fee, exemptions, documents, result, legal basis, decision, body, amount, extension
COLUMN_WIDTHS = (5, 12, 50, 18, 28, 28, 24, 70, 28, 40, 24, 24, 12, 12)


def catalogue_workbook(rows: list[list[str | int]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = "Danh mục thủ tục"
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                set_data_text(cell, value)
            else:
                cell.value = value
            cell.alignment = wrap
            if row_number == 1:
                cell.font = bold
    sheet.freeze_panes = "C2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
