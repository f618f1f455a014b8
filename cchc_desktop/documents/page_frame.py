"""The common frame of every printed form: page geometry (Nghị định 30/2020), paragraph styles, the 2025
two-column header, signature blocks, page marks and the QR code."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import unescape as _xml_unescape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cchc_desktop.documents import fonts
from cchc_desktop.documents.data import FormHeader
from cchc_desktop.domain.vn_format import clock_and_date, place_date_line

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER_LINE = "Số: {number}/{suffix}"
SIGN_HINT = "(Ký và ghi rõ họ tên)"
DIGITAL_SIGN_HINT = "(Chữ ký số của {signer} nếu là biểu mẫu điện tử)"
REPRINT_MARK = "BẢN IN LẠI LẦN {n}"
DOTS = "……………"
CREATOR = "CCHC Desk"

RULE_THICKNESS = 0.6


@dataclass(frozen=True)
class PageSpec:
    """Paper and margins. A4 follows Nghị định 30/2020 (top/bottom 20 mm, left 30 mm, right 15 mm: the
    smallest it allows, to leave room for long lists). A5 scales the margins by about 1/√2 but the type
    only by 0.8: at 1/√2 body text would print below 10 pt."""

    name: str
    size: tuple[float, float]
    top: float
    bottom: float
    left: float
    right: float
    font_scale: float

    @property
    def frame_width(self) -> float:
        return self.size[0] - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.size[1] - self.top - self.bottom

    def frame(self, frame_id: str = "body") -> Frame:
        return Frame(
            self.left,
            self.bottom,
            self.frame_width,
            self.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=frame_id,
        )


PAGE_SPECS: dict[str, PageSpec] = {
    "A4": PageSpec("A4", A4, top=20 * mm, bottom=20 * mm, left=30 * mm, right=15 * mm, font_scale=1.0),
    "A5": PageSpec("A5", A5, top=14 * mm, bottom=14 * mm, left=21 * mm, right=11 * mm, font_scale=0.8),
}


def page_spec(paper_size: str) -> PageSpec:
    try:
        return PAGE_SPECS[paper_size.upper()]
    except KeyError:
        raise ValueError(f"unknown paper size {paper_size!r}; expected one of {sorted(PAGE_SPECS)}") from None


@dataclass(frozen=True)
class FormStyles:
    scale: float
    body: ParagraphStyle
    body_justified: ParagraphStyle
    note: ParagraphStyle
    title: ParagraphStyle
    header_parent: ParagraphStyle
    header_unit: ParagraphStyle
    header_number: ParagraphStyle
    national: ParagraphStyle
    motto: ParagraphStyle
    place_date: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    table_cell_center: ParagraphStyle
    sign_title: ParagraphStyle
    sign_hint: ParagraphStyle
    sign_name: ParagraphStyle
    mark_size: float
    sign_space: float


def make_styles(
    spec: PageSpec,
    *,
    body_size: float = 13,
    table_size: float = 12,
    gap: float = 3,
    leading: float = 1.2,
    sign_space: float = 22 * mm,
) -> FormStyles:
    """Styles for one page spec. Sizes are A4 points (Nghị định 30/2020: body 13-14, header 12-13);
    A5 scales them down. `leading` is the line height as a multiple of the font size."""
    fonts.register_fonts()
    s = spec.font_scale

    def style(
        name: str, size: float, font: str = fonts.REGULAR, line: float = 1.2, **extra: Any
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size * s, leading=size * s * line, textColor=colors.black, **extra
        )

    table_line = min(leading, 1.15)
    hint_size = body_size - 2
    return FormStyles(
        scale=s,
        body=style("body", body_size, line=leading, spaceAfter=gap * s, alignment=TA_LEFT),
        body_justified=style(
            "body_justified", body_size, line=leading, spaceAfter=gap * s, alignment=TA_JUSTIFY
        ),
        note=style(
            "note", body_size - 1, fonts.ITALIC, line=leading, spaceAfter=gap * s, alignment=TA_JUSTIFY
        ),
        title=style("title", 14, fonts.BOLD, alignment=TA_CENTER),
        header_parent=style("header_parent", 12, alignment=TA_CENTER),
        header_unit=style("header_unit", 12, fonts.BOLD, alignment=TA_CENTER),
        header_number=style("header_number", 13, alignment=TA_CENTER),
        national=style("national", 12, fonts.BOLD, alignment=TA_CENTER),
        motto=style("motto", 13, fonts.BOLD, alignment=TA_CENTER),
        place_date=style("place_date", 13, fonts.ITALIC, alignment=TA_CENTER),
        table_head=style("table_head", table_size, fonts.BOLD, line=table_line, alignment=TA_CENTER),
        table_cell=style("table_cell", table_size, line=table_line, alignment=TA_LEFT),
        table_cell_center=style("table_cell_center", table_size, line=table_line, alignment=TA_CENTER),
        sign_title=style("sign_title", body_size, fonts.BOLD, line=leading, alignment=TA_CENTER),
        sign_hint=style("sign_hint", hint_size, fonts.ITALIC, line=table_line, alignment=TA_CENTER),
        sign_name=style("sign_name", body_size, fonts.BOLD, line=leading, alignment=TA_CENTER),
        mark_size=11 * s,
        sign_space=sign_space * s,
    )


def esc(text: str) -> str:
    """Text for Paragraph markup ("TN&TKQ" must not start an entity)."""
    return _xml_escape(text)


def unbreakable(markup: str) -> str:
    """Markup whose spaces never break a line ("Số định danh" must not split over two lines)."""
    return markup.replace(" ", "&nbsp;")


def or_dots(text: str, dots: str = DOTS) -> str:
    """The escaped value, or a dotted blank to fill in by hand."""
    return esc(text) if text else dots


def balanced_lines(text: str, font: str, size: float, width: float) -> str:
    """Escaped markup of `text`: one line if it fits, else two lines of similar width broken at a space
    ("TRUNG TÂM PHỤC VỤ<br/>HÀNH CHÍNH CÔNG" rather than a lone last word)."""
    words = text.split()
    if stringWidth(text, font, size) <= width or len(words) < 2:
        return esc(text)
    best: tuple[float, int] | None = None
    for cut in range(1, len(words)):
        widest = max(
            stringWidth(" ".join(words[:cut]), font, size), stringWidth(" ".join(words[cut:]), font, size)
        )
        if best is None or widest < best[0]:
            best = (widest, cut)
    assert best is not None
    if best[0] > width:
        return esc(text)
    cut = best[1]
    return f"{esc(' '.join(words[:cut]))}<br/>{esc(' '.join(words[cut:]))}"


def _widest_line(markup_lines: str, font: str, size: float) -> float:
    return max(float(stringWidth(_xml_unescape(line), font, size)) for line in markup_lines.split("<br/>"))


def table_style(commands: list[Any]) -> TableStyle:
    """A table style whose cells start in Liberation Serif: ReportLab's default cell font is Helvetica,
    which would be referenced (unembedded, without Vietnamese) even when every cell holds a Paragraph."""
    return TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 10), *commands])


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


def signature_block(title: str, signer: str, styles: FormStyles, name: str = "") -> list[Flowable]:
    """Title, the two hints, room to sign, then the printed name when known (bold, as signed names are)."""
    block: list[Flowable] = [
        Paragraph(esc(title), styles.sign_title),
        Paragraph(esc(SIGN_HINT), styles.sign_hint),
        Paragraph(esc(DIGITAL_SIGN_HINT.format(signer=signer)), styles.sign_hint),
        Spacer(1, styles.sign_space),
    ]
    if name:
        block.append(Paragraph(esc(name), styles.sign_name))
    return block


def signature_row(left: Sequence[Flowable], right: Sequence[Flowable], width: float) -> Table:
    table = Table([[list(left), list(right)]], colWidths=[width / 2, width / 2])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def draw_page_marks(
    canvas: Any, spec: PageSpec, styles: FormStyles, *, left: str = "", centre: str = "", right: str = ""
) -> None:
    """Marks in the top margin: the reprint mark (bold, left), the page number (centre, Nghị định
    30/2020), the copy label (italic, right)."""
    size = styles.mark_size
    y = spec.size[1] - spec.top / 2 - size / 3
    canvas.saveState()
    canvas.setFillColor(colors.black)
    if left:
        canvas.setFont(fonts.BOLD, size)
        canvas.drawString(spec.left, y, left)
    if centre:
        canvas.setFont(fonts.REGULAR, size)
        canvas.drawCentredString(spec.left + spec.frame_width / 2, y, centre)
    if right:
        canvas.setFont(fonts.ITALIC, size)
        canvas.drawRightString(spec.size[0] - spec.right, y, right)
    canvas.restoreState()


def reprint_mark(reprint_number: int) -> str:
    return REPRINT_MARK.format(n=reprint_number) if reprint_number > 0 else ""


class Rule(Flowable):  # type: ignore[misc]
    """A centred horizontal rule with explicit room above and below (spaces of flowables inside table
    cells are not reliable, and the rule must clear the descenders and dots of the line above)."""

    def __init__(self, width: float, above: float, below: float, thickness: float = RULE_THICKNESS) -> None:
        super().__init__()
        self.rule_width = width
        self.above = above
        self.below = below
        self.thickness = thickness
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.rule_width = min(self.rule_width, avail_width)
        self.width = self.rule_width
        return self.width, self.above + self.thickness + self.below

    def draw(self) -> None:
        y = self.below + self.thickness / 2
        self.canv.saveState()
        self.canv.setLineWidth(self.thickness)
        self.canv.setStrokeColor(colors.black)
        self.canv.line(0, y, self.rule_width, y)
        self.canv.restoreState()


@functools.lru_cache(maxsize=64)
def qr_modules(value: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of the QR code of `value`, error correction level M, as
    encoded by ReportLab's QrCodeWidget (encoding is pure Python and slow: cached)."""
    widget = QrCodeWidget(value, barLevel="M")
    widget.qr.make()
    return tuple(tuple(bool(cell) for cell in row) for row in widget.qr.modules)


class QrCode(Flowable):  # type: ignore[misc]
    """A QR code encoded by ReportLab's QrCodeWidget, drawn as one filled path so that viewers and
    printers show no hairline seams between the modules (the widget draws one rectangle per run)."""

    def __init__(self, value: str, symbol_size: float, quiet_modules: int = 2) -> None:
        super().__init__()
        self.value = value
        self.modules = qr_modules(value)
        count = len(self.modules)
        self.module_size = symbol_size / count
        self.quiet = quiet_modules
        self.width = self.height = (count + 2 * quiet_modules) * self.module_size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        size = self.module_size
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.height - (r + self.quiet + 1) * size
            c = 0
            while c < len(row):
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect((start + self.quiet) * size, y, (c - start) * size, size)
        self.canv.saveState()
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()


def story_height(story: Sequence[Flowable], width: float) -> float:
    """Height the flowables take in one frame, spaces counted in full (the frame may collapse some,
    so this never underestimates)."""
    total = 0.0
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            total += story_height(flowable._content, width)
            continue
        _, height = flowable.wrap(width, 1e6)
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def build_pdf(
    spec: PageSpec,
    templates: Sequence[PageTemplate],
    story: list[Flowable],
    *,
    title: str,
    author: str,
    subject: str,
) -> bytes:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=spec.size,
        leftMargin=spec.left,
        rightMargin=spec.right,
        topMargin=spec.top,
        bottomMargin=spec.bottom,
        pageTemplates=list(templates),
        title=title,
        author=author,
        subject=subject,
        creator=CREATOR,
        lang="vi-VN",
        initialFontName=fonts.REGULAR,
        initialFontSize=12,
        pageCompression=1,
    )
    doc.build(story)
    return buffer.getvalue()


# ---------------------------------------------------------------- shared by the later forms


def label_line(label: str, value: str, *, bold: bool = False) -> str:
    """ "Label: value" markup; an empty value prints dots to fill in by hand."""
    shown = or_dots(value)
    return f"{esc(label)} <b>{shown}</b>" if bold and value else f"{esc(label)} {shown}"


def label_pair(first: str, label: str, value: str) -> str:
    """A second "label: value" after the markup `first` on the same line; the label never breaks."""
    return f"{first}&nbsp;&nbsp;&nbsp; {unbreakable(esc(label))}&nbsp;{or_dots(value)}"


def moment_markup(moment: datetime) -> str:
    """ "10 giờ 05 phút, ngày 19 tháng 01 năm 2023", breaking only after the comma."""
    clock, _, day = clock_and_date(moment).partition(", ")
    return f"{unbreakable(clock)}, {unbreakable(day)}"


def text_markup(text: str) -> str:
    """Escaped free text (a reason, a list of returned papers) keeping the clerk's line breaks."""
    return "<br/>".join(esc(line) for line in text.splitlines())


def code_lines(code: str, font: str, size: float, width: float) -> list[str]:
    """A dossier code cut into lines no wider than `width`, only after a "-" ("000.00.00.H00-" /
    "260125-0001"): a Paragraph would cut a long code anywhere."""
    if stringWidth(code, font, size) <= width:
        return [code]
    lines: list[str] = []
    line = ""
    for part in code.replace("-", "-\n").split("\n"):
        if line and stringWidth(line + part, font, size) > width:
            lines.append(line)
            line = ""
        line += part
    lines.append(line)
    return lines


def page_marker(spec: PageSpec, styles: FormStyles, reprint_number: int = 0) -> Callable[[Any, Any], None]:
    """onPage callback: the reprint mark on every page, the page number from page 2 (Nghị định 30/2020)."""

    def on_page(canvas: Any, doc: Any) -> None:
        draw_page_marks(
            canvas,
            spec,
            styles,
            left=reprint_mark(reprint_number),
            centre=str(doc.page) if doc.page > 1 else "",
        )

    return on_page


# Roomy first, then tighter: a one-page form should not spill its signature onto a second page.
LETTER_DENSITIES: tuple[dict[str, Any], ...] = (
    {"gap": 4, "leading": 1.25, "sign_space": 22 * mm},
    {"gap": 2, "leading": 1.2, "sign_space": 18 * mm},
    {"gap": 1, "leading": 1.15, "sign_space": 15 * mm},
)


def one_page_styles(
    spec: PageSpec,
    story_of: Callable[[FormStyles], Sequence[Flowable]],
    densities: Sequence[dict[str, Any]] = LETTER_DENSITIES,
) -> FormStyles:
    """The styles of the first density (keyword arguments of `make_styles`) whose story fits one page;
    the last one when none does (the story then flows on)."""
    styles = make_styles(spec, **densities[0])
    for density in densities:
        styles = make_styles(spec, **density)
        if story_height(story_of(styles), spec.frame_width) <= spec.frame_height:
            break
    return styles
