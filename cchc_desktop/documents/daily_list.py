"""Danh sách hồ sơ trong ngày: what the counter took in today and what falls due on the next working day.

An internal working list (not a form of Thông tư 03/2025), so its header carries no document number.
Every printed word is a constant below.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, PageTemplate, Paragraph, Spacer, Table

from cchc_desktop.documents import fonts
from cchc_desktop.documents import page_frame as pf
from cchc_desktop.documents.data import DailyListData, DailyRow, normalized
from cchc_desktop.documents.form_header import list_header_table
from cchc_desktop.documents.form_styles import FormStyles, make_styles, table_style
from cchc_desktop.documents.markup import code_lines, esc
from cchc_desktop.documents.page_marks import page_marker
from cchc_desktop.domain.vn_format import long_date, short_date, weekday_name

TITLE = "DANH SÁCH HỒ SƠ TRONG NGÀY"
DAY_LINE = "{weekday}, {day}"
RECEIVED_HEADING = "1. Hồ sơ tiếp nhận trong ngày {day}"
DUE_HEADING = "2. Hồ sơ đến hạn trả ngày làm việc tiếp theo {day}"
RECEIVED_HEAD = ("STT", "Mã hồ sơ", "Thủ tục", "Người nộp", "Giờ nhận", "Hẹn trả")
DUE_HEAD = ("STT", "Mã hồ sơ", "Thủ tục", "Người nộp", "Hạn trả", "Đang ở", "Trạng thái")
COUNT_LINE = "Tổng số: {count} hồ sơ."
EMPTY_LINE = "Không có hồ sơ."
PDF_TITLE = "Danh sách hồ sơ trong ngày {day}"
PDF_SUBJECT = "Danh sách hồ sơ tiếp nhận trong ngày và đến hạn trả ngày làm việc tiếp theo"

TABLE_SIZE = 10.5
PAD = 3
RECEIVED_SHARES = (6, 21, 29, 20, 11, 13)
DUE_SHARES = (6, 20, 24, 17, 12, 12, 11)


def render_daily_list(data: DailyListData) -> bytes:
    """The list as PDF (A4 portrait): the two sections, each with its count or "Không có hồ sơ."."""
    spec = pf.page_spec("A4")
    data = normalized(data)
    styles = make_styles(spec, table_size=TABLE_SIZE)
    width = spec.frame_width
    centred = ParagraphStyle("day_line", parent=styles.body, fontName=fonts.ITALIC, alignment=TA_CENTER)
    heading = ParagraphStyle("section", parent=styles.body, fontName=fonts.BOLD, spaceBefore=8)

    story: list[Flowable] = [
        list_header_table(data.header, styles, width),
        Spacer(1, 14),
        Paragraph(esc(TITLE), styles.title),
        Spacer(1, 2),
        Paragraph(esc(DAY_LINE.format(weekday=weekday_name(data.day), day=long_date(data.day))), centred),
        Spacer(1, 4),
    ]
    story += _section(
        Paragraph(esc(RECEIVED_HEADING.format(day=short_date(data.day))), heading),
        data.received,
        RECEIVED_HEAD,
        RECEIVED_SHARES,
        lambda row: [_time(row.time, with_date=False), _time(row.due_at)],
        styles,
        width,
    )
    story += _section(
        Paragraph(esc(DUE_HEADING.format(day=short_date(data.next_working_day))), heading),
        data.due_next,
        DUE_HEAD,
        DUE_SHARES,
        lambda row: [
            _time(row.time),
            Paragraph(esc(row.holder), styles.table_cell),
            Paragraph(esc(row.status), styles.table_cell),
        ],
        styles,
        width,
    )
    template = PageTemplate(id="daily", frames=[spec.frame()], onPage=page_marker(spec, styles))
    return pf.build_pdf(
        spec,
        [template],
        story,
        title=PDF_TITLE.format(day=short_date(data.day)),
        author=f"{data.header.unit_name}, {data.header.parent_body}",
        subject=PDF_SUBJECT,
    )


def _time(moment: datetime | None, *, with_date: bool = True) -> str:
    if moment is None:
        return ""
    return f"{moment:%d/%m/%Y}\n{moment:%H:%M}" if with_date else f"{moment:%H:%M}"


def _section(
    heading: Paragraph,
    rows: Sequence[DailyRow],
    head: Sequence[str],
    shares: Sequence[float],
    tail: Callable[[DailyRow], list[Any]],
    styles: FormStyles,
    width: float,
) -> list[Flowable]:
    """Heading, then the table and its count, or the empty message. `tail` gives the cells after
    "Người nộp": times as plain strings (their lines are fixed), free text as paragraphs."""
    if not rows:
        return [heading, Paragraph(esc(EMPTY_LINE), styles.body)]
    widths = [width * share / sum(shares) for share in shares]
    cell = styles.table_cell
    table_rows: list[list[Any]] = [[Paragraph(esc(text), styles.table_head) for text in head]]
    for number, row in enumerate(rows, start=1):
        code = code_lines(row.code, cell.fontName, cell.fontSize, widths[1] - 2 * PAD)
        table_rows.append(
            [
                str(number),
                "\n".join(code),
                Paragraph(esc(row.procedure_name), cell),
                Paragraph(esc(row.applicant_name), cell),
                *tail(row),
            ]
        )
    table = Table(table_rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        table_style(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE, TABLE_SIZE * 1.15),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("ALIGN", (1, 1), (1, -1), "LEFT"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), PAD / 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    table.wrap(width, 1e6)
    head_room = pf.story_height([heading], width) + float(sum(table._rowHeights[:3]))
    return [
        CondPageBreak(head_room),
        heading,
        table,
        Spacer(1, 3),
        Paragraph(esc(COUNT_LINE.format(count=len(rows))), styles.body),
    ]
