"""Mẫu 01, read back from the PDF the way a clerk checks it."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
from datetime import date, datetime
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from cchc_desktop.documents.data import FormHeader, Person, ReceiptData, ReceivedDocument
from cchc_desktop.documents.flowables import qr_modules
from cchc_desktop.documents.fonts import register_fonts
from cchc_desktop.documents.receipt import render_receipt
from tests.pdf_text import flat, pages_text

CODE = "000.00.00.H00-260125-0001"
NAME = "Nguyễn Thị Ánh Tuyết"
LONG_NAME = "Công ty Trách nhiệm hữu hạn Thương mại Dịch vụ Đại Hợp Thịnh"
LONG_ADDRESS = (
    "Số 123, ngõ 45, ngách 67/89, đường Nguyễn Văn Linh, thôn Đông Tác, xã Đại Hợp, "
    "thành phố Hải Phòng, Việt Nam (ở gần chợ)"
)
LONG_DOCUMENTS = (
    "Biên bản xác nhận việc trẻ bị bỏ rơi (trường hợp đăng ký khai sinh cho trẻ bị bỏ rơi)",
    "Giấy tờ tùy thân (Căn cước/Căn cước công dân/Hộ chiếu) của người giám hộ để xuất trình",
    "Giấy tờ tùy thân (Căn cước/Căn cước công dân/Hộ chiếu) của người yêu cầu để xuất trình",
    "Tờ khai đề nghị hỗ trợ chi phí mai táng (theo mẫu ban hành kèm Nghị định 20/2021/NĐ-CP)",
    "Giấy tờ tùy thân (Căn cước/Căn cước công dân/Hộ chiếu) của hai bên nam, nữ để xuất trình",
    "Bản chụp từ bản chính cần chứng thực (nếu không có, cơ quan chứng thực chụp từ bản chính)",
    "Giấy tờ tùy thân (Căn cước/Căn cước công dân/Hộ chiếu) của người lập di chúc để xuất trình",
    "Một trong những giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai",
    "Giấy tờ tùy thân (Căn cước/Căn cước công dân) của đối tượng hoặc người đề nghị để xuất trình",
    "Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh (nếu có)",
    "Giấy tờ tùy thân (Căn cước/Căn cước công dân) của người đứng ra tổ chức mai táng để xuất trình",
    "Giấy tờ chứng minh thẩm quyền của người đại diện (trường hợp giao kết thông qua người đại diện)",
)
KINDS = ("bản chính", "bản sao", "bản chứng thực", "bản photo")


def make_receipt(**changes: Any) -> ReceiptData:
    data = ReceiptData(
        header=FormHeader(
            parent_body="UBND XÃ ĐẠI HỢP",
            unit_name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
            number_suffix="",
            place_name="Đại Hợp",
            issued_on=date(2023, 1, 19),
        ),
        dossier_code=CODE,
        receiving_unit="Trung tâm Phục vụ hành chính công xã Đại Hợp",
        applicant=Person(NAME, "031088012345", "Thôn Đông Tác, xã Đại Hợp", "0912345678", "anh@example.vn"),
        submitter=None,
        authorisation_document="",
        procedure_name="Đăng ký khai sinh",
        documents=(
            ReceivedDocument("Tờ khai đăng ký khai sinh", "bản chính", 1),
            ReceivedDocument("Giấy chứng sinh", "bản chính", 1),
        ),
        set_count=1,
        duration_text="03 ngày làm việc",
        received_at=datetime(2023, 1, 19, 10, 5),
        due_at=datetime(2023, 1, 24, 10, 5),
        result_delivery="Trung tâm Phục vụ hành chính công xã Đại Hợp",
        register_volume="2023",
        register_row=15,
        fee_text="8.000 đồng (tiền mặt)",
        receiver_name="Lê Thị Mai",
    )
    return dataclasses.replace(data, **changes)


def worst_case(**changes: Any) -> ReceiptData:
    assert len(LONG_NAME) == 60 and len(LONG_ADDRESS) == 120
    documents = tuple(
        ReceivedDocument(name, KINDS[number % 4], number % 3 + 1)
        for number, name in enumerate(LONG_DOCUMENTS)
    )
    applicant = Person(LONG_NAME, "0201234567", LONG_ADDRESS, "0225 3861 234", "daihopphat@example.vn")
    return make_receipt(applicant=applicant, documents=documents, **changes)


@pytest.fixture(scope="module")
def first_print() -> bytes:
    return render_receipt(make_receipt())


@pytest.fixture(scope="module")
def worst_a4() -> bytes:
    return render_receipt(worst_case())


def test_the_copy_shows_what_the_clerk_checks(first_print: bytes) -> None:
    page = pages_text(first_print)[0]
    for expected in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "UBND XÃ ĐẠI HỢP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Đại Hợp, ngày 19 tháng 01 năm 2023",
        f"Mã hồ sơ: {CODE}",
        "Trung tâm Phục vụ hành chính công xã Đại Hợp tiếp nhận hồ sơ của:",
        f"Ông (Bà)/Tổ chức: {NAME}",
        "Số định danh cá nhân/tổ chức: 031088012345",
        "Địa chỉ: Thôn Đông Tác, xã Đại Hợp",
        "Số điện thoại: 0912345678",
        "Email: anh@example.vn",
        "người được ủy quyền",
        "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
        "Thành phần hồ sơ nộp gồm:",
        "1 Tờ khai đăng ký khai sinh bản chính 01",
        "2 Giấy chứng sinh bản chính 01",
        "Số lượng hồ sơ: 01 (bộ)",
        "Thời gian giải quyết hồ sơ theo quy định là: 03 ngày làm việc",
        "Thời gian nhận hồ sơ: 10 giờ 05 phút, ngày 19 tháng 01 năm 2023",
        "Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 05 phút, ngày 24 tháng 01 năm 2023",
        "Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công xã Đại Hợp",
        "Lệ phí: 8.000 đồng (tiền mặt)",
        "Vào Sổ theo dõi hồ sơ, Quyển số: 2023 Số thứ tự: 15",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "(Ký và ghi rõ họ tên)",
        "(Chữ ký số của người tiếp nhận hồ sơ nếu là biểu mẫu điện tử)",
        "Lê Thị Mai",
    ):
        assert expected in page, expected
    assert "BẢN IN LẠI" not in page


def test_lines_keep_the_order_of_the_form(first_print: bytes) -> None:
    page = pages_text(first_print)[0]
    order = [
        "Số:",
        "GIẤY TIẾP NHẬN",
        "Mã hồ sơ",
        "Ông (Bà)/Tổ chức",
        "Địa chỉ",
        "Số điện thoại",
        "Nội dung yêu cầu",
        "Thành phần hồ sơ",
        "Số lượng hồ sơ",
        "Thời gian giải quyết",
        "Thời gian nhận hồ sơ",
        "Thời gian trả kết quả",
        "Đăng ký nhận kết quả",
        "Lệ phí",
        "Quyển số",
        "NGƯỜI NỘP HỒ SƠ",
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)


def test_two_copies_each_on_its_own_page_with_its_label(first_print: bytes) -> None:
    pages = pages_text(first_print)
    assert len(pages) == 2
    assert "Liên 1: Lưu cùng Phiếu kiểm soát" in pages[0]
    assert "Liên 2: Giao người nộp hồ sơ" in pages[1]
    assert pages[0].replace("Liên 1: Lưu cùng Phiếu kiểm soát", "") == pages[1].replace(
        "Liên 2: Giao người nộp hồ sơ", ""
    )


def test_three_copies_label_the_third_for_the_file() -> None:
    pages = pages_text(render_receipt(make_receipt(copies=3)))
    assert len(pages) == 3
    assert "Liên 3: Lưu" in pages[2]


def test_worst_case_still_fits_one_a4_page_per_copy(worst_a4: bytes) -> None:
    reader = PdfReader(io.BytesIO(worst_a4))
    assert len(reader.pages) == 2
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.3, abs=0.5)
    for page, label in zip(pages_text(worst_a4), ("Liên 1", "Liên 2"), strict=True):
        assert label in page
        assert LONG_NAME in page
        assert flat(LONG_ADDRESS) in page
        for number, name in enumerate(LONG_DOCUMENTS, start=1):
            assert f"{number} {name}" in page
        assert "Quyển số" in page and "NGƯỜI NỘP HỒ SƠ" in page and "NGƯỜI TIẾP NHẬN HỒ SƠ" in page


def test_a5_flows_on_but_keeps_each_copy_together_and_whole() -> None:
    reader = PdfReader(io.BytesIO(render_receipt(worst_case(paper_size="A5"))))
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(419.5, abs=0.5)
    assert float(box.height) == pytest.approx(595.3, abs=0.5)
    pages = [flat(page.extract_text()) for page in reader.pages]
    copies = [[page for page in pages if label in page] for label in ("Liên 1", "Liên 2")]
    assert sum(len(copy) for copy in copies) == len(pages)
    assert pages == copies[0] + copies[1]  # the pages of one copy stay together
    for copy in copies:
        text = " ".join(copy)
        for name in LONG_DOCUMENTS:
            assert name in text
        assert text.count("NGƯỜI TIẾP NHẬN HỒ SƠ") == 1
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in copy[-1]


def test_a5_short_receipt_is_one_page_per_copy() -> None:
    assert len(PdfReader(io.BytesIO(render_receipt(make_receipt(paper_size="A5")))).pages) == 2


def test_a_reprint_is_marked_on_every_page() -> None:
    pages = pages_text(render_receipt(worst_case(paper_size="A5", reprint_number=2)))
    assert len(pages) > 2
    assert all("BẢN IN LẠI LẦN 2" in page for page in pages)


def test_an_authorised_submitter_is_printed_with_the_authorisation() -> None:
    submitter = Person("Trần Văn Hùng", "031190001234", "Thôn Tiến Lập, xã Đại Hợp", "0987654321", "")
    page = pages_text(
        render_receipt(make_receipt(submitter=submitter, authorisation_document="Giấy ủy quyền số 12/2023"))
    )[0]
    assert "Người được ủy quyền: Trần Văn Hùng" in page
    assert "Số định danh cá nhân: 031190001234" in page
    assert "Địa chỉ: Thôn Tiến Lập, xã Đại Hợp" in page
    assert "Văn bản ủy quyền: Giấy ủy quyền số 12/2023" in page


def test_missing_values_leave_dots_to_fill_in_by_hand() -> None:
    page = pages_text(render_receipt(make_receipt(register_row=None, receiver_name="")))[0]
    assert "Số thứ tự: —" in page  # never entered in the register (imported): nothing to fill in
    assert "Lê Thị Mai" not in page
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in page


def test_decomposed_input_prints_composed_letters() -> None:
    decomposed = unicodedata.normalize("NFD", NAME)
    assert decomposed != NAME
    pdf = render_receipt(make_receipt(applicant=Person(decomposed, "031088012345")))
    raw = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert NAME in raw
    assert decomposed not in raw


def test_the_qr_code_drawn_is_the_dossier_code_and_at_least_2_cm() -> None:
    page = PdfReader(io.BytesIO(render_receipt(make_receipt(copies=1)))).pages[0]
    rects = _largest_filled_path(page)
    size = min(height for _, _, _, height in rects)
    left = min(x for x, _, _, _ in rects)
    top = max(y + height for _, y, _, height in rects)
    dark: set[tuple[int, int]] = set()
    for x, y, width, height in rects:
        row, column = round((top - y - height) / size), round((x - left) / size)
        dark.update((row, column + step) for step in range(round(width / size)))
    modules = qr_modules(CODE)
    assert dark == {(r, c) for r, row in enumerate(modules) for c, cell in enumerate(row) if cell}
    assert len(modules) * size >= 20 / 25.4 * 72 - 0.01


def test_only_the_shipped_liberation_serif_is_used(first_print: bytes) -> None:
    fonts = set()
    for page in PdfReader(io.BytesIO(first_print)).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("LiberationSerif" in name for name in fonts)


def test_metadata_is_vietnamese(first_print: bytes) -> None:
    metadata = PdfReader(io.BytesIO(first_print)).metadata
    assert metadata is not None
    assert metadata.title == f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả - {CODE}"
    assert metadata.author == "Trung tâm Phục vụ hành chính công xã Đại Hợp"


def test_font_registration_is_idempotent() -> None:
    register_fonts()
    register_fonts()


@pytest.mark.parametrize("changes", [{"copies": 0}, {"copies": 4}, {"paper_size": "Letter"}])
def test_impossible_print_settings_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        render_receipt(make_receipt(**changes))


def _largest_filled_path(page: Any) -> list[tuple[float, float, float, float]]:
    """The rectangles of the filled path with the most rectangles on the page: the QR code."""
    best: list[tuple[float, float, float, float]] = []
    current: list[tuple[float, float, float, float]] = []
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"re":
            current.append(tuple(float(value) for value in operands))  # type: ignore[arg-type]
        elif operator in (b"f", b"f*", b"F"):
            best = max(best, current, key=len)
            current = []
        elif operator in (b"n", b"S", b"B", b"b"):
            current = []
    return best


COUNTER = "Quầy 2 – Hộ tịch"
LONG_COUNTER = "Quầy số 12 – Tư pháp, Hộ tịch, Chứng thực, Lao động - Xã hội"


def test_the_counter_that_took_the_dossier_in_is_printed_under_the_code() -> None:
    pages = pages_text(render_receipt(make_receipt(counter=COUNTER)))
    assert len(pages) == 2
    for page in pages:
        line = f"Quầy tiếp nhận: {COUNTER}"
        assert line in page
        assert page.index(f"Mã hồ sơ: {CODE}") < page.index(line) < page.index("tiếp nhận hồ sơ của:")


def test_without_a_counter_name_there_is_no_counter_line(first_print: bytes) -> None:
    assert all("Quầy tiếp nhận" not in page for page in pages_text(first_print))


def test_the_longest_counter_name_still_fits_the_worst_case_on_one_a4_page_per_copy() -> None:
    assert len(LONG_COUNTER) <= 60  # core/counter_identity.MAX_LENGTH
    pages = pages_text(render_receipt(worst_case(counter=LONG_COUNTER)))
    assert len(pages) == 2
    for page in pages:
        assert f"Quầy tiếp nhận: {LONG_COUNTER}" in page
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in page
