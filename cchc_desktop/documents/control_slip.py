"""Mẫu 06 (Thông tư 03/2025/TT-VPCP; Mẫu 05 of 2018): Phiếu kiểm soát quá trình giải quyết hồ sơ.

Every printed word of the form is a constant below, so it can be corrected against the official PDF.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageTemplate, Paragraph, Spacer, Table

from cchc_desktop.documents import page_frame as pf
from cchc_desktop.documents.data import ControlSlipData, HandOver, normalized
from cchc_desktop.documents.form_header import header_table
from cchc_desktop.documents.form_styles import FormStyles, make_styles, table_style
from cchc_desktop.documents.markup import esc, or_dots
from cchc_desktop.documents.page_frame import PageSpec
from cchc_desktop.documents.page_marks import draw_page_marks, reprint_mark
from cchc_desktop.domain.vn_format import clock_and_date, short_date

TITLE = "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"
CODE_LABEL = "Mã số hồ sơ:"
RESOLVING_LABEL = "Cơ quan (bộ phận) giải quyết hồ sơ:"
COORDINATING_LABEL = "Cơ quan phối hợp giải quyết hồ sơ:"
RECEIVED_LABEL = "Ngày nhận:"
DUE_LABEL = "Hẹn trả kết quả vào"
TABLE_HEAD = (
    "TÊN ĐƠN VỊ",
    "THỜI GIAN GIAO, NHẬN HỒ SƠ",
    "KẾT QUẢ GIẢI QUYẾT HỒ SƠ\n<i>(Trước hạn/đúng hạn/quá hạn)</i>",
    "GHI CHÚ",
)
GIVE_LINE = "1. Giao: {unit}"
TAKE_LINE = "2. Nhận: {unit}"
FIRST_GIVER_UNIT = "Bộ phận TN&TKQ"
TIME_KNOWN = "{clock}, ngày {day}"
TIME_BLANK = "…… giờ …… phút, ngày ……/……/20……"
GIVER_LABEL = "Người giao"
TAKER_LABEL = "Người nhận"
NOTES = (
    "- Kết quả giải quyết hồ sơ do bên nhận ghi khi nhận hồ sơ.",
    "- Quá trình giao, nhận hồ sơ được theo dõi, lưu vết trên phần mềm một cửa.",
)
PDF_TITLE = "Phiếu kiểm soát quá trình giải quyết hồ sơ - {code}"
PDF_SUBJECT = "Mẫu 06 - Phiếu kiểm soát quá trình giải quyết hồ sơ"

DOT = "…"
MIN_PAIRS = 4
CELL_PADDING = 4
SIGN_SPACE = 12 * mm


def render_control_slip(data: ControlSlipData) -> bytes:
    """The control slip as PDF (A4 portrait). Known hand-overs are filled in, then blank pairs follow:
    at least four pairs, and always one blank pair for the next hand-over."""
    spec = pf.page_spec("A4")
    data = normalized(data)
    styles = make_styles(spec, body_size=13, table_size=11.5, gap=2)
    width = spec.frame_width
    story: list[Flowable] = [
        header_table(data.header, styles, width),
        Spacer(1, 12),
        Paragraph(esc(TITLE), styles.title),
        Spacer(1, 8),
        Paragraph(f"{esc(CODE_LABEL)} <b>{or_dots(data.dossier_code)}</b>", styles.body),
        Paragraph(f"{esc(RESOLVING_LABEL)} {or_dots(data.resolving_body)}", styles.body),
        Paragraph(f"{esc(COORDINATING_LABEL)} {or_dots(data.coordinating_body)}", styles.body),
        Paragraph(f"{esc(RECEIVED_LABEL)} {short_date(data.received_at.date())}", styles.body),
        Paragraph(f"{esc(DUE_LABEL)} <b>{esc(clock_and_date(data.due_at))}</b>", styles.body),
        Spacer(1, 4),
        _hand_over_table(data.hand_overs, styles, width),
        Spacer(1, 6),
        *[Paragraph(esc(note), styles.note) for note in NOTES],
    ]
    template = PageTemplate(id="slip", frames=[spec.frame()], onPage=_page_marker(spec, styles, data))
    return pf.build_pdf(
        spec,
        [template],
        story,
        title=PDF_TITLE.format(code=data.dossier_code),
        author=f"{data.header.unit_name}, {data.header.parent_body}",
        subject=PDF_SUBJECT,
    )


def _page_marker(spec: PageSpec, styles: FormStyles, data: ControlSlipData) -> Callable[[Any, Any], None]:
    def on_page(canvas: Any, doc: Any) -> None:
        draw_page_marks(
            canvas,
            spec,
            styles,
            left=reprint_mark(data.reprint_number),
            centre=str(doc.page) if doc.page > 1 else "",
        )

    return on_page


def _pairs(hand_overs: tuple[HandOver, ...]) -> list[HandOver]:
    """Known hand-overs, then blank ones. The first pair always gives from the counter, and the first
    blank pair gives from whoever took the dossier last."""
    pairs = list(hand_overs)
    if pairs and not pairs[0].giver_unit:
        pairs[0] = dataclasses.replace(pairs[0], giver_unit=FIRST_GIVER_UNIT)
    next_giver = pairs[-1].taker_unit if pairs else FIRST_GIVER_UNIT
    while len(pairs) < max(MIN_PAIRS, len(hand_overs) + 1):
        pairs.append(HandOver(next_giver, "", "", "", None))
        next_giver = ""
    return pairs


def _time_text(moment: datetime | None) -> str:
    if moment is None:
        return TIME_BLANK
    clock = clock_and_date(moment).partition(", ")[0]
    return TIME_KNOWN.format(clock=clock, day=short_date(moment.date()))


def _result_text(result: str) -> str:
    return result[:1].upper() + result[1:]


def _hand_over_table(hand_overs: tuple[HandOver, ...], styles: FormStyles, width: float) -> Table:
    head, cell, centre = styles.table_head, styles.table_cell, styles.table_cell_center
    rows: list[list[Any]] = [[Paragraph(text.replace("\n", "<br/>"), head) for text in _escaped_head()]]
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    column_widths = [0.33 * width, 0.29 * width, 0.22 * width, 0.16 * width]
    unit_width = column_widths[0] - 2 * CELL_PADDING
    for pair in _pairs(hand_overs):
        top = len(rows)
        rows += [
            [
                Paragraph(_unit_line(GIVE_LINE, pair.giver_unit, cell, unit_width), cell),
                Paragraph(esc(_time_text(pair.at)), centre),
                Paragraph(esc(_result_text(pair.result)), centre),
                Paragraph(esc(pair.note), cell),
            ],
            [Paragraph(_unit_line(TAKE_LINE, pair.taker_unit, cell, unit_width), cell), "", "", ""],
            [
                _signature(GIVER_LABEL, pair.giver, styles),
                _signature(TAKER_LABEL, pair.taker, styles),
                "",
                "",
            ],
        ]
        spans += [
            ("SPAN", (1, top), (1, top + 1)),
            ("SPAN", (2, top), (2, top + 2)),
            ("SPAN", (3, top), (3, top + 2)),
        ]
    table = Table(rows, colWidths=column_widths, repeatRows=1)
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *spans,
            ]
        )
    )
    return table


def _unit_line(template: str, unit: str, style: ParagraphStyle, width: float) -> str:
    """ "1. Giao: <unit>", or the label followed by dots to the end of the cell to write the unit in."""
    if unit:
        return template.format(unit=esc(unit))
    label = template.format(unit="")
    room = width - stringWidth(label, style.fontName, style.fontSize) - 1
    return esc(label) + DOT * max(3, int(room / stringWidth(DOT, style.fontName, style.fontSize)))


def _escaped_head() -> list[str]:
    # The result column title carries its own <i> markup; everything else is escaped text.
    return [text if "<i>" in text else esc(text) for text in TABLE_HEAD]


def _signature(label: str, name: str, styles: FormStyles) -> list[Flowable]:
    return [
        Paragraph(f"<b>{esc(label)}</b>", styles.table_cell_center),
        Spacer(1, SIGN_SPACE),
        Paragraph(esc(name), styles.table_cell_center),
    ]
