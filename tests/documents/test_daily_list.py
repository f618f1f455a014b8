"""The daily list, read back from the PDF: today's intake and what falls due on the next working day."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from cchc_desktop.documents.daily_list import DUE_HEAD, RECEIVED_HEAD, render_daily_list
from cchc_desktop.documents.data import DailyListData, DailyRow, FormHeader
from tests.pdf_text import pages_text

HEADER = FormHeader(
    parent_body="UBND XÃ ĐẠI HỢP",
    unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    number_suffix="",
    place_name="Đại Hợp",
    issued_on=date(2023, 1, 19),
)
LONG_NAME = "Công ty Trách nhiệm hữu hạn Thương mại Dịch vụ Đại Hợp Thịnh"
LONG_PROCEDURE = (
    "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc cho người dưới 18 tuổi "
    "và cấp bản sao trích lục kèm"
)
RECEIVED = (
    DailyRow(
        "000.00.00.H00-230119-0001",
        "Đăng ký khai sinh",
        "Nguyễn Thị Ánh Tuyết",
        datetime(2023, 1, 19, 8, 5),
        due_at=datetime(2023, 1, 19, 17, 0),
    ),
    DailyRow(
        "000.00.00.H00-230119-0002",
        LONG_PROCEDURE,
        LONG_NAME,
        datetime(2023, 1, 19, 14, 40),
        due_at=datetime(2023, 1, 24, 14, 40),
    ),
)
DUE = (
    DailyRow(
        "000.00.00.H00-230116-0007",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        "Trần Văn Hùng",
        datetime(2023, 1, 20, 9, 30),
        holder="Công chức Tư pháp - Hộ tịch",
        status="Đang giải quyết",
    ),
)


def test_both_sections_with_their_rows_and_counts() -> None:
    pdf = render_daily_list(DailyListData(HEADER, date(2023, 1, 19), date(2023, 1, 20), RECEIVED, DUE))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert float(box.width) < float(box.height)  # A4 portrait
    pages = pages_text(pdf)
    assert len(pages) == 1
    page = pages[0]
    for expected in (
        "UBND XÃ ĐẠI HỢP",
        "DANH SÁCH HỒ SƠ TRONG NGÀY",
        "Thứ Năm, ngày 19 tháng 01 năm 2023",
        "1. Hồ sơ tiếp nhận trong ngày 19/01/2023",
        " ".join(RECEIVED_HEAD),
        "Tổng số: 2 hồ sơ.",
        "2. Hồ sơ đến hạn trả ngày làm việc tiếp theo 20/01/2023",
        " ".join(DUE_HEAD),
        "Tổng số: 1 hồ sơ.",
        "1 000.00.00.H00- 230119-0001 Đăng ký khai sinh Nguyễn Thị Ánh Tuyết 08:05 19/01/2023 17:00",
        LONG_NAME,
        LONG_PROCEDURE,
        "24/01/2023 14:40",
        "Trần Văn Hùng 20/01/2023 09:30 Công chức Tư pháp - Hộ tịch Đang giải quyết",
    ):
        assert expected in page, expected
    assert "Số:" not in page  # an internal list has no document number
    assert page.index("1. Hồ sơ tiếp nhận") < page.index("Tổng số: 2") < page.index("2. Hồ sơ đến hạn")


@pytest.mark.parametrize("received, due", [((), ()), (RECEIVED, ()), ((), DUE)])
def test_an_empty_section_says_so(received: tuple[DailyRow, ...], due: tuple[DailyRow, ...]) -> None:
    page = pages_text(
        render_daily_list(DailyListData(HEADER, date(2023, 1, 19), date(2023, 1, 20), received, due))
    )[0]
    assert "1. Hồ sơ tiếp nhận trong ngày 19/01/2023" in page
    assert "2. Hồ sơ đến hạn trả ngày làm việc tiếp theo 20/01/2023" in page
    assert page.count("Không có hồ sơ.") == (not received) + (not due)
    assert page.count("Tổng số:") == bool(received) + bool(due)


def test_a_busy_day_flows_on_with_the_column_titles_repeated() -> None:
    many = tuple(
        DailyRow(
            f"000.00.00.H00-230119-{n:04d}", "Đăng ký khai sinh", f"Người nộp {n}", datetime(2023, 1, 19, 8)
        )
        for n in range(1, 61)
    )
    pages = pages_text(
        render_daily_list(DailyListData(HEADER, date(2023, 1, 19), date(2023, 1, 20), many, ()))
    )
    assert len(pages) >= 2
    assert all("Mã hồ sơ" in page for page in pages)
    assert "Tổng số: 60 hồ sơ." in pages[-1]
    assert pages[1].startswith("2")
