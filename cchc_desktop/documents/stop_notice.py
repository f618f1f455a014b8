"""Mẫu 05 (Thông tư 03/2025/TT-VPCP, new in 2025): Thông báo dừng giải quyết hồ sơ.

DRAFT LAYOUT. The official layout of Mẫu 05 was not available when this was written; the content follows
the list in the domain guide (§2): header and number, title, "Kính gửi", the applicant, the dossier, the
dates of receipt and of the request to stop, that processing stops at the applicant's request (NĐ 118
Art 21), what is returned, and the signature of the head of the unit. Correct the constants below and the
order of the lines against the official PDF, then set DRAFT_LAYOUT to False.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from cchc_desktop.documents.data import StopNoticeData, normalized
from cchc_desktop.documents.form_header import header_table, title_and_addressee
from cchc_desktop.documents.form_styles import FormStyles
from cchc_desktop.documents.markup import (
    DOTS,
    esc,
    label_line,
    label_pair,
    moment_markup,
    or_dots,
    text_markup,
)
from cchc_desktop.documents.one_page_form import render_one_page_form
from cchc_desktop.documents.signatures import signature_block, signature_row

DRAFT_LAYOUT = True  # not yet checked against the official form (see the module docstring)

NUMBER_SUFFIX = "TBD-{unit}"
TITLE = "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
ADDRESSEE = "Kính gửi: {name}"
INTRO_LINE = "{unit} thông báo về hồ sơ của:"
APPLICANT_LABEL = "Ông (Bà)/Tổ chức:"
ID_LABEL = "Số định danh cá nhân/tổ chức:"
ADDRESS_LABEL = "Địa chỉ:"
PHONE_LABEL = "Số điện thoại:"
EMAIL_LABEL = "Email:"
CODE_LABEL = "Mã hồ sơ:"
REQUEST_LABEL = "Nội dung yêu cầu giải quyết:"
RECEIVED_LABEL = "Thời gian tiếp nhận hồ sơ:"
STOP_REQUESTED_LABEL = "Thời gian đề nghị dừng giải quyết hồ sơ:"
STOP_LINE = (
    "Theo đề nghị của Ông (Bà)/Tổ chức, {unit} dừng giải quyết hồ sơ nêu trên kể từ ngày thông báo này."
)
RETURNED_LABEL = "Hồ sơ, giấy tờ và phí, lệ phí trả lại cho Ông (Bà)/Tổ chức:"
CLOSING_LINE = "Xin thông báo để Ông (Bà)/Tổ chức được biết./."
DEFAULT_SIGNER_TITLE = "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"
DIGITAL_SIGNER = "thủ trưởng cơ quan, đơn vị"
PDF_TITLE = "Thông báo dừng giải quyết hồ sơ - {code}"
PDF_SUBJECT = "Mẫu 05 - Thông báo dừng giải quyết hồ sơ"


def number_suffix(unit_abbreviation: str) -> str:
    """ "TBD-TTPVHCC": the suffix of "Số: …/" for the header."""
    return NUMBER_SUFFIX.format(unit=unit_abbreviation)


def render_stop_notice(data: StopNoticeData) -> bytes:
    """The notice as PDF (A4 portrait), signed on the right by the head of the unit."""
    data = normalized(data)
    return render_one_page_form(
        lambda styles, width: _story(data, styles, width),
        reprint_number=data.reprint_number,
        title=PDF_TITLE.format(code=data.dossier_code),
        author=data.receiving_unit or data.header.unit_name,
        subject=PDF_SUBJECT,
    )


def _story(data: StopNoticeData, styles: FormStyles, width: float) -> list[Flowable]:
    body = styles.body
    applicant = data.applicant
    unit = or_dots(data.receiving_unit)
    returned = text_markup(data.returned_items) or or_dots("")
    signature = signature_block(
        data.signer_title or DEFAULT_SIGNER_TITLE, DIGITAL_SIGNER, styles, name=data.signer_name
    )
    return [
        header_table(data.header, styles, width),
        *title_and_addressee(TITLE, ADDRESSEE.format(name=applicant.name or DOTS), styles, width),
        Spacer(1, 4),
        Paragraph(esc(INTRO_LINE).format(unit=unit), body),
        Paragraph(
            label_pair(label_line(APPLICANT_LABEL, applicant.name, bold=True), ID_LABEL, applicant.id_number),
            body,
        ),
        Paragraph(label_line(ADDRESS_LABEL, applicant.address), body),
        Paragraph(label_pair(label_line(PHONE_LABEL, applicant.phone), EMAIL_LABEL, applicant.email), body),
        Paragraph(label_line(CODE_LABEL, data.dossier_code, bold=True), body),
        Paragraph(label_line(REQUEST_LABEL, data.procedure_name, bold=True), body),
        Paragraph(f"{esc(RECEIVED_LABEL)} {moment_markup(data.received_at)}", body),
        Paragraph(f"{esc(STOP_REQUESTED_LABEL)} {moment_markup(data.requested_at)}", body),
        Paragraph(esc(STOP_LINE).format(unit=unit), styles.body_justified),
        Paragraph(f"{esc(RETURNED_LABEL)} {returned}", styles.body_justified),
        KeepTogether([Paragraph(esc(CLOSING_LINE), body), Spacer(1, 8), signature_row([], signature, width)]),
    ]
