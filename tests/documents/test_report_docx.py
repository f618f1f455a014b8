"""The annual report as a Word document, re-opened with python-docx the way the office edits it."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from cchc_desktop.documents.report_docx import render_report_docx
from tests.documents.test_annual_report import PAYMENT, SIGNER, STATISTICS, make_report

HEADINGS = {
    "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH": "Heading 1",
    "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH": "Heading 1",
    "2. Cải cách thủ tục hành chính": "Heading 2",
    "6. Hiện đại hóa nền hành chính": "Heading 2",
    "III. ĐÁNH GIÁ CHUNG": "Heading 1",
    "2. Tồn tại, hạn chế": "Heading 2",
    "IV. KIẾN NGHỊ, ĐỀ XUẤT": "Heading 1",
}


@pytest.fixture(scope="module")
def document() -> DocumentObject:
    return Document(io.BytesIO(render_report_docx(make_report())))


def cell_texts(table: object) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]  # type: ignore[attr-defined]


def test_headings_are_bold_word_headings_in_times_new_roman(document: DocumentObject) -> None:
    found = {p.text: p.style.name for p in document.paragraphs if p.text in HEADINGS}
    assert found == HEADINGS
    for name in ("Normal", "Heading 1", "Heading 2"):
        style = document.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Times New Roman", name
        assert fonts.get(qn("w:asciiTheme")) is None
    assert document.styles["Heading 1"].font.bold and document.styles["Heading 2"].font.bold
    assert document.styles["Normal"].font.size.pt == 14


def test_the_body_is_justified_with_a_first_line_indent(document: DocumentObject) -> None:
    body = document.styles["Normal"].paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Mm(10) <= body.first_line_indent <= Mm(12.7)
    assert body.space_after.pt >= 6
    texts = [p.text for p in document.paragraphs]
    for line in (*STATISTICS.splitlines(), PAYMENT):
        assert line in texts
    assert "BÁO CÁO" in texts and "Công tác cải cách hành chính năm 2023" in texts


def test_the_page_is_a4_with_the_decree_margins_and_numbers_from_page_two(document: DocumentObject) -> None:
    first = document.sections[0]
    assert first.orientation == WD_ORIENT.PORTRAIT
    assert abs(first.page_width - Mm(210)) < Mm(1) and abs(first.page_height - Mm(297)) < Mm(1)
    assert Mm(30) - Mm(0.5) <= first.left_margin <= Mm(35)
    assert Mm(15) - Mm(0.5) <= first.right_margin <= Mm(20)
    assert Mm(20) - Mm(0.5) <= first.top_margin <= Mm(25)
    assert first.different_first_page_header_footer
    assert "PAGE" in first.header._element.xml
    assert "PAGE" not in first.first_page_header._element.xml


def test_header_and_signature_are_borderless_two_column_tables(document: DocumentObject) -> None:
    header, signature = document.tables[0], document.tables[1]
    assert cell_texts(header)[0][0] == "ỦY BAN NHÂN DÂN\nXÃ ĐẠI HỢP\n"
    assert cell_texts(header)[1] == ["Số: ……………/BC-UBND", "Đại Hợp, ngày 05 tháng 01 năm 2024"]
    recipients, signed = cell_texts(signature)[0]
    assert recipients.startswith("Nơi nhận:\n- UBND tỉnh (Sở Nội vụ);")
    assert signed == f"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n{SIGNER}"
    for table in (header, signature):
        assert 'w:val="nil"' in table._tbl.tblPr.xml


def test_the_last_section_is_landscape_with_biểu_ii06a(document: DocumentObject) -> None:
    last = document.sections[-1]
    assert len(document.sections) == 2
    assert last.orientation == WD_ORIENT.LANDSCAPE and last.page_width > last.page_height
    rows = cell_texts(document.tables[-1])
    assert rows[0][2:6] == ["Tiếp nhận"] * 4  # merged over its four columns
    assert rows[0][0] == rows[1][0] == "TT"
    assert rows[2] == [f"({n})" for n in range(1, 14)]
    assert rows[-1] == [
        "",
        "Tổng số",
        "1.825",
        "1.810",
        "13",
        "2",
        "1.819",
        "1.806",
        "13",
        "0",
        "6",
        "6",
        "0",
    ]
    total_cell = document.tables[-1].rows[-1].cells[2].paragraphs[0]
    assert total_cell.alignment == WD_ALIGN_PARAGRAPH.RIGHT and total_cell.runs[0].bold


PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
]


def test_properties_follow_the_schema_order_word_insists_on(document: DocumentObject) -> None:
    body = document.element.body
    for tag, order in (("w:pPr", PPR_ORDER), ("w:tblPr", TBLPR_ORDER)):
        for properties in body.iter(qn(tag)):
            names = [child.tag.rsplit("}", 1)[1] for child in properties]
            assert names == sorted(names, key=order.index), names
