"""The line under biểu II.06a that shows how column (3) reconciles: resolved (7), in progress (11) and
the dossiers closed otherwise (refused, withdrawn, stopped), in the PDF, the DOCX and the workbook."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from cchc_desktop.documents.annual_report import render_annual_report
from cchc_desktop.documents.report_data import StatisticsRow
from cchc_desktop.documents.report_docx import render_report_docx
from cchc_desktop.documents.report_xlsx import render_report_xlsx
from tests.documents.test_annual_report import make_report
from tests.pdf_text import pages_text

# (3) 1.237 = (4) 1.200 + (5) 30 + (6) 7; (7) 1.220; (11) 10; 4 refused + 2 withdrawn + 1 stopped.
ROWS = (
    StatisticsRow("1", "Chứng thực", (1237, 1200, 30, 7, 1220, 1200, 20, 0, 10, 9, 1)),
    StatisticsRow("", "Tổng số", (1237, 1200, 30, 7, 1220, 1200, 20, 0, 10, 9, 1)),
)
LINE = (
    "Đối chiếu cột (3): (3) = (7) + (11) + từ chối + rút + dừng = "
    "1.220 + 10 + 4 từ chối + 2 rút + 1 dừng = 1.237"
)


def _report() -> object:
    return make_report(statistics=ROWS, closed_otherwise=(4, 2, 1))


def test_the_pdf_appendix_shows_how_column_3_adds_up() -> None:
    appendix = pages_text(render_annual_report(_report()))  # type: ignore[arg-type]
    page = next(text for text in appendix if "Biểu II.06a" in text)
    assert LINE in page
    assert page.index("Tổng số 1.237") < page.index(LINE)


def test_the_docx_appendix_shows_how_column_3_adds_up() -> None:
    document = Document(io.BytesIO(render_report_docx(_report())))  # type: ignore[arg-type]
    assert any(paragraph.text == LINE for paragraph in document.paragraphs)


def test_the_workbook_shows_how_column_3_adds_up() -> None:
    sheet = load_workbook(io.BytesIO(render_report_xlsx(_report()))).active  # type: ignore[arg-type]
    assert sheet is not None
    assert LINE in [cell.value for column in sheet.iter_cols(max_col=1) for cell in column]
