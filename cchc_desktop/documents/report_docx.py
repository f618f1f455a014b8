"""The annual CCHC report as an editable Word document (python-docx), with the same content and the
Nghị định 30/2020 format as the PDF: A4 with the same margins, Times New Roman (the PDF prints its metric
twin Liberation Serif, so lines break in the same places), justified body with a first-line indent, page
numbers in the header from page 2, and biểu II.06a in a landscape section at the end.

Body paragraphs use the "Normal" style, so a paragraph the clerk adds in Word gets the body format; the
headings use "Heading 1"/"Heading 2" (restyled), so Word's navigation pane lists the sections.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from cchc_desktop.documents import fonts
from cchc_desktop.documents import page_frame as pf
from cchc_desktop.documents.annual_report import (
    BODY_SIZE,
    FIELD_SHARE,
    ISSUER_PARENT,
    ISSUER_UNIT,
    LANDSCAPE,
    PAGE_NUMBER_SIZE,
    PARAGRAPH_GAP,
    PORTRAIT,
    RECIPIENTS_LABEL,
    TITLE,
    author,
    pdf_title,
)
from cchc_desktop.documents.data import normalized
from cchc_desktop.documents.page_frame import MOTTO, NATIONAL_NAME, NUMBER_LINE, PageSpec
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
    dash_item,
    statistics_table,
)
from cchc_desktop.domain.vn_format import group_thousands, place_date_line, short_date

FONT_NAME = "Times New Roman"
FIRST_LINE_INDENT = Mm(12.7)
# Word's single spacing is about 1.15 × the font size; 1.1 of it matches the PDF's 1.25 leading.
LINE_SPACING = 1.1
HEADER_DISTANCE = Mm(10)  # the page number sits in the middle of the 20 mm top margin
HEADER_LEFT = Mm(62)  # the header table: the issuer on the left, quốc hiệu and date on the right
SIGN_LEFT = Mm(80)  # the "Nơi nhận" column; the signature takes the rest
SIGN_SPACE = Pt(64)  # room to sign, above the name
TABLE_SIZE = 12
NUMBER_COLUMN = Mm(11)
RULE_COLOUR = "000000"
# Word refuses a file whose elements are out of the schema's order; python-docx knows the order only of
# the elements it writes itself. The elements that may follow w:pBdr in w:pPr, w:tblBorders in w:tblPr:
PBDR_SUCCESSORS = (
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct"),
    *("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid"),
    *("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc"),
    *("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId"),
    *("w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
)
TBL_BORDERS_SUCCESSORS = (
    *("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
    "w:tblPrChange",
)


def render_report_docx(data: AnnualReportData) -> bytes:
    """The report as .docx bytes: portrait pages, then biểu II.06a in a landscape section."""
    data = normalized(data)
    fields, total = statistics_table(data.statistics)
    fonts.register_fonts()  # Liberation Serif measures the rules: its widths are those of Times New Roman
    document = Document()
    _set_up_styles(document)
    section = document.sections[0]
    _page(section, PORTRAIT)
    _page_numbers(section)

    _header_table(document, data)
    _centred(document, TITLE, before=18)
    _centred(document, data.title_subject)
    _rule(document.add_paragraph(), _width(data.title_subject, True, 14) / 3, PORTRAIT.frame_width, after=14)
    for text in data.opening:
        _body(document, text)
    for report_section in data.sections:
        if report_section.heading:
            style = "Heading 1" if report_section.level == 1 else "Heading 2"
            document.add_paragraph(report_section.heading, style=style)
        for text in report_section.paragraphs:
            _body(document, text)
    _body(document, data.closing).paragraph_format.keep_with_next = True
    _signature_table(document, data)

    appendix = document.add_section(WD_SECTION.NEW_PAGE)
    appendix.orientation = WD_ORIENT.LANDSCAPE
    _page(appendix, LANDSCAPE)
    appendix.different_first_page_header_footer = False  # the header (page number) carries on
    _appendix(document, data, fields, total)

    properties = document.core_properties
    properties.title = pdf_title(data)
    properties.subject = data.title_subject
    properties.author = author(data)
    properties.language = "vi-VN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- styles and page set-up


def _fonts_element(r_pr: Any) -> None:
    """Times New Roman for every script, without the theme fonts that would override it."""
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(script), FONT_NAME)


def _set_up_styles(document: DocumentObject) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts_element(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), "vi-VN")

    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(BODY_SIZE)
    _fonts_element(normal.element.get_or_add_rPr())
    body = normal.paragraph_format
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.first_line_indent = FIRST_LINE_INDENT
    body.space_before = Pt(0)
    body.space_after = Pt(PARAGRAPH_GAP)
    body.line_spacing = LINE_SPACING
    body.widow_control = True

    for name in ("Heading 1", "Heading 2"):
        style = document.styles[name]
        _fonts_element(style.element.get_or_add_rPr())
        style.font.size = Pt(BODY_SIZE)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        heading = style.paragraph_format
        heading.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        heading.first_line_indent = FIRST_LINE_INDENT
        heading.space_before = Pt(PARAGRAPH_GAP / 2)
        heading.space_after = Pt(PARAGRAPH_GAP)
        heading.line_spacing = LINE_SPACING
        heading.keep_with_next = True


def _page(section: Section, spec: PageSpec) -> None:
    section.page_width = Mm(_mm(spec.size[0]))
    section.page_height = Mm(_mm(spec.size[1]))
    section.top_margin = Mm(_mm(spec.top))
    section.bottom_margin = Mm(_mm(spec.bottom))
    section.left_margin = Mm(_mm(spec.left))
    section.right_margin = Mm(_mm(spec.right))
    section.header_distance = HEADER_DISTANCE


def _mm(points: float) -> float:
    return round(points / 72 * 25.4, 1)


def _page_numbers(section: Section) -> None:
    """A PAGE field centred in the header, none on the first page (Nghị định 30/2020)."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    _format(paragraph, WD_ALIGN_PARAGRAPH.CENTER)
    for kind, text in (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("text", "2"), ("end", "")):
        run = paragraph.add_run()
        run.font.size = Pt(PAGE_NUMBER_SIZE)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


# ---------------------------------------------------------------- paragraphs


def _format(
    paragraph: Paragraph, alignment: WD_ALIGN_PARAGRAPH, *, before: float = 0, after: float = 0
) -> Paragraph:
    """A paragraph outside the body text: no indent, single spacing."""
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment
    fmt.first_line_indent = Mm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    return paragraph


def _text(
    paragraph: Paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False
) -> Paragraph:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    return paragraph


def _line(
    container: DocumentObject | _Cell,
    text: str,
    size: float,
    alignment: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    *,
    bold: bool = False,
    italic: bool = False,
    before: float = 0,
    after: float = 0,
    first: bool = False,
) -> Paragraph:
    """One formatted paragraph; `first` reuses the empty paragraph a new table cell starts with."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    _format(paragraph, alignment, before=before, after=after)
    return _text(paragraph, text, size, bold=bold, italic=italic)


def _centred(document: DocumentObject, text: str, *, before: float = 0) -> Paragraph:
    return _line(document, text, 14, bold=True, before=before)


def _body(document: DocumentObject, text: str) -> Paragraph:
    item = dash_item(text)
    return document.add_paragraph(text if item is None else f"- {item}")


def _width(text: str, bold: bool, size: float) -> float:
    return float(stringWidth(text, fonts.BOLD if bold else fonts.REGULAR, size))


def _rule(paragraph: Paragraph, length: float, room: float, *, after: float = 0) -> None:
    """A centred horizontal rule `length` points long: the top border of an empty thin paragraph
    indented from both sides of `room` (Word has no rule object that stays put when text is edited)."""
    _format(paragraph, WD_ALIGN_PARAGRAPH.CENTER, before=3, after=after)
    indent = Pt(max((room - length) / 2, 0))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = indent
    fmt.line_spacing = Pt(3)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", RULE_COLOUR)):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.insert_element_before(borders, *PBDR_SUCCESSORS)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    p_pr.insert_element_before(mark, "w:sectPr", "w:pPrChange")


# ---------------------------------------------------------------- tables


def _borderless(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(borders, *TBL_BORDERS_SUCCESSORS)


def _widths(table: Table, widths: Iterable[float]) -> None:
    """Column widths in points, on the grid and on every cell (Word reads one, LibreOffice the other)."""
    table.autofit = False
    widths = list(widths)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Pt(width)


def _header_table(document: DocumentObject, data: AnnualReportData) -> None:
    left = HEADER_LEFT.pt
    right = PORTRAIT.frame_width - left
    table = document.add_table(rows=2, cols=2)
    _borderless(table)
    _widths(table, (left, right))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    unit = ISSUER_UNIT.format(commune=data.commune_name.upper())
    issuer = table.cell(0, 0)
    _line(issuer, ISSUER_PARENT, 12, bold=True, first=True)
    _line(issuer, unit, 12, bold=True)
    pad = 2 * Mm(1.9).pt  # Word's default cell margins
    _rule(issuer.add_paragraph(), max(_width(unit, True, 12) * 0.4, Mm(12).pt), left - pad)
    nation = table.cell(0, 1)
    _line(nation, NATIONAL_NAME, 12, bold=True, first=True)
    _line(nation, MOTTO, 13, bold=True)
    _rule(nation.add_paragraph(), _width(MOTTO, True, 13), right - pad)
    number = NUMBER_LINE.format(number=data.number or pf.DOTS, suffix=NUMBER_SUFFIX)
    _line(table.cell(1, 0), number, 13, first=True)
    place_date = place_date_line(data.place_name, data.issued_on)
    _line(table.cell(1, 1), place_date, 13, italic=True, first=True)
    for cell in table.rows[1].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM


def _signature_table(document: DocumentObject, data: AnnualReportData) -> None:
    """ "Nơi nhận" at the left, the signature at the right, in one row that never splits."""
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, (SIGN_LEFT.pt, PORTRAIT.frame_width - SIGN_LEFT.pt))
    row = table.rows[0]
    cant_split = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().append(cant_split)
    recipients, signature = row.cells
    _line(recipients, RECIPIENTS_LABEL, 12, WD_ALIGN_PARAGRAPH.LEFT, bold=True, italic=True, first=True)
    for line in data.recipients:
        _line(recipients, line, 11, WD_ALIGN_PARAGRAPH.LEFT)
    lines = [line for line in (data.signer_authority, data.signer_title) if line]
    for index, line in enumerate(lines):
        _line(signature, line, BODY_SIZE, bold=True, first=index == 0)
    name = _line(signature, data.signer_name, BODY_SIZE, bold=True, first=not lines)
    name.paragraph_format.space_before = SIGN_SPACE


# ---------------------------------------------------------------- the appendix: biểu II.06a


def _appendix(
    document: DocumentObject, data: AnnualReportData, fields: tuple[StatisticsRow, ...], total: StatisticsRow
) -> None:
    _line(document, APPENDIX_TITLE, 14, bold=True)
    attached = APPENDIX_ATTACHED.format(
        number=data.number or pf.DOTS,
        suffix=NUMBER_SUFFIX,
        day=short_date(data.issued_on),
        commune=data.commune_name,
    )
    _line(document, attached, 13, italic=True)
    period = APPENDIX_PERIOD.format(start=short_date(data.period_from), end=short_date(data.period_to))
    _line(document, period, 13, italic=True)
    _line(document, APPENDIX_UNIT, 12, WD_ALIGN_PARAGRAPH.RIGHT, italic=True, before=4, after=3)
    _statistics_table(document, fields, total)
    if data.rule_note:
        note = _format(document.add_paragraph(), WD_ALIGN_PARAGRAPH.JUSTIFY, before=6)
        _text(note, RULE_NOTE_LABEL + " ", 12, bold=True, italic=True)
        _text(note, data.rule_note, 12, italic=True)


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
    _widths(table, [NUMBER_COLUMN.pt, field, *[number] * 11])

    def put(row: int, column: int, text: str, alignment: WD_ALIGN_PARAGRAPH, **style: bool) -> None:
        cell = table.cell(row, column)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _line(cell, text, TABLE_SIZE, alignment, first=True, before=2, after=2, **style)

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
