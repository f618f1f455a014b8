"""Mẫu 07, Sổ theo dõi hồ sơ, as an Excel workbook (openpyxl): the same columns and grouped header as
the PDF, dates as real date-time cells, header rows frozen and repeated on every printed page."""

from __future__ import annotations

import io
import textwrap
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.documents.data import NO_NUMBER, RegisterData, normalized
from cchc_desktop.documents.form_header import MOTTO, NATIONAL_NAME, NUMBER_LINE
from cchc_desktop.documents.markup import DOTS
from cchc_desktop.documents.register import (
    EMPTY_LINE,
    HEAD_SUB,
    HEAD_TOP,
    PERIOD_LINE,
    SUB_COLUMNS,
    TITLE,
    VOLUME_LINE,
)
from cchc_desktop.documents.xlsx_text import set_data_text
from cchc_desktop.domain.vn_format import place_date_line, short_date

SHEET_TITLE = "Sổ theo dõi hồ sơ"
DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm"
FONT_NAME = "Times New Roman"
PAGE_FOOTER = "Trang &P/&N"
# Column widths in characters, in the order of the columns.
COLUMN_WIDTHS = (6, 27, 42, 28, 34, 24, 16.5, 16.5, 16.5, 18, 13)
LEFT_BLOCK = (1, 5)  # columns of the unit block of the header; the national block takes 7..11
RIGHT_BLOCK = (7, 11)
HEAD_ROW = 7  # first of the two header rows
DATE_COLUMNS = (7, 8, 9)  # received, appointment, returned (1-based)
WRAPPED_COLUMNS = (2, 3, 4, 5, 6, 10)
# Row heights: spreadsheet programs do not grow a row for wrapped text when they open a file, so each row
# carries its height. Times New Roman 11 fits about one character per unit of column width (a unit is
# the width of "0" in the default font); a line takes 11 × 1.25 points, plus the cell's padding.
CHARACTERS_PER_UNIT = 1.0
LINE_HEIGHT = 11 * 1.25
ROW_PADDING = 4

_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def register_xlsx(data: RegisterData) -> bytes:
    """The register for the period as an .xlsx workbook of one sheet, ready to print in landscape."""
    data = normalized(data)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    _title_rows(sheet, data)
    _head(sheet)
    _rows(sheet, data)
    for column, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=HEAD_ROW + 2, column=1)
    _print_setup(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _merged(sheet: Worksheet, row: int, columns: tuple[int, int], value: str, font: Font) -> None:
    sheet.merge_cells(start_row=row, start_column=columns[0], end_row=row, end_column=columns[1])
    cell = sheet.cell(row=row, column=columns[0])
    set_data_text(cell, value)  # unit and place names come from the settings
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _title_rows(sheet: Worksheet, data: RegisterData) -> None:
    header = data.header
    regular, bold = Font(name=FONT_NAME, size=12), Font(name=FONT_NAME, size=12, bold=True)
    italic = Font(name=FONT_NAME, size=12, italic=True)
    number = NUMBER_LINE.format(number=header.number or DOTS, suffix=header.number_suffix)
    everything = (1, len(COLUMN_WIDTHS))
    lines: list[tuple[int, tuple[int, int], str, Font]] = [
        (1, LEFT_BLOCK, header.parent_body.upper(), regular),
        (2, LEFT_BLOCK, header.unit_name, bold),
        (3, LEFT_BLOCK, number, regular),
        (1, RIGHT_BLOCK, NATIONAL_NAME, bold),
        (2, RIGHT_BLOCK, MOTTO, Font(name=FONT_NAME, size=12, bold=True, underline="single")),
        (3, RIGHT_BLOCK, place_date_line(header.place_name, header.issued_on), italic),
        (4, everything, TITLE, Font(name=FONT_NAME, size=14, bold=True)),
        (5, everything, VOLUME_LINE.format(volume=data.volume or DOTS), regular),
        (
            6,
            everything,
            PERIOD_LINE.format(start=short_date(data.date_from), end=short_date(data.date_to)),
            italic,
        ),
    ]
    for row, columns, value, font in lines:
        _merged(sheet, row, columns, value, font)
    sheet.row_dimensions[4].height = 24


def _head(sheet: Worksheet) -> None:
    font = Font(name=FONT_NAME, size=11, bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    top, sub = HEAD_ROW, HEAD_ROW + 1
    spanned = [*range(1, SUB_COLUMNS[0] + 1), len(COLUMN_WIDTHS)]  # 1-based columns spanning both rows
    titles = dict(zip(spanned, [*HEAD_TOP[:6], HEAD_TOP[7]], strict=True))
    for column, title in titles.items():
        sheet.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
        sheet.cell(row=top, column=column, value=title)
    first, last = SUB_COLUMNS[0] + 1, SUB_COLUMNS[-1] + 1
    sheet.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
    sheet.cell(row=top, column=first, value=HEAD_TOP[6])
    for column, title in zip(range(first, last + 1), HEAD_SUB, strict=True):
        sheet.cell(row=sub, column=column, value=title)
    for row in (top, sub):
        for column in range(1, len(COLUMN_WIDTHS) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font, cell.alignment, cell.border = font, centre, _GRID
    sheet.row_dimensions[sub].height = 30


def _rows(sheet: Worksheet, data: RegisterData) -> None:
    font = Font(name=FONT_NAME, size=11)
    wrapped = Alignment(vertical="top", wrap_text=True)
    centred = Alignment(horizontal="center", vertical="top", wrap_text=True)
    if not data.rows:
        _merged(sheet, HEAD_ROW + 2, (1, len(COLUMN_WIDTHS)), EMPTY_LINE, font)
    for index, row in enumerate(data.rows, start=HEAD_ROW + 2):
        values: list[Any] = [
            NO_NUMBER if row.number is None else row.number,
            row.code,
            row.procedure_name,
            row.applicant_name,
            row.address_phone,
            row.resolving_body,
            row.received_at,
            row.appointment_at,
            row.returned_at,
            row.delivery,
            None,
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=index, column=column)
            if isinstance(value, str):
                set_data_text(cell, value)
            else:
                cell.value = value
            cell.font, cell.border = font, _GRID
            cell.alignment = wrapped if column in WRAPPED_COLUMNS else centred
            if column in DATE_COLUMNS:
                cell.number_format = DATE_TIME_FORMAT
        lines = max(
            wrapped_line_count(value, COLUMN_WIDTHS[column - 1])
            for column, value in enumerate(values, start=1)
            if isinstance(value, str)
        )
        sheet.row_dimensions[index].height = lines * LINE_HEIGHT + ROW_PADDING


def wrapped_line_count(text: str, width: float) -> int:
    """The lines `text` takes in a wrapped cell `width` characters wide, as words wrap (a word longer
    than the line is broken)."""
    per_line = max(1, int((width - 1) * CHARACTERS_PER_UNIT))
    return sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.splitlines() or [""])


def _print_setup(sheet: Worksheet) -> None:
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 1}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left, margins.right, margins.top, margins.bottom = (
        0.98,
        0.59,
        0.79,
        0.59,
    )  # inches: 25/15/20/15 mm
    sheet.oddFooter.center.text = PAGE_FOOTER
