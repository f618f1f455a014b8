"""Mẫu 02 (Thông tư 03/2025/TT-VPCP): Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.

Every printed word of the form is a constant below, so it can be corrected against the official PDF.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from cchc_desktop.documents.data import SupplementRequestData, normalized
from cchc_desktop.documents.form_header import header_table
from cchc_desktop.documents.form_styles import FormStyles
from cchc_desktop.documents.markup import DOTS, esc, label_line, label_pair, or_dots, text_markup, unbreakable
from cchc_desktop.documents.one_page_form import render_one_page_form
from cchc_desktop.documents.signatures import signature_block, signature_row

NUMBER_SUFFIX = "PBS-{unit}"
TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
APPLICANT_LABEL = "Hồ sơ của:"
CODE_LABEL = "Mã hồ sơ:"
REQUEST_LABEL = "Nội dung yêu cầu giải quyết:"
ADDRESS_LABEL = "Địa chỉ:"
PHONE_LABEL = "Số điện thoại:"
EMAIL_LABEL = "Email:"
ITEMS_LINE = "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:"
ITEM_NUMBER = "{number}."
REASON_LABEL = "Lý do:"
CONTACT_LINE = (
    "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông (bà) liên hệ với {contact} "
    "số điện thoại {phone} để được hướng dẫn./."
)
SIGN_GUIDE = ("NGƯỜI HƯỚNG DẪN", "người hướng dẫn")
PDF_TITLE = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ - {name}"
PDF_SUBJECT = "Mẫu 02 - Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"

BLANK_ITEMS = 3  # dotted lines to write in by hand when no item is given
ITEM_INDENT = 6 * mm  # continuation lines of an item start under its text


def number_suffix(unit_abbreviation: str) -> str:
    """ "PBS-TTPVHCC": the suffix of "Số: …/" for the header."""
    return NUMBER_SUFFIX.format(unit=unit_abbreviation)


def distinct_items(items: tuple[str, ...]) -> tuple[str, ...]:
    """Each item once, in the clerk's order and wording: repeats that differ only by case or spacing
    are dropped, blank items too."""
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        key = " ".join(item.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append(" ".join(item.split()))
    return tuple(kept)


def render_supplement_request(data: SupplementRequestData) -> bytes:
    """The request as PDF (A4 portrait), signed on the right by the clerk who guides the applicant.
    A long list tightens the spacing to stay on one page, then flows on with the signature kept with
    the closing lines."""
    data = normalized(data)
    return render_one_page_form(
        lambda styles, width: _story(data, styles, width),
        reprint_number=data.reprint_number,
        title=PDF_TITLE.format(name=data.applicant.name),
        author=f"{data.header.unit_name}, {data.header.parent_body}",
        subject=PDF_SUBJECT,
    )


def _story(data: SupplementRequestData, styles: FormStyles, width: float) -> list[Flowable]:
    body = styles.body
    applicant = data.applicant
    item_style = ParagraphStyle(
        "item",
        parent=styles.body_justified,
        leftIndent=ITEM_INDENT,
        bulletFontName=styles.body.fontName,  # ReportLab's default bullet font is Helvetica
        bulletFontSize=styles.body.fontSize,
    )
    story: list[Flowable] = [
        header_table(data.header, styles, width),
        Spacer(1, 14),
        Paragraph(esc(TITLE), styles.title),
        Spacer(1, 10),
        Paragraph(label_line(APPLICANT_LABEL, applicant.name, bold=True), body),
    ]
    if data.dossier_code:
        story.append(Paragraph(label_line(CODE_LABEL, data.dossier_code, bold=True), body))
    story += [
        Paragraph(label_line(REQUEST_LABEL, data.procedure_name, bold=True), body),
        Paragraph(label_line(ADDRESS_LABEL, applicant.address), body),
        Paragraph(label_pair(label_line(PHONE_LABEL, applicant.phone), EMAIL_LABEL, applicant.email), body),
        Paragraph(esc(ITEMS_LINE), body),
    ]
    items = [esc(item) for item in distinct_items(data.items)] or [DOTS * 6] * BLANK_ITEMS
    story += [
        Paragraph(text, item_style, bulletText=ITEM_NUMBER.format(number=number))
        for number, text in enumerate(items, start=1)
    ]
    reason = text_markup(data.reason) if data.reason else or_dots("")
    contact = esc(CONTACT_LINE).format(
        contact=or_dots(data.contact_name), phone=unbreakable(or_dots(data.contact_phone))
    )
    story.append(
        KeepTogether(
            [
                Paragraph(f"{esc(REASON_LABEL)} {reason}", styles.body_justified),
                Paragraph(contact, styles.body_justified),
                Spacer(1, 8),
                signature_row([], signature_block(*SIGN_GUIDE, styles, name=data.guide_name), width),
            ]
        )
    )
    return story
