"""Personal data out of everything written for support: the log file, the crash dialog (and what its
copy button puts on the clipboard), the CLI's error lines and the diagnostics text all pass through
`redact`, the one masking function.

Numbers keep only their last three digits, separators dropped (three digits tell two applicants apart
while reading a log and are too few to find anybody):
- phone numbers: 0 and 9-10 more digits, or +84 and 9-10 digits, with optional spaces, dots or hyphens;
- ID numbers: 9 or 12 digits (CMND, citizen ID), also typed in groups ("030 185 001 234",
  "030.185.001.234"); another 9- or 12-digit number (a byte count, "123.456.789") is masked too:
  better one number too many than one ID in a file that is sent to support;
- passport numbers: one capital letter and 7 or 8 digits (C1234567, N12345678).

Names and addresses cannot be recognised for sure, and keeping a list of the personal strings the app
has seen would itself keep personal data in memory. So the first defence is that values are never
formatted into exceptions (the engine hides SQL parameters), and the text is masked by rules with few
false positives:
- a name: a Vietnamese family name (Nguyễn, TRẦN, Le, …) followed by 1-4 more capitalised words
  ("Nguyễn Văn An", "TRẦN THỊ BÌNH", "Le Thi Hoa") → "[họ tên]". Two capitalised words without a family
  name in front ("UBND XÃ", "NOT NULL") stay. Place names that start with a family name ("Hà Nội",
  "Thái Bình", "Lê Lợi" street) are masked too: accepted collateral, they are never what support needs.
- an address: the value after a label "địa chỉ:" / "address=" up to the end of the clause (`;`, a
  bracket, a quote or the line's end), and after "số nhà", "thôn", "xóm", "ấp", "tổ dân phố",
  "khu phố", "đường", "phố" when a number or a capital follows → "[địa chỉ]".
The masked forms never match again: masking twice gives the same text.
"""

from __future__ import annotations

import logging
import re
import unicodedata

KEPT_DIGITS = 3
NAME_MASK = "[họ tên]"
ADDRESS_MASK = "[địa chỉ]"
MAX_NAME_WORDS = 5

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)"
_NUMBERS = re.compile(
    # An IPv4 address (a server's, as 192.168.1.10:5432) is kept: its groups have no leading zeros,
    # while an ID typed in dotted groups starts with 0 (030.185.001.234) and is masked below.
    rf"(?P<ip>(?<![\w.]){_OCTET}(?:\.{_OCTET}){{3}}(?!\w|\.\d))|"
    r"(?P<phone>(?<![\d+])(?:\+84|0)(?:[ .-]?\d){9,10}(?!\d))"
    r"|(?P<id>(?<!\d)(?:\d{12}|\d{9})(?!\d))"  # CMND / citizen ID
    r"|(?P<grouped>(?<![\w.])\d{1,6}(?:[ .-]\d{1,6}){1,5}(?!\d))"  # an ID typed in groups, if 9 or 12 digits
    r"|(?P<passport>(?<!\w)[A-Z]\d{7,8}(?!\w))"
)
_TERMINATORS = r"[^;\n\r()\[\]{}\"'|<>]"
_ADDRESS_LABEL = re.compile(
    rf"(?i)((?:địa chỉ|đ/c|address)\s*[:=]\s*)[^\s;\n\r()\[\]{{}}\"'|<>]{_TERMINATORS}*"
)
_ADDRESS_WORD = re.compile(
    rf"(?i)(?<!\w)((?:số nhà|thôn|xóm|ấp|tổ dân phố|khu phố|đường|phố)\s+)(\w){_TERMINATORS}*"
)
_WORD_RUN = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)+")

# The common Vietnamese family names, with their diacritics and, for the most common, without (names
# typed in ASCII). Family names that are also common words of place or office names (Văn, Sơn, Đồng,
# Giang, Kim, Quang …) are left out: "Văn Phòng", "Sơn La" stay readable.
_FAMILY_NAME_TEXT = """
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Lâm Lương Trịnh Trương
Mai Cao Lưu Tạ Tô Hà Kiều Quách Vương Châu Thái Đào Tăng Triệu Lục Nông Hứa Hầu Mạc Khổng Khúc Chu Chử
La Lạc Lã Lò Mã Nghiêm Phí Phùng Tôn Từ Thân Thạch Tống Trà Trình Viên Âu Bạch Bế Cấn Cù Diệp Doãn Đàm
Giáp Hàn Khương Kha Lại Lều Liêu Lỗ Lù Mạch Nhâm Ôn Sầm Thiều Tiêu Ứng Vừ Chế Cung Hán Lạp Nhữ Ưng Phó
Nguyen Tran Pham Hoang Huynh Phan Dang Bui Duong Ngo Truong Dinh Doan Luong Trinh Vo Vu Le Do Ho Ly Lam
Quach Kieu Vuong Chau Trieu
"""
_FAMILY_NAMES = frozenset(unicodedata.normalize("NFC", name).upper() for name in _FAMILY_NAME_TEXT.split())


def _mask_number(match: re.Match[str]) -> str:
    text = match[0]
    if match["ip"]:
        return text
    digits = re.sub(r"\D", "", text.removeprefix("+84"))
    if match["grouped"] and len(digits) not in (9, 12):
        # Not an ID (a date, a version, a count): look again after its first group, where a phone
        # number may start ("1 0912 345 678").
        first = re.match(r"\d+[ .-]", text)
        assert first is not None
        return first[0] + _NUMBERS.sub(_mask_number, text[first.end() :])
    return "*" * (len(digits) - KEPT_DIGITS) + digits[-KEPT_DIGITS:]


def _capitalised(word: str) -> bool:
    return word[0].isupper() and (word[1:].islower() or word.isupper() or len(word) == 1)


def _mask_names(match: re.Match[str]) -> str:
    words = re.split(r"([ \t]+)", match[0])  # words at even indexes, the spaces between at odd ones
    out: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        run = 1
        if _capitalised(word) and unicodedata.normalize("NFC", word).upper() in _FAMILY_NAMES:
            while (
                run < MAX_NAME_WORDS and index + 2 * run < len(words) and _capitalised(words[index + 2 * run])
            ):
                run += 1
        if run >= 2:
            out.append(NAME_MASK)
            index += 2 * run - 1  # the separator after the name, if any, comes next
        else:
            out.append(word)
            index += 1
    return "".join(out)


def _mask_address(match: re.Match[str]) -> str:
    if not (match[2].isdigit() or match[2].isupper()):
        return match[0]  # "đường dây", "thôn này": the word, not an address
    return match[1] + ADDRESS_MASK


def redact(text: str) -> str:
    """`text` with ID, passport and phone numbers, Vietnamese names and addresses masked."""
    text = _NUMBERS.sub(_mask_number, text)
    text = _ADDRESS_LABEL.sub(lambda m: m[1] + ADDRESS_MASK, text)
    text = _ADDRESS_WORD.sub(_mask_address, text)
    return _WORD_RUN.sub(_mask_names, text)


def one_line(error: BaseException, limit: int = 300) -> str:
    """The error as one masked line: its class and the first line of its message."""
    message = str(error).strip().splitlines()
    summary = f"{type(error).__name__}: {message[0]}" if message else type(error).__name__
    summary = redact(summary)
    return summary if len(summary) <= limit else summary[: limit - 1] + "…"


_FORMATTER = logging.Formatter()


class PersonalDataFilter(logging.Filter):
    """Masks the message (after its arguments are filled in), the traceback and the stack of a record.

    The record is changed in place, so handlers after this one see the masked text too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: let the handler report it as usual
            return True
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
