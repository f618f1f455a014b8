"""Biểu II.06a of the report as DOCX: the statistics table in a landscape section at the end."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm

from cchc_desktop.documents.annual_report import FIELD_SHARE, LANDSCAPE
from cchc_desktop.documents.docx_blocks import add_line, add_text, format_paragraph, set_widths
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
from cchc_desktop.documents.report_docx_styles import set_page
from cchc_desktop.documents.report_reconciliation import reconciliation_line
from cchc_desktop.domain.vn_format import group_thousands, short_date

TABLE_SIZE = 12
NUMBER_COLUMN = Mm(11)


def add_appendix(document: DocumentObject, data: AnnualReportData) -> None:
    """Biểu II.06a in a new landscape section, the page numbers carrying on."""
    fields, total = statistics_table(data.statistics)
    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    appendix.orientation = WD_ORIENT.LANDSCAPE
    set_page(appendix, LANDSCAPE)
    appendix.different_first_page_header_footer = False  # the header (page number) carries on
    _appendix(document, data, fields, total)


def _appendix(
    document: DocumentObject, data: AnnualReportData, fields: tuple[StatisticsRow, ...], total: StatisticsRow
) -> None:
    add_line(document, APPENDIX_TITLE, 14, bold=True)
    attached = APPENDIX_ATTACHED.format(
        number=data.number or DOTS,
        suffix=NUMBER_SUFFIX,
        day=short_date(data.issued_on),
        commune=data.commune_name,
    )
    add_line(document, attached, 13, italic=True)
    period = APPENDIX_PERIOD.format(start=short_date(data.period_from), end=short_date(data.period_to))
    add_line(document, period, 13, italic=True)
    add_line(document, APPENDIX_UNIT, 12, WD_ALIGN_PARAGRAPH.RIGHT, italic=True, before=4, after=3)
    _statistics_table(document, fields, total)
    reconciliation = reconciliation_line(total, data.closed_otherwise)
    if reconciliation:
        line = format_paragraph(document.add_paragraph(), WD_ALIGN_PARAGRAPH.JUSTIFY, before=6)
        add_text(line, reconciliation, 12, italic=True)
    if data.rule_note:
        note = format_paragraph(document.add_paragraph(), WD_ALIGN_PARAGRAPH.JUSTIFY, before=6)
        add_text(note, RULE_NOTE_LABEL + " ", 12, bold=True, italic=True)
        add_text(note, data.rule_note, 12, italic=True)


def _statistics_table(
    document: DocumentObject, fields: tuple[StatisticsRow, ...], total: StatisticsRow
) -> None:
    head_rows = 3
    table = document.add_table(rows=head_rows + len(fields) + 1, cols=len(COLUMN_NUMBERS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = LANDSCAPE.frame_width
    field = width * FIELD_SHARE
    number = (width - NUMBER_COLUMN.pt - field) / 11
    set_widths(table, [NUMBER_COLUMN.pt, field, *[number] * 11])

    def put(row: int, column: int, text: str, alignment: WD_ALIGN_PARAGRAPH, **style: bool) -> None:
        cell = table.cell(row, column)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        add_line(cell, text, TABLE_SIZE, alignment, first=True, before=2, after=2, **style)

    centre = WD_ALIGN_PARAGRAPH.CENTER
    put(0, 0, HEAD_NUMBER, centre, bold=True)
    put(0, 1, HEAD_FIELD, centre, bold=True)
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    start = 2
    for title, columns in HEAD_GROUPS:
        for offset, sub_title in enumerate(columns):
            put(1, start + offset, sub_title, centre, bold=True)
        put(0, start, title, centre, bold=True)
        table.cell(0, start).merge(table.cell(0, start + len(columns) - 1))
        start += len(columns)
    for index, text in enumerate(COLUMN_NUMBERS):
        put(2, index, text, centre, italic=True)
    for index in range(head_rows):  # repeated at the top of every page the table runs to
        table.rows[index]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))

    for row_index, row in enumerate((*fields, total), start=head_rows):
        bold = row is total
        put(row_index, 0, row.number, centre)
        put(row_index, 1, row.field, WD_ALIGN_PARAGRAPH.LEFT, bold=bold)
        for column, value in enumerate(row.values, start=2):
            put(row_index, column, group_thousands(value), WD_ALIGN_PARAGRAPH.RIGHT, bold=bold)
