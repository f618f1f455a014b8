"""Word styles and page set-up of the DOCX report: fonts, body and headings, margins, page numbers."""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor

from cchc_desktop.documents.annual_report import BODY_SIZE, PAGE_NUMBER_SIZE, PARAGRAPH_GAP
from cchc_desktop.documents.docx_blocks import format_paragraph
from cchc_desktop.documents.page_frame import PageSpec

FONT_NAME = "Times New Roman"
FIRST_LINE_INDENT = Mm(12.7)
# Word's single spacing is about 1.15 × the font size; 1.1 of it matches the PDF's 1.25 leading.
LINE_SPACING = 1.1
HEADER_DISTANCE = Mm(10)  # the page number sits in the middle of the 20 mm top margin


def _fonts_element(r_pr: Any) -> None:
    """Times New Roman for every script, without the theme fonts that would override it."""
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(script), FONT_NAME)


def set_up_styles(document: DocumentObject) -> None:
    """Times New Roman in Vietnamese throughout, the body format on "Normal", the headings restyled."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts_element(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), "vi-VN")

    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(BODY_SIZE)
    _fonts_element(normal.element.get_or_add_rPr())
    body = normal.paragraph_format
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.first_line_indent = FIRST_LINE_INDENT
    body.space_before = Pt(0)
    body.space_after = Pt(PARAGRAPH_GAP)
    body.line_spacing = LINE_SPACING
    body.widow_control = True

    for name in ("Heading 1", "Heading 2"):
        style = document.styles[name]
        _fonts_element(style.element.get_or_add_rPr())
        style.font.size = Pt(BODY_SIZE)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        heading = style.paragraph_format
        heading.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        heading.first_line_indent = FIRST_LINE_INDENT
        heading.space_before = Pt(PARAGRAPH_GAP / 2)
        heading.space_after = Pt(PARAGRAPH_GAP)
        heading.line_spacing = LINE_SPACING
        heading.keep_with_next = True


def set_page(section: Section, spec: PageSpec) -> None:
    """Paper size and margins of `spec` for the section."""
    section.page_width = Mm(_mm(spec.size[0]))
    section.page_height = Mm(_mm(spec.size[1]))
    section.top_margin = Mm(_mm(spec.top))
    section.bottom_margin = Mm(_mm(spec.bottom))
    section.left_margin = Mm(_mm(spec.left))
    section.right_margin = Mm(_mm(spec.right))
    section.header_distance = HEADER_DISTANCE


def _mm(points: float) -> float:
    return round(points / 72 * 25.4, 1)


def add_page_numbers(section: Section) -> None:
    """A PAGE field centred in the header, none on the first page (Nghị định 30/2020)."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.CENTER)
    for kind, text in (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("text", "2"), ("end", "")):
        run = paragraph.add_run()
        run.font.size = Pt(PAGE_NUMBER_SIZE)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
