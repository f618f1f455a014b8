"""Plain input of the annual CCHC report (PDF, DOCX, XLSX) and the words of biểu II.06a they share.

The services layer fills these from the statistics and the clerk's edited texts; the renderers only read
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cchc_desktop.documents.report_figures_data import ReportFigures

# ---------------------------------------------------------------- biểu II.06a, the appendix table

STATISTICS_COLUMNS = 11  # columns (3) … (13)
TOTAL_LABEL = "Tổng số"
APPENDIX_TITLE = "Phụ lục: TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Biểu II.06a)"
APPENDIX_ATTACHED = "(Kèm theo Báo cáo số {number}/{suffix} ngày {day} của Ủy ban nhân dân xã {commune})"
APPENDIX_PERIOD = "Từ ngày {start} đến ngày {end}"
APPENDIX_UNIT = "Đơn vị tính: hồ sơ"
RULE_NOTE_LABEL = "Ghi chú:"
NUMBER_SUFFIX = "BC-UBND"
HEAD_NUMBER = "TT"
HEAD_FIELD = "Lĩnh vực"
# The groups of the two-level header: title and the sub-columns under it.
HEAD_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Tiếp nhận", ("Tổng số", "Trực tuyến", "Trực tiếp, bưu chính", "Từ kỳ trước chuyển qua")),
    ("Đã giải quyết", ("Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn")),
    ("Đang giải quyết", ("Tổng số", "Trong hạn", "Quá hạn")),
)
COLUMN_NUMBERS = tuple(f"({n})" for n in range(1, STATISTICS_COLUMNS + 3))
# Indexes into StatisticsRow.values: each total and the parts it is the sum of (domain.md §6).
ROW_SUMS = ((0, (1, 2, 3)), (4, (5, 6, 7)), (8, (9, 10)))


@dataclass(frozen=True)
class ReportSection:
    """A heading and its paragraphs (the clerk edits these texts)."""

    heading: str  # "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", "1. Cải cách thể chế" …; "" for none
    paragraphs: tuple[str, ...]  # plain text; a paragraph starting with "- " is a dash item
    level: int = 1  # 1 = roman heading, 2 = numbered sub-heading


@dataclass(frozen=True)
class StatisticsRow:
    """One row of biểu II.06a."""

    number: str  # "1", "2" … or "" for the total row
    field: str  # "Chứng thực" … or "Tổng số"
    values: tuple[int, ...]  # the 11 numbers of columns (3) … (13)

    @property
    def is_total(self) -> bool:
        return not self.number


@dataclass(frozen=True)
class AnnualReportData:
    commune_name: str  # "Đại Hợp"
    province_name: str
    place_name: str  # the place of the date line
    issued_on: date
    number: str  # the document number; "" leaves dots to fill in by hand
    year_label: str  # "năm 2023"
    title_subject: str  # "Công tác cải cách hành chính năm 2023"
    opening: tuple[str, ...]
    sections: tuple[ReportSection, ...]  # I … IV; the statistics paragraphs already in II.2
    closing: str
    recipients: tuple[str, ...]  # "- UBND tỉnh (Sở Nội vụ);" … "- Lưu: VT."
    signer_authority: str  # "TM. ỦY BAN NHÂN DÂN"
    signer_title: str  # "CHỦ TỊCH"
    signer_name: str
    period_from: date
    period_to: date
    statistics: tuple[StatisticsRow, ...]  # the fields, then the total row
    rule_note: str  # the early/on-time rule used, printed under the table
    # Refused, withdrawn, stopped of the total row: the reconciliation line of (3) under the table.
    closed_otherwise: tuple[int, int, int] | None = None
    figures: ReportFigures | None = None  # the charts' page after the appendix ("Kèm trang biểu đồ")


def statistics_table(rows: tuple[StatisticsRow, ...]) -> tuple[tuple[StatisticsRow, ...], StatisticsRow]:
    """The field rows and the total row of the appendix. A missing total row is computed; a given one
    must equal the column sums (the workbook recomputes it with formulas, and the PDF must agree)."""
    fields = tuple(row for row in rows if not row.is_total)
    totals = [row for row in rows if row.is_total]
    if len(totals) > 1 or (totals and rows[-1] is not totals[0]):
        raise ValueError("biểu II.06a: the total row must come once, after the fields")
    for row in rows:
        if len(row.values) != STATISTICS_COLUMNS:
            raise ValueError(f"biểu II.06a, {row.field!r}: {len(row.values)} values, expected 11")
        if any(value < 0 for value in row.values):
            raise ValueError(f"biểu II.06a, {row.field!r}: negative count")
        for total, parts in ROW_SUMS:
            if row.values[total] != sum(row.values[part] for part in parts):
                raise ValueError(
                    f"biểu II.06a, {row.field!r}: column ({total + 3}) is not the sum of its parts"
                )
    sums = tuple(sum(row.values[column] for row in fields) for column in range(STATISTICS_COLUMNS))
    if not totals:
        return fields, StatisticsRow("", TOTAL_LABEL, sums)
    if totals[0].values != sums:
        raise ValueError("biểu II.06a: the total row is not the sum of the fields")
    return fields, totals[0]


def dash_item(paragraph: str) -> str | None:
    """The text of a dash item ("- Lưu: VT" → "Lưu: VT"), or None for an ordinary paragraph."""
    if paragraph.startswith("- ") or paragraph == "-":
        return paragraph[1:].strip()
    return None
