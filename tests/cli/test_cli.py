"""The `cchc` command as a clerk or a script uses it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop import __version__
from cchc_desktop.app import main
from tests.cli.running import run

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("code", "received", "expected"),
    [
        ("2.000815", "2026-01-09T14:30", "2026-01-09T17:00"),
        ("2.000815", "2026-01-09T15:00", "2026-01-10T17:00"),
        ("1.004873", "2026-02-13T16:00", "2026-02-25T16:00"),
        ("2.001801", "2025-08-29T14:00", "2025-09-16T14:00"),
        ("1.013225", "2026-04-16T10:00", "2026-05-04T17:00"),
        ("1.001193", "2026-03-02T22:30", "2026-03-03T17:00"),
    ],
)
def test_due_prints_the_due_time_on_its_last_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, code: str, received: str, expected: str
) -> None:
    status, out, _ = run(capsys, "--db", str(db_path), "due", "--procedure", code, "--received", received)
    assert status == 0
    assert out.strip().splitlines()[-1] == expected


def test_due_says_when_a_receipt_outside_office_hours_counts_from(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    _, out, _ = run(
        capsys, "--db", str(db_path), "due", "--procedure", "1.001193", "--received", "2026-03-02T22:30"
    )
    assert "Tiếp nhận ngoài giờ làm việc, tính từ: 2026-03-03T07:30" in out


def test_an_unknown_procedure_exits_2_with_a_message(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    status, out, err = run(
        capsys, "--db", str(db_path), "due", "--procedure", "9.999999", "--received", "2026-01-05T10:00"
    )
    assert status == 2
    assert "Không có thủ tục mã 9.999999" in err
    assert out == ""


def test_a_malformed_time_exits_2(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    status, _, err = run(
        capsys, "--db", str(db_path), "due", "--procedure", "2.000815", "--received", "05/01/2026"
    )
    assert status == 2
    assert "YYYY-MM-DDTHH:MM" in err


def test_calendar_list_names_every_day_off_and_make_up_saturday(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    status, out, _ = run(capsys, "--db", str(db_path), "calendar", "list", "--year", "2026")
    assert status == 0
    lines = out.splitlines()
    assert any(line.startswith("2026-01-10") and "làm bù" in line for line in lines)
    assert any(line.startswith("2026-02-17") and "Tết Nguyên Đán" in line for line in lines)
    assert any(line.startswith("2026-08-31") and "nghỉ" in line for line in lines)
    assert lines[-1] == "Năm 2026: 14 ngày nghỉ trong tuần, 2 ngày làm bù."


def test_calendar_set_adds_an_override_that_changes_due_dates(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    status, out, _ = run(
        capsys,
        "--db",
        str(db_path),
        "calendar",
        "set",
        "--date",
        "2027-01-02",
        "--kind",
        "make_up_workday",
        "--name",
        "Làm bù cho ngày 04/01/2027",
    )
    assert status == 0 and "Đã lưu 02/01/2027" in out
    run(
        capsys,
        "--db",
        str(db_path),
        "calendar",
        "set",
        "--date",
        "2027-01-04",
        "--kind",
        "day_off",
        "--name",
        "Nghỉ bù",
    )
    _, out, _ = run(capsys, "--db", str(db_path), "calendar", "list", "--year", "2027")
    assert "2027-01-02  Thứ Bảy   làm bù  Làm bù cho ngày 04/01/2027" in out
    _, out, _ = run(
        capsys, "--db", str(db_path), "due", "--procedure", "2.000815", "--received", "2026-12-31T16:00"
    )
    assert out.strip().splitlines()[-1] == "2027-01-02T17:00"


def test_calendar_set_refuses_an_unknown_kind(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "--db",
                str(db_path),
                "calendar",
                "set",
                "--date",
                "2027-01-02",
                "--kind",
                "holiday",
                "--name",
                "x",
            ]
        )
    assert exit_info.value.code == 2
    assert "Lỗi: --kind: không có lựa chọn 'holiday'" in capsys.readouterr().err


def test_the_environment_variable_chooses_the_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("CCHC_DB", str(chosen))
    status, _, _ = run(capsys, "calendar", "list", "--year", "2026")
    assert status == 0 and chosen.exists()


def test_the_default_database_lives_in_the_user_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "calendar", "list", "--year", "2026")
    assert list((tmp_path / "user").rglob("cchc.sqlite3"))


def test_python_main_py_is_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"CCHC Desk {__version__}"


def _saved_code(db_path: Path) -> str:
    from datetime import datetime

    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.intake import save_intake
    from cchc_desktop.services.workspace import open_workspace
    from tests.agency import set_up_agency
    from tests.services.intake_helpers import request

    workspace = open_workspace(resolve_paths(str(db_path)))
    set_up_agency(workspace)
    code = save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    workspace.close()
    return code


@pytest.mark.parametrize(
    ("form", "title"), [("receipt", "GIẤY TIẾP NHẬN"), ("control-slip", "PHIẾU KIỂM SOÁT")]
)
def test_print_writes_the_form_of_a_stored_dossier(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, form: str, title: str
) -> None:
    from pypdf import PdfReader

    code = _saved_code(db_path)
    target = tmp_path / "out" / f"{form}.pdf"
    target.parent.mkdir()
    status, out, _ = run(capsys, "--db", str(db_path), "print", form, code, "--out", str(target))
    assert status == 0 and code in out
    assert title in PdfReader(target).pages[0].extract_text()
    assert not list(target.parent.glob(".*tmp*"))


def test_print_of_an_unknown_code_fails_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    _saved_code(db_path)
    target = tmp_path / "nothing.pdf"
    status, _, err = run(capsys, "--db", str(db_path), "print", "receipt", "KHONG-CO", "--out", str(target))
    assert status == 2
    assert "Không tìm thấy hồ sơ mã KHONG-CO" in err
    assert not target.exists()


def test_dossier_prints_the_dossier_and_its_timeline(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    from datetime import datetime

    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services import workflow
    from cchc_desktop.services.workspace import open_workspace

    code = _saved_code(db_path)
    workspace = open_workspace(resolve_paths(str(db_path)))
    workflow.hand_over(
        workspace,
        code,
        giver="Lê Văn Tâm",
        taker="Phạm Thị Thu",
        taker_unit="Tư pháp - Hộ tịch",
        at=datetime(2026, 3, 2, 14, 0),
    )
    workspace.close()
    status, out, _ = run(capsys, "--db", str(db_path), "dossier", code)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f"Mã hồ sơ: {code}"
    assert "Trạng thái: Đang giải quyết — đang ở: Phạm Thị Thu" in lines
    assert "  02/03/2026 10:05  Tiếp nhận hồ sơ — Lê Văn Tâm" in lines
    assert (
        "  02/03/2026 14:00  Chuyển hồ sơ — Lê Văn Tâm → Phạm Thị Thu (Tư pháp - Hộ tịch) — trước hạn"
        in lines
    )


def test_dossier_with_an_unknown_code_exits_2(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    status, _, err = run(capsys, "--db", str(db_path), "dossier", "KHONG-CO")
    assert status == 2 and "Không tìm thấy hồ sơ mã KHONG-CO" in err


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_print_register_writes_the_period(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, suffix: str
) -> None:
    code = _saved_code(db_path)
    target = tmp_path / f"so-theo-doi{suffix}"
    status, out, _ = run(
        capsys,
        "--db",
        str(db_path),
        "print",
        "register",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--out",
        str(target),
    )
    assert status == 0 and "01/03/2026" in out
    if suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(target)
        text = " ".join(reader.pages[0].extract_text().split())
        assert "SỔ THEO DÕI HỒ SƠ" in text and "Nguyễn Thị Hoa" in text
        assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(target).active
        assert sheet is not None
        codes = [cell.value for row in sheet.iter_rows() for cell in row if cell.value == code]
        assert codes == [code]


def test_print_register_refuses_a_reversed_period_and_other_formats(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    status, _, err = run(
        capsys,
        "--db",
        str(db_path),
        "print",
        "register",
        "--from",
        "2026-03-31",
        "--to",
        "2026-03-01",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert status == 2 and "Ngày kết thúc" in err
    status, _, err = run(
        capsys,
        "--db",
        str(db_path),
        "print",
        "register",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--out",
        str(tmp_path / "x.docx"),
    )
    assert status == 2 and ".pdf hoặc .xlsx" in err
    assert list(tmp_path.glob("x.*")) == []


def test_import_names_each_bad_row_and_exits_2(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(
        "code,procedure_code,applicant_name,received_at,channel\n"
        "X-1,2.000815,Nguyễn Văn An,2023-01-05T09:00,fax\n"
        "X-2,2.000815,,2023-01-05T09:00,online\n",
        encoding="utf-8",
    )
    status, _, err = run(capsys, "--db", str(db_path), "import", str(source))
    assert status == 2
    assert "row 2: channel: kênh nộp không hợp lệ; ghi direct, online hoặc postal" in err
    assert "row 3: applicant_name: thiếu tên người nộp" in err
    assert "chưa ghi hồ sơ nào" in err


def test_import_then_export(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "good.csv"
    source.write_text(
        "\ufeffmã hồ sơ,mã thủ tục,họ và tên,ngày nhận,kênh nộp\nX-1,2.000815,Nguyễn Văn An,05/01/2023 09:00,trực tuyến\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "--db", str(db_path), "import", str(source))
    assert status == 0 and out.strip().endswith("Đã nhập: 1 hồ sơ thêm mới, 0 cập nhật, 0 cảnh báo.")
    target = tmp_path / "out.csv"
    status, out, _ = run(
        capsys,
        "--db",
        str(db_path),
        "export",
        "--out",
        str(target),
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
    )
    assert status == 0 and "Đã xuất 1 hồ sơ" in out
    assert "X-1,2.000815" in target.read_text(encoding="utf-8")


def test_backup_then_restore_with_yes(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    code = _saved_code(db_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    status, out, _ = run(capsys, "--db", str(db_path), "backup", "--to", str(usb))
    assert status == 0 and "Đã sao lưu 1 hồ sơ" in out
    (copy,) = usb.glob("cchc-sao-luu-*.sqlite3")
    _saved_code(db_path)  # a second dossier after the backup
    status, _, err = run(capsys, "--db", str(db_path), "restore", str(copy))
    assert status == 2 and "--yes" in err
    status, out, _ = run(capsys, "--db", str(db_path), "restore", str(copy), "--yes")
    assert status == 0 and "Đã khôi phục 1 hồ sơ" in out
    status, out, _ = run(capsys, "--db", str(db_path), "dossier", code)
    assert status == 0


def test_restore_refuses_a_damaged_file(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    _saved_code(db_path)
    bad = tmp_path / "hong.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    status, _, err = run(capsys, "--db", str(db_path), "restore", str(bad), "--yes")
    assert status != 0 and "bị hỏng" in err


def test_report_of_the_2023_sample_writes_json_pdf_docx_xlsx(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    import json

    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace
    from tests.agency import set_up_agency
    from tests.services.test_reporting_sample_2023 import build_sample

    workspace = open_workspace(resolve_paths(str(db_path)))
    set_up_agency(workspace)
    sample = build_sample(workspace, tmp_path)
    workspace.close()
    assert run(capsys, "--db", str(db_path), "import", str(sample))[0] == 0
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    status, out, err = run(
        capsys, "--db", str(db_path), "report", "--from", "2023-01-01", "--to", "2023-12-31",
        "--json", str(out_dir / "bc.json"), "--pdf", str(out_dir / "bc.pdf"),
        "--docx", str(out_dir / "bc.docx"), "--xlsx", str(out_dir / "bc.xlsx"),
    )  # fmt: skip
    assert status == 0, err
    assert "1.823 (trực tuyến: 1.810; trực tiếp 13)" in out
    data = json.loads((out_dir / "bc.json").read_text(encoding="utf-8"))
    totals = data["totals"]
    assert (totals["received_online"], totals["received_direct_postal"], totals["carried_over"]) == (
        1810,
        13,
        2,
    )
    assert (totals["resolved_total"], totals["resolved_early"], totals["resolved_on_time"]) == (
        1819,
        1806,
        13,
    )
    assert (totals["in_progress_total"], totals["in_progress_within"], totals["online_payment_rate"]) == (
        6,
        6,
        54.21,
    )
    assert data["by_field"]["Chứng thực"]["resolved_total"] == 1361
    assert data["period"] == {"from": "2023-01-01", "to": "2023-12-31"}
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out_dir / "bc.pdf").pages)
    assert "1.806 hồ sơ, đạt 99,3%" in pdf_text and "54,21%" in pdf_text
    assert any("BÁO CÁO" in p.text for p in Document(str(out_dir / "bc.docx")).paragraphs)
    sheet = load_workbook(out_dir / "bc.xlsx").active
    assert sheet is not None and any(
        isinstance(c.value, str) and c.value.startswith("=SUM(") for row in sheet.iter_rows() for c in row
    )


def test_restoring_onto_a_new_machine_says_there_was_nothing_to_keep(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    _saved_code(db_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run(capsys, "--db", str(db_path), "backup", "--to", str(usb))[0] == 0
    (copy,) = usb.glob("cchc-sao-luu-*.sqlite3")
    new_machine = tmp_path / "new" / "cchc.sqlite3"
    new_machine.parent.mkdir()  # a database named by --db must be in an existing folder
    status, out, _ = run(capsys, "--db", str(new_machine), "restore", str(copy), "--yes")
    assert status == 0 and "Đã khôi phục 1 hồ sơ" in out
    assert "Trước đó chưa có cơ sở dữ liệu" in out and "None" not in out


def test_an_imported_dossier_shows_its_import_in_vietnamese(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "good.csv"
    source.write_text(
        "mã hồ sơ,mã thủ tục,họ và tên,ngày nhận,kênh nộp\nX-1,2.000815,Nguyễn Văn An,05/01/2023 09:00,trực tuyến\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "--db", str(db_path), "import", str(source))
    assert status == 0
    status, out, _ = run(capsys, "--db", str(db_path), "dossier", "X-1")
    assert status == 0 and "Nhập từ tệp dữ liệu" in out and "imported" not in out


def test_print_and_report_before_the_agency_is_set_up_exit_with_what_is_missing(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    """A new install prints no empty or example commune, from the command line either."""
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace

    open_workspace(resolve_paths(str(db_path))).close()
    missing = "tên xã, tỉnh/thành phố, mã định danh cơ quan, địa danh, công chức tiếp nhận, họ tên người ký"
    out = tmp_path / "usb"
    for command in (
        ("print", "register", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(out / "so.pdf")),
        ("print", "daily", "--date", "2026-03-02", "--out", str(out / "ngay.pdf")),
        ("report", "--from", "2026-01-01", "--to", "2026-12-31", "--pdf", str(out / "bc.pdf")),
        ("report", "--from", "2026-01-01", "--to", "2026-12-31", "--docx", str(out / "bc.docx")),
    ):
        status, _, err = run(capsys, "--db", str(db_path), *command)
        assert status != 0, command
        assert f"Chưa in được vì thông tin cơ quan chưa đủ: còn thiếu {missing}." in err
        assert "Thông tin cơ quan và giờ làm việc…" in err and "Traceback" not in err
    assert not out.exists() or not list(out.iterdir())


def test_print_of_a_dossier_is_refused_once_the_signer_is_cleared(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace
    from cchc_desktop.storage import settings_repo

    code = _saved_code(db_path)
    workspace = open_workspace(resolve_paths(str(db_path)))
    with workspace.db.write() as tx:
        settings_repo.write_many(tx, {"signer_name": ""})  # as an older version left it
    workspace.close()
    target = tmp_path / "receipt.pdf"
    status, _, err = run(capsys, "--db", str(db_path), "print", "receipt", code, "--out", str(target))
    assert status == 2
    assert "còn thiếu họ tên người ký" in err
    assert not target.exists()
