"""`cchc import` of hostile files: each ends in a Vietnamese message naming the row (and column) or the
file, a non-zero exit, no personal data from the file in the output, and the database unchanged."""

from __future__ import annotations

import hashlib
import io
import random
import sqlite3
import string
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from cchc_desktop.app import main
from cchc_desktop.services import table_file

HOSTILE = Path(__file__).resolve().parents[1] / "services" / "data" / "hostile"
HEADER = "code,procedure_code,applicant_name,applicant_id,phone,received_at,fee"
GOOD_ROW = "HS-230105-0001,2.000815,Nguyễn Văn An,030185001234,0912345678,2023-01-05T09:00,0"
PERSONAL = (
    "Nguyễn",
    "Nguyen",
    "Văn An",
    "030185001234",
    "0912345678",
    "Trần Thị Bình",
    "030185001235",
    "0912345679",
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def state(db_path: Path) -> tuple[int, str]:
    """The number of dossiers and a checksum of every dossier and event row."""
    with sqlite3.connect(db_path) as connection:
        count = connection.execute("SELECT count(*) FROM dossier").fetchone()[0]
        rows = connection.execute("SELECT * FROM dossier ORDER BY id").fetchall()
        rows += connection.execute("SELECT * FROM dossier_event ORDER BY id").fetchall()
    connection.close()
    return count, hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture
def seeded(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> Path:
    """A database that already holds one imported dossier (with a different code)."""
    source = tmp_path / "seed.csv"
    source.write_text(
        f"{HEADER}\nSEED-230104-0001,2.000815,Lê Thị Cúc,,,2023-01-04T09:00,0\n", encoding="utf-8"
    )
    status, output = run(capsys, "--db", str(db_path), "import", str(source))
    assert status == 0, output
    return db_path


def refused(capsys: pytest.CaptureFixture[str], db_path: Path, source: Path, *expected: str) -> str:
    before = state(db_path)
    status, output = run(capsys, "--db", str(db_path), "import", str(source))
    assert status == 2, output  # InvalidInputError; an unexpected error would exit 1
    assert "Traceback" not in output and "Lỗi không mong muốn" not in output
    for part in expected:
        assert part in output, output
    assert not [word for word in PERSONAL if word in output], output
    assert state(db_path) == before
    return output


CASES = [
    ("nfc_nfd_same_code.csv", ["row 3: code: mã hồ sơ trùng với dòng 2"]),
    ("fee_20_digits.csv", ["row 2: fee: số tiền không hợp lệ", "1.000.000.000"]),
    ("year_9999.csv", ["row 2: received_at: năm 9999 ngoài khoảng 1990–2099"]),
    ("year_0001.csv", ["row 2: received_at: năm 1 ngoài khoảng 1990–2099"]),
    ("control_characters.csv", ["row 2: applicant_name: có ký tự điều khiển không in được (mã U+0000)"]),
    ("windows_1258.csv", ["không phải văn bản UTF-8", "Windows-1258", "CSV UTF-8"]),
    ("empty.csv", ["row 1: code: tệp trống"]),
    # The first line is a citizen's row: the unknown "headers" are named by position, not by text.
    (
        "no_header.csv",
        ["row 1: cột thứ 3: tên cột không có trong định dạng trao đổi", "row 1: code: thiếu cột bắt buộc"],
    ),
    ("header_only.csv", ["row 2: code: tệp chỉ có dòng tiêu đề"]),
    ("not_a_zip.xlsx", ["not_a_zip.xlsx không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng"]),
    ("truncated.xlsx", ["truncated.xlsx không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng"]),
    # A formula is read as its text ("=1000*4"), never as its cached value (empty when never computed).
    ("formula_cells.xlsx", ["row 2: fee: số tiền không hợp lệ", "ô là công thức Excel"]),
    ("absurd_numbers.xlsx", ["row 2: fee: số tiền không hợp lệ"]),
]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[name for name, _ in CASES])
def test_a_hostile_file_is_refused_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], seeded: Path, name: str, expected: list[str]
) -> None:
    refused(capsys, seeded, HOSTILE / name, *expected)


def test_a_utf16_file_with_its_bom_is_read_right(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    status, output = run(capsys, "--db", str(seeded), "import", str(HOSTILE / "utf16_with_bom.csv"))
    assert status == 0, output
    with sqlite3.connect(seeded) as connection:
        name = connection.execute(
            "SELECT applicant_name FROM dossier WHERE code = 'HS-230105-0001'"
        ).fetchone()
    connection.close()
    assert name == ("Nguyễn Văn An",)


def test_a_10_mb_cell_in_a_csv_names_its_row_and_column(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    source = tmp_path / "big_cell.csv"
    source.write_text(f"{HEADER},address\n{GOOD_ROW},{'Đ' * 10_000_000}\n", encoding="utf-8")
    refused(capsys, seeded, source, "row 2: address: quá dài (10000000 ký tự, tối đa 500)")


def test_a_cell_beyond_the_csv_reader_limit_names_its_line(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    source = tmp_path / "huge_cell.csv"
    source.write_text(f"{HEADER}\n{GOOD_ROW}\n{'x' * (table_file.MAX_CSV_CELL + 10)}\n", encoding="utf-8")
    refused(capsys, seeded, source, "huge_cell.csv, dòng 3: một ô quá dài")


def test_10_mb_in_one_line_of_short_cells_is_refused(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    source = tmp_path / "long_line.csv"
    source.write_text(f"{HEADER}\n{GOOD_ROW}{',x' * 5_000_000}\n", encoding="utf-8")
    refused(capsys, seeded, source, "row 2: cột thứ 8: dòng có nhiều ô hơn dòng tiêu đề")


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_10_mb_cell_in_an_xlsx_names_its_row_and_column(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    """openpyxl cuts a cell it writes at 32,767 characters; another program need not."""
    placeholder = "PLACEHOLDER-ADDRESS"
    good = _xlsx([[*HEADER.split(","), "address"], [*GOOD_ROW.split(","), placeholder]])
    noise = "".join(random.Random(1).choices(string.ascii_letters, k=10_000_000))  # not compressible
    source = tmp_path / "big_cell.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(good)) as original,
        zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in original.infolist():
            data = original.read(item)
            out.writestr(item, data.replace(placeholder.encode(), noise.encode()))
    refused(capsys, seeded, source, "row 2: address: quá dài (10000000 ký tự, tối đa 500)")


def test_a_zip_bomb_is_refused_before_it_is_inflated(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    source = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(io.BytesIO(_xlsx([HEADER.split(",")]))) as original:
        parts = {item.filename: original.read(item) for item in original.infolist()}
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                out.writestr(name, data)
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(300):  # 300 MB of spaces, about 300 KB on disk
                sheet.write(chunk)
    assert source.stat().st_size < 2_000_000
    tracemalloc.start()
    try:
        refused(capsys, seeded, source, "bomb.xlsx bị nén bất thường")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def test_an_xlsx_that_inflates_beyond_the_limit_is_refused(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "large.xlsx"
    source.write_bytes(_xlsx([HEADER.split(","), GOOD_ROW.split(",")]))
    monkeypatch.setattr(table_file, "MAX_XLSX_BYTES", 4096)
    refused(capsys, seeded, source, "large.xlsx quá lớn khi giải nén", "tách thành nhiều tệp nhỏ hơn")


def test_an_xlsx_with_a_shared_strings_table_beyond_its_limit_is_refused(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl keeps the shared strings in memory, so they have their own, lower limit."""
    source = tmp_path / "strings.xlsx"
    source.write_bytes(_xlsx([HEADER.split(","), GOOD_ROW.split(",")]))
    with zipfile.ZipFile(source, "a") as archive:  # openpyxl writes its strings inline; Excel does not
        archive.writestr("xl/sharedStrings.xml", '<sst xmlns="x"><si><t>một hai ba</t></si></sst>' * 10)
    monkeypatch.setattr(table_file, "MAX_SHARED_STRINGS_BYTES", 100)
    refused(
        capsys, seeded, source, "strings.xlsx quá lớn khi giải nén (bảng chữ dùng chung 1 MB, tối đa 1 MB)"
    )


def test_a_second_import_of_the_same_file_says_unchanged(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    source = tmp_path / "good.csv"
    source.write_text(f"{HEADER}\n{GOOD_ROW}\n", encoding="utf-8")
    assert run(capsys, "--db", str(seeded), "import", str(source))[0] == 0
    before = state(seeded)
    status, output = run(capsys, "--db", str(seeded), "import", str(source))
    assert status == 0
    assert output.strip().endswith("Đã nhập: 0 hồ sơ thêm mới, 0 cập nhật, 1 không thay đổi, 0 cảnh báo.")
    assert state(seeded) == before


def test_a_formula_in_a_text_column_is_imported_as_its_text(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    source = tmp_path / "formula_name.xlsx"
    row = GOOD_ROW.split(",")
    row[2] = '=CONCATENATE("Nguyễn ","Văn An")'
    source.write_bytes(_xlsx([HEADER.split(","), row]))
    status, output = run(capsys, "--db", str(seeded), "import", str(source))
    assert status == 0, output
    with sqlite3.connect(seeded) as connection:
        name = connection.execute(
            "SELECT applicant_name FROM dossier WHERE code = 'HS-230105-0001'"
        ).fetchone()
    connection.close()
    assert name == ('=CONCATENATE("Nguyễn ","Văn An")',)
