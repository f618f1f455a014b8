from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_desktop.domain.identifiers import (
    EMPTY_ID_MESSAGE,
    MOBILE_MESSAGE,
    PROVINCE_CODES,
    CitizenCardQr,
    IdKind,
    check_email,
    check_person_id,
    check_phone,
    looks_like_citizen_card_qr,
    normalize_phone,
    parse_citizen_card_qr,
    province_of_birth,
)

BORN_1985 = date(1985, 3, 5)
BORN_2003 = date(2003, 11, 20)


# ---------------------------------------------------------------- province table


def test_province_table_has_the_63_codes() -> None:
    assert len(PROVINCE_CODES) == 63
    assert all(len(code) == 3 and code.isdigit() for code in PROVINCE_CODES)
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["031"] == "Hải Phòng"
    assert PROVINCE_CODES["079"] == "Hồ Chí Minh"
    assert PROVINCE_CODES["096"] == "Cà Mau"
    assert all(name == unicodedata.normalize("NFC", name) for name in PROVINCE_CODES.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("001085012345", "Hà Nội"),
        ("031 303 012 345", "Hải Phòng"),
        ("096.185.012.345", "Cà Mau"),
        ("099085012345", None),
        ("00108501234", None),
        ("123456789", None),
        ("C1234567", None),
        ("", None),
    ],
)
def test_province_of_birth(text: str, expected: str | None) -> None:
    assert province_of_birth(text) == expected


# ---------------------------------------------------------------- person ID: valid


@pytest.mark.parametrize(
    ("text", "birth_date", "gender", "value", "kind", "label"),
    [
        ("001085012345", None, None, "001085012345", IdKind.CITIZEN_ID, "Căn cước công dân"),
        ("001085012345", BORN_1985, "Nam", "001085012345", IdKind.CITIZEN_ID, "Căn cước công dân"),
        ("001 185 012 345", BORN_1985, "Nữ", "001185012345", IdKind.CITIZEN_ID, "Căn cước công dân"),
        ("079.203.000.123", BORN_2003, "Nam", "079203000123", IdKind.CITIZEN_ID, "Căn cước công dân"),
        ("  079303000123 ", BORN_2003, None, "079303000123", IdKind.CITIZEN_ID, "Căn cước công dân"),
        ("079303000123", None, "nu", "079303000123", IdKind.CITIZEN_ID, "Căn cước công dân"),
        ("031085012345", BORN_1985, "Khác", "031085012345", IdKind.CITIZEN_ID, "Căn cước công dân"),
        # Digits 4-9 (born 2100 or later) are only rejected against a birth date.
        ("001485012345", None, "Nam", "001485012345", IdKind.CITIZEN_ID, "Căn cước công dân"),
        ("０３１０８５０１２３４５", None, None, "031085012345", IdKind.CITIZEN_ID, "Căn cước công dân"),
        ("123456789", None, None, "123456789", IdKind.OLD_ID, "CMND 9 số"),
        ("123 456 789", BORN_1985, "Nam", "123456789", IdKind.OLD_ID, "CMND 9 số"),
        ("C1234567", None, None, "C1234567", IdKind.PASSPORT, "Hộ chiếu"),
        ("c1234567", BORN_1985, "Nữ", "C1234567", IdKind.PASSPORT, "Hộ chiếu"),
        ("N 123 4567", None, None, "N1234567", IdKind.PASSPORT, "Hộ chiếu"),
    ],
)
def test_valid_person_ids(
    text: str, birth_date: date | None, gender: str | None, value: str, kind: IdKind, label: str
) -> None:
    check = check_person_id(text, birth_date, gender)
    assert check.error is None
    assert check.ok
    assert (check.value, check.kind, check.label) == (value, kind, label)


# ---------------------------------------------------------------- person ID: invalid


@pytest.mark.parametrize(
    ("text", "birth_date", "gender", "kind", "message"),
    [
        ("", None, None, None, EMPTY_ID_MESSAGE),
        (" . ", None, None, None, EMPTY_ID_MESSAGE),
        ("00108501234", None, None, None, "Số định danh phải có 12 chữ số (đang có 11)."),
        ("0010850123456", None, None, None, "Số định danh phải có 12 chữ số (đang có 13)."),
        ("1234", None, None, None, "Số định danh phải có 12 chữ số (đang có 4)."),
        (
            "1234567890",
            None,
            None,
            None,
            "Số định danh phải có 12 chữ số (đang có 10). Số CMND cũ có 9 chữ số.",
        ),
        (
            "00108501234A",
            None,
            None,
            None,
            "Số định danh chỉ gồm chữ số; xóa ký tự “A” rồi kiểm tra lại số đã nhập.",
        ),
        (
            "001-085-012345",
            None,
            None,
            None,
            "Số định danh chỉ gồm chữ số; xóa ký tự “-” rồi kiểm tra lại số đã nhập.",
        ),
        (
            "099085012345",
            None,
            None,
            IdKind.CITIZEN_ID,
            "Mã tỉnh 099 ở đầu số định danh không tồn tại; kiểm tra lại 3 chữ số đầu.",
        ),
        (
            "000085012345",
            BORN_1985,
            "Nam",
            IdKind.CITIZEN_ID,
            "Mã tỉnh 000 ở đầu số định danh không tồn tại; kiểm tra lại 3 chữ số đầu.",
        ),
        (
            "001285012345",
            BORN_1985,
            None,
            IdKind.CITIZEN_ID,
            "Chữ số thứ 4 (giới tính, thế kỷ sinh) không khớp với ngày sinh 05/03/1985: "
            "phải là 0 (nam) hoặc 1 (nữ).",
        ),
        (
            "001485012345",
            BORN_1985,
            "Nữ",
            IdKind.CITIZEN_ID,
            "Chữ số thứ 4 (giới tính, thế kỷ sinh) không khớp với ngày sinh 05/03/1985: phải là 1 (nữ).",
        ),
        (
            "001903012345",
            BORN_2003,
            None,
            IdKind.CITIZEN_ID,
            "Chữ số thứ 4 (giới tính, thế kỷ sinh) không khớp với ngày sinh 20/11/2003: "
            "phải là 2 (nam) hoặc 3 (nữ).",
        ),
        (
            "001003012345",
            BORN_2003,
            "Nam",
            IdKind.CITIZEN_ID,
            "Chữ số thứ 4 (giới tính, thế kỷ sinh) không khớp với ngày sinh 20/11/2003: phải là 2 (nam).",
        ),
        (
            "001085012345",
            None,
            "Nữ",
            IdKind.CITIZEN_ID,
            "Chữ số thứ 4 của số định danh là 0 (nam), không khớp với giới tính nữ; "
            "kiểm tra lại số định danh hoặc giới tính.",
        ),
        (
            "001385012345",
            None,
            "Nam",
            IdKind.CITIZEN_ID,
            "Chữ số thứ 4 của số định danh là 3 (nữ), không khớp với giới tính nam; "
            "kiểm tra lại số định danh hoặc giới tính.",
        ),
        (
            "001086012345",
            BORN_1985,
            "Nam",
            IdKind.CITIZEN_ID,
            "Chữ số thứ 5-6 (năm sinh) là 86, không khớp với năm sinh 1985: phải là 85; "
            "kiểm tra lại số định danh hoặc ngày sinh.",
        ),
        (
            "001090012345",
            date(1890, 1, 1),
            None,
            IdKind.CITIZEN_ID,
            "Ngày sinh 01/01/1890 nằm ngoài khoảng năm sinh mà số định danh ghi được (1900-2399); "
            "kiểm tra lại ngày sinh.",
        ),
        (
            "C123456",
            None,
            None,
            IdKind.PASSPORT,
            "Số hộ chiếu phải gồm 1 chữ cái và 7 chữ số, ví dụ C1234567 (đang nhập “C123456”).",
        ),
        (
            "cc1234567",
            None,
            None,
            IdKind.PASSPORT,
            "Số hộ chiếu phải gồm 1 chữ cái và 7 chữ số, ví dụ C1234567 (đang nhập “CC1234567”).",
        ),
        (
            "Đ1234567",
            None,
            None,
            IdKind.PASSPORT,
            "Số hộ chiếu phải gồm 1 chữ cái và 7 chữ số, ví dụ C1234567 (đang nhập “Đ1234567”).",
        ),
    ],
)
def test_invalid_person_ids(
    text: str, birth_date: date | None, gender: str | None, kind: IdKind | None, message: str
) -> None:
    check = check_person_id(text, birth_date, gender)
    assert not check.ok
    assert check.error == message
    assert check.kind == kind


@given(
    text=st.text(),
    birth_date=st.none() | st.dates(),
    gender=st.none() | st.sampled_from(["Nam", "Nữ", "", "Khác"]) | st.text(max_size=5),
)
def test_check_person_id_never_raises(text: str, birth_date: date | None, gender: str | None) -> None:
    check = check_person_id(text, birth_date, gender)
    assert check.ok == (check.error is None)
    if check.ok:
        assert check.kind is not None


@given(
    province=st.sampled_from(sorted(PROVINCE_CODES)),
    birth_date=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    female=st.booleans(),
    serial=st.integers(min_value=0, max_value=999_999),
)
def test_generated_citizen_id_is_accepted(province: str, birth_date: date, female: bool, serial: int) -> None:
    century_digit = (birth_date.year // 100 - 19) * 2 + int(female)
    number = f"{province}{century_digit}{birth_date.year % 100:02d}{serial:06d}"
    gender = "Nữ" if female else "Nam"
    for check in (check_person_id(number), check_person_id(number, birth_date, gender)):
        assert check.error is None
        assert (check.value, check.kind) == (number, IdKind.CITIZEN_ID)
    assert province_of_birth(number) == PROVINCE_CODES[province]


# ---------------------------------------------------------------- phone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("(0225) 3123 456", "02253123456"),
        ("+84 225 3123 456", "02253123456"),
        ("  ", ""),
        ("", ""),
    ],
)
def test_normalize_phone(text: str, expected: str) -> None:
    assert normalize_phone(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "0912345678",
        "0387654321",
        "0561234567",
        "0701234567",
        "0812345678",
        "+84 912 345 678",
        "84 912 345 678",
        "0912.345.678",
        "02253123456",
        "(024) 3825 1234",
        "(0225) 3.123.456",
    ],
)
def test_valid_phones(text: str) -> None:
    assert check_phone(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0112345678", MOBILE_MESSAGE),
        ("0412345678", MOBILE_MESSAGE),
        ("0612345678", MOBILE_MESSAGE),
        ("912345678", MOBILE_MESSAGE),
        ("091234567", MOBILE_MESSAGE),
        ("09123456789", MOBILE_MESSAGE),
        ("+84 91234567", MOBILE_MESSAGE),
        ("0225312345", "Số điện thoại cố định phải có 11 chữ số, gồm mã vùng bắt đầu bằng 02 (đang có 10)."),
        (
            "01234567890",
            "Số di động 11 số đầu 01 đã chuyển sang 10 số từ năm 2018; nhập số mới "
            "(10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).",
        ),
        ("0912abc678", "Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84); xóa chữ cái và ký tự khác."),
        (
            "0912 345 678 / 0987 654 321",
            "Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84); xóa chữ cái và ký tự khác.",
        ),
    ],
)
def test_invalid_phones(text: str, message: str) -> None:
    assert check_phone(text) == message


def test_mobile_message_is_the_documented_one() -> None:
    assert MOBILE_MESSAGE == "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."


@given(st.text())
def test_check_phone_never_raises(text: str) -> None:
    result = check_phone(text)
    assert result is None or result.endswith(".")


# ---------------------------------------------------------------- e-mail


@pytest.mark.parametrize(
    "text",
    ["", "  ", "a@b.vn", "nguyen.van.a@gmail.com", "ubnd-daihop@haiphong.gov.vn", " mot_cua+1@example.com "],
)
def test_valid_emails(text: str) -> None:
    assert check_email(text) is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("abc", "một dấu @"),
        ("a@@b.vn", "một dấu @"),
        ("a@b@c.vn", "một dấu @"),
        ("a@b", "tên miền phải có dấu chấm"),
        ("a@b.c", "không hợp lệ"),
        ("@b.vn", "không hợp lệ"),
        ("a..b@c.vn", "không hợp lệ"),
        (".a@b.vn", "không hợp lệ"),
        ("a@.b.vn", "không hợp lệ"),
        ("a@b..vn", "không hợp lệ"),
        ("a b@c.vn", "dấu cách"),
        ("nguyễn@gmail.com", "chữ có dấu"),
    ],
)
def test_invalid_emails(text: str, fragment: str) -> None:
    message = check_email(text)
    assert message is not None
    assert fragment in message


# ---------------------------------------------------------------- QR of the chip ID card

ADDRESS = "Thôn Đông, Đại Hợp, Kiến Thụy, Hải Phòng"
FULL_QR = f"031090012345|031123456|Nguyễn Văn Ánh|01011990|Nam|{ADDRESS}|15082021"
FULL_CARD = CitizenCardQr(
    citizen_id="031090012345",
    old_id="031123456",
    full_name="Nguyễn Văn Ánh",
    birth_date=date(1990, 1, 1),
    gender="Nam",
    address=ADDRESS,
    issued_on=date(2021, 8, 15),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FULL_QR, FULL_CARD),
        (FULL_QR + "\r\n", FULL_CARD),
        (unicodedata.normalize("NFD", FULL_QR), FULL_CARD),
        (FULL_QR + "|extra|2024", FULL_CARD),
        (
            f"031303012345||Trần Thị Bình|29022003|Nữ|{ADDRESS}|10052022",
            # 29/02/2003 does not exist: the birth date is left for the clerk to type.
            CitizenCardQr("031303012345", "", "Trần Thị Bình", None, "Nữ", ADDRESS, date(2022, 5, 10)),
        ),
        (
            f"031304012345||Trần Thị Bình|29022004|Nữ|{ADDRESS}|10052022",
            CitizenCardQr(
                "031304012345", "", "Trần Thị Bình", date(2004, 2, 29), "Nữ", ADDRESS, date(2022, 5, 10)
            ),
        ),
        (
            f"031090012345|031123456|Nguyễn Văn Ánh|01011990|Nam|{ADDRESS}",
            CitizenCardQr(
                "031090012345", "031123456", "Nguyễn Văn Ánh", date(1990, 1, 1), "Nam", ADDRESS, None
            ),
        ),
        (
            "031090012345|031123456|Nguyễn Văn Ánh|01011990|Nam",
            CitizenCardQr("031090012345", "031123456", "Nguyễn Văn Ánh", date(1990, 1, 1), "Nam", "", None),
        ),
        (
            "031090012345||Nguyễn Văn Ánh",
            CitizenCardQr("031090012345", "", "Nguyễn Văn Ánh", None, "", "", None),
        ),
        (
            "031090012345|031090012345|Nguyễn Văn Ánh|01/01/1990|Nam||",
            CitizenCardQr(
                "031090012345", "031090012345", "Nguyễn Văn Ánh", date(1990, 1, 1), "Nam", "", None
            ),
        ),
    ],
)
def test_parse_citizen_card_qr(text: str, expected: CitizenCardQr) -> None:
    assert parse_citizen_card_qr(text) == expected
    assert looks_like_citizen_card_qr(text)


def test_qr_strings_are_nfc() -> None:
    card = parse_citizen_card_qr(unicodedata.normalize("NFD", FULL_QR))
    assert card is not None
    for text in (card.full_name, card.gender, card.address):
        assert text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "031090012345",
        "Nguyễn Văn Ánh",
        "031090012345|031123456",
        "03109001234|031123456|Nguyễn Văn Ánh|01011990|Nam",
        "0310900123456|031123456|Nguyễn Văn Ánh|01011990|Nam",
        "03109001234X|031123456|Nguyễn Văn Ánh|01011990|Nam",
        "031090012345|CMND|Nguyễn Văn Ánh|01011990|Nam",
        "031090012345|0311234|Nguyễn Văn Ánh|01011990|Nam",
        "031090012345|031123456||01011990|Nam",
        "031090012345|031123456|12345|01011990|Nam",
        "a|b|c|d|e|f|g",
    ],
)
def test_not_a_citizen_card_qr(text: str) -> None:
    assert parse_citizen_card_qr(text) is None
    assert not looks_like_citizen_card_qr(text)


@given(st.text())
def test_parse_citizen_card_qr_never_raises(text: str) -> None:
    card = parse_citizen_card_qr(text)
    assert looks_like_citizen_card_qr(text) == (card is not None)
