"""Mẫu 03, read back from the PDF the way a clerk checks it before both sides sign."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from datetime import date
from typing import Any

from pypdf import PdfReader

from cchc_desktop.documents.data import FormHeader, Person, RefusalData
from cchc_desktop.documents.refusal import number_suffix, render_refusal
from tests.pdf_text import pages_text

NAME = "Nguyễn Thị Ánh Tuyết"
CODE = "000.00.00.H00-230119-0001"
UNIT = "Trung tâm Phục vụ hành chính công xã Đại Hợp"
LONG_NAME = "Công ty Trách nhiệm hữu hạn Thương mại Dịch vụ Đại Hợp Thịnh"
LONG_PROCEDURE = (
    "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc cho người dưới 18 tuổi "
    "và cấp bản sao trích lục kèm"
)
REASON = "Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã."


def make_refusal(**changes: Any) -> RefusalData:
    data = RefusalData(
        header=FormHeader(
            parent_body="UBND XÃ ĐẠI HỢP",
            unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
            number_suffix=number_suffix("TTPVHCC"),
            place_name="Đại Hợp",
            issued_on=date(2023, 1, 19),
        ),
        receiving_unit=UNIT,
        dossier_code=CODE,
        applicant=Person(NAME, "031088012345", "Thôn Đông Tác, xã Đại Hợp", "0912345678", "anh@example.vn"),
        procedure_name="Đăng ký khai sinh",
        reason=REASON,
        receiver_name="Lê Thị Mai",
    )
    return dataclasses.replace(data, **changes)


def test_the_refusal_shows_what_the_clerk_checks() -> None:
    pages = pages_text(render_refusal(make_refusal()))
    assert len(pages) == 1
    page = pages[0]
    for expected in (
        "Số: ……………/PTC-TTPVHCC",
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        f"{UNIT} tiếp nhận hồ sơ của:",
        f"Ông (Bà)/Tổ chức: {NAME}",
        "Số định danh cá nhân/tổ chức: 031088012345",
        "Địa chỉ: Thôn Đông Tác, xã Đại Hợp",
        "Số điện thoại: 0912345678 Email: anh@example.vn",
        f"Mã hồ sơ (nếu có): {CODE}",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        f"Qua xem xét, {UNIT} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: "
        f"{REASON}",
        "Xin thông báo cho Ông/Bà được biết và thực hiện./.",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Chữ ký số của người nộp hồ sơ nếu là biểu mẫu điện tử)",
        "(Chữ ký số của người tiếp nhận hồ sơ nếu là biểu mẫu điện tử)",
        "Lê Thị Mai",
    ):
        assert expected in page, expected
    order = ["Số:", "PHIẾU TỪ CHỐI", "tiếp nhận hồ sơ của", "Ông (Bà)/Tổ chức", "Địa chỉ", "Số điện thoại"]
    order += ["Mã hồ sơ", "Nội dung yêu cầu", "Qua xem xét", "Xin thông báo", "NGƯỜI NỘP HỒ SƠ"]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    assert "BẢN IN LẠI" not in page


def test_a_dossier_never_recorded_leaves_the_code_to_fill_in() -> None:
    page = pages_text(render_refusal(make_refusal(dossier_code="", reason="")))[0]
    assert "Mã hồ sơ (nếu có): ……" in page
    assert "lý do cụ thể như sau: ……" in page


def test_a_reason_on_several_lines_keeps_them_and_a_reprint_is_marked() -> None:
    reason = f"{REASON}\nĐề nghị Ông (Bà) liên hệ Ủy ban nhân dân thành phố."
    pdf = render_refusal(make_refusal(reason=reason, reprint_number=1))
    raw = unicodedata.normalize("NFC", PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "\nĐề nghị Ông (Bà) liên hệ" in raw
    assert "BẢN IN LẠI LẦN 1" in raw


def test_long_names_stay_whole_on_one_page() -> None:
    applicant = Person(LONG_NAME, "0201234567", "Số 123, ngõ 45, thôn Đông Tác, xã Đại Hợp", "0225 3861 234")
    pages = pages_text(render_refusal(make_refusal(applicant=applicant, procedure_name=LONG_PROCEDURE)))
    assert len(pages) == 1
    assert LONG_NAME in pages[0] and LONG_PROCEDURE in pages[0]
    assert "Số định danh cá nhân/tổ chức: 0201234567" in pages[0]


def test_decomposed_input_prints_composed_letters() -> None:
    decomposed = unicodedata.normalize("NFD", NAME)
    raw = PdfReader(io.BytesIO(render_refusal(make_refusal(applicant=Person(decomposed))))).pages[0]
    text = raw.extract_text()
    assert NAME in text and decomposed not in text
