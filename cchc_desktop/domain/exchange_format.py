"""The exchange file: one dossier per row, the columns, their Vietnamese aliases, and the checks every
row must pass before anything is written (docs/exchange-format.md)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cchc_desktop.domain.cell_text import first_control
from cchc_desktop.domain.dossiers import Channel, DossierStatus, PaymentMethod
from cchc_desktop.domain.identifiers import check_person_id, check_phone, normalize_phone
from cchc_desktop.domain.text import fold, nfc
from cchc_desktop.domain.vn_format import money

COLUMNS = (
    "code",
    "procedure_code",
    "procedure_name",
    "field",
    "channel",
    "applicant_name",
    "applicant_id",
    "phone",
    "address",
    "received_at",
    "due_at",
    "resolved_at",
    "returned_at",
    "status",
    "status_at",
    "fee",
    "payment",
)
REQUIRED_COLUMNS = ("code", "applicant_name", "received_at")

# Vietnamese header names accepted for each column (compared without case and diacritics).
ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("mã hồ sơ", "ma ho so", "số hồ sơ"),
    "procedure_code": ("mã thủ tục", "mã TTHC"),
    "procedure_name": ("tên thủ tục", "thủ tục", "tên TTHC"),
    "field": ("lĩnh vực",),
    "channel": ("kênh nộp", "hình thức nộp", "kênh"),
    "applicant_name": ("người nộp", "họ tên", "họ và tên", "tên tổ chức, cá nhân"),
    "applicant_id": ("số định danh", "số CCCD", "CCCD", "số giấy tờ"),
    "phone": ("số điện thoại", "điện thoại", "SĐT"),
    "address": ("địa chỉ",),
    "received_at": ("ngày nhận", "thời gian nhận", "ngày tiếp nhận"),
    "due_at": ("hạn trả", "ngày hẹn trả", "hẹn trả kết quả"),
    "resolved_at": ("ngày có kết quả", "ngày giải quyết xong"),
    "returned_at": ("ngày trả kết quả", "ngày trả"),
    "status": ("trạng thái",),
    "status_at": ("thời điểm trạng thái", "ngày trạng thái"),
    "fee": ("phí", "lệ phí", "phí, lệ phí"),
    "payment": ("thanh toán", "hình thức thanh toán"),
}
_HEADER_NAMES = {fold(name): column for column in COLUMNS for name in (column, *ALIASES.get(column, ()))}

CHANNELS = {
    **{c.value: c for c in Channel},
    "truc tiep": Channel.DIRECT,
    "truc tuyen": Channel.ONLINE,
    "buu chinh": Channel.POSTAL,
    "buu chinh cong ich": Channel.POSTAL,
}
SIDE_STATUSES = {
    **{
        s.value: s
        for s in (
            DossierStatus.WAITING_SUPPLEMENT,
            DossierStatus.REFUSED,
            DossierStatus.WITHDRAWN,
            DossierStatus.STOPPED,
        )
    },
    "cho bo sung": DossierStatus.WAITING_SUPPLEMENT,
    "tu choi": DossierStatus.REFUSED,
    "rut ho so": DossierStatus.WITHDRAWN,
    "dung giai quyet": DossierStatus.STOPPED,
}
PAYMENTS = {
    **{p.value: p for p in PaymentMethod},
    "truc tuyen": PaymentMethod.ONLINE,
    "tien mat": PaymentMethod.CASH,
    "chuyen khoan": PaymentMethod.TRANSFER,
    "khong": PaymentMethod.NONE,
    "": PaymentMethod.NONE,
}
_TIME_FORMATS = (
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M",
)
# `_TIME_FORMATS` as regular expressions, for `_quick_moment`: the field widths strptime accepts.
_ISO_TIME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?", re.ASCII)
_VN_TIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{1,2})", re.ASCII)
MAX_TEXT = 500
# Times outside these years are typing or conversion errors (0001, 9999), and the due-date arithmetic
# would overflow near the ends of the calendar.
MIN_YEAR, MAX_YEAR = 1990, 2099
MAX_FEE = 1_000_000_000  # đồng; a commune fee is far below, and SQLite integers end at 2**63
TIME_HINT = "YYYY-MM-DDTHH:MM hoặc DD/MM/YYYY HH:MM"


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.line}: {self.column}: {self.reason}"


class YearOutOfRangeError(ValueError):
    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


@dataclass(frozen=True)
class ExchangeRow:
    line: int
    code: str
    procedure_code: str
    procedure_name: str
    field: str
    channel: Channel
    applicant_name: str
    applicant_id: str
    phone: str
    address: str
    received_at: datetime
    due_at: datetime | None
    resolved_at: datetime | None
    returned_at: datetime | None
    status: DossierStatus | None
    status_at: datetime | None
    fee: int
    payment: PaymentMethod

    def lifecycle_status(self) -> DossierStatus:
        if self.status is not None:
            return self.status
        if self.returned_at is not None:
            return DossierStatus.RETURNED
        if self.resolved_at is not None:
            return DossierStatus.RESULT_READY
        return DossierStatus.RECEIVED


def map_header(cells: list[Any]) -> tuple[dict[int, str], list[RowProblem]]:
    """Column index → column name, from the header row (line 1).

    An unknown header is named by its position, not its text: a file without a header row has a
    citizen's data on line 1."""
    mapping: dict[int, str] = {}
    problems: list[RowProblem] = []
    for index, cell in enumerate(cells):
        name = fold(str(cell or ""))
        if not name:
            continue
        column = _HEADER_NAMES.get(name)
        if column is None:
            problems.append(
                RowProblem(
                    1, f"cột thứ {index + 1}", "tên cột không có trong định dạng trao đổi (xem hướng dẫn)"
                )
            )
        elif column in mapping.values():
            problems.append(RowProblem(1, column, f"cột {column} xuất hiện hai lần (cột thứ {index + 1})"))
        else:
            mapping[index] = column
    for column in REQUIRED_COLUMNS:
        if column not in mapping.values():
            problems.append(RowProblem(1, column, "thiếu cột bắt buộc"))
    if "procedure_code" not in mapping.values() and "procedure_name" not in mapping.values():
        problems.append(RowProblem(1, "procedure_code", "cần cột procedure_code hoặc procedure_name"))
    return mapping, problems


def text_of(value: Any) -> str:
    """A cell as stored text (NFC, trimmed); a whole float (XLSX numbers) without its '.0'."""
    if value is None:
        return ""
    if value.__class__ is str:  # a CSV cell: nfc() inlined, this runs 17 times a row
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def parse_time(value: Any) -> datetime | None:
    """A time cell: empty → None; datetime cells (XLSX) as they are; text in the accepted formats.

    Raises ValueError for anything else, `YearOutOfRangeError` for a year outside MIN_YEAR..MAX_YEAR."""
    moment = _moment(value)
    if moment is not None and not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise YearOutOfRangeError(moment.year)
    return moment


def _moment(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    if not text or len(text) > 40:
        if text:
            raise ValueError("too long")
        return None
    if (quick := _quick_moment(text)) is not None:
        return quick
    for pattern in _TIME_FORMATS:
        try:
            return datetime.strptime(text, pattern).replace(second=0)
        except ValueError:
            continue
    raise ValueError("unreadable")


def _quick_moment(text: str) -> datetime | None:
    """The usual shapes (ASCII digits, as our export and the online system write them) without strptime,
    which costs about 10 µs a call; None leaves anything else, valid or not, to the strptime loop. A match
    gives what strptime gives: the same fields, and datetime() refuses the same days and hours."""
    iso = _ISO_TIME.fullmatch(text)
    if iso is not None:
        year, month, day, hour, minute, second = iso.groups()
    else:
        vn = _VN_TIME.fullmatch(text)
        if vn is None:
            return None
        day, month, year, hour, minute = vn.groups()
        second = None
    if second is not None and int(second) > 59:
        return None
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute))
    except ValueError:
        return None


def _money(value: Any) -> int:
    """A fee in đồng; ValueError when unreadable, negative or above MAX_FEE."""
    if value is None or value == "":
        return 0
    if isinstance(value, int | float):
        if value < 0 or (isinstance(value, float) and not value.is_integer()):
            raise ValueError("not a whole amount")
        amount = int(value)
    else:
        digits = re.sub(r"[.,\s]|đ(ồng)?$", "", str(value).strip().lower())
        if not digits.isascii() or not digits.isdigit() or len(digits) > 15:
            raise ValueError("not a whole amount")
        amount = int(digits)
    if amount > MAX_FEE:
        raise ValueError("too large")
    return amount


def _not_a_value(cell: str, reason: str) -> str:
    """`reason`, saying so when the cell is a spreadsheet formula (read as its text, never computed)."""
    if cell.startswith("="):
        return f"{reason} (ô là công thức Excel; chép rồi dán dạng giá trị, Paste Special → Values)"
    return reason


def parse_row(line: int, values: dict[str, Any]) -> tuple[ExchangeRow | None, list[RowProblem]]:
    """Check one data row (`line` is its line in the file, the header being line 1)."""
    problems: list[RowProblem] = []

    def problem(column: str, reason: str) -> None:
        problems.append(RowProblem(line, column, reason))

    text = {column: text_of(values.get(column)) for column in COLUMNS}
    has_control = first_control("".join(text.values())) is not None  # one search for the usual row
    for column, value in text.items():
        if len(value) > MAX_TEXT:
            problem(column, f"quá dài ({len(value)} ký tự, tối đa {MAX_TEXT})")
        elif has_control and (control := first_control(value)) is not None:
            problem(
                column,
                f"có ký tự điều khiển không in được (mã U+{ord(control):04X}); xóa ký tự đó trong ô rồi nhập lại",
            )
    if not text["code"]:
        problem("code", "thiếu mã hồ sơ")
    if not text["applicant_name"]:
        problem("applicant_name", "thiếu tên người nộp")
    if not text["procedure_code"] and not text["procedure_name"]:
        problem("procedure_code", "thiếu mã hoặc tên thủ tục")
    # The keys are folded already: a cell written as a key (our export, the usual case) needs no folding.
    channel = CHANNELS.get(text["channel"]) or CHANNELS.get(fold(text["channel"]) or "direct")
    if channel is None:
        problem(
            "channel",
            "kênh nộp không hợp lệ; ghi direct, online hoặc postal (trực tiếp, trực tuyến, bưu chính)",
        )
    status = None
    if text["status"]:
        status = SIDE_STATUSES.get(fold(text["status"]))
        if status is None:
            problem(
                "status",
                "trạng thái không hợp lệ; để trống hoặc ghi waiting_supplement, refused, withdrawn, stopped",
            )
    payment = PAYMENTS.get(text["payment"]) or PAYMENTS.get(fold(text["payment"]))
    if payment is None:
        problem("payment", "hình thức thanh toán không hợp lệ; ghi online, cash, transfer hoặc none")
    times: dict[str, datetime | None] = {}
    for column in ("received_at", "due_at", "resolved_at", "returned_at", "status_at"):
        try:
            times[column] = parse_time(values.get(column))
        except YearOutOfRangeError as out_of_range:
            problem(
                column, f"năm {out_of_range.year} ngoài khoảng {MIN_YEAR}–{MAX_YEAR}; kiểm tra lại ngày giờ"
            )
            times[column] = None
        except ValueError:
            problem(column, _not_a_value(text[column], f"ngày giờ không hợp lệ; ghi theo dạng {TIME_HINT}"))
            times[column] = None
    received = times["received_at"]
    if received is None and not any(p.column == "received_at" for p in problems):
        problem("received_at", "thiếu thời gian nhận hồ sơ")
    if received is not None:
        for column, label in (
            ("due_at", "hạn trả"),
            ("resolved_at", "ngày có kết quả"),
            ("returned_at", "ngày trả kết quả"),
            ("status_at", "thời điểm trạng thái"),
        ):
            moment = times[column]
            if moment is not None and moment < received:
                problem(column, f"{label} trước thời gian nhận hồ sơ")
    resolved, returned = times["resolved_at"], times["returned_at"]
    if resolved is not None and returned is not None and returned < resolved:
        problem("returned_at", "ngày trả kết quả trước ngày có kết quả")
    if status is not None and (resolved is not None or returned is not None):
        problem("status", f"trạng thái {status.value} mâu thuẫn với ngày có kết quả/ngày trả kết quả")
    if status is not None and times["status_at"] is None:
        problem("status_at", "thiếu thời điểm của trạng thái")
    if text["applicant_id"] and (error := check_person_id(text["applicant_id"]).error):
        problem("applicant_id", error)
    phone = text["phone"]
    if phone.isdigit() and len(phone) == 9:  # a spreadsheet dropped the leading zero
        phone = "0" + phone
    if phone and (error := check_phone(phone)):
        problem("phone", error)
    try:
        fee = _money(values.get("fee"))
    except ValueError:
        problem(
            "fee", _not_a_value(text["fee"], f"số tiền không hợp lệ; ghi số đồng, từ 0 đến {money(MAX_FEE)}")
        )
        fee = 0
    if problems or received is None or channel is None or payment is None:
        return None, problems
    return (
        ExchangeRow(
            line=line,
            code=text["code"],
            procedure_code=text["procedure_code"],
            procedure_name=text["procedure_name"],
            field=text["field"],
            channel=channel,
            applicant_name=" ".join(text["applicant_name"].split()),
            applicant_id=text["applicant_id"].replace(" ", "").replace(".", "").upper(),
            phone=normalize_phone(phone) if phone else "",
            address=text["address"],
            received_at=received,
            due_at=times["due_at"],
            resolved_at=resolved if resolved is not None else returned,
            returned_at=returned,
            status=status,
            status_at=times["status_at"],
            fee=fee,
            payment=payment,
        ),
        [],
    )


def format_time(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%Y-%m-%dT%H:%M}"
