"""Reading a procedure's published processing time ("thời hạn giải quyết") into a `Duration`.

The text is normalised first (NFC, lower case, one space between words, "15h30"/"15:30" → "15 giờ 30",
"05 (năm)" → "05", number words một..mười, mười lăm, hai mươi, ba mươi → digits), then split into clauses at
";", "." and ", trường hợp"/", nếu". The first clause is the main rule; the clauses after it that start
with "trường hợp"/"nếu" are conditions. Accepted main rules:

- "[trong (thời hạn|vòng)|không quá|tối đa|chậm nhất] N ngày làm việc [kể từ …]" → N working days
- the same with "N ngày" → N calendar days
- the same with "N giờ làm việc" (1-40) → N working hours; plain "N giờ" only up to 8 (one working day):
  at a counter "giờ" is office time, but "24 giờ", "48 giờ" in a legal text is clock time, so refused
- a range "A - N", "A-N", "A đến N", "từ A đến N" counts as its longer bound N (domain.md §11)
- "[ngay] trong ngày [làm việc] [tiếp nhận]", "ngay sau khi nhận đủ hồ sơ [hợp lệ]" → same day, cut-off
  15:00, or the cut-off written inline: "trong ngày (tiếp nhận trước 16 giờ)" (what `describe()` prints)
Accepted conditions:
- "trường hợp nhận sau H giờ [M] thì trả … ngày làm việc tiếp theo|kế tiếp|hôm sau" → the same-day cut-off
- "trường hợp|nếu … thì [thời hạn] [kéo dài|gia hạn] [thêm] [không quá|tối đa] N ngày làm việc" →
  `extension_days` N, the number as written (the larger one when several conditions give one)
Anything else is refused, never guessed: months ("01 tháng"), several main rules ("05 ngày đối với …,
10 ngày đối với …"), a condition that is not one of the two above, 0 or more than 365 days / 40 hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from cchc_desktop.domain.deadlines import DEFAULT_CUTOFF, Duration, DurationUnit
from cchc_desktop.domain.text import nfc

MAX_DAYS = 365
MAX_WORKING_HOURS = 40
MAX_PLAIN_HOURS = 8  # "N giờ" without "làm việc": read as office hours only within one working day
QUOTE_LIMIT = 60
MAX_TEXT = 500  # published times are a sentence or two; longer text is not a time rule

_NUMBER_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
    "mười": 10, "mười lăm": 15, "hai mươi": 20, "ba mươi": 30,
}  # fmt: skip
_WORDS = re.compile(
    r"(?<!\w)("
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")(?= (?:ngày|giờ|tháng|đến|tới|-))"
)
_TIME = r"(?P<h>\d{1,2}) giờ(?: (?P<m>\d{1,2})(?: phút)?)?"
_LATER_TIME = r"(?P<later_h>\d{1,2}) giờ(?: (?P<later_m>\d{1,2})(?: phút)?)?"  # a second clock in one rule
_PREFIX = r"(?:(?:trong thời hạn|trong vòng|trong|không quá|tối đa|chậm nhất) )*"
_SINCE = r"(?:,? \(?(?:kể từ|tính từ) .*)?"  # when the period starts: not part of the rule
_AMOUNT = re.compile(
    rf"{_PREFIX}(?:từ )?(?:(?P<low>\d{{1,4}}) ?(?:-|đến|tới) ?)?(?P<n>\d{{1,4}}) "
    rf"(?P<unit>ngày làm việc|ngày|giờ làm việc|giờ){_SINCE}"
)
_SAME_DAY = re.compile(
    r"(?:thực hiện )?(?:ngay )?trong ngày(?: làm việc)?(?: cơ quan, tổ chức)?(?: tiếp nhận| nhận)?"
    r"(?: hồ sơ| yêu cầu)?"
    rf"(?: ?\(?(?:nếu )?(?:tiếp )?nhận(?: hồ sơ)? trước {_TIME}\)?)?{_SINCE}"
    # Nghị định 23/2015 (chứng thực): "... hoặc trong ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ"
    rf"(?: hoặc trong ngày làm việc (?:tiếp theo|kế tiếp) nếu (?:tiếp )?nhận(?: hồ sơ| yêu cầu)? sau {_LATER_TIME})?"
    r"|ngay (?:sau )?khi (?:tiếp )?nhận(?: được)?(?: đủ)? hồ sơ(?: hợp lệ)?"
)
# "có thể kéo dài (hơn) theo thỏa thuận bằng văn bản / theo quy định": no rule, decided per dossier
_MAY_TAKE_LONGER = re.compile(r"(?:(?:trường hợp|nếu) .*)?có thể (?:được )?kéo dài(?: hơn)?(?: theo .*)?")
_CONDITION = r"(?:trường hợp|nếu) "
_CUTOFF_CLAUSE = re.compile(
    rf"{_CONDITION}(?:hồ sơ )?(?:được )?(?:tiếp )?nhận(?: hồ sơ)? (?:sau|từ) {_TIME}(?: trở đi)?,?"
    r" (?:thì )?.*(?:tiếp theo|kế tiếp|hôm sau).*"
)
_EXTENSION_CLAUSE = re.compile(
    rf"{_CONDITION}(?!.*\d+ giờ).+?(?:,? thì|,|:) (?:thời hạn (?:giải quyết )?)?"
    r"(?:(?:được )?(?:kéo dài|gia hạn)(?: thêm)? |là )?(?:không quá |tối đa |thêm )?(?P<n>\d{1,4}) ngày làm việc(?: .*)?"
)
_CLAUSE_BREAK = re.compile(r"[;.]|,(?= (?:trường hợp|nếu) )")
_ANY_AMOUNT = re.compile(r"\d+ (?:ngày|giờ)")


@dataclass(frozen=True)
class TimeReading:
    duration: Duration | None  # None: not readable, the clerk must set it
    extension_days: int = 0  # "trường hợp ... không quá N ngày làm việc" after the main rule, else 0
    problem: str = ""  # Vietnamese, why it was not read (shown to the clerk), "" when read


class _RefusedError(Exception):
    """The wording cannot be read; `reason` is the clerk's message with «{quote}» for the wording."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_UNREADABLE = "Không đọc được thời hạn «{quote}»"
_SEVERAL = "Thời hạn «{quote}» có nhiều mức cho các trường hợp khác nhau"
_MONTHS = "Thời hạn «{quote}» tính theo tháng, không quy đổi được ra ngày"
_PLAIN_HOURS = "Thời hạn «{quote}» không nói rõ là giờ làm việc hay giờ liên tục"
_OUT_OF_RANGE = (
    f"Thời hạn «{{quote}}» không hợp lệ: phải từ 1 đến {MAX_DAYS} ngày "
    f"hoặc từ 1 đến {MAX_WORKING_HOURS} giờ làm việc"
)
_WHAT_TO_DO = "; hãy đặt thời hạn cho thủ tục này."


def read_processing_time(text: str) -> TimeReading:
    """The due-date rule of a published processing time, or why it cannot be read (see the module doc)."""
    shown = " ".join(nfc(text).split())
    if not shown:
        return TimeReading(None, problem="Chưa có thời hạn giải quyết" + _WHAT_TO_DO)
    try:
        if len(shown) > MAX_TEXT:
            raise _RefusedError(_UNREADABLE)
        duration, extension = _read(_normalise(shown))
    except _RefusedError as refused:
        quote = shown if len(shown) <= QUOTE_LIMIT else shown[: QUOTE_LIMIT - 1].rstrip() + "…"
        return TimeReading(None, problem=refused.reason.format(quote=quote) + _WHAT_TO_DO)
    return TimeReading(duration, extension)


def _normalise(text: str) -> str:
    text = text.lower()
    text = re.sub(r"(\d+)\s*\([^()]*\)", r"\1", text)  # "05 (năm) ngày" → "05 ngày"
    text = re.sub(r"(\d{1,2}):(\d{2})", r"\1 giờ \2", text)
    text = re.sub(r"(\d)\s*h(?![^\W\d_])", r"\1 giờ ", text)  # "15h30", "2h" (not "15 hồ sơ")
    text = re.sub(r"\s*[-–—]\s*", " - ", text)
    text = " ".join(text.split())
    return _WORDS.sub(lambda match: str(_NUMBER_WORDS[match.group(1)]), text)


def _read(text: str) -> tuple[Duration, int]:
    clauses = [c.strip() for c in _CLAUSE_BREAK.split(text) if c.strip()]
    clauses = [c for c in clauses if not _MAY_TAKE_LONGER.fullmatch(c)]
    mains = [c for c in clauses if not re.match(_CONDITION, c)]
    conditions = [c for c in clauses if re.match(_CONDITION, c)]
    if re.search(r"\d+ tháng\b", text):
        raise _RefusedError(_MONTHS)
    if len(mains) != 1 or clauses[0] != mains[0]:
        several = sum(len(_ANY_AMOUNT.findall(c)) for c in mains) >= 2
        raise _RefusedError(_SEVERAL if several else _UNREADABLE)
    duration = _main_rule(mains[0])
    cutoff_written = duration.unit is DurationUnit.SAME_DAY and " trước " in mains[0]
    extension = 0
    for clause in conditions:
        if cutoff := _CUTOFF_CLAUSE.fullmatch(clause):
            if duration.unit is not DurationUnit.SAME_DAY:
                raise _RefusedError(_UNREADABLE)
            written = _clock(cutoff)
            if cutoff_written and duration.cutoff != written:  # two cut-offs that disagree
                raise _RefusedError(_UNREADABLE)
            duration, cutoff_written = Duration(DurationUnit.SAME_DAY, 0, written), True
        elif longer := _EXTENSION_CLAUSE.fullmatch(clause):
            extension = max(extension, _bounded(int(longer["n"]), MAX_DAYS))
        else:
            raise _RefusedError(_UNREADABLE)
    return duration, extension


def _main_rule(clause: str) -> Duration:
    if same_day := _SAME_DAY.fullmatch(clause):
        if same_day["h"] and same_day["later_h"]:
            raise _RefusedError(_UNREADABLE)  # "trước 16 giờ … sau 15 giờ": two cut-offs
        if same_day["later_h"]:
            return Duration(DurationUnit.SAME_DAY, 0, _clock(same_day, "later_"))
        return Duration(DurationUnit.SAME_DAY, 0, _clock(same_day) if same_day["h"] else DEFAULT_CUTOFF)
    amount = _AMOUNT.fullmatch(clause)
    if amount is None:
        several = len(_ANY_AMOUNT.findall(clause)) >= 2
        raise _RefusedError(_SEVERAL if several else _UNREADABLE)
    value = int(amount["n"])
    if amount["low"] is not None and not 1 <= int(amount["low"]) <= value:
        raise _RefusedError(_UNREADABLE)
    match amount["unit"]:
        case "ngày làm việc":
            return Duration(DurationUnit.WORKING_DAYS, _bounded(value, MAX_DAYS))
        case "ngày":
            return Duration(DurationUnit.CALENDAR_DAYS, _bounded(value, MAX_DAYS))
        case "giờ làm việc":
            return Duration(DurationUnit.WORKING_HOURS, _bounded(value, MAX_WORKING_HOURS))
        case _:
            if value > MAX_PLAIN_HOURS:
                raise _RefusedError(_PLAIN_HOURS)
            return Duration(DurationUnit.WORKING_HOURS, _bounded(value, MAX_PLAIN_HOURS))


def _bounded(value: int, limit: int) -> int:
    if not 1 <= value <= limit:
        raise _RefusedError(_OUT_OF_RANGE)
    return value


def _clock(match: re.Match[str], prefix: str = "") -> time:
    hour, minute = int(match[prefix + "h"]), int(match[prefix + "m"] or 0)
    if hour > 23 or minute > 59:
        raise _RefusedError(_UNREADABLE)
    return time(hour, minute)
