"""Mẫu 02, read back from the PDF the way a clerk checks it before handing it over."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from cchc_desktop.documents.data import FormHeader, Person, SupplementRequestData
from cchc_desktop.documents.supplement_request import (
    distinct_items,
    number_suffix,
    render_supplement_request,
)
from tests.pdf_text import pages_text

NAME = "Nguyễn Thị Ánh Tuyết"
LONG_NAME = "Công ty Trách nhiệm hữu hạn Thương mại Dịch vụ Đại Hợp Thịnh"
LONG_PROCEDURE = (
    "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc cho người dưới 18 tuổi "
    "và cấp bản sao trích lục kèm"
)
LONG_ITEM = (
    "Bản sao có chứng thực Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác "
    "gắn liền với đất số {n}"
)
ITEMS = (
    "Tờ khai đăng ký khai sinh có chữ ký của người đi đăng ký",
    "Giấy chứng sinh (bản chính) do cơ sở y tế cấp",
)


def make_request(**changes: Any) -> SupplementRequestData:
    data = SupplementRequestData(
        header=FormHeader(
            parent_body="UBND XÃ ĐẠI HỢP",
            unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
            number_suffix=number_suffix("TTPVHCC"),
            place_name="Đại Hợp",
            issued_on=date(2023, 1, 19),
        ),
        dossier_code="",
        applicant=Person(NAME, "031088012345", "Thôn Đông Tác, xã Đại Hợp", "0912345678", "anh@example.vn"),
        procedure_name="Đăng ký khai sinh",
        items=ITEMS,
        reason="Hồ sơ chưa đầy đủ thành phần theo quy định.",
        contact_name="bà Lê Thị Mai",
        contact_phone="0225 3861 234",
        guide_name="Lê Thị Mai",
    )
    return dataclasses.replace(data, **changes)


def test_the_request_shows_what_the_clerk_checks() -> None:
    pages = pages_text(render_supplement_request(make_request()))
    assert len(pages) == 1
    page = pages[0]
    for expected in (
        "UBND XÃ ĐẠI HỢP",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "Số: ……………/PBS-TTPVHCC",
        "Đại Hợp, ngày 19 tháng 01 năm 2023",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Hồ sơ của: {NAME}",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "Địa chỉ: Thôn Đông Tác, xã Đại Hợp",
        "Số điện thoại: 0912345678 Email: anh@example.vn",
        "Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:",
        f"1. {ITEMS[0]}",
        f"2. {ITEMS[1]}",
        "Lý do: Hồ sơ chưa đầy đủ thành phần theo quy định.",
        "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, ông (bà) liên hệ với bà Lê Thị Mai "
        "số điện thoại 0225 3861 234 để được hướng dẫn./.",
        "NGƯỜI HƯỚNG DẪN",
        "(Ký và ghi rõ họ tên)",
        "(Chữ ký số của người hướng dẫn nếu là biểu mẫu điện tử)",
        "Lê Thị Mai",
    ):
        assert expected in page, expected
    assert "Mã hồ sơ" not in page  # not taken in yet: no code
    assert "BẢN IN LẠI" not in page
    order = ["Số:", "PHIẾU YÊU CẦU", "Hồ sơ của", "Nội dung yêu cầu", "Địa chỉ", "Số điện thoại"]
    order += ["Yêu cầu hoàn thiện", "1. ", "2. ", "Lý do", "Trong quá trình", "NGƯỜI HƯỚNG DẪN"]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)


def test_each_missing_item_is_listed_once_in_full() -> None:
    repeated = (*ITEMS, "  tờ khai đăng ký khai sinh có chữ ký   của người đi đăng ký ", "", ITEMS[1])
    assert distinct_items(repeated) == ITEMS
    page = pages_text(render_supplement_request(make_request(items=repeated)))[0]
    assert page.count("Tờ khai đăng ký khai sinh") == 1
    assert "3. " not in page


def test_a_dossier_in_processing_shows_its_code_and_a_reprint_is_marked() -> None:
    page = pages_text(
        render_supplement_request(make_request(dossier_code="000.00.00.H00-230119-0001", reprint_number=2))
    )[0]
    assert "Mã hồ sơ: 000.00.00.H00-230119-0001" in page
    assert "BẢN IN LẠI LẦN 2" in page


def test_missing_values_leave_dots_to_fill_in_by_hand() -> None:
    page = pages_text(
        render_supplement_request(make_request(items=(), reason="", contact_name="", contact_phone=""))
    )[0]
    assert "1. ……" in page and "3. ……" in page
    assert "Lý do: ……" in page
    assert "liên hệ với …………… số điện thoại …………… để được hướng dẫn" in page


def test_long_names_and_a_long_list_stay_whole_on_one_page() -> None:
    items = tuple(LONG_ITEM.format(n=n) for n in range(1, 9))
    applicant = Person(LONG_NAME, "0201234567", "Số 123, ngõ 45, thôn Đông Tác, xã Đại Hợp", "0225 3861 234")
    assert len(LONG_NAME) == 60 and len(LONG_PROCEDURE) == 120
    pdf = render_supplement_request(
        make_request(applicant=applicant, procedure_name=LONG_PROCEDURE, items=items)
    )
    pages = pages_text(pdf)
    assert len(pages) == 1
    assert LONG_NAME in pages[0] and LONG_PROCEDURE in pages[0]
    for number, item in enumerate(items, start=1):
        assert f"{number}. {item}" in pages[0]
    assert "NGƯỜI HƯỚNG DẪN" in pages[0]


def test_only_liberation_serif_is_used() -> None:
    items = tuple(LONG_ITEM.format(n=n) for n in range(1, 4))
    page = PdfReader(io.BytesIO(render_supplement_request(make_request(items=items)))).pages[0]
    resources: Any = page["/Resources"]
    fonts = {str(font.get_object()["/BaseFont"]) for font in resources["/Font"].values()}
    assert fonts and all("LiberationSerif" in name for name in fonts)


@pytest.mark.parametrize("field", ["applicant", "items"])
def test_decomposed_input_prints_composed_letters(field: str) -> None:
    decomposed = unicodedata.normalize("NFD", NAME)
    value: Any = Person(decomposed) if field == "applicant" else (decomposed,)
    raw = PdfReader(io.BytesIO(render_supplement_request(make_request(**{field: value})))).pages[0]
    text = raw.extract_text()
    assert NAME in text and decomposed not in text
