"""Biểu II.06a as an Excel workbook: the fields as numbers, the total as formulas."""

from __future__ import annotations

import dataclasses
import io

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.documents.report_xlsx import FIRST_DATA_ROW, render_report_xlsx
from tests.documents.test_annual_report import FIELDS, make_report


@pytest.fixture(scope="module")
def sheet() -> Worksheet:
    workbook = load_workbook(io.BytesIO(render_report_xlsx(make_report())))
    active = workbook.active
    assert active is not None
    return active


def test_title_rows_name_the_table_and_the_period(sheet: Worksheet) -> None:
    titles = [sheet.cell(row=row, column=1).value for row in (1, 2, 3)]
    assert titles[0] == "Phụ lục: TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Biểu II.06a)"
    assert titles[2] == "Từ ngày 15/12/2022 đến ngày 14/12/2023"
    assert "A1:M1" in {str(merged) for merged in sheet.merged_cells.ranges}


def test_grouped_header_and_column_numbers(sheet: Worksheet) -> None:
    merged = {str(cells) for cells in sheet.merged_cells.ranges}
    assert {"A5:A6", "B5:B6", "C5:F5", "G5:J5", "K5:M5"} <= merged
    assert [sheet.cell(row=5, column=c).value for c in (1, 2, 3, 7, 11)] == [
        "TT",
        "Lĩnh vực",
        "Tiếp nhận",
        "Đã giải quyết",
        "Đang giải quyết",
    ]
    assert [sheet.cell(row=7, column=c).value for c in range(1, 14)] == [f"({n})" for n in range(1, 14)]
    assert sheet.freeze_panes == f"C{FIRST_DATA_ROW}"
    assert sheet.page_setup.orientation == "landscape"


def test_fields_hold_numbers_and_the_total_row_sums_them(sheet: Worksheet) -> None:
    for offset, (field, values) in enumerate(FIELDS):
        row = FIRST_DATA_ROW + offset
        assert sheet.cell(row=row, column=2).value == field
        cells = [sheet.cell(row=row, column=c).value for c in range(3, 14)]
        assert cells == list(values) and all(type(value) is int for value in cells)
    total = FIRST_DATA_ROW + len(FIELDS)
    last = total - 1
    assert sheet.cell(row=total, column=2).value == "Tổng số"
    assert sheet.cell(row=total, column=2).font.b
    assert sheet.cell(row=total, column=3).value == f"=SUM(C{FIRST_DATA_ROW}:C{last})"
    for column in "CDEFGHIJKLM":
        assert sheet[f"{column}{total}"].value == f"=SUM({column}{FIRST_DATA_ROW}:{column}{last})"
    assert sheet.cell(row=FIRST_DATA_ROW, column=3).font.name == "Times New Roman"


def test_a_field_name_that_looks_like_a_formula_stays_text_and_the_totals_stay_formulas() -> None:
    rows = make_report().statistics
    hostile = (
        dataclasses.replace(rows[0], field="=cmd|' /C calc'!A0"),
        dataclasses.replace(rows[1], field="Hộ\x00 tịch\x1b"),  # old data with control characters
        *rows[2:],
    )
    workbook = load_workbook(io.BytesIO(render_report_xlsx(make_report(statistics=hostile))))
    sheet = workbook.active
    assert sheet is not None
    name = sheet.cell(row=FIRST_DATA_ROW, column=2)
    assert (name.value, name.data_type, name.quotePrefix) == ("=cmd|' /C calc'!A0", "s", True)
    assert sheet.cell(row=FIRST_DATA_ROW + 1, column=2).value == "Hộ tịch"
    total = sheet.cell(row=FIRST_DATA_ROW + len(FIELDS), column=3)
    assert (
        total.data_type == "f"
        and total.value == f"=SUM(C{FIRST_DATA_ROW}:C{FIRST_DATA_ROW + len(FIELDS) - 1})"
    )


def test_the_total_row_carries_its_sums_for_viewers_that_do_not_recalculate() -> None:
    """A phone previewer shows the cached value of a formula cell: the totals are stored with the
    formulas, so the total row shows the numbers there too, and a spreadsheet still sees the formulas."""
    data = render_report_xlsx(make_report())
    values = load_workbook(io.BytesIO(data), data_only=True).active
    formulas = load_workbook(io.BytesIO(data)).active
    assert values is not None and formulas is not None
    total = FIRST_DATA_ROW + len(FIELDS)
    sums = [sum(field_values[index] for _, field_values in FIELDS) for index in range(11)]
    assert [values.cell(row=total, column=c).value for c in range(3, 14)] == sums
    assert all(str(formulas.cell(row=total, column=c).value).startswith("=SUM(") for c in range(3, 14))


def test_caching_a_cell_that_is_not_a_formula_fails_loudly() -> None:
    """A change in how openpyxl writes cells must fail here, not ship a workbook with empty totals."""
    from cchc_desktop.documents.xlsx_cache import with_cached_values

    data = render_report_xlsx(make_report())
    with pytest.raises(ValueError, match="B8"):
        with_cached_values(data, {"B8": 1})  # a field name, not a formula
