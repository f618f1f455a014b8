"""The page itself: paper and margins (Nghị định 30/2020), its frame, and the PDF built on it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate

from cchc_desktop.documents import fonts

CREATOR = "CCHC Desk"


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
