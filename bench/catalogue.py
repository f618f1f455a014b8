"""Importing a province's whole published list and filtering the catalogue window, beside their floors.

    python bench/catalogue.py [--procedures 2000]

A list as large as a province publishes for all its levels (`--procedures`, each with six documents in one
cell, a legal basis and a fee, every tenth time unreadable) is written as XLSX and imported from a date into
a new SQLite database holding the default list: the preview (`plan_import`: read the file, compare it with
the catalogue on the date), the write (`apply_import`: one transaction with an audit entry per procedure),
then importing the same file again (nothing changes). Then the list the catalogue window shows
(`catalogue_entries`), and one search without diacritics over it.

Floors in the same run: openpyxl's read-only iteration over the same file (what reading the list cannot
beat), and a plain SELECT of every procedure and document row.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/catalogue.py` as well as `python -m bench.catalogue`
    sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from cchc_desktop.core.paths import resolve_paths  # noqa: E402
from cchc_desktop.services import catalogue  # noqa: E402
from cchc_desktop.services.catalogue_import import apply_import, plan_import  # noqa: E402
from cchc_desktop.services.workspace import open_workspace  # noqa: E402
from cchc_desktop.storage.database import Database  # noqa: E402

T = TypeVar("T")
FROM = date(2026, 1, 1)
TIMES = ("03 ngày làm việc", "Trong ngày; trường hợp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
         "Không quá 15 ngày", "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "03 - 05 ngày làm việc",
         "02 giờ làm việc", "10 ngày làm việc; trường hợp cần xác minh thì không quá 15 ngày làm việc",
         "Trong ngày", "07 ngày làm việc", "Tùy theo tính chất vụ việc")  # fmt: skip
FIELDS = ("Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Bảo trợ xã hội", "Người có công", "Nông nghiệp")


def write_list(path: Path, procedures: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh mục")
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH (kèm theo Quyết định số 1234/QĐ-UBND)"])
    sheet.append([])
    sheet.append(["STT", "Mã TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Thời hạn giải quyết", "Phí, lệ phí",
                  "Thành phần hồ sơ", "Kết quả thực hiện", "Căn cứ pháp lý"])  # fmt: skip
    for number in range(1, procedures + 1):
        documents = "\n".join(
            f"- Giấy tờ số {d} của thủ tục {number}, bản sao có chứng thực (0{d % 3 + 1} bản);"
            for d in range(1, 7)
        )
        sheet.append([
            number, f"9.{number:06d}", f"Thủ tục thử nghiệm số {number} về đăng ký và xác nhận thông tin",
            FIELDS[number % len(FIELDS)], TIMES[number % len(TIMES)], f"{(number % 5) * 10_000:,} đồng".replace(",", "."),
            documents, "Giấy xác nhận", "Luật Hộ tịch năm 2014\nNghị định số 123/2015/NĐ-CP",
        ])  # fmt: skip
    book.save(path)


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def floor_read(path: Path) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    book = load_workbook(path, read_only=True)
    for _row in book.worksheets[0].iter_rows(values_only=True):
        pass
    book.close()
    return (time.perf_counter() - start) * 1000


def floor_select(db: Database) -> float:
    from sqlalchemy import text

    start = time.perf_counter()
    with db.read() as tx:
        tx.connection().execute(text("SELECT * FROM procedure")).fetchall()
        tx.connection().execute(text("SELECT * FROM procedure_document")).fetchall()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "danh-muc-tinh.xlsx"
        write_list(source, args.procedures)
        ws = open_workspace(resolve_paths(str(Path(folder) / "cchc.sqlite3")))
        try:
            preview_ms, plan = timed(lambda: plan_import(ws, source, FROM))
            write_ms, result = timed(lambda: apply_import(ws, plan))
            again_ms, again = timed(lambda: plan_import(ws, source, FROM))
            entries_ms, entries = timed(lambda: catalogue.catalogue_entries(ws.db, FROM))
            search_ms, found = timed(lambda: catalogue.catalogue_entries(ws.db, FROM, search="thu tuc so 19"))
            figures = {
                "file_kb": source.stat().st_size / 1024,
                "preview_ms": preview_ms,
                "floor_openpyxl_read_ms": floor_read(source),
                "write_ms": write_ms,
                "reimport_preview_ms": again_ms,
                "window_list_ms": entries_ms,
                "window_search_ms": search_ms,
                "floor_select_all_ms": floor_select(ws.db),
            }
            assert not again.has_changes, "the same list imported twice must change nothing"
        finally:
            ws.close()
    print(machine())
    print(
        f"{args.procedures} procedures: {result.added} new, {result.retired} retired, "
        f"{result.unreadable} unreadable; window list {len(entries)} rows, search {len(found)} rows"
    )
    for key, value in figures.items():
        print(f"{key:28} {value:10,.0f}")


if __name__ == "__main__":
    main()
