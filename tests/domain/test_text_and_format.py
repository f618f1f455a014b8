from __future__ import annotations

import unicodedata
from datetime import date, datetime

from cchc_desktop.domain.text import fold, nfc
from cchc_desktop.domain.vn_format import clock_and_date, group_thousands, long_date, percent, place_date_line


def test_nfc_recomposes_text_typed_by_decomposing_input_methods() -> None:
    decomposed = unicodedata.normalize("NFD", " Nguyễn Văn Ánh ")
    assert nfc(decomposed) == "Nguyễn Văn Ánh"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_fold_removes_case_and_diacritics() -> None:
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold(unicodedata.normalize("NFD", "CHỨNG THỰC")) == "chung thuc"


def test_vietnamese_date_wording() -> None:
    assert clock_and_date(datetime(2023, 1, 19, 10, 5)) == "10 giờ 05 phút, ngày 19 tháng 01 năm 2023"
    assert long_date(date(2024, 1, 5)) == "ngày 05 tháng 01 năm 2024"
    assert place_date_line("Đại Hợp", date(2024, 12, 14)) == "Đại Hợp, ngày 14 tháng 12 năm 2024"


def test_vietnamese_number_format() -> None:
    assert group_thousands(1823) == "1.823"
    assert group_thousands(200000) == "200.000"
    assert percent(99.34) == "99,3%"
    assert percent(54.21, 2) == "54,21%"
