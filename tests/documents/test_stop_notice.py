"""Mẫu 05 (draft layout), read back from the PDF: every item the domain guide lists is printed."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from cchc_desktop.documents import stop_notice
from cchc_desktop.documents.data import FormHeader, Person, StopNoticeData
from cchc_desktop.documents.stop_notice import number_suffix, render_stop_notice
from tests.pdf_text import pages_text

NAME = "Nguyễn Thị Ánh Tuyết"
CODE = "000.00.00.H00-230119-0001"
UNIT = "Trung tâm Phục vụ hành chính công xã Đại Hợp"
LONG_NAME = "Công ty Trách nhiệm hữu hạn Thương mại Dịch vụ Đại Hợp Thịnh"
LONG_PROCEDURE = (
    "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc cho người dưới 18 tuổi "
    "và cấp bản sao trích lục kèm"
)


def make_notice(**changes: Any) -> StopNoticeData:
    data = StopNoticeData(
        header=FormHeader(
            parent_body="UBND XÃ ĐẠI HỢP",
            unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
            number_suffix=number_suffix("TTPVHCC"),
            place_name="Đại Hợp",
            issued_on=date(2023, 1, 20),
        ),
        receiving_unit=UNIT,
        applicant=Person(NAME, "031088012345", "Thôn Đông Tác, xã Đại Hợp", "0912345678", "anh@example.vn"),
        dossier_code=CODE,
        procedure_name="Đăng ký khai sinh",
        received_at=datetime(2023, 1, 19, 10, 5),
        requested_at=datetime(2023, 1, 20, 8, 30),
        returned_items="Trả lại bản chính Giấy chứng sinh; hoàn lại lệ phí 8.000 đồng.",
        signer_title="GIÁM ĐỐC",
        signer_name="Phạm Văn Hùng",
    )
    return dataclasses.replace(data, **changes)


def test_the_layout_is_marked_as_a_draft() -> None:
    assert stop_notice.DRAFT_LAYOUT is True
    assert "DRAFT LAYOUT" in (stop_notice.__doc__ or "")


def test_the_notice_lists_everything_the_guide_asks_for() -> None:
    pages = pages_text(render_stop_notice(make_notice()))
    assert len(pages) == 1
    page = pages[0]
    for expected in (
        "Số: ……………/TBD-TTPVHCC",
        "Đại Hợp, ngày 20 tháng 01 năm 2023",
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        f"Kính gửi: {NAME}",
        f"Ông (Bà)/Tổ chức: {NAME}",
        "Số định danh cá nhân/tổ chức: 031088012345",
        "Địa chỉ: Thôn Đông Tác, xã Đại Hợp",
        "Số điện thoại: 0912345678 Email: anh@example.vn",
        f"Mã hồ sơ: {CODE}",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "Thời gian tiếp nhận hồ sơ: 10 giờ 05 phút, ngày 19 tháng 01 năm 2023",
        "Thời gian đề nghị dừng giải quyết hồ sơ: 08 giờ 30 phút, ngày 20 tháng 01 năm 2023",
        f"Theo đề nghị của Ông (Bà)/Tổ chức, {UNIT} dừng giải quyết hồ sơ nêu trên",
        "Hồ sơ, giấy tờ và phí, lệ phí trả lại cho Ông (Bà)/Tổ chức: Trả lại bản chính Giấy chứng sinh; "
        "hoàn lại lệ phí 8.000 đồng.",
        "GIÁM ĐỐC",
        "(Ký và ghi rõ họ tên)",
        "Phạm Văn Hùng",
    ):
        assert expected in page, expected
    order = ["Số:", "THÔNG BÁO", "Kính gửi", "Ông (Bà)/Tổ chức:", "Mã hồ sơ", "Nội dung yêu cầu"]
    order += ["Thời gian tiếp nhận", "Thời gian đề nghị dừng", "Theo đề nghị", "trả lại cho", "GIÁM ĐỐC"]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)


def test_without_a_signer_title_the_head_of_the_unit_signs_and_returns_are_left_blank() -> None:
    page = pages_text(render_stop_notice(make_notice(signer_title="", returned_items="", reprint_number=1)))[
        0
    ]
    assert "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" in page
    assert "trả lại cho Ông (Bà)/Tổ chức: ……" in page
    assert "BẢN IN LẠI LẦN 1" in page


def test_long_names_stay_whole_on_one_page() -> None:
    applicant = Person(LONG_NAME, "0201234567", "Số 123, ngõ 45, thôn Đông Tác, xã Đại Hợp", "0225 3861 234")
    pages = pages_text(render_stop_notice(make_notice(applicant=applicant, procedure_name=LONG_PROCEDURE)))
    assert len(pages) == 1
    assert f"Kính gửi: {LONG_NAME}" in pages[0] and LONG_PROCEDURE in pages[0]
