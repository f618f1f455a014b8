"""Reading a procedure's published processing time ("thời hạn giải quyết") into a due-date rule.

One table: the wording as provinces publish it, and what the app must read from it. Wording it cannot read
(unit None) must come back without a duration and with a Vietnamese `problem` for the clerk."""

from __future__ import annotations

import time as time_module
import unicodedata
from datetime import time

import pytest

from cchc_desktop.domain.deadlines import Duration, DurationUnit
from cchc_desktop.domain.time_wording import TimeReading, read_processing_time

WD = DurationUnit.WORKING_DAYS
CD = DurationUnit.CALENDAR_DAYS
WH = DurationUnit.WORKING_HOURS
SD = DurationUnit.SAME_DAY
H15 = time(15, 0)

# (wording, unit or None when it must be refused, value, cut-off for SAME_DAY, extension days)
TABLE: list[tuple[str, DurationUnit | None, int, time | None, int]] = [
    # --- working days
    ("03 ngày làm việc", WD, 3, None, 0),
    ("05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", WD, 5, None, 0),
    ("Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ", WD, 3, None, 0),
    ("Trong 01 ngày làm việc", WD, 1, None, 0),
    ("01 ngày làm việc", WD, 1, None, 0),
    ("12 ngày làm việc", WD, 12, None, 0),
    ("Không quá 05 ngày làm việc", WD, 5, None, 0),
    ("Tối đa 07 ngày làm việc.", WD, 7, None, 0),
    ("3 ngày làm việc", WD, 3, None, 0),
    ("  03   NGÀY  làm  việc. ", WD, 3, None, 0),
    ("03 ngày\nlàm việc kể từ ngày nhận\nđủ hồ sơ hợp lệ.", WD, 3, None, 0),
    ("05 (năm) ngày làm việc", WD, 5, None, 0),
    ("Năm ngày làm việc", WD, 5, None, 0),
    ("mười lăm ngày làm việc", WD, 15, None, 0),
    ("10 ngày làm việc kể từ khi nhận đủ hồ sơ theo quy định", WD, 10, None, 0),
    ("Không quá 05 ngày làm việc (kể từ ngày nhận đủ hồ sơ hợp lệ)", WD, 5, None, 0),
    ("03 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ", WD, 3, None, 0),
    # --- Nghị định 23/2015 (chứng thực) as the national portal words it; "có thể kéo dài ... theo thỏa thuận"
    #     names no time: decided per dossier, not a rule
    (
        "Ngay trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận"
        " sau 15 giờ.",
        SD,
        0,
        H15,
        0,
    ),
    (
        "Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận sau"
        " 16 giờ; có thể kéo dài hơn theo thỏa thuận bằng văn bản.",
        SD,
        0,
        time(16, 0),
        0,
    ),
    (
        "Thực hiện ngay trong ngày tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ;"
        " trường hợp khối lượng lớn/phức tạp có thể kéo dài theo quy định.",
        SD,
        0,
        H15,
        0,
    ),
    (
        "Không quá 02 (hai) ngày làm việc kể từ ngày nhận đủ hồ sơ yêu cầu chứng thực; có thể kéo dài hơn theo"
        " thỏa thuận bằng văn bản.",
        WD,
        2,
        None,
        0,
    ),
    (
        "Trong ngày (tiếp nhận trước 16 giờ) hoặc trong ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ",
        None,
        0,
        None,
        0,
    ),
    # --- ranges count as their longer bound
    ("03 - 05 ngày làm việc", WD, 5, None, 0),
    ("03-05 ngày làm việc", WD, 5, None, 0),
    ("03 – 05 ngày làm việc", WD, 5, None, 0),
    ("03 đến 05 ngày làm việc", WD, 5, None, 0),
    ("Từ 03 đến 05 ngày làm việc", WD, 5, None, 0),
    ("ba đến năm ngày làm việc", WD, 5, None, 0),
    # --- calendar days
    ("Không quá 30 ngày", CD, 30, None, 0),
    ("15 ngày", CD, 15, None, 0),
    ("30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ", CD, 30, None, 0),
    ("Ba mươi ngày", CD, 30, None, 0),
    # --- working hours: a "giờ" published at a counter is office time
    ("02 giờ làm việc", WH, 2, None, 0),
    ("04 giờ", WH, 4, None, 0),
    ("Trong 2h", WH, 2, None, 0),
    ("Không quá 08 giờ làm việc kể từ khi nhận đủ hồ sơ", WH, 8, None, 0),
    ("16 giờ làm việc", WH, 16, None, 0),
    # --- same day
    ("Trong ngày", SD, 0, H15, 0),
    ("Ngay trong ngày", SD, 0, H15, 0),
    ("Trong ngày làm việc", SD, 0, H15, 0),
    ("Ngay trong ngày làm việc", SD, 0, H15, 0),
    ("Ngay trong ngày tiếp nhận", SD, 0, H15, 0),
    ("Ngay sau khi nhận đủ hồ sơ hợp lệ", SD, 0, H15, 0),
    (
        "Ngay trong ngày tiếp nhận; trường hợp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
        SD,
        0,
        H15,
        0,
    ),
    (
        "Ngay trong ngày tiếp nhận; trường hợp nhận sau 16 giờ thì trả kết quả trong ngày làm việc tiếp theo",
        SD,
        0,
        time(16, 0),
        0,
    ),
    (
        "Trong ngày; trường hợp nhận hồ sơ sau 15 giờ 30 thì trả kết quả trong ngày làm việc tiếp theo.",
        SD,
        0,
        time(15, 30),
        0,
    ),
    (
        "Trong ngày, trường hợp tiếp nhận sau 15h30 thì trả kết quả vào ngày làm việc kế tiếp",
        SD,
        0,
        time(15, 30),
        0,
    ),
    ("Trong ngày (tiếp nhận trước 15 giờ)", SD, 0, H15, 0),
    ("Trong ngày (tiếp nhận trước 16 giờ)", SD, 0, time(16, 0), 0),
    ("Trong ngày; trường hợp nhận sau 15:30 thì trả kết quả vào ngày hôm sau", SD, 0, time(15, 30), 0),
    # --- a main rule, then a longer conditional one: the extension
    ("Ngay trong ngày tiếp nhận; trường hợp cần xác minh thì không quá 05 ngày làm việc", SD, 0, H15, 5),
    (
        "03 ngày làm việc; trường hợp phải xác minh thì thời hạn kéo dài thêm không quá 05 ngày làm việc",
        WD,
        3,
        None,
        5,
    ),
    (
        "Ngay trong ngày tiếp nhận; trường hợp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo; "
        "trường hợp cần xác minh thì không quá 03 ngày làm việc",
        SD,
        0,
        H15,
        3,
    ),
    ("05 ngày làm việc. Trường hợp phức tạp thì tối đa 10 ngày làm việc.", WD, 5, None, 10),
    ("Trong ngày; nếu cần xác minh thì không quá 02 ngày làm việc", SD, 0, H15, 2),
    # --- refused: the clerk sets the time
    ("", None, 0, None, 0),
    ("   ", None, 0, None, 0),
    ("Không quy định", None, 0, None, 0),
    ("Theo quy định", None, 0, None, 0),
    ("Tùy trường hợp", None, 0, None, 0),
    ("Theo thời gian ghi trong giấy hẹn", None, 0, None, 0),
    ("05 ngày đối với trường hợp A, 10 ngày đối với trường hợp B", None, 0, None, 0),
    ("05 ngày làm việc đối với hồ sơ cá nhân; 10 ngày làm việc đối với hồ sơ tổ chức", None, 0, None, 0),
    ("01 tháng", None, 0, None, 0),
    ("03 tháng kể từ ngày nhận đủ hồ sơ", None, 0, None, 0),
    ("0 ngày làm việc", None, 0, None, 0),
    ("400 ngày", None, 0, None, 0),
    ("366 ngày làm việc", None, 0, None, 0),
    ("41 giờ làm việc", None, 0, None, 0),
    ("24 giờ", None, 0, None, 0),
    ("05 - 03 ngày làm việc", None, 0, None, 0),
    ("02 giờ 30 phút", None, 0, None, 0),
    (
        "03 ngày làm việc; trường hợp nhận sau 15 giờ thì trả kết quả vào ngày làm việc tiếp theo",
        None,
        0,
        None,
        0,
    ),
    (
        "Trong ngày; trường hợp nhận sau 25 giờ thì trả kết quả trong ngày làm việc tiếp theo",
        None,
        0,
        None,
        0,
    ),
    ("03 ngày làm việc; trường hợp hồ sơ phức tạp thì theo quyết định của Chủ tịch", None, 0, None, 0),
    ("03 ngày làm việc hoặc 05 ngày làm việc", None, 0, None, 0),
    ("Trường hợp cần xác minh thì không quá 05 ngày làm việc", None, 0, None, 0),
    ("03 ngày làm việc; trường hợp cần xác minh thì không quá 30 ngày", None, 0, None, 0),
    ("Trong ngày; trường hợp nhận sau 15 giờ thì trả kết quả sau 02 ngày làm việc", None, 0, None, 0),
    (
        "Trong ngày (tiếp nhận trước 15 giờ); trường hợp nhận sau 16 giờ thì trả kết quả trong ngày làm việc tiếp theo",
        None,
        0,
        None,
        0,
    ),
    ("Trong ngày làm việc tiếp theo", None, 0, None, 0),
    ("15 hồ sơ", None, 0, None, 0),
]


def _expected(unit: DurationUnit | None, value: int, cutoff: time | None) -> Duration | None:
    if unit is None:
        return None
    if unit is DurationUnit.SAME_DAY:
        return Duration(unit, 0, cutoff or H15)
    return Duration(unit, value)


@pytest.mark.parametrize(
    ("wording", "unit", "value", "cutoff", "extension"), TABLE, ids=[r[0][:60] for r in TABLE]
)
def test_wording_table(
    wording: str, unit: DurationUnit | None, value: int, cutoff: time | None, extension: int
) -> None:
    reading = read_processing_time(wording)
    assert reading.duration == _expected(unit, value, cutoff)
    assert reading.extension_days == extension
    if unit is None:
        # The clerk is told what to do, in Vietnamese, about the wording that was published.
        assert reading.problem.endswith("hãy đặt thời hạn cho thủ tục này.")
        assert "«" in reading.problem or not wording.strip()
    else:
        assert reading.problem == ""


@pytest.mark.parametrize(("wording", "_unit", "_value", "_cutoff", "_extension"), TABLE[:45])
def test_decomposed_input_reads_the_same(
    wording: str, _unit: object, _value: int, _cutoff: object, _extension: int
) -> None:
    assert read_processing_time(unicodedata.normalize("NFD", wording)) == read_processing_time(wording)


@pytest.mark.parametrize(
    "wording",
    [
        "1" * 10_000 + " ngày",
        "trường hợp a thì " + "1" * 5_000,
        "03 ngày làm việc; trường hợp " + ", thì " * 3_000,
        "Trong ngày; trường hợp nhận sau 15 giờ " + "tiếp theo " * 3_000,
        "(" * 5_000 + "1",
    ],
    ids=["huge number", "digits", "separators", "long condition", "brackets"],
)
def test_hostile_text_is_refused_quickly(wording: str) -> None:
    started = time_module.perf_counter()
    reading = read_processing_time(wording)
    assert reading.duration is None
    assert reading.problem.startswith("Không đọc được thời hạn «")
    assert time_module.perf_counter() - started < 0.05


def test_problem_quotes_the_wording_shortened() -> None:
    reading = read_processing_time("Tùy trường hợp")
    assert reading == TimeReading(
        None, 0, "Không đọc được thời hạn «Tùy trường hợp»; hãy đặt thời hạn cho thủ tục này."
    )
    long = "Theo thời gian ghi trong giấy hẹn trả kết quả do cán bộ tiếp nhận hồ sơ ghi cho từng trường hợp cụ thể"
    problem = read_processing_time(long).problem
    quoted = problem[problem.index("«") + 1 : problem.index("»")]
    assert quoted.endswith("…")
    assert len(quoted) <= 61


@pytest.mark.parametrize(
    ("wording", "says"),
    [
        ("", "Chưa có thời hạn"),
        ("03 tháng", "tháng"),
        ("05 ngày đối với trường hợp A, 10 ngày đối với trường hợp B", "nhiều mức"),
        ("400 ngày", "365"),
        ("41 giờ làm việc", "40"),
        ("24 giờ", "giờ làm việc"),
    ],
)
def test_problem_says_why(wording: str, says: str) -> None:
    assert says in read_processing_time(wording).problem


ROUND_TRIP = [
    *(Duration(DurationUnit.WORKING_DAYS, n) for n in (1, 3, 10, 45, 365)),
    *(Duration(DurationUnit.CALENDAR_DAYS, n) for n in (1, 15, 30, 365)),
    *(Duration(DurationUnit.WORKING_HOURS, n) for n in (1, 2, 8, 40)),
    Duration(DurationUnit.SAME_DAY, 0, time(15, 0)),
    Duration(DurationUnit.SAME_DAY, 0, time(16, 0)),
    Duration(DurationUnit.SAME_DAY, 0, time(15, 30)),
]


@pytest.mark.parametrize("duration", ROUND_TRIP, ids=[d.describe() for d in ROUND_TRIP])
def test_described_duration_reads_back(duration: Duration) -> None:
    """What the receipt prints can be imported again as the same rule."""
    assert read_processing_time(duration.describe()) == TimeReading(duration)
