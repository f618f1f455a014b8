"""Mẫu 06, read back from the PDF the way the clerk and the specialist check it."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from cchc_desktop.documents.control_slip import render_control_slip
from cchc_desktop.documents.data import ControlSlipData, FormHeader, HandOver
from tests.pdf_text import pages_text

CODE = "000.00.00.H00-260125-0001"
HEADER = FormHeader(
    parent_body="UBND XÃ ĐẠI HỢP",
    unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    number_suffix="PKS-TTPVHCC",
    place_name="Đại Hợp",
    issued_on=date(2023, 1, 19),
)
TO_SPECIALIST = HandOver(
    giver_unit="Bộ phận TN&TKQ",
    giver="Lê Thị Mai",
    taker_unit="Công chức Tư pháp - Hộ tịch",
    taker="Phạm Văn Hùng",
    at=datetime(2023, 1, 19, 10, 20),
    result="trước hạn",
)


def make_slip(hand_overs: tuple[HandOver, ...] = (), reprint_number: int = 0) -> ControlSlipData:
    return ControlSlipData(
        header=HEADER,
        dossier_code=CODE,
        resolving_body="Công chức Tư pháp - Hộ tịch",
        coordinating_body="",
        received_at=datetime(2023, 1, 19, 10, 5),
        due_at=datetime(2023, 1, 24, 10, 5),
        hand_overs=hand_overs,
        reprint_number=reprint_number,
    )


@pytest.fixture(scope="module")
def blank_slip() -> list[str]:
    return pages_text(render_control_slip(make_slip()))


def test_the_slip_identifies_the_dossier_and_its_due_time(blank_slip: list[str]) -> None:
    assert len(blank_slip) == 1
    page = blank_slip[0]
    for expected in (
        "Số: ……………/PKS-TTPVHCC",
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        f"Mã số hồ sơ: {CODE}",
        "Cơ quan (bộ phận) giải quyết hồ sơ: Công chức Tư pháp - Hộ tịch",
        "Cơ quan phối hợp giải quyết hồ sơ: …",
        "Ngày nhận: 19/01/2023",
        "Hẹn trả kết quả vào 10 giờ 05 phút, ngày 24 tháng 01 năm 2023",
        "TÊN ĐƠN VỊ",
        "THỜI GIAN GIAO, NHẬN HỒ SƠ",
        "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)",
        "GHI CHÚ",
        "Kết quả giải quyết hồ sơ do bên nhận ghi khi nhận hồ sơ.",
        "Quá trình giao, nhận hồ sơ được theo dõi, lưu vết trên phần mềm một cửa.",
    ):
        assert expected in page, expected
    assert "BẢN IN LẠI" not in page


def test_a_new_slip_has_four_blank_pairs_starting_at_the_counter(blank_slip: list[str]) -> None:
    page = blank_slip[0]
    assert page.count("Giao:") == 4
    assert page.count("Nhận:") == 4
    assert page.count("Người giao") == 4 and page.count("Người nhận") == 4
    assert page.count("1. Giao: Bộ phận TN&TKQ") == 1
    assert page.count("2. Nhận: …") == 4
    assert page.count("…… giờ …… phút, ngày ……/……/20……") == 4


def test_a_known_hand_over_is_filled_in_and_the_next_pair_starts_from_its_taker() -> None:
    page = pages_text(render_control_slip(make_slip((TO_SPECIALIST,))))[0]
    assert "1. Giao: Bộ phận TN&TKQ" in page
    assert "2. Nhận: Công chức Tư pháp - Hộ tịch" in page
    assert "10 giờ 20 phút, ngày 19/01/2023" in page
    assert "Trước hạn" in page
    assert "Lê Thị Mai" in page and "Phạm Văn Hùng" in page
    assert page.count("Giao:") == 4
    assert page.count("1. Giao: Công chức Tư pháp - Hộ tịch") == 1
    assert page.count("…… giờ …… phút") == 3


def test_a_long_trail_flows_on_with_the_table_header_repeated() -> None:
    trail = [TO_SPECIALIST]
    for step in range(1, 8):
        previous = trail[-1]
        trail.append(
            HandOver(previous.taker_unit, previous.taker, f"Bộ phận {step}", f"Người nhận {step}", None)
        )
    pages = pages_text(render_control_slip(make_slip(tuple(trail), reprint_number=1)))
    assert len(pages) >= 2
    text = " ".join(pages)
    assert text.count("Giao:") == len(trail) + 1  # the known ones and a blank one for the next step
    for step in range(1, 8):
        assert f"Người nhận {step}" in text
    for page in pages:
        assert "TÊN ĐƠN VỊ" in page
        assert "BẢN IN LẠI LẦN 1" in page
    assert "Quá trình giao, nhận hồ sơ" in pages[-1]


def test_the_slip_is_a4_portrait() -> None:
    box = PdfReader(io.BytesIO(render_control_slip(make_slip()))).pages[0].mediabox
    assert float(box.width) == pytest.approx(595.3, abs=0.5)
    assert float(box.height) == pytest.approx(841.9, abs=0.5)


def test_decomposed_input_prints_composed_letters() -> None:
    taker = "Phạm Văn Hùng"
    hand_over = HandOver(
        "Bộ phận TN&TKQ", "Lê Thị Mai", unicodedata.normalize("NFD", "Công chức Tư pháp"),
        unicodedata.normalize("NFD", taker), datetime(2023, 1, 19, 10, 20),
    )  # fmt: skip
    raw = PdfReader(io.BytesIO(render_control_slip(make_slip((hand_over,))))).pages[0].extract_text()
    assert taker in raw and "Công chức Tư pháp" in raw
    assert unicodedata.normalize("NFD", taker) not in raw
