"""The two-column header of the forms: the unit and "Số"; quốc hiệu, tiêu ngữ and place-date."""

from __future__ import annotations

from xml.sax.saxutils import unescape as _xml_unescape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from cchc_desktop.documents.data import FormHeader
from cchc_desktop.documents.flowables import Rule
from cchc_desktop.documents.form_styles import FormStyles, table_style
from cchc_desktop.documents.markup import balanced_lines, esc, or_dots
from cchc_desktop.domain.vn_format import place_date_line

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER_LINE = "Số: {number}/{suffix}"


def _widest_line(markup_lines: str, font: str, size: float) -> float:
    return max(float(stringWidth(_xml_unescape(line), font, size)) for line in markup_lines.split("<br/>"))


def header_table(header: FormHeader, styles: FormStyles, width: float) -> Table:
    """The 2025 header: unit and "Số" on the left, quốc hiệu, tiêu ngữ and place-date on the right."""
    return _header_table(header, styles, width, numbered=True)


def list_header_table(header: FormHeader, styles: FormStyles, width: float) -> Table:
    """The same header without the "Số" line, for internal lists that carry no document number."""
    return _header_table(header, styles, width, numbered=False)


def _header_table(header: FormHeader, styles: FormStyles, width: float, *, numbered: bool) -> Table:
    pad = 2
    national_width = stringWidth(NATIONAL_NAME, styles.national.fontName, styles.national.fontSize)
    right_width = max(national_width + 2 * pad + 4, width * 0.56)
    left_width = width - right_width
    text_width = left_width - 2 * pad

    parent = balanced_lines(
        header.parent_body.upper(), styles.header_parent.fontName, styles.header_parent.fontSize, text_width
    )
    unit = balanced_lines(
        header.unit_name, styles.header_unit.fontName, styles.header_unit.fontSize, text_width
    )
    unit_width = min(
        _widest_line(unit, styles.header_unit.fontName, styles.header_unit.fontSize),
        text_width,
    )
    motto_width = stringWidth(MOTTO, styles.motto.fontName, styles.motto.fontSize)
    number = NUMBER_LINE.format(number=or_dots(header.number), suffix=esc(header.number_suffix))

    def rule(rule_width: float) -> Rule:
        return Rule(rule_width, above=2.5 * styles.scale, below=4 * styles.scale)

    left_top: list[Flowable] = [
        Paragraph(parent, styles.header_parent),
        Paragraph(unit, styles.header_unit),
        rule(max(unit_width * 0.4, 12 * mm * styles.scale)),
    ]
    right_top: list[Flowable] = [
        Paragraph(esc(NATIONAL_NAME), styles.national),
        Paragraph(esc(MOTTO), styles.motto),
        rule(motto_width),
    ]
    rows = [
        [left_top, right_top],
        [
            Paragraph(number, styles.header_number) if numbered else "",
            Paragraph(esc(place_date_line(header.place_name, header.issued_on)), styles.place_date),
        ],
    ]
    table = Table(rows, colWidths=[left_width, right_width], hAlign="CENTER")
    table.setStyle(
        table_style(
            [
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, 0), "TOP"),
                ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def title_and_addressee(title: str, addressee_line: str, styles: FormStyles, width: float) -> list[Flowable]:
    """Under the header of a letter: its title, then "Kính gửi: …" centred, balanced over two lines
    when long."""
    addressee = ParagraphStyle("addressee", parent=styles.body, alignment=TA_CENTER)
    return [
        Spacer(1, 14),
        Paragraph(esc(title), styles.title),
        Spacer(1, 10),
        Paragraph(balanced_lines(addressee_line, addressee.fontName, addressee.fontSize, width), addressee),
    ]
