"""Mẫu 04 (Thông tư 03/2025/TT-VPCP): Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết.

A letter of the commune People's Committee, so it follows Nghị định 30/2020: the issuer's name on two bold
lines ("ỦY BAN NHÂN DÂN" / "XÃ ĐẠI HỢP", see `commune_header`), body paragraphs justified with a first-line
indent, "Nơi nhận" at the bottom left and the signer's authority, title and name at the bottom right.
[law, NĐ 118 Art 19(6)] It is sent at the latest on the last working day before the due date, once per dossier.

Every printed word of the form is a constant below, so it can be corrected against the official PDF.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from cchc_desktop.documents import fonts
from cchc_desktop.documents.data import ExtensionApologyData, FormHeader, normalized
from cchc_desktop.documents.form_header import header_table, title_and_addressee
from cchc_desktop.documents.form_styles import FormStyles
from cchc_desktop.documents.markup import DOTS, esc, moment_markup, or_dots, text_markup
from cchc_desktop.documents.one_page_form import render_one_page_form
from cchc_desktop.documents.signatures import signature_block, signature_row
from cchc_desktop.domain.vn_format import long_date

ISSUER_PARENT = "ỦY BAN NHÂN DÂN"
ISSUER_UNIT = "XÃ {commune}"
NUMBER_SUFFIX = "PXL"
TITLE = "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
ADDRESSEE = "Kính gửi: Ông (Bà) {name}"
RECEIVED_PARAGRAPH = (
    "{day}, {agency} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục “{procedure}” của Ông (Bà) {name}, "
    "số định danh cá nhân/tổ chức: {id_number}, mã số hồ sơ: {code}."
)
APPOINTMENT_PARAGRAPH = (
    "Theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, hồ sơ của Ông (Bà) được hẹn trả kết quả vào {due}."
)
LATE_PARAGRAPH = (
    "Tuy nhiên, đến nay {agency} chưa giải quyết xong hồ sơ và không thể trả kết quả cho Ông (Bà) "
    "đúng thời hạn đã hẹn."
)
REASON_LABEL = "Lý do:"
APOLOGY_PARAGRAPH = (
    "Sự chậm trễ này đã gây phiền hà cho Ông (Bà). Chúng tôi xin lỗi Ông (Bà) và sẽ trả kết quả vào {due}."
)
UNDERSTANDING_PARAGRAPH = "Mong nhận được sự thông cảm của Ông (Bà) vì sự chậm trễ này./."
RECIPIENTS_LABEL = "Nơi nhận:"
RECIPIENTS = ("- Như trên;", "- Lưu: VT.")
DIGITAL_SIGNER = "thủ trưởng cơ quan, đơn vị"
PDF_TITLE = "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết - {code}"
PDF_SUBJECT = "Mẫu 04 - Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"

FIRST_LINE_INDENT = 10 * mm  # Nghị định 30/2020: 1-1.27 cm
PARAGRAPH_GAP = 6  # points between paragraphs (Nghị định 30/2020: at least 6)
# A letter: 14 pt body when it fits one page, else 13 pt (Nghị định 30/2020 allows both).
DENSITIES: tuple[dict[str, Any], ...] = (
    {"body_size": 14, "gap": PARAGRAPH_GAP, "leading": 1.25, "sign_space": 22 * mm},
    {"body_size": 13, "gap": PARAGRAPH_GAP, "leading": 1.2, "sign_space": 18 * mm},
)


def commune_header(commune_name: str, place_name: str, issued_on: date, number: str = "") -> FormHeader:
    """The header of a letter of the commune People's Committee: "ỦY BAN NHÂN DÂN" / "XÃ ĐẠI HỢP",
    "Số: …/PXL"."""
    return FormHeader(
        parent_body=ISSUER_PARENT,
        unit_name=ISSUER_UNIT.format(commune=commune_name.upper()),
        number_suffix=NUMBER_SUFFIX,
        place_name=place_name,
        issued_on=issued_on,
        number=number,
    )


def render_extension_apology(data: ExtensionApologyData) -> bytes:
    """The letter as PDF (A4 portrait). The new return time must be later than the one promised."""
    if data.new_due_at <= data.original_due_at:
        raise ValueError("the new return time must be later than the original one")
    data = normalized(data)
    return render_one_page_form(
        lambda styles, width: _story(data, styles, width),
        reprint_number=data.reprint_number,
        title=PDF_TITLE.format(code=data.dossier_code),
        author=data.agency_name or data.header.unit_name,
        subject=PDF_SUBJECT,
        densities=DENSITIES,
    )


def _story(data: ExtensionApologyData, styles: FormStyles, width: float) -> list[Flowable]:
    # The issuer's name is one name on two lines: both lines bold (Nghị định 30/2020).
    header_styles = dataclasses.replace(
        styles, header_parent=ParagraphStyle("issuer_parent", parent=styles.header_unit)
    )
    paragraph = ParagraphStyle("letter", parent=styles.body_justified, firstLineIndent=FIRST_LINE_INDENT)
    applicant = data.applicant
    agency = or_dots(data.agency_name)
    received_day = long_date(data.received_at.date())
    return [
        header_table(data.header, header_styles, width),
        *title_and_addressee(TITLE, ADDRESSEE.format(name=applicant.name or DOTS), styles, width),
        Spacer(1, 6),
        Paragraph(
            esc(RECEIVED_PARAGRAPH).format(
                day=esc(received_day[:1].upper() + received_day[1:]),
                agency=agency,
                procedure=or_dots(data.procedure_name),
                name=f"<b>{or_dots(applicant.name)}</b>",
                id_number=or_dots(applicant.id_number),
                code=f"<b>{or_dots(data.dossier_code)}</b>",
            ),
            paragraph,
        ),
        Paragraph(esc(APPOINTMENT_PARAGRAPH).format(due=moment_markup(data.original_due_at)), paragraph),
        Paragraph(esc(LATE_PARAGRAPH).format(agency=agency), paragraph),
        Paragraph(f"{esc(REASON_LABEL)} {text_markup(data.reason) or or_dots('')}", paragraph),
        Paragraph(esc(APOLOGY_PARAGRAPH).format(due=f"<b>{moment_markup(data.new_due_at)}</b>"), paragraph),
        KeepTogether(
            [
                Paragraph(esc(UNDERSTANDING_PARAGRAPH), paragraph),
                Spacer(1, 10),
                signature_row(_recipients(styles), _signature(data, styles), width),
            ]
        ),
    ]


def _recipients(styles: FormStyles) -> list[Flowable]:
    """ "Nơi nhận:" 12 pt bold italic, the list 11 pt (Nghị định 30/2020)."""
    label = ParagraphStyle("recipients_label", parent=styles.body, fontName=fonts.BOLD_ITALIC, fontSize=12)
    item = ParagraphStyle(
        "recipients", parent=styles.body, fontSize=11, leading=13, spaceAfter=0, leftIndent=0
    )
    return [Paragraph(esc(RECIPIENTS_LABEL), label), *[Paragraph(esc(line), item) for line in RECIPIENTS]]


def _signature(data: ExtensionApologyData, styles: FormStyles) -> list[Flowable]:
    block: list[Flowable] = []
    if data.signer_authority:
        block.append(Paragraph(esc(data.signer_authority), styles.sign_title))
    block += signature_block(data.signer_title, DIGITAL_SIGNER, styles, name=data.signer_name)
    return block
