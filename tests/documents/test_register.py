"""Mẫu 07, the register: the PDF read back page by page, and the Excel workbook opened with openpyxl."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cchc_desktop.documents.data import FormHeader, RegisterData, RegisterRow
from cchc_desktop.documents.register import HEAD_SUB, HEAD_TOP, number_suffix, render_register
from cchc_desktop.documents.register_xlsx import register_xlsx

HEADER = FormHeader(
    parent_body="UBND XÃ ĐẠI HỢP",
    unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    number_suffix=number_suffix("TTPVHCC"),
    place_name="Đại Hợp",
    issued_on=date(2024, 1, 2),
)
LONG_NAME = "Công ty Trách nhiệm hữu hạn Thương mại Dịch vụ Đại Hợp Thịnh"
LONG_PROCEDURE = (
    "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc cho người dưới 18 tuổi "
    "và cấp bản sao trích lục kèm"
)
START = datetime(2023, 1, 3, 7, 45)
STT_COLUMN_RIGHT = 100  # points from the left edge: the STT column ends before this


def make_row(number: int) -> RegisterRow:
    received = START + timedelta(minutes=37 * number)
    long = number % 7 == 0
    return RegisterRow(
        number=number,
        code=f"000.00.00.H00-{received:%y%m%d}-{number:04d}",
        procedure_name=LONG_PROCEDURE if long else "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        applicant_name=LONG_NAME if long else f"Nguyễn Thị Ánh Tuyết {number}",
        address_phone=f"Thôn Đông Tác, xã Đại Hợp, 09123{number:05d}",
        resolving_body="Công chức Tư pháp - Hộ tịch",
        received_at=received,
        appointment_at=received + timedelta(days=2),
        returned_at=received + timedelta(days=1) if number % 3 else None,
        delivery="Qua dịch vụ bưu chính công ích" if number % 5 == 0 else "Trực tiếp",
    )


def make_register(count: int) -> RegisterData:
    rows = tuple(make_row(number) for number in range(1, count + 1))
    return RegisterData(HEADER, "2023", date(2023, 1, 1), date(2023, 12, 31), rows)


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def long_register() -> RegisterData:
    return make_register(300)


@pytest.fixture(scope="module")
def long_pdf(long_register: RegisterData) -> PdfReader:
    return PdfReader(io.BytesIO(render_register(long_register)))


def stt_numbers(page: Any) -> list[int]:
    """The numbers printed in the STT column of a page, top to bottom."""
    found: list[tuple[float, int]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        if text.strip().isdigit() and x < STT_COLUMN_RIGHT:
            found.append((y, int(text)))

    page.extract_text(visitor_text=visit)
    return [number for _, number in sorted(found, key=lambda item: -item[0])]


def test_the_register_is_landscape_with_its_title_block() -> None:
    reader = PdfReader(io.BytesIO(render_register(make_register(3))))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert float(box.width) == pytest.approx(841.9, abs=0.5)
    page = flat(reader.pages[0].extract_text())
    for expected in (
        "UBND XÃ ĐẠI HỢP",
        "Số: ……………/STD-TTPVHCC",
        "SỔ THEO DÕI HỒ SƠ",
        "Quyển số: 2023",
        "Từ ngày 01/01/2023 đến ngày 31/12/2023",
        *HEAD_TOP,
        *HEAD_SUB,
    ):
        assert expected in page, expected


def test_one_line_per_dossier_with_its_times() -> None:
    reader = PdfReader(io.BytesIO(render_register(make_register(3))))
    page = flat(reader.pages[0].extract_text())
    assert stt_numbers(reader.pages[0]) == [1, 2, 3]
    first = make_row(1)
    assert "000.00.00.H00-230103-0001" in page.replace("- ", "-")
    assert "Nguyễn Thị Ánh Tuyết 1" in page and "Công chức Tư pháp - Hộ tịch" in page
    assert f"{first.received_at:%d/%m/%Y %H:%M}" in page  # 03/01/2023 08:22
    assert f"{first.appointment_at:%d/%m/%Y %H:%M}" in page
    assert f"{make_row(3).appointment_at:%d/%m/%Y %H:%M}" in page
    assert "Qua dịch vụ bưu chính công ích" not in page


def test_a_long_register_repeats_its_header_and_numbers_its_pages(
    long_register: RegisterData, long_pdf: PdfReader
) -> None:
    pages = [flat(page.extract_text()) for page in long_pdf.pages]
    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        for heading in (*HEAD_TOP, *HEAD_SUB):
            assert heading in page, (number, heading)
        if number > 1:
            assert page.startswith(str(number)), number  # page number in the top margin
    assert "SỔ THEO DÕI HỒ SƠ" in pages[0] and "SỔ THEO DÕI HỒ SƠ" not in pages[1]
    numbers = [number for page in long_pdf.pages for number in stt_numbers(page)]
    assert numbers == list(range(1, len(long_register.rows) + 1))
    text = "".join("".join(pages).split())
    for row in long_register.rows:
        assert text.count(row.code) == 1, row.code
    assert LONG_NAME.replace(" ", "") in text and LONG_PROCEDURE.replace(" ", "") in text


def test_an_empty_period_says_so() -> None:
    page = flat(PdfReader(io.BytesIO(render_register(make_register(0)))).pages[0].extract_text())
    assert "Không có hồ sơ trong kỳ." in page
    assert "Ký nhận" in page
    sheet: Any = load_workbook(io.BytesIO(register_xlsx(make_register(0)))).active
    assert "Không có hồ sơ trong kỳ." in [sheet.cell(row=row, column=1).value for row in range(1, 12)]


def test_only_liberation_serif_is_used(long_pdf: PdfReader) -> None:
    resources: Any = long_pdf.pages[0]["/Resources"]
    fonts = {str(font.get_object()["/BaseFont"]) for font in resources["/Font"].values()}
    assert fonts and all("LiberationSerif" in name for name in fonts)


def test_the_workbook_has_the_same_rows_with_real_dates(long_register: RegisterData) -> None:
    sheet: Any = load_workbook(io.BytesIO(register_xlsx(long_register))).active
    header_row = next(
        row for row in range(1, 20) if sheet.cell(row=row, column=1).value == "STT"
    )  # fmt: skip
    assert [sheet.cell(row=header_row, column=c).value for c in (1, 2, 3, 4, 5, 6, 7, 11)] == list(HEAD_TOP)
    assert [sheet.cell(row=header_row + 1, column=c).value for c in range(7, 11)] == list(HEAD_SUB)
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert f"G{header_row}:J{header_row}" in merged  # "Nhận và trả kết quả" over its four columns
    assert f"A{header_row}:A{header_row + 1}" in merged
    first = header_row + 2
    data_rows = [row for row in range(first, sheet.max_row + 1) if sheet.cell(row=row, column=1).value]
    assert len(data_rows) == len(long_register.rows)
    for row, expected in zip(data_rows, long_register.rows, strict=True):
        assert sheet.cell(row=row, column=1).value == expected.number
        assert sheet.cell(row=row, column=2).value == expected.code
        received = sheet.cell(row=row, column=7)
        assert isinstance(received.value, datetime) and received.value == expected.received_at
        assert received.number_format == "dd/mm/yyyy hh:mm"
        assert isinstance(sheet.cell(row=row, column=8).value, datetime)
        returned = sheet.cell(row=row, column=9).value
        assert returned == expected.returned_at
    assert sheet.freeze_panes == f"A{first}"
    assert sheet.print_title_rows == f"${header_row}:${header_row + 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert all(sheet.column_dimensions[letter].width > 5 for letter in "ABCDEFGHIJK")
    titles = [sheet.cell(row=row, column=1).value for row in range(1, header_row)]
    assert "SỔ THEO DÕI HỒ SƠ" in titles and "Quyển số: 2023" in titles


def test_the_workbook_keeps_formula_like_text_as_text_and_survives_control_characters() -> None:
    """A name "=HYPERLINK(…)" stays a string cell, "+84 912…" and "-5" are shown as typed, and a control
    character already in the database (old imports let them in) does not stop the export."""
    from dataclasses import replace

    hostile = replace(
        make_row(1),
        applicant_name='=HYPERLINK("http://x.invalid","Bấm")',
        address_phone="+84 912 345 678",
        procedure_name="-5",
        resolving_body="@SUM(A1)",
        delivery="Trực\x00 tiếp\x1b",
    )
    data = RegisterData(HEADER, "2023", date(2023, 1, 1), date(2023, 12, 31), (hostile,))
    sheet: Any = load_workbook(io.BytesIO(register_xlsx(data))).active
    row = next(row for row in range(1, 20) if sheet.cell(row=row, column=1).value == 1)
    cells = [sheet.cell(row=row, column=column) for column in (4, 5, 3, 6, 10)]
    assert [cell.value for cell in cells] == [
        '=HYPERLINK("http://x.invalid","Bấm")',
        "+84 912 345 678",
        "-5",
        "@SUM(A1)",
        "Trực tiếp",
    ]
    assert all(cell.data_type == "s" for cell in cells)
    assert all(cell.quotePrefix for cell in cells[:4])


def test_the_workbook_rows_are_tall_enough_for_their_wrapped_text(long_register: RegisterData) -> None:
    """Excel and LibreOffice do not grow a row for wrapped text on opening: each row carries its height,
    enough for the longest cell's lines at its column width; printed landscape, one page wide, the
    header rows on every page."""
    sheet: Any = load_workbook(io.BytesIO(register_xlsx(long_register))).active
    first = next(row for row in range(1, 20) if sheet.cell(row=row, column=1).value == 1)
    line = 11 * 1.2  # points per line of the 11-point text
    for row in range(first, first + len(long_register.rows)):
        height = sheet.row_dimensions[row].height
        assert height is not None, f"row {row} has no height of its own"
        for column in (3, 4, 5, 6, 10):
            cell = sheet.cell(row=row, column=column)
            assert cell.alignment.wrap_text
            width = sheet.column_dimensions[cell.column_letter].width
            # At most 1.2 characters of Times New Roman 11 per unit of column width.
            lines = -(-len(str(cell.value)) // int(width * 1.2))
            assert height >= lines * line, (row, column, height, lines)
    long_row = first + next(i for i, r in enumerate(long_register.rows) if r.procedure_name == LONG_PROCEDURE)
    short_row = first + next(
        i for i, r in enumerate(long_register.rows) if r.procedure_name != LONG_PROCEDURE
    )
    assert sheet.row_dimensions[long_row].height > sheet.row_dimensions[short_row].height
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${first - 2}:${first - 1}"
