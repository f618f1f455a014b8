"""Marks in the top margin of a page: the reprint mark, the page number and the copy label."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors

from cchc_desktop.documents import fonts
from cchc_desktop.documents.form_styles import FormStyles
from cchc_desktop.documents.page_frame import PageSpec

REPRINT_MARK = "BẢN IN LẠI LẦN {n}"


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
