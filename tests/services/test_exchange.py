"""Import from the online system's exchange file and export in the same format."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.domain.exchange_format import COLUMNS
from cchc_desktop.services.corrections import Correction, correct_dossier
from cchc_desktop.services.exchange import export_file, import_file
from cchc_desktop.services.intake import dossier_by_code
from cchc_desktop.services.workspace import Workspace
from tests.services.raw_sql import run_sql

ROOT = Path(__file__).resolve().parents[2]
GOOD = [
    {
        "code": "000.17.22.H56-230105-0001", "procedure_code": "2.000815", "channel": "online",
        "applicant_name": "Nguyễn Văn An", "applicant_id": "030185001234", "phone": "0912345678",
        "address": "Thôn Đông", "received_at": "2023-01-05T09:00", "resolved_at": "2023-01-05T10:00",
        "returned_at": "2023-01-05T11:00", "fee": "4000", "payment": "online",
    },
    {
        "code": "000.17.22.H56-230105-0002", "procedure_code": "9.999999", "procedure_name": "Thủ tục cũ",
        "field": "Đất đai", "channel": "trực tiếp", "applicant_name": "Trần Thị Bình",
        "received_at": "05/01/2023 14:00", "due_at": "10/01/2023 14:00", "status": "refused",
        "status_at": "06/01/2023 09:00", "fee": "0", "payment": "none",
    },
    {
        "code": "000.17.22.H56-230106-0001", "procedure_code": "1.004873", "channel": "postal",
        "applicant_name": "Lê Thị Cúc", "received_at": "2023-01-06T16:30",
    },
]  # fmt: skip


def write_csv(
    path: Path, rows: list[dict[str, str]], header: list[str] | None = None, bom: bool = False
) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header or list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def dump(workspace: Workspace) -> list[tuple[object, ...]]:
    rows = run_sql(workspace.db, "SELECT * FROM dossier ORDER BY code")
    return rows + run_sql(workspace.db, "SELECT kind, dossier_id FROM dossier_event ORDER BY id")


def test_a_good_file_is_imported_with_computed_due_dates_and_states(
    workspace: Workspace, tmp_path: Path
) -> None:
    report = import_file(workspace, write_csv(tmp_path / "in.csv", GOOD, bom=True))
    assert (report.ok, report.added, report.updated, report.written) == (True, 3, 0, True)
    assert [str(w) for w in report.warnings] == [
        "row 3: procedure_code: thủ tục '9.999999' không có trong danh mục; giữ tên và lĩnh vực như trong tệp"
    ]
    returned = dossier_by_code(workspace, GOOD[0]["code"])
    assert returned.status is DossierStatus.RETURNED
    assert returned.due_at == datetime(2023, 1, 5, 17, 0)  # same day, computed from the catalogue
    refused = dossier_by_code(workspace, GOOD[1]["code"])
    assert (refused.status, refused.procedure_name, refused.field_name) == (
        DossierStatus.REFUSED,
        "Thủ tục cũ",
        "Đất đai",
    )
    assert refused.appointment_at == datetime(2023, 1, 10, 14, 0)
    late_online = dossier_by_code(workspace, GOOD[2]["code"])
    assert late_online.due_at == datetime(2023, 1, 11, 16, 30)  # 3 working days


def test_importing_the_same_file_again_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", GOOD)
    import_file(workspace, source)
    before = dump(workspace)
    report = import_file(workspace, source)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert report.summary() == "Đã nhập: 0 hồ sơ thêm mới, 0 cập nhật, 3 không thay đổi, 1 cảnh báo."
    assert dump(workspace) == before


def test_a_changed_row_updates_its_dossier(workspace: Workspace, tmp_path: Path) -> None:
    import_file(workspace, write_csv(tmp_path / "a.csv", GOOD))
    changed = [{**GOOD[2], "resolved_at": "2023-01-09T08:00"}]
    report = import_file(workspace, write_csv(tmp_path / "b.csv", changed))
    assert (report.added, report.updated) == (0, 1)
    assert dossier_by_code(workspace, GOOD[2]["code"]).status is DossierStatus.RESULT_READY


def test_an_import_is_recorded_by_this_counter_and_a_changed_row_is_a_new_version(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A dossier window open on the old row must not save over the imported change (services/stale_dossier)."""
    from cchc_desktop.services.workflow import events_of

    workspace.counter = "Quầy 3 – Một cửa liên thông"
    import_file(workspace, write_csv(tmp_path / "a.csv", GOOD))
    code = GOOD[2]["code"]
    before = dossier_by_code(workspace, code)
    assert (before.version, before.counter) == (1, "")  # taken in by the online system, not at a counter
    assert [event.counter for event in events_of(workspace, code)] == ["Quầy 3 – Một cửa liên thông"]
    import_file(workspace, write_csv(tmp_path / "b.csv", [{**GOOD[2], "resolved_at": "2023-01-09T08:00"}]))
    assert dossier_by_code(workspace, code).version == 2
    import_file(workspace, write_csv(tmp_path / "c.csv", [{**GOOD[2], "resolved_at": "2023-01-09T08:00"}]))
    assert dossier_by_code(workspace, code).version == 2  # "không thay đổi": not written again


BAD_ROWS = [
    ({"code": ""}, "row 2: code: thiếu mã hồ sơ"),
    ({"channel": "fax"}, "row 2: channel: kênh nộp không hợp lệ"),
    ({"received_at": "2023-02-30T09:00"}, "row 2: received_at: ngày giờ không hợp lệ"),
    ({"resolved_at": "2023-01-04T09:00"}, "row 2: resolved_at: ngày có kết quả trước thời gian nhận hồ sơ"),
    ({"returned_at": "2023-01-05T09:30"}, "row 2: returned_at: ngày trả kết quả trước ngày có kết quả"),
    ({"applicant_id": "099185001234"}, "row 2: applicant_id: Mã tỉnh 099"),
    ({"phone": "0123"}, "row 2: phone: Số điện thoại di động phải có 10 chữ số"),
    ({"status": "lost"}, "row 2: status: trạng thái không hợp lệ"),
    ({"payment": "bitcoin"}, "row 2: payment: hình thức thanh toán không hợp lệ"),
    ({"fee": "-5"}, "row 2: fee: số tiền không hợp lệ"),
    ({"procedure_code": "", "procedure_name": ""}, "row 2: procedure_code: thiếu mã hoặc tên thủ tục"),
    (
        {"procedure_code": "7.777777", "procedure_name": "Lạ"},
        "row 2: due_at: thủ tục không có trong danh mục",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"), BAD_ROWS, ids=[m.split(": ")[1] + str(i) for i, (_, m) in enumerate(BAD_ROWS)]
)
def test_every_kind_of_bad_row_is_named_and_nothing_is_written(
    workspace: Workspace, tmp_path: Path, change: dict[str, str], message: str
) -> None:
    before = dump(workspace)
    report = import_file(workspace, write_csv(tmp_path / "bad.csv", [{**GOOD[0], **change}, GOOD[2]]))
    assert not report.ok and not report.written
    assert any(str(p).startswith(message) for p in report.problems), [str(p) for p in report.problems]
    assert dump(workspace) == before


def test_a_code_twice_in_the_file_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    report = import_file(workspace, write_csv(tmp_path / "dup.csv", [GOOD[0], GOOD[2], {**GOOD[2]}]))
    assert [str(p) for p in report.problems] == ["row 4: code: mã hồ sơ trùng với dòng 3"]


def test_vietnamese_headers_are_accepted(workspace: Workspace, tmp_path: Path) -> None:
    header = {"code": "Mã hồ sơ", "procedure_code": "Mã thủ tục", "channel": "Kênh nộp", "applicant_name": "Họ và tên",
              "received_at": "Ngày nhận"}  # fmt: skip
    rows = [{header[k]: v for k, v in GOOD[2].items() if k in header}]
    report = import_file(workspace, write_csv(tmp_path / "vi.csv", rows, header=list(header.values())))
    assert report.ok and report.added == 1


def test_dry_run_checks_and_writes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    before = dump(workspace)
    report = import_file(workspace, write_csv(tmp_path / "in.csv", GOOD), dry_run=True)
    assert (report.ok, report.added, report.written) == (True, 3, False)
    assert dump(workspace) == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_elsewhere_gives_the_same_dossiers(
    workspace: Workspace, tmp_path: Path, suffix: str
) -> None:
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace

    import_file(workspace, write_csv(tmp_path / "in.csv", GOOD))
    exported = tmp_path / f"out{suffix}"
    assert export_file(workspace, exported) == 3
    from tests.agency import set_up_agency

    other = open_workspace(resolve_paths(str(tmp_path / "other.sqlite3")))
    set_up_agency(other)
    try:
        report = import_file(other, exported)
        assert report.ok and report.added == 3
        again = tmp_path / "again.csv"
        export_file(other, again)
        export_file(workspace, first := tmp_path / "first.csv")
        assert again.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    finally:
        other.close()


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
cells = st.one_of(
    texts, st.sampled_from(["2023-01-05T09:00", "05/01/2023 14:00", "online", "refused", "", "0912345678"])
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.fixed_dictionaries({column: cells for column in COLUMNS}), min_size=1, max_size=6),
    st.booleans(),
)
def test_random_rows_never_crash_and_never_leave_partial_data(
    workspace: Workspace, tmp_path: Path, rows: list[dict[str, str]], huge: bool
) -> None:
    if huge:
        rows[0]["address"] = "Đ" * 10_000
    before = dump(workspace)
    report = import_file(workspace, write_csv(tmp_path / "random.csv", rows))
    if not report.ok:
        assert dump(workspace) == before
    else:
        assert len(dump(workspace)) >= len(before)


def test_an_import_killed_half_way_leaves_none_of_its_rows(db_path: Path, tmp_path: Path) -> None:
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace

    open_workspace(resolve_paths(str(db_path))).close()
    rows = [
        {**GOOD[2], "code": f"KILL-230106-{index:06d}", "applicant_name": f"Người nộp {index}"}
        for index in range(60_000)
    ]
    source = write_csv(tmp_path / "big.csv", rows)
    wal = Path(f"{db_path}-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "import", str(source)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > start_size + 2_000_000:  # the transaction is being written
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM dossier WHERE code LIKE 'KILL-%'").fetchone() == (0,)
    connection.close()


FORMULA_LIKE = {
    "applicant_name": '=HYPERLINK("http://x.invalid","Bấm")',
    "address": "+84 912 345 678",
    "procedure_name": "-5",
    "field": "@SUM(A1)",
}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_holds_data_never_formulas_and_imports_back_identical(
    workspace: Workspace, tmp_path: Path, suffix: str
) -> None:
    """CSV: a leading apostrophe before =, +, -, @ (OWASP), removed again by our import; XLSX: string
    cells. A text that itself starts with an apostrophe and a trigger also comes back as it was."""
    from openpyxl import load_workbook

    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace

    rows = [{**GOOD[1], **FORMULA_LIKE}, {**GOOD[2], "applicant_name": "'Bình'"}]
    assert import_file(workspace, write_csv(tmp_path / "in.csv", rows)).ok
    correct_dossier(  # typed at the counter
        workspace, GOOD[2]["code"], Correction(applicant_address="'=A1"), "Bổ sung địa chỉ", move_due=False
    )
    exported = tmp_path / f"out{suffix}"
    export_file(workspace, exported)
    if suffix == ".csv":
        with open(exported, encoding="utf-8", newline="") as handle:
            cells = {cell for row in csv.reader(handle) for cell in row}
        guarded = {"'" + text for text in FORMULA_LIKE.values()}
        assert guarded <= cells and "''=A1" in cells and "'Bình'" in cells
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    else:
        sheet = load_workbook(exported).worksheets[0]
        cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
        assert {cell.data_type for cell in cells} == {"s"}
        assert '=HYPERLINK("http://x.invalid","Bấm")' in {cell.value for cell in cells}
    other = open_workspace(resolve_paths(str(tmp_path / "other.sqlite3")))
    try:
        assert import_file(other, exported).ok
        back = dossier_by_code(other, GOOD[1]["code"])
        assert (back.applicant_name, back.applicant_address, back.procedure_name, back.field_name) == tuple(
            FORMULA_LIKE.values()
        )
        assert dossier_by_code(other, GOOD[2]["code"]).applicant_address == "'=A1"
    finally:
        other.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_survives_control_characters_already_in_the_database(
    workspace: Workspace, db_engine: str, tmp_path: Path, suffix: str
) -> None:
    """Imports before this version let NUL and ESC in; the export writes the text without them.
    (PostgreSQL's text cannot hold NUL at all.)"""
    assert import_file(workspace, write_csv(tmp_path / "in.csv", GOOD)).ok
    nul = "\x00" if db_engine == "sqlite" else ""
    run_sql(
        workspace.db,
        "UPDATE dossier SET applicant_name = :name, applicant_address = :address WHERE code = :code",
        {"name": f"Nguyễn{nul} Văn\x1b An", "address": "Thôn\x07 Đông", "code": GOOD[0]["code"]},
    )
    exported = tmp_path / f"out{suffix}"
    assert export_file(workspace, exported) == 3
    report = import_file(workspace, exported)
    assert report.ok and report.updated == 1
    back = dossier_by_code(workspace, GOOD[0]["code"])
    assert (back.applicant_name, back.applicant_address) == ("Nguyễn Văn An", "Thôn Đông")
