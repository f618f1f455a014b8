"""Files a clerk might attach that are not what they seem: each is refused, naming the file and what to do,
and nothing is stored."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.services import scan_files
from cchc_desktop.services.scan_files import prepare_scans
from tests import scan_samples

DATA = Path(__file__).parent / "data" / "scans"


def _refused(path: Path) -> str:
    with pytest.raises(InvalidInputError) as error:
        prepare_scans([path])
    assert path.name in error.value.message
    return error.value.message


def test_committed_hostile_scans_are_refused() -> None:
    messages = {path.name: _refused(path) for path in sorted(DATA.iterdir())}
    assert "bị hỏng hoặc chưa ghi xong" in messages["cut-short.pdf"]
    assert "bị hỏng hoặc chưa ghi xong" in messages["cut-short.jpg"]
    assert "không phải PDF, JPEG, PNG hoặc TIFF" in messages["really-a-zip.pdf"]
    assert "không phải PDF, JPEG, PNG hoặc TIFF" in messages["text-with-controls.png"]


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mat-khau")
    path = tmp_path / "co-mat-khau.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "được đặt mật khẩu" in _refused(path)


def test_an_image_with_absurd_dimensions_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "qua-lon.png"
    Image.new("1", (20_000, 20_000)).save(path)  # a small file of 400 million pixels
    assert "quá nhiều điểm ảnh" in _refused(path)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_files, "MAX_FILE_BYTES", 1000)
    path = scan_samples.pdf(tmp_path / "lon.pdf")
    assert "quá lớn" in _refused(path)


def test_a_missing_file_and_a_folder_are_named(tmp_path: Path) -> None:
    assert "Không tìm thấy tệp" in _refused(tmp_path / "da-xoa.pdf")
    folder = tmp_path / "thu-muc.pdf"
    folder.mkdir()
    assert "là thư mục" in _refused(folder)


def make_data() -> None:
    """Write the committed hostile files (run once: python -m tests.services.test_scan_files_hostile)."""
    DATA.mkdir(parents=True, exist_ok=True)
    good = io.BytesIO()
    Image.new("RGB", (300, 400), (10, 120, 200)).save(good, "JPEG")
    (DATA / "cut-short.jpg").write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    pdf = scan_samples.pdf(DATA / "cut-short.pdf").read_bytes()
    (DATA / "cut-short.pdf").write_bytes(pdf[: len(pdf) // 3])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("scan.pdf", pdf)
    (DATA / "really-a-zip.pdf").write_bytes(archive.getvalue())
    (DATA / "text-with-controls.png").write_bytes("Giấy tờ\x00\x07\x1b[31m tùy thân\n".encode() * 50)


if __name__ == "__main__":
    make_data()
