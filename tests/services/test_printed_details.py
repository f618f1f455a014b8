"""Details a clerk checks on reprinted forms and the register: the resolving body named with the commune,
each dossier's own way of receiving the result, and a dossier that came in by import printed without
blank tables or numbers."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from cchc_desktop.domain.dossiers import Channel, ResultDelivery
from cchc_desktop.domain.exchange_format import COLUMNS
from cchc_desktop.services.exchange import import_file
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.printing import PrintedForm, prepare_print
from cchc_desktop.services.registers import register_data, register_pdf, register_workbook
from cchc_desktop.services.workspace import Workspace
from tests.pdf_text import pages_text
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)
DAY = date(2026, 3, 2)
COMMUNE_BODY = "Ủy ban nhân dân xã Đại Hợp"
IMPORTED_CODE = "000.17.22.H56-260302-0001"


def _text(pdf: bytes) -> str:
    return " ".join(pages_text(pdf))


def _register_sheet_values(ws: Workspace) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(register_workbook(ws, DAY, DAY))).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(min_row=9, values_only=True)]


def _import_one(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerow(
            {
                "code": IMPORTED_CODE,
                "procedure_code": "1.004873",
                "channel": "online",
                "applicant_name": "Lê Thị Cúc",
                "received_at": "2026-03-02T08:30",
            }
        )
    assert import_file(ws, path).written


def test_the_control_slip_names_the_commune_as_the_resolving_body(workspace: Workspace) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    text = _text(prepare_print(workspace, code, PrintedForm.CONTROL_SLIP).pdf)
    assert f"Cơ quan (bộ phận) giải quyết hồ sơ: {COMMUNE_BODY}" in text


def test_the_register_names_the_commune_as_the_resolving_body(workspace: Workspace) -> None:
    save_intake(workspace, request(), now=NOW)
    assert [row.resolving_body for row in register_data(workspace, DAY, DAY).rows] == [COMMUNE_BODY]
    assert COMMUNE_BODY in _text(register_pdf(workspace, DAY, DAY))
    assert _register_sheet_values(workspace)[0][5] == COMMUNE_BODY


def test_the_register_prints_how_each_citizen_receives_the_result(workspace: Workspace) -> None:
    save_intake(workspace, request(), now=NOW)
    save_intake(workspace, request(result_delivery=ResultDelivery.POSTAL), now=NOW)
    save_intake(workspace, request(channel=Channel.ONLINE, result_delivery=ResultDelivery.ONLINE), now=NOW)
    # Submitted online but collected at the counter: the clerk's choice, not the channel, decides.
    save_intake(workspace, request(channel=Channel.ONLINE), now=NOW)
    expected = ["Trực tiếp", "Qua dịch vụ bưu chính công ích", "Trực tuyến", "Trực tiếp"]
    assert [row.delivery for row in register_data(workspace, DAY, DAY).rows] == expected
    text = _text(register_pdf(workspace, DAY, DAY))
    assert all(method in text for method in expected)
    assert [row[9] for row in _register_sheet_values(workspace)] == expected


def test_an_imported_dossier_reprints_without_blank_tables_or_numbers(
    workspace: Workspace, tmp_path: Path
) -> None:
    _import_one(workspace, tmp_path)
    receipt = _text(prepare_print(workspace, IMPORTED_CODE, PrintedForm.RECEIPT).pdf)
    assert "Theo hồ sơ điện tử" in receipt
    assert "Vào Sổ theo dõi hồ sơ, Quyển số: — Số thứ tự: —" in receipt
    assert "Trực tuyến (trên Cổng Dịch vụ công)" in receipt  # submitted online, result online
    slip = _text(prepare_print(workspace, IMPORTED_CODE, PrintedForm.CONTROL_SLIP).pdf)
    assert f"Cơ quan (bộ phận) giải quyết hồ sơ: {COMMUNE_BODY}" in slip
    (row,) = register_data(workspace, DAY, DAY).rows
    assert row.number is None
    assert row.delivery == "Trực tuyến"
    assert _register_sheet_values(workspace)[0][0] == "—"
    assert _text(register_pdf(workspace, DAY, DAY)).count(" — ") >= 1


def test_the_report_reconciles_column_3_and_prints_the_signer_from_the_settings(
    workspace: Workspace,
) -> None:
    """On stored dossiers (one resolved, one running, one refused, one withdrawn, one stopped) the line
    under biểu II.06a adds up to (3), and the signer's name from the agency settings is under the
    signature of the PDF and the DOCX."""
    from docx import Document

    from cchc_desktop.services import workflow
    from cchc_desktop.services.annual_report import render_docx, render_pdf, report_data
    from cchc_desktop.services.reporting import compute_statistics

    codes = [save_intake(workspace, request(), now=NOW).record.code for _ in range(5)]
    later = datetime(2026, 3, 3, 9, 0)
    workflow.refuse(workspace, codes[2], reason="Không thuộc thẩm quyền", actor="Tâm", at=later)
    workflow.withdraw(workspace, codes[3], reason="Công dân rút hồ sơ", actor="Tâm", at=later)
    workflow.stop(workspace, codes[4], requested_at=later, returned_items="Bản chính", actor="Tâm", at=later)
    stats = compute_statistics(workspace, date(2026, 1, 1), date(2026, 3, 31), now=datetime(2026, 4, 1))
    data = report_data(workspace, stats, date(2026, 4, 1))
    line = (
        "Đối chiếu cột (3): (3) = (7) + (11) + từ chối + rút + dừng = "
        f"{stats.totals.resolved_total} + {stats.totals.in_progress_total} + 1 từ chối + 1 rút + 1 dừng = 5"
    )
    pdf = pages_text(render_pdf(data))
    assert any(line in page for page in pdf)
    signed = next(page for page in pdf if "TM. ỦY BAN NHÂN DÂN" in page and "Nơi nhận" in page)
    assert signed.index("CHỦ TỊCH") < signed.index("Nguyễn Văn Hùng")
    document = Document(io.BytesIO(render_docx(data)))
    assert any(paragraph.text == line for paragraph in document.paragraphs)
    signature = document.tables[-2].rows[0].cells[1].text
    assert signature.splitlines()[-1] == "Nguyễn Văn Hùng"
