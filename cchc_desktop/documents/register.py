"""Mẫu 07 (Thông tư 03/2025/TT-VPCP; Mẫu 06 of 2018): Sổ theo dõi hồ sơ, A4 landscape.

Every printed word of the form is a constant below, so it can be corrected against the official PDF.
A register runs to thousands of rows. ReportLab splits a long table page by page and re-measures all the
rows left at every split, which is quadratic; here every row is measured once and the rows are cut into
one table per page (each with the two header rows), which keeps the time linear in the number of rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, PageTemplate, Paragraph, Spacer, Table

from cchc_desktop.documents import fonts
from cchc_desktop.documents import page_frame as pf
from cchc_desktop.documents.data import NO_NUMBER, RegisterData, RegisterRow, normalized
from cchc_desktop.documents.form_header import header_table
from cchc_desktop.documents.form_styles import FormStyles, make_styles, table_style
from cchc_desktop.documents.markup import code_lines, esc, or_dots
from cchc_desktop.documents.page_frame import PageSpec
from cchc_desktop.documents.page_marks import page_marker
from cchc_desktop.domain.vn_format import short_date

NUMBER_SUFFIX = "STD-{unit}"
TITLE = "SỔ THEO DÕI HỒ SƠ"
VOLUME_LINE = "Quyển số: {volume}"
PERIOD_LINE = "Từ ngày {start} đến ngày {end}"
HEAD_TOP = (
    "STT",
    "Mã hồ sơ",
    "Tên TTHC",
    "Tên tổ chức, cá nhân",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận và trả kết quả",
    "Ký nhận",
)
HEAD_SUB = ("Nhận hồ sơ", "Hẹn trả kết quả", "Trả kết quả", "Phương thức nhận kết quả")
EMPTY_LINE = "Không có hồ sơ trong kỳ."
TIME_FORMAT = "%d/%m/%Y %H:%M"
PDF_TITLE = "Sổ theo dõi hồ sơ - Quyển số {volume} - {start} - {end}"
PDF_SUBJECT = "Mẫu 07 - Sổ theo dõi hồ sơ"

# A register is bound at the left edge: Nghị định 30/2020 margins, turned to landscape.
LANDSCAPE_A4 = PageSpec(
    "A4 landscape", landscape(A4), top=20 * mm, bottom=15 * mm, left=25 * mm, right=15 * mm, font_scale=1.0
)
TABLE_SIZE = 10
PAD = 3
# Shares of the table width, in the order of the columns (11 columns; "Nhận và trả kết quả" spans 4).
COLUMN_SHARES = (3.2, 10, 17.5, 11, 12.5, 9.3, 7.2, 7.2, 7.2, 8, 6.9)
SUB_COLUMNS = range(6, 10)  # under "Nhận và trả kết quả"
DATE_COLUMNS = (6, 7, 8)
LEFT_COLUMNS = (1, 2, 3, 4, 5)  # the others are centred
CENTRED_COLUMNS = (0, 6, 7, 8, 9, 10)
HEAD_ROWS = 2


def number_suffix(unit_abbreviation: str) -> str:
    """ "STD-TTPVHCC": the suffix of "Số: …/" for the header."""
    return NUMBER_SUFFIX.format(unit=unit_abbreviation)


def column_widths(width: float) -> list[float]:
    """Widths by share, with room for "STT" and a 4-digit number, and for "dd/mm/yyyy" in the date
    columns so that a date never wraps; the other columns give up what that takes."""
    fonts.register_fonts()
    widths = [width * share / sum(COLUMN_SHARES) for share in COLUMN_SHARES]
    minimum = {
        0: max(
            stringWidth(HEAD_TOP[0], fonts.BOLD, TABLE_SIZE), stringWidth("0000", fonts.REGULAR, TABLE_SIZE)
        ),
        **{column: stringWidth("00/00/0000", fonts.REGULAR, TABLE_SIZE) for column in DATE_COLUMNS},
    }
    fixed = {column: max(widths[column], text + 2 * PAD + 2) for column, text in minimum.items()}
    scale = (width - sum(fixed.values())) / sum(w for c, w in enumerate(widths) if c not in fixed)
    return [fixed.get(c, w * scale) for c, w in enumerate(widths)]


def format_time(moment: datetime | None) -> str:
    return moment.strftime(TIME_FORMAT) if moment is not None else ""


def render_register(data: RegisterData) -> bytes:
    """The register for the period as PDF: title block on the first page, then the rows, the two header
    rows repeated on every page, page numbers from page 2."""
    spec = LANDSCAPE_A4
    data = normalized(data)
    styles = make_styles(spec, table_size=TABLE_SIZE)
    width = spec.frame_width
    widths = column_widths(width)

    intro = _title_block(data, styles, width)
    head = _head_rows(styles)
    cells = _Cells(styles, widths)
    body = [cells.row(row) for row in data.rows]
    if not body:
        body = [[Paragraph(esc(EMPTY_LINE), styles.table_cell_center)] + [""] * (len(widths) - 1)]
    head_heights = _row_heights(head, widths, HEAD_SPANS)
    body_heights = _row_heights(body, widths, [] if data.rows else [EMPTY_SPAN])

    story: list[Flowable] = list(intro)
    room = spec.frame_height - pf.story_height(intro, width)
    for page, (start, end) in enumerate(_pages(body_heights, sum(head_heights), room, spec.frame_height)):
        if page:
            story.append(PageBreak())
        story.append(
            _table(
                head + body[start:end], widths, head_heights + body_heights[start:end], empty=not data.rows
            )
        )

    template = PageTemplate(id="register", frames=[spec.frame()], onPage=page_marker(spec, styles))
    return pf.build_pdf(
        spec,
        [template],
        story,
        title=PDF_TITLE.format(
            volume=data.volume, start=short_date(data.date_from), end=short_date(data.date_to)
        ),
        author=f"{data.header.unit_name}, {data.header.parent_body}",
        subject=PDF_SUBJECT,
    )


def _title_block(data: RegisterData, styles: FormStyles, width: float) -> list[Flowable]:
    line = ParagraphStyle("register_line", parent=styles.body, alignment=TA_CENTER, spaceAfter=0)
    period = ParagraphStyle("register_period", parent=line, fontName=fonts.ITALIC)
    return [
        header_table(data.header, styles, width),
        Spacer(1, 10),
        Paragraph(esc(TITLE), styles.title),
        Spacer(1, 3),
        Paragraph(esc(VOLUME_LINE).format(volume=or_dots(data.volume)), line),
        Paragraph(
            esc(PERIOD_LINE.format(start=short_date(data.date_from), end=short_date(data.date_to))), period
        ),
        Spacer(1, 8),
    ]


def _head_rows(styles: FormStyles) -> list[list[Any]]:
    def cell(text: str) -> Paragraph:
        return Paragraph(esc(text), styles.table_head)

    top: list[Any] = [cell(text) for text in HEAD_TOP[:6]]
    top += [cell(HEAD_TOP[6]), "", "", "", cell(HEAD_TOP[7])]
    sub: list[Any] = [""] * 6 + [cell(text) for text in HEAD_SUB] + [""]
    return [top, sub]


class _Wrapped(Paragraph):  # type: ignore[misc]
    """A paragraph laid out once per width: the same instance serves every row with the same text, and
    the table measures a cell and then draws it at the same width."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped is None or self._wrapped[0] != avail_width:
            self._wrapped = (avail_width, super().wrap(avail_width, avail_height))
        return self._wrapped[1]


class _Cells:
    """Body cells. A text that fits its column on one line is a plain string, which the table draws
    directly; a longer one is a paragraph, one per distinct text and column (registers repeat the same
    procedures, bodies and delivery methods thousands of times)."""

    def __init__(self, styles: FormStyles, widths: Sequence[float]) -> None:
        self.styles = styles
        self.inner = [width - 2 * PAD for width in widths]
        self.known: dict[tuple[str, int], Any] = {}

    def text(self, value: str, column: int) -> Any:
        key = (value, column)
        cell = self.known.get(key)
        if cell is None:
            style = self.styles.table_cell_center if column in CENTRED_COLUMNS else self.styles.table_cell
            fits = stringWidth(value, style.fontName, style.fontSize) <= self.inner[column]
            cell = self.known[key] = value if fits else _Wrapped(esc(value), style)
        return cell

    def row(self, row: RegisterRow) -> list[Any]:
        """One dossier: the date and time on two lines, the code broken only after a "-"."""
        style = self.styles.table_cell
        code = code_lines(row.code, style.fontName, style.fontSize, self.inner[1])
        return [
            NO_NUMBER if row.number is None else str(row.number),
            "\n".join(code),
            self.text(row.procedure_name, 2),
            self.text(row.applicant_name, 3),
            self.text(row.address_phone, 4),
            self.text(row.resolving_body, 5),
            format_time(row.received_at).replace(" ", "\n"),
            format_time(row.appointment_at).replace(" ", "\n"),
            format_time(row.returned_at).replace(" ", "\n"),
            self.text(row.delivery, 9),
            "",
        ]


HEAD_SPANS: tuple[tuple[str, tuple[int, int], tuple[int, int]], ...] = (
    *[("SPAN", (column, 0), (column, 1)) for column in (0, 1, 2, 3, 4, 5, 10)],
    ("SPAN", (SUB_COLUMNS[0], 0), (SUB_COLUMNS[-1], 0)),
)
EMPTY_SPAN = ("SPAN", (0, 0), (-1, 0))


def _cell_style() -> list[Any]:
    return [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE, TABLE_SIZE * 1.15),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        *[("ALIGN", (column, HEAD_ROWS), (column, -1), "LEFT") for column in LEFT_COLUMNS],
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD / 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
    ]


def _table(rows: list[list[Any]], widths: list[float], heights: list[float], *, empty: bool) -> Table:
    """One page: the two header rows, then its dossiers, with the heights measured beforehand."""
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=HEAD_ROWS)
    body_span = [("SPAN", (0, HEAD_ROWS), (-1, HEAD_ROWS))] if empty else []
    table.setStyle(
        table_style(
            [
                *_cell_style(),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, HEAD_ROWS - 1), "MIDDLE"),
                ("VALIGN", (0, HEAD_ROWS), (-1, -1), "TOP"),
                *HEAD_SPANS,
                *body_span,
            ]
        )
    )
    return table


def _row_heights(rows: list[list[Any]], widths: list[float], spans: Sequence[Any]) -> list[float]:
    """Heights of the rows as a table lays them out, measuring each row once."""
    probe = Table(rows, colWidths=widths)
    probe.setStyle(table_style([*_cell_style(), *spans]))
    probe.wrap(sum(widths), 1e9)
    return [float(height) for height in probe._rowHeights]


def _pages(heights: list[float], head: float, first_room: float, room: float) -> list[tuple[int, int]]:
    """Row ranges of the pages: as many rows as fit under the header; a row taller than a page gets a
    page of its own (ReportLab then splits it as best it can)."""
    pages: list[tuple[int, int]] = []
    start, used, available = 0, head, first_room
    for index, height in enumerate(heights):
        if used + height > available and index > start:
            pages.append((start, index))
            start, used, available = index, head, room
        used += height
    pages.append((start, len(heights)))
    return pages
