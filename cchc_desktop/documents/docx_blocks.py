"""python-docx building blocks: formatted paragraphs, rules, borderless tables, column widths."""

from __future__ import annotations

from collections.abc import Iterable

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from cchc_desktop.documents import fonts

RULE_COLOUR = "000000"
# Word refuses a file whose elements are out of the schema's order; python-docx knows the order only of
# the elements it writes itself. The elements that may follow w:pBdr in w:pPr, w:tblBorders in w:tblPr:
PBDR_SUCCESSORS = (
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct"),
    *("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid"),
    *("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc"),
    *("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId"),
    *("w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
)
TBL_BORDERS_SUCCESSORS = (
    *("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
    "w:tblPrChange",
)


def format_paragraph(
    paragraph: Paragraph, alignment: WD_ALIGN_PARAGRAPH, *, before: float = 0, after: float = 0
) -> Paragraph:
    """A paragraph outside the body text: no indent, single spacing."""
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment
    fmt.first_line_indent = Mm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    return paragraph


def add_text(
    paragraph: Paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False
) -> Paragraph:
    """A run of `text` at the end of `paragraph`."""
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    return paragraph


def add_line(
    container: DocumentObject | _Cell,
    text: str,
    size: float,
    alignment: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    *,
    bold: bool = False,
    italic: bool = False,
    before: float = 0,
    after: float = 0,
    first: bool = False,
) -> Paragraph:
    """One formatted paragraph; `first` reuses the empty paragraph a new table cell starts with."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    format_paragraph(paragraph, alignment, before=before, after=after)
    return add_text(paragraph, text, size, bold=bold, italic=italic)


def text_width(text: str, bold: bool, size: float) -> float:
    """Width in points, measured in Liberation Serif (the metrics of Times New Roman)."""
    return float(stringWidth(text, fonts.BOLD if bold else fonts.REGULAR, size))


def add_rule(paragraph: Paragraph, length: float, room: float, *, after: float = 0) -> None:
    """A centred horizontal rule `length` points long: the top border of an empty thin paragraph
    indented from both sides of `room` (Word has no rule object that stays put when text is edited)."""
    format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.CENTER, before=3, after=after)
    indent = Pt(max((room - length) / 2, 0))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = indent
    fmt.line_spacing = Pt(3)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", RULE_COLOUR)):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.insert_element_before(borders, *PBDR_SUCCESSORS)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    p_pr.insert_element_before(mark, "w:sectPr", "w:pPrChange")


def remove_borders(table: Table) -> None:
    """A table without borders (the header and the signature blocks)."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(borders, *TBL_BORDERS_SUCCESSORS)


def set_widths(table: Table, widths: Iterable[float]) -> None:
    """Column widths in points, on the grid and on every cell (Word reads one, LibreOffice the other)."""
    table.autofit = False
    widths = list(widths)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Pt(width)
