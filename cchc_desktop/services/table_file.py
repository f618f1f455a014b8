"""Reading an exchange file (CSV or the first sheet of an XLSX) as rows of cells, safely: whatever the
file holds, the clerk gets a Vietnamese message naming the file (and the line when there is one), never
a traceback, and a hostile file cannot take the memory or the afternoon.

- CSV: UTF-8 (a BOM is accepted) or UTF-16 with its BOM (Excel's "Unicode text"); comma, or tab or
  semicolon when the header line has no comma. A cell starting with an apostrophe before =, +, -, @ is
  read without that apostrophe (the guard our export writes, see `domain.cell_text`).
- XLSX: the zip's declared sizes are checked before openpyxl opens it (at most `MAX_XLSX_BYTES`
  uncompressed in all, `MAX_SHARED_STRINGS_BYTES` for the shared strings, no part inflating more than
  `MAX_RATIO` times, at most `MAX_PARTS` parts);
  the zip reader never inflates a part beyond its declared size, so these checks bound what is read.
  Only the first `MAX_COLUMNS` columns are read. A formula cell is read as its text ("=1000*4"), never
  as its cached value, which is empty (or 0) when no spreadsheet program computed it and may be stale:
  a text column keeps what was typed, a number or time column refuses it with the row and column.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.domain.cell_text import restore_csv_text

MAX_XLSX_BYTES = 400 * 1024 * 1024  # uncompressed, all parts together
# openpyxl streams the sheet but holds the whole shared-strings table in memory: its own, lower cap.
MAX_SHARED_STRINGS_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # a real sheet compresses 5 to 30 times; a zip bomb about 1000 times
MAX_PARTS = 10_000
MAX_COLUMNS = 100
# A cell longer than this stops the CSV reader with a line number only; shorter ones reach the row
# check, which names the column ("quá dài"). Python's default is 128 KiB.
MAX_CSV_CELL = 16 * 1024 * 1024
_MB = 1024 * 1024
_RATIO_FLOOR = _MB  # parts smaller than this are never a danger, whatever their ratio
SAVE_AS_UTF8 = "mở tệp bằng Excel, chọn Lưu thành “CSV UTF-8 (phân cách bằng dấu phẩy)” rồi nhập lại"


def read_table(path: Path, sheet: int = 0) -> Iterator[list[Any]]:
    """Rows of the file (of its `sheet`-th worksheet for an XLSX; a CSV has only sheet 0, and a sheet that
    is not there has no rows) as lists of cells; raises UserFacingError for a file that cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidInputError(f"Chỉ nhập được tệp .csv hoặc .xlsx: {path.name}")
    try:
        if suffix == ".csv":
            if sheet == 0:
                yield from _csv_rows(path)
        else:
            yield from _xlsx_rows(path, sheet)
    except OSError as error:
        raise UserFacingError(f"Không đọc được tệp {path.name}: {error.strerror or 'lỗi đọc đĩa'}.") from None


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    with open(path, "rb") as raw:
        head = raw.read(4096)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif head.count(0) * 4 > len(head):  # ASCII in UTF-16: every other byte is NUL
        raise InvalidInputError(
            f"Tệp {path.name} không phải văn bản UTF-8 (có thể là UTF-16 không có BOM); {SAVE_AS_UTF8}."
        )
    else:
        encoding = "utf-8-sig"
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_CELL))
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=_delimiter(handle))
        try:
            for row in reader:
                yield [restore_csv_text(cell) if cell[:1] == "'" else cell for cell in row]
        except UnicodeError:
            raise InvalidInputError(
                f"Tệp {path.name} không phải văn bản UTF-8 (có thể đang ở bảng mã Windows-1258, TCVN3 "
                f"hoặc VNI); {SAVE_AS_UTF8}."
            ) from None
        except csv.Error:
            raise InvalidInputError(
                f"Tệp {path.name}, dòng {reader.line_num}: một ô quá dài hoặc sai định dạng CSV "
                f"(ô dài nhất được {csv.field_size_limit()} ký tự); sửa dòng đó rồi nhập lại."
            ) from None


def _delimiter(handle: Any) -> str:
    try:
        first = handle.readline(64 * 1024)
    except UnicodeError:
        first = ""
    handle.seek(0)
    if "," not in first:
        for candidate in ("\t", ";"):
            if candidate in first:
                return candidate
    return ","


def check_xlsx_archive(path: Path) -> None:
    """Refuse a file that is not a zip, or whose parts would inflate beyond the limits."""
    broken = InvalidInputError(
        f"Tệp {path.name} không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng (chép thiếu?); "
        "mở và lưu lại bằng Excel, hoặc chép lại tệp, rồi nhập lại."
    )
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        raise broken from None
    total = sum(part.file_size for part in parts)
    shared = sum(part.file_size for part in parts if part.filename.lower().endswith("sharedstrings.xml"))
    for size, limit, what in (
        (len(parts), MAX_PARTS, f"{len(parts)} phần, tối đa {MAX_PARTS}"),
        (total, MAX_XLSX_BYTES, f"{_mb(total)} MB, tối đa {_mb(MAX_XLSX_BYTES)} MB"),
        (
            shared,
            MAX_SHARED_STRINGS_BYTES,
            f"bảng chữ dùng chung {_mb(shared)} MB, tối đa {_mb(MAX_SHARED_STRINGS_BYTES)} MB",
        ),
    ):
        if size > limit:
            raise InvalidInputError(
                f"Tệp {path.name} quá lớn khi giải nén ({what}); tách thành nhiều tệp nhỏ hơn rồi nhập lần lượt."
            )
    for part in parts:
        if part.file_size > _RATIO_FLOOR and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise InvalidInputError(
                f"Tệp {path.name} bị nén bất thường (một phần giải nén ra gấp hơn {MAX_RATIO} lần), có thể "
                "là tệp độc hại; không nhập. Xuất lại tệp từ hệ thống gốc."
            )


def _mb(size: int) -> int:
    return -(-size // _MB)  # rounded up: 1 byte over the limit is not shown as the limit itself


def _formula_text(value: Any) -> str:
    """A formula as typed: openpyxl gives a string, or an ArrayFormula holding its text."""
    return value if isinstance(value, str) else str(getattr(value, "text", "") or "")


def _xlsx_rows(path: Path, index: int) -> Iterator[list[Any]]:
    check_xlsx_archive(path)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
        try:
            if len(workbook.worksheets) <= index:
                return
            sheet: Any = workbook.worksheets[index]
            sheet.reset_dimensions()  # a forged dimension must not make every row 16,384 cells wide
            for cells in sheet.iter_rows(max_col=MAX_COLUMNS):
                yield [_formula_text(cell.value) if cell.data_type == "f" else cell.value for cell in cells]
        finally:
            workbook.close()
    except (
        InvalidFileException, zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, ValueError,
        TypeError, SyntaxError,  # xml.etree's ParseError is a SyntaxError
    ):  # fmt: skip
        raise InvalidInputError(
            f"Tệp {path.name} không đọc được như bảng tính Excel (tệp hỏng hoặc không đúng định dạng .xlsx); "
            "mở và lưu lại bằng Excel rồi nhập lại."
        ) from None
