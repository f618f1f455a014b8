"""The charts' page of the report in the DOCX: after biểu II.06a, in its landscape section, the page's
title and period line and the charts as one picture (the PDF's drawing, painted by Pillow)."""

from __future__ import annotations

import io

from docx.document import Document as DocumentObject
from docx.shared import Pt

from cchc_desktop.documents.annual_report import LANDSCAPE
from cchc_desktop.documents.docx_blocks import add_line
from cchc_desktop.documents.report_figures import HEADER, figures_drawing, page_lines
from cchc_desktop.documents.report_figures_data import ReportFigures
from cchc_desktop.documents.report_figures_png import drawing_png

PICTURE_DPI = 200


def add_figures(document: DocumentObject, figures: ReportFigures) -> None:
    """A page break, then the page of charts; the section in force (the appendix's) gives the paper."""
    title, period = page_lines(figures)
    add_line(document, title, 14, bold=True).paragraph_format.page_break_before = True
    add_line(document, period, 12, italic=True, after=6)
    width, height = LANDSCAPE.frame_width, LANDSCAPE.frame_height - HEADER - 40
    picture = drawing_png(figures_drawing(figures, width, height), PICTURE_DPI)
    document.add_picture(io.BytesIO(picture), width=Pt(width))
