"""Biểu II.06a of the annual CCHC report as an Excel workbook (openpyxl): the title rows and the period,
the grouped header, the row of column numbers, one row per field with the counts as numbers, and the
total row as SUM formulas, so the province's officer can check and reuse the figures. The total row also
carries the sums as the formulas' cached results, for viewers that do not calculate."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.documents import page_frame as pf
from cchc_desktop.documents.data import normalized
from cchc_desktop.documents.markup import DOTS
from cchc_desktop.documents.report_data import (
    APPENDIX_ATTACHED,
    APPENDIX_PERIOD,
    APPENDIX_TITLE,
    APPENDIX_UNIT,
    COLUMN_NUMBERS,
    HEAD_FIELD,
    HEAD_GROUPS,
    HEAD_NUMBER,
    NUMBER_SUFFIX,
    RULE_NOTE_LABEL,
    AnnualReportData,
    StatisticsRow,
    statistics_table,
)
from cchc_desktop.documents.report_reconciliation import reconciliation_line
from cchc_desktop.documents.xlsx_cache import with_cached_values
from cchc_desktop.documents.xlsx_text import set_data_text
from cchc_desktop.domain.vn_format import short_date

SHEET_TITLE = "Biểu II.06a"
FONT_NAME = "Times New Roman"
NUMBER_FORMAT = "#,##0"  # Excel shows the grouping with the reader's locale: 1.823 in Vietnamese
COLUMN_WIDTHS = (6, 26, *[11.5] * 11)  # characters
LAST_COLUMN = len(COLUMN_WIDTHS)
HEAD_ROW = 5  # group titles; sub-columns on the next row, column numbers on the one after
FIRST_DATA_ROW = HEAD_ROW + 3

_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


class _Formula(str):
    """A formula we write on purpose (the total row); every other text cell is written as text."""


def _font(size: float = 12, *, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def render_report_xlsx(data: AnnualReportData) -> bytes:
    """The workbook as .xlsx bytes: one sheet, landscape, the header rows frozen and printed on every
    page."""
    data = normalized(data)
    fields, total = statistics_table(data.statistics)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    _title_rows(sheet, data)
    _head(sheet)
    total_row = _rows(sheet, fields, total)
    notes = [reconciliation_line(total, data.closed_otherwise)]
    if data.rule_note:
        notes.append(f"{RULE_NOTE_LABEL} {data.rule_note}")
    for note_row, note in enumerate((note for note in notes if note), start=total_row + 2):
        sheet.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=LAST_COLUMN)
        cell = sheet.cell(row=note_row, column=1)
        set_data_text(cell, note)
        cell.font = _font(11, italic=True)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        sheet.row_dimensions[note_row].height = 32
    for column, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=3)
    _print_setup(sheet)
    workbook.properties.title = f"{APPENDIX_TITLE} - {data.year_label}"
    workbook.properties.creator = pf.CREATOR
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not fields:  # the total row holds plain numbers
        return buffer.getvalue()
    totals = {
        f"{get_column_letter(column)}{total_row}": value for column, value in enumerate(total.values, 3)
    }
    return with_cached_values(buffer.getvalue(), totals)


def _merged(sheet: Worksheet, row: int, columns: tuple[int, int], value: str, font: Font) -> None:
    sheet.merge_cells(start_row=row, start_column=columns[0], end_row=row, end_column=columns[1])
    cell = sheet.cell(row=row, column=columns[0])
    set_data_text(cell, value)  # the commune's name comes from the settings
    cell.font = font
    cell.alignment = _CENTRE


def _title_rows(sheet: Worksheet, data: AnnualReportData) -> None:
    attached = APPENDIX_ATTACHED.format(
        number=data.number or DOTS,
        suffix=NUMBER_SUFFIX,
        day=short_date(data.issued_on),
        commune=data.commune_name,
    )
    period = APPENDIX_PERIOD.format(start=short_date(data.period_from), end=short_date(data.period_to))
    everything = (1, LAST_COLUMN)
    _merged(sheet, 1, everything, APPENDIX_TITLE, _font(14, bold=True))
    _merged(sheet, 2, everything, attached, _font(12, italic=True))
    _merged(sheet, 3, everything, period, _font(12, italic=True))
    _merged(sheet, 4, (LAST_COLUMN - 2, LAST_COLUMN), APPENDIX_UNIT, _font(11, italic=True))
    sheet.cell(row=4, column=LAST_COLUMN - 2).alignment = Alignment(horizontal="right")
    sheet.row_dimensions[1].height = 22


def _head(sheet: Worksheet) -> None:
    top, sub, numbers = HEAD_ROW, HEAD_ROW + 1, HEAD_ROW + 2
    for column, title in ((1, HEAD_NUMBER), (2, HEAD_FIELD)):
        sheet.merge_cells(start_row=top, start_column=column, end_row=sub, end_column=column)
        sheet.cell(row=top, column=column, value=title)
    start = 3
    for title, columns in HEAD_GROUPS:
        sheet.merge_cells(start_row=top, start_column=start, end_row=top, end_column=start + len(columns) - 1)
        sheet.cell(row=top, column=start, value=title)
        for offset, sub_title in enumerate(columns):
            sheet.cell(row=sub, column=start + offset, value=sub_title)
        start += len(columns)
    for column, text in enumerate(COLUMN_NUMBERS, start=1):
        sheet.cell(row=numbers, column=column, value=text)
    for row in (top, sub, numbers):
        for column in range(1, LAST_COLUMN + 1):
            cell = sheet.cell(row=row, column=column)
            cell.font = _font(11, italic=True) if row == numbers else _font(11, bold=True)
            cell.alignment, cell.border = _CENTRE, _GRID
    sheet.row_dimensions[sub].height = 36


def _rows(sheet: Worksheet, fields: tuple[StatisticsRow, ...], total: StatisticsRow) -> int:
    """The field rows with their counts, then the total row as formulas; the number of the total row."""
    row = FIRST_DATA_ROW
    for field in fields:
        _row(sheet, row, [_number(field.number), field.field, *field.values], bold=False)
        row += 1
    if fields:
        sums: list[object] = [
            _Formula(f"=SUM({letter}{FIRST_DATA_ROW}:{letter}{row - 1})")
            for letter in (get_column_letter(column) for column in range(3, LAST_COLUMN + 1))
        ]
    else:
        sums = list(total.values)
    _row(sheet, row, [None, total.field, *sums], bold=True)
    return row


def _number(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def _row(sheet: Worksheet, row: int, values: list[object], *, bold: bool) -> None:
    sheet.row_dimensions[row].height = 20
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str) and not isinstance(value, _Formula):
            set_data_text(cell, value)  # field names come from the data
        else:
            cell.value = value
        cell.font, cell.border = _font(12, bold=bold), _GRID
        if column == 1:
            cell.alignment = Alignment(horizontal="center", vertical="center")
        elif column == 2:
            cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        else:
            cell.alignment = Alignment(horizontal="right", vertical="center")
            cell.number_format = NUMBER_FORMAT


def _print_setup(sheet: Worksheet) -> None:
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 2}"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    # Inches: the landscape appendix of the PDF, 30 mm at the top (binding), 15 mm below, 20 mm aside.
    margins.top, margins.bottom, margins.left, margins.right = 1.18, 0.59, 0.79, 0.79
