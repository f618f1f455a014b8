"""`cchc catalogue import|export|list` as the commune's administrator runs them after the province publishes
its list: a dry run writes nothing, a bad file is refused row by row with exit 2 and the catalogue unchanged,
export → import from the same date changes nothing, on the SQLite file and on the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.both_engines import pytest_generate_tests  # noqa: F401  (both engines here)
from tests.cli.running import run

PROVINCE = Path(__file__).resolve().parents[1] / "services" / "data" / "catalogue" / "province-list.csv"


def _versions(capsys: pytest.CaptureFixture[str], db: str, on: str) -> list[str]:
    status, out, _ = run(capsys, "--db", db, "catalogue", "list", "--on", on)
    assert status == 0
    return out.splitlines()


def test_a_dry_run_shows_the_changes_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db_location: str
) -> None:
    before = _versions(capsys, db_location, "2026-04-02")

    status, out, err = run(
        capsys, "--db", db_location, "catalogue", "import", str(PROVINCE), "--from", "2026-04-01", "--dry-run"
    )

    assert (status, err) == (0, "")
    first = out.splitlines()[0]
    assert first.startswith("Tệp province-list.csv, áp dụng từ ngày 01/04/2026: 2 thủ tục mới, 4 thay đổi,")
    assert "  + XD-01 Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in out
    assert "  ? DD-01: cần xác định thời hạn («Tùy theo tính chất vụ việc»)" in out
    assert "chưa ghi gì" in out
    assert _versions(capsys, db_location, "2026-04-02") == before


def test_an_import_writes_versions_from_its_date_and_the_list_shows_them(
    capsys: pytest.CaptureFixture[str], db_location: str
) -> None:
    status, out, _ = run(
        capsys, "--db", db_location, "catalogue", "import", str(PROVINCE), "--from", "2026-04-01"
    )
    assert status == 0
    assert out.splitlines()[-1].startswith("Đã ghi vào danh mục từ ngày 01/04/2026: 2 mới, 4 thay đổi,")

    after = _versions(capsys, db_location, "2026-04-02")
    assert (
        "DD-01 | Hòa giải tranh chấp đất đai | Đất đai | Cần xác định thời hạn | Cần xác định thời hạn"
        in after
    )
    assert any(line.startswith("2.000908 | ") and line.endswith("| Đã bãi bỏ") for line in after)
    status, out, _ = run(
        capsys,
        "--db",
        db_location,
        "catalogue",
        "list",
        "--search",
        "chung thuc chu ky trong cac giay to",
        "--on",
        "2026-03-02",
    )
    assert out.splitlines()[0].startswith("2.000884 | Chứng thực chữ ký")
    assert "phiên bản mới từ 01/04/2026" in out.splitlines()[0]


def test_a_bad_file_is_refused_row_by_row_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], db_location: str, tmp_path: Path
) -> None:
    bad = tmp_path / "danh-muc-loi.csv"
    text = PROVINCE.read_text(encoding="utf-8-sig").replace("1.001193,", "1.001\x07193,")
    bad.write_text(text, encoding="utf-8")
    before = _versions(capsys, db_location, "2026-04-02")

    status, out, _ = run(capsys, "--db", db_location, "catalogue", "import", str(bad), "--from", "2026-04-01")

    assert status == 2
    assert "dòng 7: Mã thủ tục: có ký tự điều khiển không in được; xóa ký tự đó" in out.splitlines()
    assert "Tệp có 1 lỗi; chưa ghi gì vào danh mục. Sửa tệp rồi nhập lại." in out
    assert _versions(capsys, db_location, "2026-04-02") == before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_from_the_same_date_changes_nothing(
    capsys: pytest.CaptureFixture[str], db_location: str, tmp_path: Path, suffix: str
) -> None:
    run(capsys, "--db", db_location, "catalogue", "import", str(PROVINCE), "--from", "2026-04-01")
    exported = tmp_path / f"danh-muc{suffix}"

    status, out, _ = run(
        capsys, "--db", db_location, "catalogue", "export", "--out", str(exported), "--on", "2026-05-04"
    )
    assert status == 0 and out.startswith("Đã xuất 6 thủ tục (danh mục ngày 04/05/2026)")

    status, out, _ = run(
        capsys, "--db", db_location, "catalogue", "import", str(exported), "--from", "2026-05-04"
    )
    assert status == 0
    assert out.splitlines()[0].endswith(
        "0 thủ tục mới, 0 thay đổi, 0 bãi bỏ, 6 giữ nguyên, 0 cần xác định thời hạn."
    )
    assert out.splitlines()[-1] == "Danh mục đã đúng như tệp; không có gì để ghi."


def test_wrong_dates_and_missing_files_get_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    status, _, err = run(
        capsys, "--db", str(db_path), "catalogue", "import", str(PROVINCE), "--from", "2026-13-01"
    )
    assert status != 0 and "Ngày không hợp lệ: '2026-13-01'" in err
    status, _, err = run(
        capsys,
        "--db",
        str(db_path),
        "catalogue",
        "import",
        str(tmp_path / "khong-co.xlsx"),
        "--from",
        "2026-04-01",
    )
    assert status != 0 and "Traceback" not in err and "khong-co.xlsx" in err
