"""Mẫu 04, read back from the PDF the way the commune checks a letter before the chairman signs it."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from datetime import date, datetime
from typing import Any

import pytest
from pypdf import PdfReader

from cchc_desktop.documents.data import ExtensionApologyData, Person
from cchc_desktop.documents.extension_apology import commune_header, render_extension_apology
from tests.pdf_text import pages_text

NAME = "Nguyễn Thị Ánh Tuyết"
CODE = "000.00.00.H00-230119-0001"
LONG_NAME = "Công ty Trách nhiệm hữu hạn Thương mại Dịch vụ Đại Hợp Thịnh"
LONG_PROCEDURE = (
    "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc cho người dưới 18 tuổi "
    "và cấp bản sao trích lục kèm"
)


def make_letter(**changes: Any) -> ExtensionApologyData:
    data = ExtensionApologyData(
        header=commune_header("Đại Hợp", "Đại Hợp", date(2023, 1, 23)),
        agency_name="Ủy ban nhân dân xã Đại Hợp",
        applicant=Person(NAME, "031088012345", "Thôn Đông Tác, xã Đại Hợp", "0912345678"),
        dossier_code=CODE,
        procedure_name="Cấp Giấy xác nhận tình trạng hôn nhân",
        received_at=datetime(2023, 1, 19, 10, 5),
        original_due_at=datetime(2023, 1, 24, 10, 5),
        new_due_at=datetime(2023, 1, 31, 16, 0),
        reason="Hồ sơ cần xác minh thông tin tại nơi cư trú trước đây của người yêu cầu.",
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name="Trần Văn Bình",
    )
    return dataclasses.replace(data, **changes)


@pytest.fixture(scope="module")
def letter() -> bytes:
    return render_extension_apology(make_letter())


def test_the_letter_says_what_happened_and_when_the_result_comes(letter: bytes) -> None:
    pages = pages_text(letter)
    assert len(pages) == 1
    page = pages[0]
    for expected in (
        "ỦY BAN NHÂN DÂN XÃ ĐẠI HỢP",
        "Số: ……………/PXL",
        "Đại Hợp, ngày 23 tháng 01 năm 2023",
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        f"Kính gửi: Ông (Bà) {NAME}",
        "Ngày 19 tháng 01 năm 2023, Ủy ban nhân dân xã Đại Hợp đã tiếp nhận hồ sơ đề nghị giải quyết thủ "
        f"tục “Cấp Giấy xác nhận tình trạng hôn nhân” của Ông (Bà) {NAME}, số định danh cá nhân/tổ chức: "
        f"031088012345, mã số hồ sơ: {CODE}.",
        "hẹn trả kết quả vào 10 giờ 05 phút, ngày 24 tháng 01 năm 2023.",
        "không thể trả kết quả cho Ông (Bà) đúng thời hạn đã hẹn.",
        "Lý do: Hồ sơ cần xác minh thông tin tại nơi cư trú trước đây của người yêu cầu.",
        "Sự chậm trễ này đã gây phiền hà cho Ông (Bà). Chúng tôi xin lỗi Ông (Bà) và sẽ trả kết quả vào "
        "16 giờ 00 phút, ngày 31 tháng 01 năm 2023.",
        "Mong nhận được sự thông cảm của Ông (Bà) vì sự chậm trễ này./.",
        "Nơi nhận: - Như trên; - Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
        "Trần Văn Bình",
    ):
        assert expected in page, expected
    order = ["Kính gửi", "Ngày 19", "hẹn trả kết quả vào", "Tuy nhiên", "Lý do", "Sự chậm trễ", "Mong nhận"]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)


def test_the_issuer_name_is_bold_on_both_lines(letter: bytes) -> None:
    """Nghị định 30/2020: "ỦY BAN NHÂN DÂN" / "XÃ ĐẠI HỢP" is one name, both lines bold."""
    fonts: dict[str, str] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip() and font is not None:
            fonts[unicodedata.normalize("NFC", text.strip())] = str(font["/BaseFont"])

    PdfReader(io.BytesIO(letter)).pages[0].extract_text(visitor_text=visit)
    assert fonts["ỦY BAN NHÂN DÂN"].endswith("LiberationSerif-Bold")
    assert fonts["XÃ ĐẠI HỢP"].endswith("LiberationSerif-Bold")


def test_the_return_date_can_only_move_later() -> None:
    with pytest.raises(ValueError):
        render_extension_apology(make_letter(new_due_at=datetime(2023, 1, 24, 10, 5)))


def test_long_names_stay_whole_on_one_page_and_a_reprint_is_marked() -> None:
    applicant = Person(LONG_NAME, "0201234567")
    pages = pages_text(
        render_extension_apology(
            make_letter(applicant=applicant, procedure_name=LONG_PROCEDURE, reprint_number=1)
        )
    )
    assert len(pages) == 1
    assert f"Kính gửi: Ông (Bà) {LONG_NAME}" in pages[0]
    assert f"“{LONG_PROCEDURE}”" in pages[0]
    assert "BẢN IN LẠI LẦN 1" in pages[0] and "Trần Văn Bình" in pages[0]


def test_missing_values_leave_dots_to_fill_in_by_hand() -> None:
    page = pages_text(render_extension_apology(make_letter(reason="", signer_name="")))[0]
    assert "Lý do: ……" in page
    assert "CHỦ TỊCH" in page and "Trần Văn Bình" not in page
