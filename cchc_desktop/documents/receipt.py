"""Mẫu 01 (Thông tư 03/2025/TT-VPCP): Giấy tiếp nhận hồ sơ và hẹn trả kết quả.

Every printed word of the form is a constant below, so it can be corrected against the official PDF.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from cchc_desktop.documents import page_frame as pf
from cchc_desktop.documents.data import ELECTRONIC_DOCUMENTS, NO_NUMBER, Person, ReceiptData, normalized
from cchc_desktop.documents.flowables import QrCode
from cchc_desktop.documents.form_header import header_table
from cchc_desktop.documents.form_styles import FormStyles, make_styles, table_style
from cchc_desktop.documents.markup import esc, or_dots, unbreakable
from cchc_desktop.documents.page_frame import PageSpec
from cchc_desktop.documents.page_marks import draw_page_marks, reprint_mark
from cchc_desktop.documents.signatures import signature_block, signature_row
from cchc_desktop.domain.vn_format import clock_and_date

TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
CODE_LABEL = "Mã hồ sơ:"
COUNTER_LABEL = "Quầy tiếp nhận:"  # not on the official form: printed only when the counter has a name
RECEIVES_FROM = "{unit} tiếp nhận hồ sơ của:"
APPLICANT_LABEL = "Ông (Bà)/Tổ chức:"
ID_LABEL = "Số định danh cá nhân/tổ chức:"
ADDRESS_LABEL = "Địa chỉ:"
PHONE_LABEL = "Số điện thoại:"
EMAIL_LABEL = "Email:"
AUTHORISED_NOTE = (
    "(Trường hợp nộp hồ sơ thông qua người được ủy quyền thì ghi rõ thêm họ và tên, địa chỉ, số định danh "
    "cá nhân, số điện thoại, thư điện tử của người được ủy quyền và văn bản ủy quyền)"
)
SUBMITTER_LABEL = "Người được ủy quyền:"
SUBMITTER_ID_LABEL = "Số định danh cá nhân:"
AUTHORISATION_LABEL = "Văn bản ủy quyền:"
REQUEST_LABEL = "Nội dung yêu cầu giải quyết:"
DOCUMENTS_LINE = "Thành phần hồ sơ nộp gồm:"
TABLE_HEAD = ("STT", "Tên giấy tờ", "Hình thức\n(bản chính/bản sao…)", "Số lượng")
SET_COUNT_LINE = "Số lượng hồ sơ: {count} (bộ)"
DIGITISED_LINE = "Đã số hóa tại bộ phận tiếp nhận: giấy tờ số {numbers} ({pages} trang)."
DURATION_LABEL = "Thời gian giải quyết hồ sơ theo quy định là:"
RECEIVED_LABEL = "Thời gian nhận hồ sơ:"
DUE_LABEL = "Thời gian trả kết quả giải quyết hồ sơ:"
DELIVERY_LABEL = "Đăng ký nhận kết quả tại:"
FEE_LABEL = "Lệ phí:"
REGISTER_LABEL = "Vào Sổ theo dõi hồ sơ, Quyển số:"
REGISTER_ROW_LABEL = "Số thứ tự:"
SIGN_APPLICANT = ("NGƯỜI NỘP HỒ SƠ", "người nộp hồ sơ")
SIGN_RECEIVER = ("NGƯỜI TIẾP NHẬN HỒ SƠ", "người tiếp nhận hồ sơ")
COPY_LABELS = ("Liên 1: Lưu cùng Phiếu kiểm soát", "Liên 2: Giao người nộp hồ sơ", "Liên 3: Lưu")
PDF_TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả - {code}"
PDF_SUBJECT = "Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả"

QR_SYMBOL_SIZE = 20 * mm  # a counter scanner reads 2 cm reliably, whatever the paper size
MIN_BODY_SIZE = 9.5  # printed points; below this an A5 copy flows onto a second page instead


@dataclass(frozen=True)
class _Density:
    body: float
    table: float
    gap: float
    leading: float
    sign_space: float
    title_space: float  # above and below the title


# Tried in order; the first whose copy fits one page is used. Sizes in A4 points.
_DENSITIES = (
    _Density(body=13, table=12, gap=3, leading=1.2, sign_space=22 * mm, title_space=10),
    _Density(body=13, table=11, gap=1.5, leading=1.2, sign_space=18 * mm, title_space=8),
    _Density(body=12, table=10.5, gap=1, leading=1.15, sign_space=15 * mm, title_space=6),
    _Density(body=11.5, table=10, gap=0.5, leading=1.15, sign_space=13 * mm, title_space=5),
    _Density(body=11, table=9.5, gap=0, leading=1.1, sign_space=12 * mm, title_space=4),
)


def render_receipt(data: ReceiptData) -> bytes:
    """The receipt as PDF: `copies` copies, each starting on a new page and marked with its Liên."""
    if not 1 <= data.copies <= len(COPY_LABELS):
        raise ValueError(f"copies must be 1..{len(COPY_LABELS)}, got {data.copies}")
    spec = pf.page_spec(data.paper_size)
    data = normalized(data)
    styles, density = _fitting_styles(data, spec)

    story: list[Flowable] = []
    templates = []
    for copy in range(data.copies):
        template_id = f"copy{copy + 1}"
        templates.append(
            PageTemplate(id=template_id, frames=[spec.frame()], onPage=_page_marker(spec, styles, copy, data))
        )
        if copy:
            story += [NextPageTemplate(template_id), PageBreak()]
        story += _copy_story(data, spec, styles, density)

    return pf.build_pdf(
        spec,
        templates,
        story,
        title=PDF_TITLE.format(code=data.dossier_code),
        author=data.receiving_unit or data.header.unit_name,
        subject=PDF_SUBJECT,
    )


def _styles(spec: PageSpec, density: _Density) -> FormStyles:
    return make_styles(
        spec,
        body_size=density.body,
        table_size=density.table,
        gap=density.gap,
        leading=density.leading,
        sign_space=density.sign_space,
    )


def _fitting_styles(data: ReceiptData, spec: PageSpec) -> tuple[FormStyles, _Density]:
    """The roomiest density whose copy fits one page. When none does (long lists, A5), the roomiest one
    that needs no more pages than the tightest: small type does not pay when the copy flows on anyway."""
    readable = [d for d in _DENSITIES if d.body * spec.font_scale >= MIN_BODY_SIZE] or list(_DENSITIES[:1])
    estimates: list[int] = []
    for density in readable:
        styles = _styles(spec, density)
        story = _copy_story(data, spec, styles, density)
        height = pf.story_height(story, spec.frame_width)
        if height <= spec.frame_height:
            return styles, density
        # A page break may waste up to one unsplittable block (the signatures, the code block).
        blocks = [f for f in story if isinstance(f, Table | KeepTogether) and not getattr(f, "repeatRows", 0)]
        waste = max(pf.story_height([block], spec.frame_width) for block in blocks)
        estimates.append(math.ceil((height + waste) / spec.frame_height))
    density = readable[estimates.index(min(estimates))]
    return _styles(spec, density), density


def _page_marker(
    spec: PageSpec, styles: FormStyles, copy: int, data: ReceiptData
) -> Callable[[Any, Any], None]:
    first_page: list[int] = []

    def on_page(canvas: Any, doc: Any) -> None:
        if not first_page:
            first_page.append(doc.page)
        page_in_copy = doc.page - first_page[0] + 1
        draw_page_marks(
            canvas,
            spec,
            styles,
            left=reprint_mark(data.reprint_number),
            centre=str(page_in_copy) if page_in_copy > 1 else "",
            right=COPY_LABELS[copy],
        )

    return on_page


def _line(label: str, value: str, *, bold: bool = False) -> str:
    """ "Label: value" markup; an empty value prints dots to fill in by hand."""
    shown = or_dots(value)
    return f"{esc(label)} <b>{shown}</b>" if bold and value else f"{esc(label)} {shown}"


def _moment_line(label: str, moment: datetime, *, bold: bool = False) -> str:
    """ "Label: 10 giờ 05 phút, ngày 19 tháng 01 năm 2023", breaking only after the comma."""
    clock, _, day = clock_and_date(moment).partition(", ")
    value = f"{unbreakable(clock)}, {unbreakable(day)}"
    return f"{esc(label)} <b>{value}</b>" if bold else f"{esc(label)} {value}"


def _pair(first: str, label: str, value: str) -> str:
    """A second "label: value" after `first` on the same line; the label never breaks inside itself."""
    return f"{first}&nbsp;&nbsp;&nbsp; {unbreakable(esc(label))}&nbsp;{or_dots(value)}"


def _person_lines(name_label: str, id_label: str, person: Person, styles: FormStyles) -> list[Flowable]:
    body = styles.body
    return [
        Paragraph(_pair(_line(name_label, person.name, bold=True), id_label, person.id_number), body),
        Paragraph(_line(ADDRESS_LABEL, person.address), body),
        Paragraph(_pair(_line(PHONE_LABEL, person.phone), EMAIL_LABEL, person.email), body),
    ]


def _copy_story(data: ReceiptData, spec: PageSpec, styles: FormStyles, density: _Density) -> list[Flowable]:
    width = spec.frame_width
    body = styles.body
    applicant_lines = _person_lines(APPLICANT_LABEL, ID_LABEL, data.applicant, styles)
    story: list[Flowable] = [
        header_table(data.header, styles, width),
        Spacer(1, density.title_space * styles.scale),
        Paragraph(esc(TITLE), styles.title),
        Spacer(1, density.title_space * 0.6 * styles.scale),
        *_code_block(data, applicant_lines, styles, width),
        Paragraph(esc(AUTHORISED_NOTE), styles.note),
    ]
    if data.submitter is not None:
        story += _person_lines(SUBMITTER_LABEL, SUBMITTER_ID_LABEL, data.submitter, styles)
        story.append(Paragraph(_line(AUTHORISATION_LABEL, data.authorisation_document), body))
    register_row = str(data.register_row) if data.register_row is not None else NO_NUMBER
    heading = Paragraph(esc(DOCUMENTS_LINE), body)
    documents = _documents_table(data, styles, width)
    story += [
        Paragraph(_line(REQUEST_LABEL, data.procedure_name, bold=True), body),
        CondPageBreak(_head_room(heading, documents, width)),
        heading,
        documents,
        Spacer(1, body.spaceAfter + 1),
        *_digitised_line(data, styles),
        Paragraph(esc(SET_COUNT_LINE.format(count=f"{data.set_count:02d}")), body),
        Paragraph(_line(DURATION_LABEL, data.duration_text), body),
        Paragraph(_moment_line(RECEIVED_LABEL, data.received_at), body),
        Paragraph(_moment_line(DUE_LABEL, data.due_at, bold=True), body),
        Paragraph(_line(DELIVERY_LABEL, data.result_delivery), body),
        Paragraph(_line(FEE_LABEL, data.fee_text), body),
        KeepTogether(
            [
                Paragraph(
                    _pair(
                        _line(REGISTER_LABEL, data.register_volume or NO_NUMBER),
                        REGISTER_ROW_LABEL,
                        register_row,
                    ),
                    body,
                ),
                Spacer(1, 4 * styles.scale),
                signature_row(
                    signature_block(*SIGN_APPLICANT, styles),
                    signature_block(*SIGN_RECEIVER, styles, name=data.receiver_name),
                    width,
                ),
            ]
        ),
    ]
    return story


def _head_room(heading: Paragraph, table: Table, width: float) -> float:
    """Room the list needs to start on this page: its heading, the column titles and two rows."""
    heading_height = pf.story_height([heading], width)
    table.wrap(width, 1e6)
    return heading_height + float(sum(table._rowHeights[:3]))


def _code_block(
    data: ReceiptData, applicant_lines: list[Flowable], styles: FormStyles, width: float
) -> list[Flowable]:
    """The code and the receiving unit, then as many applicant lines as fit beside the QR code of the
    code; the applicant lines left over follow under it."""
    qr = QrCode(data.dossier_code, QR_SYMBOL_SIZE)
    text_width = width - qr.width
    text: list[Flowable] = [Paragraph(_line(CODE_LABEL, data.dossier_code, bold=True), styles.body)]
    if data.counter:
        # Beside the code: where the citizen handed the papers in, to ask at the same counter later.
        text.append(Paragraph(_line(COUNTER_LABEL, data.counter), styles.body))
    text.append(Paragraph(esc(RECEIVES_FROM.format(unit=data.receiving_unit)), styles.body))
    rest = list(applicant_lines)
    while rest and pf.story_height(text, text_width) < qr.height:
        text.append(rest.pop(0))
    table = Table([[text, qr]], colWidths=[text_width, qr.width])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    # A table cell drops the space after its last paragraph: put it back.
    return [table, Spacer(1, styles.body.spaceAfter), *rest]


def _digitised_line(data: ReceiptData, styles: FormStyles) -> list[Flowable]:
    """Which papers were digitised at the counter (TT 03/2025: the centre digitises what it receives)."""
    if not data.digitised:
        return []
    numbers = ", ".join(str(number) for number in data.digitised)
    return [Paragraph(esc(DIGITISED_LINE.format(numbers=numbers, pages=data.digitised_pages)), styles.note)]


def _documents_table(data: ReceiptData, styles: FormStyles, width: float) -> Table:
    head, cell, centre = styles.table_head, styles.table_cell, styles.table_cell_center
    rows: list[list[Any]] = [[Paragraph(esc(text).replace("\n", "<br/>"), head) for text in TABLE_HEAD]]
    for number, document in enumerate(data.documents, start=1):
        rows.append(
            [
                Paragraph(str(number), centre),
                Paragraph(esc(document.name), cell),
                Paragraph(esc(document.kind), centre),
                Paragraph(f"{document.count:02d}", centre),
            ]
        )
    if not data.documents:  # no list recorded at the counter: the papers came electronically
        rows.append([Paragraph("1", centre), Paragraph(esc(ELECTRONIC_DOCUMENTS), cell), "", ""])
    pad = styles.table_cell.fontSize * 0.3
    number_width = max(0.065 * width, stringWidth(TABLE_HEAD[0], head.fontName, head.fontSize) + 2 * pad + 2)
    widest_kind = max(
        [stringWidth(line, head.fontName, head.fontSize) for line in TABLE_HEAD[2].splitlines()]
        + [stringWidth(document.kind, cell.fontName, cell.fontSize) for document in data.documents]
    )
    kind_width = min(max(0.17 * width, widest_kind + 2 * pad + 1), 0.3 * width)
    count_width = 0.09 * width
    table = Table(
        rows,
        colWidths=[number_width, width - number_width - kind_width - count_width, kind_width, count_width],
        repeatRows=1,
    )
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad / 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad / 2 + 0.8 * styles.scale),
            ]
        )
    )
    return table
