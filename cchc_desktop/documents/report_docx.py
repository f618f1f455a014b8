"""The annual CCHC report as an editable Word document (python-docx), with the same content and the
Nghị định 30/2020 format as the PDF: A4 with the same margins, Times New Roman (the PDF prints its metric
twin Liberation Serif, so lines break in the same places), justified body with a first-line indent, page
numbers in the header from page 2, and biểu II.06a in a landscape section at the end.

Body paragraphs use the "Normal" style, so a paragraph the clerk adds in Word gets the body format; the
headings use "Heading 1"/"Heading 2" (restyled), so Word's navigation pane lists the sections.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from cchc_desktop.documents import fonts
from cchc_desktop.documents.annual_report import (
    BODY_SIZE,
    ISSUER_PARENT,
    ISSUER_UNIT,
    PORTRAIT,
    RECIPIENTS_LABEL,
    TITLE,
    author,
    pdf_title,
)
from cchc_desktop.documents.data import normalized
from cchc_desktop.documents.docx_blocks import add_line, add_rule, remove_borders, set_widths, text_width
from cchc_desktop.documents.form_header import MOTTO, NATIONAL_NAME, NUMBER_LINE
from cchc_desktop.documents.markup import DOTS
from cchc_desktop.documents.report_data import NUMBER_SUFFIX, AnnualReportData, dash_item
from cchc_desktop.documents.report_docx_appendix import add_appendix
from cchc_desktop.documents.report_docx_styles import add_page_numbers, set_page, set_up_styles
from cchc_desktop.documents.report_figures_docx import add_figures
from cchc_desktop.domain.vn_format import place_date_line

HEADER_LEFT = Mm(62)  # the header table: the issuer on the left, quốc hiệu and date on the right
SIGN_LEFT = Mm(80)  # the "Nơi nhận" column; the signature takes the rest
SIGN_SPACE = Pt(64)  # room to sign, above the name


def render_report_docx(data: AnnualReportData) -> bytes:
    """The report as .docx bytes: portrait pages, then biểu II.06a in a landscape section."""
    data = normalized(data)
    fonts.register_fonts()  # Liberation Serif measures the rules: its widths are those of Times New Roman
    document = Document()
    set_up_styles(document)
    section = document.sections[0]
    set_page(section, PORTRAIT)
    add_page_numbers(section)

    _header_table(document, data)
    _centred(document, TITLE, before=18)
    _centred(document, data.title_subject)
    add_rule(
        document.add_paragraph(), text_width(data.title_subject, True, 14) / 3, PORTRAIT.frame_width, after=14
    )
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

    add_appendix(document, data)
    if data.figures is not None:
        add_figures(document, data.figures)

    properties = document.core_properties
    properties.title = pdf_title(data)
    properties.subject = data.title_subject
    properties.author = author(data)
    properties.language = "vi-VN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _centred(document: DocumentObject, text: str, *, before: float = 0) -> Paragraph:
    return add_line(document, text, 14, bold=True, before=before)


def _body(document: DocumentObject, text: str) -> Paragraph:
    item = dash_item(text)
    return document.add_paragraph(text if item is None else f"- {item}")


def _header_table(document: DocumentObject, data: AnnualReportData) -> None:
    left = HEADER_LEFT.pt
    right = PORTRAIT.frame_width - left
    table = document.add_table(rows=2, cols=2)
    remove_borders(table)
    set_widths(table, (left, right))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    unit = ISSUER_UNIT.format(commune=data.commune_name.upper())
    issuer = table.cell(0, 0)
    add_line(issuer, ISSUER_PARENT, 12, bold=True, first=True)
    add_line(issuer, unit, 12, bold=True)
    pad = 2 * Mm(1.9).pt  # Word's default cell margins
    add_rule(issuer.add_paragraph(), max(text_width(unit, True, 12) * 0.4, Mm(12).pt), left - pad)
    nation = table.cell(0, 1)
    add_line(nation, NATIONAL_NAME, 12, bold=True, first=True)
    add_line(nation, MOTTO, 13, bold=True)
    add_rule(nation.add_paragraph(), text_width(MOTTO, True, 13), right - pad)
    number = NUMBER_LINE.format(number=data.number or DOTS, suffix=NUMBER_SUFFIX)
    add_line(table.cell(1, 0), number, 13, first=True)
    place_date = place_date_line(data.place_name, data.issued_on)
    add_line(table.cell(1, 1), place_date, 13, italic=True, first=True)
    for cell in table.rows[1].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM


def _signature_table(document: DocumentObject, data: AnnualReportData) -> None:
    """ "Nơi nhận" at the left, the signature at the right, in one row that never splits."""
    table = document.add_table(rows=1, cols=2)
    remove_borders(table)
    set_widths(table, (SIGN_LEFT.pt, PORTRAIT.frame_width - SIGN_LEFT.pt))
    row = table.rows[0]
    cant_split = OxmlElement("w:cantSplit")
    row._tr.get_or_add_trPr().append(cant_split)
    recipients, signature = row.cells
    add_line(recipients, RECIPIENTS_LABEL, 12, WD_ALIGN_PARAGRAPH.LEFT, bold=True, italic=True, first=True)
    for line in data.recipients:
        add_line(recipients, line, 11, WD_ALIGN_PARAGRAPH.LEFT)
    lines = [line for line in (data.signer_authority, data.signer_title) if line]
    for index, line in enumerate(lines):
        add_line(signature, line, BODY_SIZE, bold=True, first=index == 0)
    name = add_line(signature, data.signer_name, BODY_SIZE, bold=True, first=not lines)
    name.paragraph_format.space_before = SIGN_SPACE
