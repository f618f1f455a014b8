"""The annual CCHC report as PDF, read back the way the commune checks it before the chairman signs:
the text of every part, the page numbers, the landscape appendix with biểu II.06a and the fonts.

The data is built from the shipped default template and the numbers of the sample 2023 report."""

from __future__ import annotations

import dataclasses
import io
import time
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.documents.annual_report import render_annual_report
from cchc_desktop.documents.report_data import AnnualReportData, StatisticsRow
from cchc_desktop.documents.report_template import fill_template, load_template, subject_line

STATISTICS = (
    "Tổng số hồ sơ TTHC đã tiếp nhận trong năm 2023: 1.823 (trực tuyến: 1.810; trực tiếp: 13). "
    "Số lượng hồ sơ đã giải quyết: 1.819; trong đó, giải quyết trước hạn: 1.806 hồ sơ, đạt 99,3%, "
    "đúng hạn 13 hồ sơ, bằng 0,7% (chứng thực 1.361; hộ tịch 274; bảo trợ xã hội 168; người có công 15; "
    "xử lý đơn 1); quá hạn: 0 hồ sơ.\n"
    "Số lượng hồ sơ đang giải quyết: 6 hồ sơ; trong đó, trong hạn: 6 hồ sơ, không có hồ sơ quá hạn."
)
PAYMENT = "Tỷ lệ thanh toán trực tuyến từ ngày 01/04/2023 đến ngày 08/12/2023: đạt 54,21%."
RULE_NOTE = (
    "Trước hạn/đúng hạn tính theo buổi làm việc: trước hạn nếu có kết quả trước buổi làm việc chứa thời "
    "hạn trả; đúng hạn nếu có kết quả trong buổi đó, trước thời hạn; quá hạn nếu sau thời hạn."
)
# (3) … (13) per field: received total, online, direct, carried over; resolved total, early, on time,
# late; in progress total, within, overdue. 1.823 received in the year + 2 carried over = 1.819 + 6.
FIELDS = (
    ("Chứng thực", (1361, 1355, 6, 0, 1361, 1355, 6, 0, 0, 0, 0)),
    ("Hộ tịch", (278, 272, 4, 2, 274, 270, 4, 0, 4, 4, 0)),
    ("Bảo trợ xã hội", (170, 168, 2, 0, 168, 167, 1, 0, 2, 2, 0)),
    ("Người có công", (15, 14, 1, 0, 15, 13, 2, 0, 0, 0, 0)),
    ("Xử lý đơn", (1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0)),
)
TOTAL = (1825, 1810, 13, 2, 1819, 1806, 13, 0, 6, 6, 0)
SIGNER = "Nguyễn Đình Minh"


def statistics_rows() -> tuple[StatisticsRow, ...]:
    rows = [StatisticsRow(str(n), field, values) for n, (field, values) in enumerate(FIELDS, start=1)]
    return (*rows, StatisticsRow("", "Tổng số", TOTAL))


def make_report(**changes: Any) -> AnnualReportData:
    template = load_template()
    opening, sections, closing, recipients = fill_template(
        template, year="2023", commune="Đại Hợp", statistics=STATISTICS, payment=PAYMENT
    )
    data = AnnualReportData(
        commune_name="Đại Hợp",
        province_name="Hải Phòng",
        place_name="Đại Hợp",
        issued_on=date(2024, 1, 5),
        number="",
        year_label="năm 2023",
        title_subject=subject_line(template, year="2023"),
        opening=opening,
        sections=sections,
        closing=closing,
        recipients=recipients,
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name=SIGNER,
        period_from=date(2022, 12, 15),
        period_to=date(2023, 12, 14),
        statistics=statistics_rows(),
        rule_note=RULE_NOTE,
    )
    return dataclasses.replace(data, **changes)


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def report() -> bytes:
    return render_annual_report(make_report())


@pytest.fixture(scope="module")
def pages(report: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(report)).pages]


def test_the_front_page_carries_the_header_title_and_opening(pages: list[str]) -> None:
    first = pages[0]
    for expected in (
        "ỦY BAN NHÂN DÂN XÃ ĐẠI HỢP",
        "Số: ……………/BC-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Đại Hợp, ngày 05 tháng 01 năm 2024",
        "BÁO CÁO",
        "Công tác cải cách hành chính năm 2023",
        "Ủy ban nhân dân xã Đại Hợp báo cáo kết quả triển khai, thực hiện nhiệm vụ cải cách hành chính năm "
        "2023 như sau:",
    ):
        assert expected in first, expected
    assert (
        first.index("BÁO CÁO") < first.index("Công tác cải cách hành chính năm 2023") < first.index("Căn cứ")
    )


def test_every_section_heading_and_the_statistics_appear_in_order(pages: list[str]) -> None:
    text = " ".join(pages)
    headings = [
        "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
        "1. Cải cách thể chế",
        "2. Cải cách thủ tục hành chính",
        *[flat(line) for line in STATISTICS.splitlines()],
        PAYMENT,
        "3. Cải cách tổ chức bộ máy hành chính nhà nước",
        "4. Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
        "5. Cải cách tài chính công",
        "6. Hiện đại hóa nền hành chính",
        "III. ĐÁNH GIÁ CHUNG",
        "1. Mặt tích cực",
        "2. Tồn tại, hạn chế",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
        "Trên đây là tình hình cải cách hành chính năm 2023 của Ủy ban nhân dân xã Đại Hợp./.",
    ]
    positions = []
    for heading in headings:
        assert heading in text, heading
        positions.append(text.index(heading))
    assert positions == sorted(positions)
    assert "{" not in text


def test_recipients_and_signature_close_the_report(pages: list[str]) -> None:
    signed = next(page for page in pages if SIGNER in page)
    for expected in (
        "Nơi nhận:",
        "- UBND tỉnh (Sở Nội vụ);",
        "- Lưu: VT, NV.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trên đây là tình hình cải cách hành chính",
    ):
        assert expected in signed, expected


def test_page_numbers_start_on_page_two(report: bytes, pages: list[str]) -> None:
    assert len(pages) >= 3
    reader = PdfReader(io.BytesIO(report))
    tops = [_top_line(page) for page in reader.pages]
    assert tops[0] != "1" and not pages[0].startswith("1 ")
    assert tops[1:] == [str(n) for n in range(2, len(pages) + 1)]


def _top_line(page: Any) -> str:
    """The text drawn highest on the page (the page number sits in the top margin)."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            found.append((float(tm[5]) * float(cm[3]) + float(cm[5]), text.strip()))

    page.extract_text(visitor_text=visit)
    return max(found)[1]


def test_the_appendix_is_a_landscape_page_with_biểu_ii06a(report: bytes, pages: list[str]) -> None:
    reader = PdfReader(io.BytesIO(report))
    last = reader.pages[-1]
    assert float(last.mediabox.width) > float(last.mediabox.height)
    assert all(float(page.mediabox.width) < float(page.mediabox.height) for page in reader.pages[:-1])
    appendix = pages[-1]
    for expected in (
        "Phụ lục: TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Biểu II.06a)",
        "Từ ngày 15/12/2022 đến ngày 14/12/2023",
        "Tiếp nhận",
        "Đã giải quyết",
        "Đang giải quyết",
        "(1) (2) (3) (4) (5) (6) (7) (8) (9) (10) (11) (12) (13)",
        "1 Chứng thực 1.361 1.355 6 0 1.361 1.355 6 0 0 0 0",
        "Tổng số 1.825 1.810 13 2 1.819 1.806 13 0 6 6 0",
        "Ghi chú: " + RULE_NOTE,
    ):
        assert expected in appendix, expected


def test_only_liberation_serif_is_used(report: bytes) -> None:
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(report)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    assert names and all("LiberationSerif" in name for name in names), names


def test_metadata_names_the_report(report: bytes) -> None:
    metadata = PdfReader(io.BytesIO(report)).metadata
    assert metadata is not None
    assert metadata.title == "Báo cáo công tác cải cách hành chính năm 2023"


def test_a_total_that_is_not_the_sum_is_refused() -> None:
    rows = statistics_rows()
    wrong = (*rows[:-1], StatisticsRow("", "Tổng số", (1826, *TOTAL[1:])))
    with pytest.raises(ValueError):
        render_annual_report(make_report(statistics=wrong))


def test_a_missing_total_row_is_computed() -> None:
    pdf = render_annual_report(make_report(statistics=statistics_rows()[:-1], number="12"))
    last = flat(PdfReader(io.BytesIO(pdf)).pages[-1].extract_text())
    assert "Tổng số 1.825 1.810 13 2 1.819 1.806 13 0 6 6 0" in last
    assert "(Kèm theo Báo cáo số 12/BC-UBND ngày 05/01/2024 của Ủy ban nhân dân xã Đại Hợp)" in last


def test_a_report_renders_well_within_the_budget(report: bytes) -> None:
    data = make_report()
    started = time.perf_counter()
    render_annual_report(data)
    assert time.perf_counter() - started < 2.0


def test_fill_template_puts_the_statistics_in_section_ii_2() -> None:
    opening, sections, closing, recipients = fill_template(
        load_template(), year="2024", commune="Đại Hợp", statistics="Dòng một.\nDòng hai.", payment=""
    )
    headings = [section.heading for section in sections]
    second = sections[headings.index("2. Cải cách thủ tục hành chính")]
    assert headings.index("2. Cải cách thủ tục hành chính") > headings.index(
        "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"
    )
    start = second.paragraphs.index("Dòng một.")
    assert second.paragraphs[start + 1] == "Dòng hai."
    assert second.level == 2
    everything = [*opening, closing, *recipients, *(p for s in sections for p in (s.heading, *s.paragraphs))]
    assert not any("{" in text for text in everything)  # markers and placeholders all filled
    assert "năm 2024" in opening[0] and closing.endswith("xã Đại Hợp./.")
    assert recipients[-1] == "- Lưu: VT, NV."
    assert all(unicodedata.is_normalized("NFC", text) for text in everything)


def test_a_broken_template_is_reported_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "mau.json"
    path.write_text('{"opening": []}', encoding="utf-8")
    with pytest.raises(InvalidInputError, match="thiếu mục"):
        load_template(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="JSON"):
        load_template(path)
