"""A procedure list as provinces and the national portal publish it (XLSX or CSV), read and written.

One row per procedure under a header row found among the first rows (title lines above it are skipped);
the header names accepted are in `COLUMNS` (docs/catalogue.md lists them). Without a field column, a
heading row such as "I. LĨNH VỰC HỘ TỊCH" gives the field of the rows under it. Documents come from the
"Thành phần hồ sơ" cell (one per line) or, in an XLSX, from a second sheet with one document per row.

Reading never stops at the first bad row: every problem is collected as (row, column, reason) and the
caller writes nothing when there is one. The processing time is read by `domain.time_wording`; wording it
cannot read is not a problem of the file: the procedure comes in as "cần xác định thời hạn".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.files import write_file_atomically
from cchc_desktop.documents.catalogue_xlsx import catalogue_workbook
from cchc_desktop.domain.catalogue_text import (
    MAX_DOCUMENT_NAME,
    MAX_DOCUMENTS,
    document_lines,
    fee_amount_in,
    field_heading,
    is_code,
    write_document_lines,
)
from cchc_desktop.domain.cell_text import first_control, guard_csv_text, strip_controls
from cchc_desktop.domain.procedures import DOCUMENT_KINDS, Procedure, RequiredDocument
from cchc_desktop.domain.text import fold, nfc
from cchc_desktop.domain.time_wording import read_processing_time
from cchc_desktop.services.table_file import read_table

HEADER_SEARCH_ROWS = 30
MAX_ROWS = 5000  # a province's whole list is a few hundred to two thousand procedures
MAX_CELL = 20_000
MAX_NAME = 1000
RESOLVING_BODY = "Ủy ban nhân dân xã"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # what we write
    aliases: tuple[str, ...]  # what we accept besides it (compared without diacritics and punctuation)
    required: bool = False


COLUMNS = (
    Column("code", "Mã thủ tục", ("Mã TTHC", "Mã số", "Mã số TTHC", "Mã thủ tục hành chính", "Mã"), True),
    Column("name", "Tên thủ tục", ("Tên thủ tục hành chính", "Tên TTHC", "Thủ tục hành chính"), True),
    Column("field", "Lĩnh vực", ("Tên lĩnh vực", "Lĩnh vực thực hiện")),
    Column(
        "time",
        "Thời hạn giải quyết",
        ("Thời gian giải quyết", "Thời hạn", "Thời gian thực hiện", "Thời hạn giải quyết TTHC"),
    ),
    Column("fee", "Phí, lệ phí", ("Phí/lệ phí", "Phí, lệ phí (nếu có)", "Lệ phí", "Phí", "Mức phí, lệ phí")),
    Column("exemptions", "Miễn, giảm phí", ("Đối tượng miễn, giảm", "Miễn giảm phí, lệ phí", "Miễn, giảm")),
    Column("documents", "Thành phần hồ sơ", ("Thành phần, số lượng hồ sơ", "Hồ sơ", "Thành phần hồ sơ gồm")),
    Column("result", "Kết quả", ("Kết quả thực hiện", "Kết quả giải quyết", "Kết quả thực hiện TTHC")),
    Column("legal_basis", "Căn cứ pháp lý", ("Căn cứ pháp lý của TTHC", "Căn cứ pháp lý của thủ tục")),
    Column("decision", "Quyết định công bố", ("Số quyết định công bố", "QĐ công bố", "Quyết định")),
    Column(
        "body",
        "Cơ quan giải quyết",
        ("Cơ quan thực hiện", "Cơ quan có thẩm quyền", "Cơ quan giải quyết TTHC"),
    ),
    Column("fee_amount", "Mức thu (đồng)", ("Số tiền (đồng)",)),
    Column("extension", "Gia hạn tối đa (ngày làm việc)", ("Gia hạn tối đa",)),
)
DOCUMENT_COLUMNS = (
    Column("code", "Mã thủ tục", ("Mã TTHC", "Mã số", "Mã"), True),
    Column("name", "Tên giấy tờ", ("Tên thành phần hồ sơ", "Thành phần hồ sơ", "Giấy tờ"), True),
    Column("kind", "Bản chính/bản sao", ("Loại bản", "Bản chính hay bản sao", "Hình thức")),
    Column("count", "Số lượng", ("Số bản",)),
    Column("required", "Bắt buộc", ("Bắt buộc (có/không)",)),
)
_NUMBER_HEADERS = ("stt", "tt", "so tt", "so thu tu")


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based line of the file (of the sheet for the documents sheet)
    column: str  # the header as the clerk sees it
    reason: str  # Vietnamese, says what to fix
    sheet: str = ""

    def describe(self) -> str:
        where = f"trang «{self.sheet}», " if self.sheet else ""
        line = f"dòng {self.row}: " if self.row else ""
        return f"{where}{line}{self.column}: {self.reason}"


@dataclass(frozen=True)
class FileProcedure:
    """A row of the file as a procedure (its `effective_from` is the date the clerk gives) and its row."""

    procedure: Procedure
    row: int
    time_problem: str = ""  # why the time was not read ("" when it was)


@dataclass
class CatalogueFile:
    procedures: list[FileProcedure] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    columns: frozenset[str] = (
        frozenset()
    )  # the keys of `COLUMNS` the file has ("documents" from either place)


def read_catalogue_file(path: Path, effective_from: date) -> CatalogueFile:
    """The procedures of a published list and every problem found in it (see the module docstring)."""
    rows = _numbered(read_table(path))
    header_at, columns = _find_header(rows, COLUMNS, path)
    result = CatalogueFile()
    documents_sheet = _documents_sheet(path, result) if path.suffix.lower() == ".xlsx" else None
    result.columns = frozenset(columns) | ({"documents"} if documents_sheet is not None else set())
    seen: dict[str, int] = {}
    current_field = ""
    for number, cells in rows[header_at + 1 :]:
        texts = {key: _cell_text(cells, index) for key, index in columns.items()}
        if not texts.get("code"):
            heading = field_heading([_cell_text(cells, i) for i in range(len(cells))])
            if heading is not None:
                current_field = heading
                continue
        if not any(texts.values()):
            continue
        if len(result.procedures) >= MAX_ROWS:
            raise InvalidInputError(
                f"Tệp {path.name} có hơn {MAX_ROWS} thủ tục; không phải một danh mục cấp xã. Kiểm tra lại tệp."
            )
        listed = document_lines(texts.get("documents", ""))
        problems = _row_problems(number, texts, listed)
        code = texts.get("code", "")
        if code and code in seen and not problems:
            problems.append(RowProblem(number, _header("code"), f"mã {code} đã có ở dòng {seen[code]}"))
        if not texts.get("field") and not current_field and not problems:
            problems.append(
                RowProblem(
                    number, _header("field"), "thiếu lĩnh vực (không có cột hay dòng tiêu đề lĩnh vực)"
                )
            )
        if problems:
            result.problems.extend(problems)
            continue
        seen[code] = number
        documents = (
            documents_sheet.get(code, ())
            if documents_sheet is not None and "documents" not in columns
            else listed
        )
        reading = read_processing_time(texts.get("time", ""))
        fee_text = texts.get("fee", "")
        amount = texts.get("fee_amount", "")
        result.procedures.append(
            FileProcedure(
                Procedure(
                    code=code,
                    name=texts["name"],
                    field=texts.get("field") or current_field,
                    duration=reading.duration,
                    effective_from=effective_from,
                    max_extension_days=int(texts.get("extension") or reading.extension_days),
                    fee_amount=int(amount) if amount else fee_amount_in(fee_text),
                    fee_text=fee_text,
                    resolving_body=texts.get("body") or RESOLVING_BODY,
                    documents=documents,
                    duration_text=texts.get("time", ""),
                    fee_exemptions=texts.get("exemptions", ""),
                    result=texts.get("result", ""),
                    legal_basis=texts.get("legal_basis", ""),
                    decision=texts.get("decision", ""),
                ),
                number,
                reading.problem,
            )
        )
    if not result.procedures and not result.problems:
        raise InvalidInputError(f"Tệp {path.name} không có thủ tục nào dưới dòng tiêu đề.")
    return result


def _numbered(rows: Iterator[list[Any]]) -> list[tuple[int, list[Any]]]:
    numbered = []
    for number, cells in enumerate(rows, start=1):
        numbered.append((number, cells))
        if number > MAX_ROWS + HEADER_SEARCH_ROWS + 1000:  # heading and empty rows besides the procedures
            break
    return numbered


def _cell_text(cells: list[Any], index: int) -> str:
    if index >= len(cells) or cells[index] is None:
        return ""
    value = cells[index]
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()


def _header_key(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def _find_header(
    rows: list[tuple[int, list[Any]]], columns: tuple[Column, ...], path: Path, sheet: str = ""
) -> tuple[int, dict[str, int]]:
    names = {_header_key(alias): c.key for c in columns for alias in (c.header, *c.aliases)}
    for position, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for index, cell in enumerate(cells):
            key = names.get(_header_key(_cell_text(cells, index))) if cell is not None else None
            if key is not None and key not in found:
                found[key] = index
        if all(c.key in found for c in columns if c.required):
            return position, found
    required = ", ".join(f"«{c.header}»" for c in columns if c.required)
    where = f" (trang «{sheet}»)" if sheet else ""
    raise InvalidInputError(
        f"Không tìm thấy dòng tiêu đề có các cột {required} trong {HEADER_SEARCH_ROWS} dòng đầu của tệp "
        f"{path.name}{where}. Các tên cột được chấp nhận có trong hướng dẫn (docs/catalogue.md)."
    )


def _header(key: str) -> str:
    return next(c.header for c in COLUMNS if c.key == key)


def _row_problems(
    number: int, texts: dict[str, str], documents: tuple[RequiredDocument, ...]
) -> list[RowProblem]:
    problems = []
    for key, text in texts.items():
        limit = MAX_NAME if key in ("code", "name", "field") else MAX_CELL
        if len(text) > limit:
            problems.append(RowProblem(number, _header(key), f"dài {len(text)} ký tự, tối đa {limit}"))
        elif first_control(text) is not None:
            problems.append(
                RowProblem(number, _header(key), "có ký tự điều khiển không in được; xóa ký tự đó")
            )
    if problems:
        return problems
    code, name = texts.get("code", ""), texts.get("name", "")
    if not code:
        problems.append(RowProblem(number, _header("code"), "thiếu mã thủ tục"))
    elif not is_code(code):
        problems.append(
            RowProblem(
                number, _header("code"), "mã phải có dạng 1.001193 (mã quốc gia) hoặc chữ, số, dấu chấm, gạch"
            )
        )
    if not name:
        problems.append(RowProblem(number, _header("name"), "thiếu tên thủ tục"))
    elif "\n" in name:
        problems.append(RowProblem(number, _header("name"), "tên thủ tục phải nằm trên một dòng"))
    for key, limit in (("fee_amount", 100_000_000), ("extension", 60)):
        value = texts.get(key, "")
        if value and (not value.isdigit() or int(value) > limit):
            problems.append(
                RowProblem(number, _header(key), f"phải là số nguyên từ 0 đến {limit:,}".replace(",", "."))
            )
    if len(documents) > MAX_DOCUMENTS:
        problems.append(
            RowProblem(number, _header("documents"), f"{len(documents)} giấy tờ, tối đa {MAX_DOCUMENTS}")
        )
    elif any(len(d.name) > MAX_DOCUMENT_NAME for d in documents):
        problems.append(
            RowProblem(number, _header("documents"), f"một giấy tờ dài quá {MAX_DOCUMENT_NAME} ký tự")
        )
    return problems


def _documents_sheet(path: Path, result: CatalogueFile) -> dict[str, tuple[RequiredDocument, ...]] | None:
    rows = _numbered(read_table(path, sheet=1))
    if not any(any(c not in (None, "") for c in cells) for _n, cells in rows):
        return None
    sheet = "Thành phần hồ sơ"
    header_at, columns = _find_header(rows, DOCUMENT_COLUMNS, path, sheet)
    documents: dict[str, list[RequiredDocument]] = {}
    for number, cells in rows[header_at + 1 :]:
        texts = {key: _cell_text(cells, index) for key, index in columns.items()}
        if not any(texts.values()):
            continue
        code, name = texts.get("code", ""), texts.get("name", "")
        kind = _document_kind(texts.get("kind", ""))
        count = texts.get("count", "") or "1"
        if not code or not name:
            result.problems.append(
                RowProblem(number, "Mã thủ tục" if not code else "Tên giấy tờ", "thiếu", sheet)
            )
        elif len(name) > MAX_DOCUMENT_NAME or first_control(name) is not None:
            result.problems.append(
                RowProblem(number, "Tên giấy tờ", "quá dài hoặc có ký tự điều khiển", sheet)
            )
        elif kind is None:
            result.problems.append(
                RowProblem(
                    number, "Bản chính/bản sao", f"phải là một trong: {', '.join(DOCUMENT_KINDS)}", sheet
                )
            )
        elif not count.isdigit() or not 1 <= int(count) <= 100:
            result.problems.append(RowProblem(number, "Số lượng", "phải là số từ 1 đến 100", sheet))
        else:
            required = fold(texts.get("required", "")) not in ("khong", "k", "no", "0", "neu co")
            documents.setdefault(code, []).append(RequiredDocument(name, kind, int(count), required))
    return {code: tuple(items) for code, items in documents.items()}


def _document_kind(text: str) -> str | None:
    if not text:
        return "bản chính"
    folded = fold(text)
    for kind in DOCUMENT_KINDS:
        if fold(kind) == folded:
            return kind
    return {"chinh": "bản chính", "sao": "bản sao", "ban chup": "bản photo", "photo": "bản photo"}.get(folded)


# --- writing -------------------------------------------------------------------------------------------


def catalogue_rows(procedures: list[Procedure]) -> list[list[str | int]]:
    """The header and one row per procedure, as `read_catalogue_file` reads them back."""
    rows: list[list[str | int]] = [["STT", *(c.header for c in COLUMNS)]]
    for number, procedure in enumerate(procedures, start=1):
        values: dict[str, str | int] = {
            "code": procedure.code,
            "name": procedure.name,
            "field": procedure.field,
            "time": procedure.duration_text or (procedure.duration.describe() if procedure.duration else ""),
            "fee": procedure.fee_text,
            "exemptions": procedure.fee_exemptions,
            "documents": write_document_lines(procedure.documents),
            "result": procedure.result,
            "legal_basis": procedure.legal_basis,
            "decision": procedure.decision,
            "body": procedure.resolving_body,
            "fee_amount": procedure.fee_amount,
            "extension": procedure.max_extension_days,
        }
        rows.append([number, *(values[c.key] for c in COLUMNS)])
    return rows


def write_catalogue_file(path: Path, procedures: list[Procedure]) -> Path:
    """Write the list as .xlsx or .csv (UTF-8 with BOM, so Excel shows the diacritics), atomically."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InvalidInputError(f"Chỉ xuất được tệp .xlsx hoặc .csv: {path.name}")
    rows = catalogue_rows(procedures)
    if suffix == ".xlsx":
        return write_file_atomically(path, catalogue_workbook(rows))
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    for row in rows:
        writer.writerow([guard_csv_text(strip_controls(v)) if isinstance(v, str) else v for v in row])
    return write_file_atomically(path, text.getvalue().encode("utf-8-sig"))
