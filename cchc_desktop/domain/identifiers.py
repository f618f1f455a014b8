"""Personal identifiers typed at the counter: citizen ID, old CMND, passport, phone, e-mail, ID-card QR.

Citizen ID (căn cước công dân, số định danh cá nhân): 12 digits = 3-digit province-of-birth code
+ 1 gender/century digit + 2-digit birth year + 6 random digits, with no check digit, so only the
structure can be checked. The 12-digit CMND issued in 2012-2015 has the same shape and is checked the
same way; the 9-digit CMND is accepted for old records.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from cchc_desktop.domain.text import fold, nfc
from cchc_desktop.domain.vn_format import short_date

# Thông tư 07/2016/TT-BCA (as amended): the code records where the birth was registered, so the
# pre-2025 provinces stay valid after the 2025 province merger.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

CITIZEN_ID_LABEL = "Căn cước công dân"
OLD_ID_LABEL = "CMND 9 số"
PASSPORT_LABEL = "Hộ chiếu"

EMPTY_ID_MESSAGE = "Nhập số định danh cá nhân (12 số), số CMND (9 số) hoặc số hộ chiếu."
MOBILE_MESSAGE = "Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."

_DIGITS = re.compile(r"[0-9]+")
_PASSPORT = re.compile(r"[A-Z][0-9]{7}")
_MOBILE = re.compile(r"0[35789][0-9]{8}")
_LANDLINE = re.compile(r"02[0-9]{9}")
_FIRST_CENTURY = 1900
_LAST_CENTURY = 2300  # digits 8/9: born 2300-2399


class IdKind(enum.StrEnum):
    CITIZEN_ID = "cccd"
    OLD_ID = "cmnd"
    PASSPORT = "passport"


_LABELS: dict[IdKind, str] = {
    IdKind.CITIZEN_ID: CITIZEN_ID_LABEL,
    IdKind.OLD_ID: OLD_ID_LABEL,
    IdKind.PASSPORT: PASSPORT_LABEL,
}


@dataclass(frozen=True)
class IdCheck:
    """The result of `check_person_id`.

    `value` is the number as it should be stored (separators removed, passport letter upper-cased);
    `kind` is how the text was read (None when it fits no kind); `label` names that kind for the user.
    """

    value: str
    kind: IdKind | None
    error: str | None
    label: str

    @property
    def ok(self) -> bool:
        return self.error is None


def _clean_id(text: str) -> str:
    # NFKC turns full-width digits and letters into ASCII ones.
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    return compact.replace(".", "")


def _result(value: str, kind: IdKind | None, error: str | None = None) -> IdCheck:
    return IdCheck(value=value, kind=kind, error=error, label="" if kind is None else _LABELS[kind])


def _is_female(gender: str | None) -> bool | None:
    folded = fold(gender or "")
    if folded in ("nam", "male", "m"):
        return False
    if folded in ("nu", "female", "f"):
        return True
    return None


def _gender_word(female: bool) -> str:
    return "nữ" if female else "nam"


def _citizen_id_error(number: str, birth_date: date | None, female: bool | None) -> str | None:
    province = number[:3]
    if province not in PROVINCE_CODES:
        return f"Mã tỉnh {province} ở đầu số định danh không tồn tại; kiểm tra lại 3 chữ số đầu."
    digit = int(number[3])
    if birth_date is not None:
        year = birth_date.year
        born = short_date(birth_date)
        if not _FIRST_CENTURY <= year < _LAST_CENTURY + 100:
            return (
                f"Ngày sinh {born} nằm ngoài khoảng năm sinh mà số định danh ghi được "
                f"({_FIRST_CENTURY}-{_LAST_CENTURY + 99}); kiểm tra lại ngày sinh."
            )
        century = year // 100 - _FIRST_CENTURY // 100
        if digit // 2 != century:
            male_digit = century * 2
            if female is None:
                expected = f"{male_digit} (nam) hoặc {male_digit + 1} (nữ)"
            else:
                expected = f"{male_digit + int(female)} ({_gender_word(female)})"
            return (
                f"Chữ số thứ 4 (giới tính, thế kỷ sinh) không khớp với ngày sinh {born}: phải là {expected}."
            )
    if female is not None and bool(digit % 2) != female:
        return (
            f"Chữ số thứ 4 của số định danh là {digit} ({_gender_word(bool(digit % 2))}), không khớp với "
            f"giới tính {_gender_word(female)}; kiểm tra lại số định danh hoặc giới tính."
        )
    if birth_date is not None and number[4:6] != f"{birth_date.year % 100:02d}":
        return (
            f"Chữ số thứ 5-6 (năm sinh) là {number[4:6]}, không khớp với năm sinh {birth_date.year}: "
            f"phải là {birth_date.year % 100:02d}; kiểm tra lại số định danh hoặc ngày sinh."
        )
    return None


def check_person_id(text: str, birth_date: date | None = None, gender: str | None = None) -> IdCheck:
    """Read a citizen ID (12 digits), an old CMND (9 digits) or a passport number (1 letter + 7 digits).

    Spaces and dots are removed first. A citizen ID is checked against the province table and, when
    given, the birth date (century and year digits) and gender ("Nam"/"Nữ"; anything else is ignored).
    An empty text is an error: the caller decides whether the ID is required.
    """
    value = _clean_id(text)
    if not value:
        return _result(value, None, EMPTY_ID_MESSAGE)
    if value[0].isalpha():
        value = value.upper()
        if _PASSPORT.fullmatch(value):
            return _result(value, IdKind.PASSPORT)
        return _result(
            value,
            IdKind.PASSPORT,
            f"Số hộ chiếu phải gồm 1 chữ cái và 7 chữ số, ví dụ C1234567 (đang nhập “{value}”).",
        )
    if not _DIGITS.fullmatch(value):
        bad = next(ch for ch in value if not ("0" <= ch <= "9"))
        return _result(
            value, None, f"Số định danh chỉ gồm chữ số; xóa ký tự “{bad}” rồi kiểm tra lại số đã nhập."
        )
    if len(value) == 9:
        return _result(value, IdKind.OLD_ID)
    if len(value) != 12:
        hint = " Số CMND cũ có 9 chữ số." if len(value) in (8, 10) else ""
        return _result(value, None, f"Số định danh phải có 12 chữ số (đang có {len(value)}).{hint}")
    return _result(value, IdKind.CITIZEN_ID, _citizen_id_error(value, birth_date, _is_female(gender)))


def province_of_birth(citizen_id: str) -> str | None:
    """The province where the birth of the holder of a 12-digit citizen ID was registered."""
    value = _clean_id(citizen_id)
    if len(value) != 12 or not _DIGITS.fullmatch(value):
        return None
    return PROVINCE_CODES.get(value[:3])


# ---------------------------------------------------------------- phone and e-mail


def normalize_phone(text: str) -> str:
    """The phone number as stored: "+84 912.345-678" → "0912345678".

    Spaces, dots, dashes and brackets are removed and the country code 84 (+84, 0084) becomes 0.
    The result is not checked: see `check_phone`.
    """
    value = "".join(unicodedata.normalize("NFKC", text).split())
    for separator in ".-()":
        value = value.replace(separator, "")
    for prefix in ("+84", "0084", "84"):
        if value.startswith(prefix):
            rest = value[len(prefix) :]
            # "+84 (0) 912 345 678": the trunk 0 is sometimes written after the country code.
            return rest if rest.startswith("0") else "0" + rest
    return value


def check_phone(text: str) -> str | None:
    """None when the phone number is valid or empty (it is optional), else what to correct."""
    value = normalize_phone(text)
    if not value:
        return None
    if not _DIGITS.fullmatch(value):
        return "Số điện thoại chỉ gồm chữ số (có thể bắt đầu bằng +84); xóa chữ cái và ký tự khác."
    if value.startswith("02"):
        if _LANDLINE.fullmatch(value):
            return None
        return f"Số điện thoại cố định phải có 11 chữ số, gồm mã vùng bắt đầu bằng 02 (đang có {len(value)})."
    if _MOBILE.fullmatch(value):
        return None
    if len(value) == 11 and value.startswith("01"):
        return (
            "Số di động 11 số đầu 01 đã chuyển sang 10 số từ năm 2018; nhập số mới "
            "(10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)."
        )
    return MOBILE_MESSAGE


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")


def check_email(text: str) -> str | None:
    """None when the e-mail address looks valid or is empty, else what to correct."""
    value = nfc(text)
    if not value:
        return None
    if any(ch.isspace() for ch in value):
        return "Địa chỉ email không được có dấu cách; xóa dấu cách."
    if not value.isascii():
        return "Địa chỉ email không được có chữ có dấu; tắt bộ gõ tiếng Việt rồi nhập lại."
    if value.count("@") != 1:
        return "Địa chỉ email phải có đúng một dấu @, dạng ten@vidu.vn."
    local, domain = value.split("@")
    if (
        not _EMAIL.fullmatch(value)
        or ".." in value
        or local.startswith(".")
        or local.endswith(".")
        or domain.startswith((".", "-"))
    ):
        return "Địa chỉ email không hợp lệ; nhập theo dạng ten@vidu.vn (tên miền phải có dấu chấm)."
    return None


# ---------------------------------------------------------------- QR code of the chip ID card


@dataclass(frozen=True)
class CitizenCardQr:
    """The fields of the QR code printed on the chip citizen ID card."""

    citizen_id: str
    old_id: str
    full_name: str
    birth_date: date | None
    gender: str
    address: str
    issued_on: date | None


def _qr_date(text: str) -> date | None:
    digits = "".join(ch for ch in text if ch not in "/-. ")
    if len(digits) != 8 or not _DIGITS.fullmatch(digits):
        return None
    try:
        return date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        return None


def parse_citizen_card_qr(text: str) -> CitizenCardQr | None:
    """Read what a scanner types from the QR of the chip ID card, or None when `text` is not that.

    Layout: `ID|old ID|full name|ddmmyyyy birth|gender|permanent address|ddmmyyyy issue`; the old ID may
    be empty, trailing fields may be missing (they come back empty or None) and extra ones are ignored.
    Only the shape of the ID is checked here; `check_person_id` validates it. A date that cannot be read
    comes back as None.
    """
    fields = [nfc(field) for field in nfc(text).split("|")]
    if len(fields) < 3:
        return None
    citizen_id, old_id, full_name = fields[:3]
    if len(citizen_id) != 12 or not _DIGITS.fullmatch(citizen_id):
        return None
    if old_id and (len(old_id) not in (9, 12) or not _DIGITS.fullmatch(old_id)):
        return None
    if not any(ch.isalpha() for ch in full_name):
        return None
    rest = [*fields[3:7], "", "", "", ""][:4]
    return CitizenCardQr(
        citizen_id=citizen_id,
        old_id=old_id,
        full_name=" ".join(full_name.split()),
        birth_date=_qr_date(rest[0]),
        gender=rest[1],
        address=rest[2],
        issued_on=_qr_date(rest[3]),
    )


def looks_like_citizen_card_qr(text: str) -> bool:
    """True when `text` is what a scanner types from the QR of a chip ID card (see `parse_citizen_card_qr`)."""
    return parse_citizen_card_qr(text) is not None
