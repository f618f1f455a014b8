"""Mẫu 03 (Thông tư 03/2025/TT-VPCP): Phiếu từ chối tiếp nhận giải quyết hồ sơ.

Every printed word of the form is a constant below, so it can be corrected against the official PDF.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from cchc_desktop.documents.data import RefusalData, normalized
from cchc_desktop.documents.form_header import header_table
from cchc_desktop.documents.form_styles import FormStyles
from cchc_desktop.documents.markup import DOTS, esc, label_line, label_pair, or_dots, text_markup
from cchc_desktop.documents.one_page_form import render_one_page_form
from cchc_desktop.documents.signatures import signature_block, signature_row

NUMBER_SUFFIX = "PTC-{unit}"
TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
RECEIVES_FROM = "{unit} tiếp nhận hồ sơ của:"
APPLICANT_LABEL = "Ông (Bà)/Tổ chức:"
ID_LABEL = "Số định danh cá nhân/tổ chức:"
ADDRESS_LABEL = "Địa chỉ:"
PHONE_LABEL = "Số điện thoại:"
EMAIL_LABEL = "Email:"
CODE_LABEL = "Mã hồ sơ (nếu có):"
REQUEST_LABEL = "Nội dung yêu cầu giải quyết:"
REFUSAL_LINE = (
    "Qua xem xét, {unit} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: {reason}"
)
CLOSING_LINE = "Xin thông báo cho Ông/Bà được biết và thực hiện./."
SIGN_APPLICANT = ("NGƯỜI NỘP HỒ SƠ", "người nộp hồ sơ")
SIGN_RECEIVER = ("NGƯỜI TIẾP NHẬN HỒ SƠ", "người tiếp nhận hồ sơ")
PDF_TITLE = "Phiếu từ chối tiếp nhận giải quyết hồ sơ - {name}"
PDF_SUBJECT = "Mẫu 03 - Phiếu từ chối tiếp nhận giải quyết hồ sơ"


def number_suffix(unit_abbreviation: str) -> str:
    """ "PTC-TTPVHCC": the suffix of "Số: …/" for the header."""
    return NUMBER_SUFFIX.format(unit=unit_abbreviation)


def render_refusal(data: RefusalData) -> bytes:
    """The refusal as PDF (A4 portrait): one copy, signed by the applicant and the clerk."""
    data = normalized(data)
    return render_one_page_form(
        lambda styles, width: _story(data, styles, width),
        reprint_number=data.reprint_number,
        title=PDF_TITLE.format(name=data.applicant.name),
        author=data.receiving_unit or data.header.unit_name,
        subject=PDF_SUBJECT,
    )


def _story(data: RefusalData, styles: FormStyles, width: float) -> list[Flowable]:
    body = styles.body
    applicant = data.applicant
    reason = text_markup(data.reason) if data.reason else DOTS * 4
    return [
        header_table(data.header, styles, width),
        Spacer(1, 14),
        Paragraph(esc(TITLE), styles.title),
        Spacer(1, 10),
        Paragraph(esc(RECEIVES_FROM).format(unit=or_dots(data.receiving_unit)), body),
        Paragraph(
            label_pair(label_line(APPLICANT_LABEL, applicant.name, bold=True), ID_LABEL, applicant.id_number),
            body,
        ),
        Paragraph(label_line(ADDRESS_LABEL, applicant.address), body),
        Paragraph(label_pair(label_line(PHONE_LABEL, applicant.phone), EMAIL_LABEL, applicant.email), body),
        Paragraph(label_line(CODE_LABEL, data.dossier_code), body),
        Paragraph(label_line(REQUEST_LABEL, data.procedure_name, bold=True), body),
        Paragraph(
            esc(REFUSAL_LINE).format(unit=or_dots(data.receiving_unit), reason=reason), styles.body_justified
        ),
        KeepTogether(
            [
                Paragraph(esc(CLOSING_LINE), body),
                Spacer(1, 8),
                signature_row(
                    signature_block(*SIGN_APPLICANT, styles),
                    signature_block(*SIGN_RECEIVER, styles, name=data.receiver_name),
                    width,
                ),
            ]
        ),
    ]
