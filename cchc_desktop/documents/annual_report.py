"""The annual CCHC report of the commune as PDF (Nghị định 30/2020/NĐ-CP), with biểu II.06a as a
landscape appendix.

A4 portrait, Liberation Serif (the metric twin of Times New Roman) everywhere. Header: "ỦY BAN NHÂN DÂN" /
"XÃ …" bold with a short rule and "Số: …/BC-UBND" on the left; quốc hiệu, tiêu ngữ with a rule as long as
it and the italic place-date line on the right. Then "BÁO CÁO" and the subject with a short rule, the body
(14 pt, justified, first-line indent), the closing line with "Nơi nhận" and the signature kept together,
and the appendix page. Page numbers centred in the top margin from page 2.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from cchc_desktop.documents import fonts
from cchc_desktop.documents import page_frame as pf
from cchc_desktop.documents.data import FormHeader, normalized
from cchc_desktop.documents.flowables import Rule
from cchc_desktop.documents.form_header import header_table
from cchc_desktop.documents.form_styles import FormStyles, make_styles, table_style
from cchc_desktop.documents.markup import DOTS, balanced_lines, esc
from cchc_desktop.documents.page_frame import PageSpec
from cchc_desktop.documents.page_marks import page_marker
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
    ReportSection,
    StatisticsRow,
    dash_item,
    statistics_table,
)
from cchc_desktop.documents.report_figures import figure_page
from cchc_desktop.documents.report_reconciliation import reconciliation_line
from cchc_desktop.documents.signatures import signature_row
from cchc_desktop.domain.vn_format import group_thousands, short_date

ISSUER_PARENT = "ỦY BAN NHÂN DÂN"
ISSUER_UNIT = "XÃ {commune}"
AGENCY = "Ủy ban nhân dân xã {commune}"
TITLE = "BÁO CÁO"
RECIPIENTS_LABEL = "Nơi nhận:"
PDF_TITLE = "Báo cáo công tác cải cách hành chính {year_label}"
AUTHOR = "Ủy ban nhân dân xã {commune}, {province}"

PORTRAIT = pf.page_spec("A4")
# The appendix page is turned and bound with the portrait pages at its top edge: the top margin takes the
# binding room (30 mm), the sides the 20 mm of an ordinary edge.
LANDSCAPE = PageSpec(
    "A4 landscape", landscape(A4), top=30 * mm, bottom=15 * mm, left=20 * mm, right=20 * mm, font_scale=1.0
)
BODY_SIZE = 14
LEADING = 1.25  # line height / font size: Nghị định 30/2020 allows single to 1.5 lines
PARAGRAPH_GAP = 6  # points between paragraphs (at least 6)
FIRST_LINE_INDENT = 12.7 * mm  # 1.27 cm, Word's usual first-line indent (1-1.27 cm allowed)
PAGE_NUMBER_SIZE = 13
SIGN_SPACE = 24 * mm
TABLE_SIZE = 12
TABLE_PAD = 3
HEAD_ROWS = 3  # group titles, sub-columns, column numbers
FIELD_SHARE = 0.18  # of the table width; TT takes 11 mm and the 11 number columns share the rest
NUMBER_WIDTH = 11 * mm


def agency_name(commune: str) -> str:
    return AGENCY.format(commune=commune)


def pdf_title(data: AnnualReportData) -> str:
    return PDF_TITLE.format(year_label=data.year_label)


def author(data: AnnualReportData) -> str:
    text = AUTHOR.format(commune=data.commune_name, province=data.province_name)
    return text if data.province_name else text.rsplit(",", 1)[0]


def report_header(data: AnnualReportData) -> FormHeader:
    return FormHeader(
        parent_body=ISSUER_PARENT,
        unit_name=ISSUER_UNIT.format(commune=data.commune_name.upper()),
        number_suffix=NUMBER_SUFFIX,
        place_name=data.place_name,
        issued_on=data.issued_on,
        number=data.number,
    )


def render_annual_report(data: AnnualReportData) -> bytes:
    """The report as PDF bytes: the portrait pages, then biểu II.06a on a landscape page."""
    data = normalized(data)
    fields, total = statistics_table(data.statistics)
    styles = dataclasses.replace(
        make_styles(PORTRAIT, body_size=BODY_SIZE, table_size=TABLE_SIZE, gap=PARAGRAPH_GAP, leading=LEADING),
        mark_size=PAGE_NUMBER_SIZE,
        sign_space=SIGN_SPACE,
    )
    story = [
        *_front(data, styles),
        *_body(data, styles),
        _closing_and_signature(data, styles),
        NextPageTemplate("appendix"),
        PageBreak(),
        *_appendix(data, fields, total, styles),
    ]
    if data.figures is not None:  # "Kèm trang biểu đồ": the charts on a page of their own, landscape too
        page = figure_page(data.figures, styles, LANDSCAPE.frame_width, LANDSCAPE.frame_height)
        story += [PageBreak(), *page]
    templates = [
        PageTemplate(id="report", frames=[PORTRAIT.frame()], onPage=page_marker(PORTRAIT, styles)),
        PageTemplate(
            id="appendix",
            frames=[LANDSCAPE.frame()],
            onPage=page_marker(LANDSCAPE, styles),
            pagesize=LANDSCAPE.size,
        ),
    ]
    return pf.build_pdf(
        PORTRAIT, templates, story, title=pdf_title(data), author=author(data), subject=data.title_subject
    )


def _front(data: AnnualReportData, styles: FormStyles) -> list[Flowable]:
    width = PORTRAIT.frame_width
    # The issuer's name is one name on two lines: both bold (Nghị định 30/2020).
    header_styles = dataclasses.replace(
        styles, header_parent=ParagraphStyle("issuer_parent", parent=styles.header_unit)
    )
    title = styles.title
    subject = balanced_lines(data.title_subject, title.fontName, title.fontSize, width * 0.8)
    # Nghị định 30/2020: the rule under the subject is 1/3 to 1/2 of its (longest) line.
    subject_width = min(float(stringWidth(data.title_subject, title.fontName, title.fontSize)), width * 0.8)
    return [
        header_table(report_header(data), header_styles, width),
        Spacer(1, 18),
        Paragraph(esc(TITLE), title),
        Spacer(1, 2),
        Paragraph(subject, title),
        Rule(max(subject_width / 3, 30 * mm), above=3, below=0),
        Spacer(1, 16),
    ]


def _styles(styles: FormStyles) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "report_body",
        parent=styles.body_justified,
        firstLineIndent=FIRST_LINE_INDENT,
        allowWidows=0,
        allowOrphans=0,
    )
    heading = ParagraphStyle(
        "report_heading", parent=body, fontName=fonts.BOLD, keepWithNext=1, spaceBefore=PARAGRAPH_GAP / 2
    )
    return {"body": body, "heading": heading}


def _paragraph_markup(text: str) -> str:
    item = dash_item(text)
    return esc(text) if item is None else f"-&nbsp;{esc(item)}"


def _body(data: AnnualReportData, styles: FormStyles) -> list[Flowable]:
    own = _styles(styles)
    story: list[Flowable] = [Paragraph(_paragraph_markup(text), own["body"]) for text in data.opening]
    for section in data.sections:
        story += _section(section, own)
    return story


def _section(section: ReportSection, own: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = []
    if section.heading:
        story.append(Paragraph(esc(section.heading), own["heading"]))
    story += [Paragraph(_paragraph_markup(text), own["body"]) for text in section.paragraphs]
    return story


def _closing_and_signature(data: AnnualReportData, styles: FormStyles) -> KeepTogether:
    """The closing line, "Nơi nhận" and the signature on one page: a signature never stands alone."""
    label = ParagraphStyle(
        "recipients_label", parent=styles.body, fontName=fonts.BOLD_ITALIC, fontSize=12, leading=14
    )
    item = ParagraphStyle("recipients", parent=styles.body, fontSize=11, leading=13, spaceAfter=0)
    recipients: list[Flowable] = [
        Paragraph(esc(RECIPIENTS_LABEL), label),
        *[Paragraph(esc(line), item) for line in data.recipients],
    ]
    signature: list[Flowable] = [
        Paragraph(esc(line), styles.sign_title) for line in (data.signer_authority, data.signer_title) if line
    ]
    signature.append(Spacer(1, styles.sign_space))
    if data.signer_name:
        signature.append(Paragraph(esc(data.signer_name), styles.sign_name))
    return KeepTogether(
        [
            Paragraph(_paragraph_markup(data.closing), _styles(styles)["body"]),
            Spacer(1, 6),
            signature_row(recipients, signature, PORTRAIT.frame_width),
        ]
    )


# ---------------------------------------------------------------- the appendix: biểu II.06a


def _appendix(
    data: AnnualReportData, fields: tuple[StatisticsRow, ...], total: StatisticsRow, styles: FormStyles
) -> list[Flowable]:
    centred = ParagraphStyle("appendix_line", parent=styles.body, alignment=TA_CENTER, spaceAfter=0)
    italic = ParagraphStyle("appendix_italic", parent=centred, fontName=fonts.ITALIC, fontSize=13)
    unit = ParagraphStyle("appendix_unit", parent=italic, fontSize=12, alignment=TA_RIGHT)
    note = ParagraphStyle(
        "appendix_note", parent=styles.body_justified, fontName=fonts.ITALIC, fontSize=12, leading=15
    )
    attached = APPENDIX_ATTACHED.format(
        number=data.number or DOTS,
        suffix=NUMBER_SUFFIX,
        day=short_date(data.issued_on),
        commune=data.commune_name,
    )
    period = APPENDIX_PERIOD.format(start=short_date(data.period_from), end=short_date(data.period_to))
    story: list[Flowable] = [
        Paragraph(esc(APPENDIX_TITLE), styles.title),
        Spacer(1, 2),
        Paragraph(esc(attached), italic),
        Paragraph(esc(period), italic),
        Spacer(1, 4),
        Paragraph(esc(APPENDIX_UNIT), unit),
        Spacer(1, 3),
        statistics_pdf_table(fields, total, styles, LANDSCAPE.frame_width),
    ]
    reconciliation = reconciliation_line(total, data.closed_otherwise)
    if reconciliation:
        story += [Spacer(1, 6), Paragraph(esc(reconciliation), note)]
    if data.rule_note:
        story += [
            Spacer(1, 6),
            Paragraph(f"<b>{esc(RULE_NOTE_LABEL)}</b> {esc(data.rule_note)}", note),
        ]
    return story


def column_widths(width: float) -> list[float]:
    field = width * FIELD_SHARE
    number = (width - NUMBER_WIDTH - field) / 11
    return [NUMBER_WIDTH, field, *[number] * 11]


def statistics_pdf_table(
    fields: tuple[StatisticsRow, ...], total: StatisticsRow, styles: FormStyles, width: float
) -> Table:
    """Biểu II.06a: grouped two-level header, the row of column numbers, the fields, the total in bold."""
    head = ParagraphStyle("ii06_head", parent=styles.table_head)
    field_style = ParagraphStyle("ii06_field", parent=styles.table_cell, alignment=TA_LEFT)
    total_style = ParagraphStyle("ii06_total", parent=field_style, fontName=fonts.BOLD)

    def cell(text: str) -> Paragraph:
        return Paragraph(esc(text), head)

    top: list[Any] = [cell(HEAD_NUMBER), cell(HEAD_FIELD)]
    sub: list[Any] = ["", ""]
    for title, columns in HEAD_GROUPS:
        top += [cell(title)] + [""] * (len(columns) - 1)
        sub += [cell(column) for column in columns]
    rows: list[list[Any]] = [top, sub, list(COLUMN_NUMBERS)]
    for row in fields:
        rows.append([row.number, Paragraph(esc(row.field), field_style), *map(group_thousands, row.values)])
    rows.append(["", Paragraph(esc(total.field), total_style), *map(group_thousands, total.values)])

    spans: list[Any] = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1))]
    start = 2
    for _, columns in HEAD_GROUPS:
        spans.append(("SPAN", (start, 0), (start + len(columns) - 1, 0)))
        start += len(columns)
    table = Table(rows, colWidths=column_widths(width), repeatRows=HEAD_ROWS)
    table.setStyle(
        table_style(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE, TABLE_SIZE * 1.15),
                ("FONT", (0, 2), (-1, 2), fonts.ITALIC, TABLE_SIZE - 1, (TABLE_SIZE - 1) * 1.15),
                ("FONT", (0, -1), (-1, -1), fonts.BOLD, TABLE_SIZE, TABLE_SIZE * 1.15),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, HEAD_ROWS - 1), "CENTER"),
                ("ALIGN", (0, HEAD_ROWS), (0, -1), "CENTER"),
                ("ALIGN", (2, HEAD_ROWS), (-1, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), TABLE_PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), TABLE_PAD),
                ("TOPPADDING", (0, 0), (-1, -1), TABLE_PAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), TABLE_PAD + 1),
                *spans,
            ]
        )
    )
    return table
