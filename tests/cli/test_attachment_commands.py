"""`cchc attach` and `cchc attachments` as a clerk digitising at the counter runs them, on both engines: the
files land on the named paper, the listing shows them, extracting gives the very bytes back, and a bad
file or line is refused with the reason and nothing stored."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import open_workspace
from tests import scan_samples
from tests.agency import set_up_agency
from tests.both_engines import pytest_generate_tests  # noqa: F401  (both engines here)
from tests.cli.running import run
from tests.services.intake_helpers import request


@pytest.fixture
def code(db_location: str) -> str:
    ws = open_workspace(resolve_paths(db_location))
    try:
        set_up_agency(ws)
        return save_intake(ws, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    finally:
        ws.close()


def test_attach_list_and_extract(
    capsys: pytest.CaptureFixture[str], db_location: str, code: str, tmp_path: Path
) -> None:
    form = scan_samples.jpeg(tmp_path / "to-khai.jpg")
    back = scan_samples.png(tmp_path / "to-khai-2.png")
    card = scan_samples.pdf(tmp_path / "cccd.pdf", pages=2)

    status, out, err = run(
        capsys, "--db", db_location, "attach", code, "--document", "1", str(form), str(back)
    )
    assert (status, err) == (0, "")
    assert "Đã gắn 1 tệp (2 trang) vào giấy tờ số 1 “Tờ khai cấp Giấy xác nhận tình trạng hôn nhân”" in out
    status, out, err = run(capsys, "--db", db_location, "attach", code, "--document", "2", str(card))
    assert (status, err) == (0, "")

    status, out, _ = run(capsys, "--db", db_location, "attachments", code)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f"Hồ sơ {code}: đã số hóa đủ."
    assert lines[1] == "1. Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"
    assert lines[2].startswith("   [1] to-khai.pdf: 2 trang,") and "ảnh ghép thành PDF" in lines[2]
    assert lines[4].startswith("   [2] cccd.pdf: 2 trang,")

    out_dir = tmp_path / "ra"
    out_dir.mkdir()
    status, out, err = run(capsys, "--db", db_location, "attachments", code, "--extract", str(out_dir))
    assert (status, err) == (0, "")
    assert (out_dir / "02-2-cccd.pdf").read_bytes() == card.read_bytes()
    assert (out_dir / "01-1-001-to-khai.jpg").read_bytes() == form.read_bytes()
    with Image.open(out_dir / "01-1-002-to-khai-2.png") as got, Image.open(back) as want:
        assert ImageChops.difference(got.convert("L"), want.convert("L")).getbbox() is None


def test_a_bad_file_or_line_is_refused_and_nothing_is_stored(
    capsys: pytest.CaptureFixture[str], db_location: str, code: str, tmp_path: Path
) -> None:
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    good = scan_samples.pdf(tmp_path / "good.pdf")
    status, out, err = run(
        capsys, "--db", db_location, "attach", code, "--document", "1", str(good), str(broken)
    )
    assert status != 0 and out == ""
    assert err.splitlines() == ["Lỗi: Tệp PDF “scan.pdf” bị hỏng hoặc chưa ghi xong."]
    status, _, err = run(capsys, "--db", db_location, "attach", code, "--document", "3", str(good))
    assert status != 0
    assert "số thứ tự giấy tờ phải từ 1 đến 2" in err
    status, _, err = run(capsys, "--db", db_location, "attach", "KHONG-CO", "--document", "1", str(good))
    assert status != 0 and "Không tìm thấy hồ sơ mã KHONG-CO" in err
    status, out, _ = run(capsys, "--db", db_location, "attachments", code)
    assert out.splitlines()[0] == f"Hồ sơ {code}: chưa số hóa."
    assert out.count("chưa số hóa") == 3
