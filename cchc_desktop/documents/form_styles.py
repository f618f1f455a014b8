"""Paragraph and table styles of the printed forms, and the density that keeps a letter on one page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, TableStyle

from cchc_desktop.documents import fonts
from cchc_desktop.documents.page_frame import PageSpec, story_height


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


def table_style(commands: list[Any]) -> TableStyle:
    """A table style whose cells start in Liberation Serif: ReportLab's default cell font is Helvetica,
    which would be referenced (unembedded, without Vietnamese) even when every cell holds a Paragraph."""
    return TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 10), *commands])


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
