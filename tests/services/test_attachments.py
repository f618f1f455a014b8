"""Scans attached to a dossier's document lines: stored once by hash, read back checked, deleted with
an audit entry, extracted byte for byte."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.domain.digitisation import Digitised
from cchc_desktop.domain.intake import ReceivedItem
from cchc_desktop.services import attachments
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.printing import PrintedForm, prepare_print
from cchc_desktop.services.scan_files import prepare_scans
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import attachment_repo, attachment_store
from tests import scan_samples
from tests.agency import set_up_agency
from tests.pdf_text import pages_text
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)


def _dossier(ws: Workspace) -> str:
    set_up_agency(ws)
    return save_intake(ws, request(), now=NOW).record.code


def test_images_become_one_pdf_and_a_pdf_is_kept_as_it_came(workspace: Workspace, tmp_path: Path) -> None:
    code = _dossier(workspace)
    photo = scan_samples.jpeg(tmp_path / "to-khai.jpg")
    page = scan_samples.png(tmp_path / "trang-2.png")
    paper = scan_samples.pdf(tmp_path / "cccd.pdf", pages=3)
    scans = prepare_scans([photo, page, paper])
    assert [(scan.kind, scan.pages) for scan in scans] == [("pdf", 3), ("images", 2)]
    attachments.attach(workspace, code, 0, scans[1:])
    attachments.attach(workspace, code, 1, scans[:1])
    found = attachments.scans_of(workspace, code)
    assert [(a.document_index, a.kind, a.pages) for a in found.attachments] == [
        (0, "images", 2),
        (1, "pdf", 3),
    ]
    assert found.attachments[1].document_name == "Giấy tờ tùy thân để xuất trình"
    assert found.state is Digitised.FULL
    assert attachments.content_of(workspace, code, found.attachments[1].id) == paper.read_bytes()


def test_the_same_scan_twice_is_stored_once(workspace: Workspace, tmp_path: Path) -> None:
    code = _dossier(workspace)
    scans = prepare_scans([scan_samples.pdf(tmp_path / "a.pdf")])
    attachments.attach(workspace, code, 0, scans)
    attachments.attach(workspace, code, 1, scans)
    with workspace.db.read() as tx:
        assert [sha for sha, _size in attachment_repo.kept_blobs(tx)] == [scans[0].sha256]
    assert len(attachments.scans_of(workspace, code).attachments) == 2


def test_extract_gives_the_pdf_byte_for_byte_and_the_images_pixel_for_pixel(
    workspace: Workspace, tmp_path: Path
) -> None:
    code = _dossier(workspace)
    photo = scan_samples.jpeg(tmp_path / "to-khai.jpg")
    page = scan_samples.png(tmp_path / "trang-2.png")
    paper = scan_samples.pdf(tmp_path / "cccd.pdf")
    attachments.attach(workspace, code, 0, prepare_scans([photo, page]))
    attachments.attach(workspace, code, 1, prepare_scans([paper]))
    out = tmp_path / "out"
    out.mkdir()
    written = attachments.extract(workspace, code, out)
    names = sorted(path.name for path in written)
    assert names == ["01-1-001-to-khai.jpg", "01-1-002-trang-2.png", "02-2-cccd.pdf"]
    assert (out / "02-2-cccd.pdf").read_bytes() == paper.read_bytes()
    assert (out / "01-1-001-to-khai.jpg").read_bytes() == photo.read_bytes()
    with Image.open(out / "01-1-002-trang-2.png") as got, Image.open(page) as want:
        assert ImageChops.difference(got.convert("L"), want.convert("L")).getbbox() is None


def test_a_deleted_attachment_leaves_the_dossier_but_not_the_history(
    workspace: Workspace, tmp_path: Path
) -> None:
    code = _dossier(workspace)
    (attached,) = attachments.attach(
        workspace, code, 0, prepare_scans([scan_samples.pdf(tmp_path / "a.pdf")])
    )
    attachments.delete_attachment(workspace, code, attached.id, "quét nhầm")
    assert attachments.scans_of(workspace, code).attachments == ()
    kept = attachments.scans_of(workspace, code, deleted=True).attachments
    assert kept[0].deleted_at is not None
    # The bytes stay until a backup has them.
    with workspace.db.read() as tx:
        assert [sha for sha, _size in attachment_repo.kept_blobs(tx)] == [attached.sha256]
    assert attachments.purge_backed_up(workspace.db, [attached.sha256]) == 1
    with workspace.db.read() as tx:
        assert attachment_repo.kept_blobs(tx) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not a scan", "không phải PDF, JPEG, PNG hoặc TIFF"),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "bị hỏng hoặc chưa ghi xong"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 cut", "bị hỏng hoặc chưa ghi xong"),
        (b"", "rỗng"),
    ],
)
def test_a_hostile_file_is_refused_naming_it(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(content)
    with pytest.raises(InvalidInputError) as error:
        prepare_scans([path])
    assert message in error.value.message and "scan.pdf" in error.value.message


def test_a_line_outside_the_documents_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    code = _dossier(workspace)
    with pytest.raises(InvalidInputError, match="từ 1 đến 2"):
        attachments.attach(workspace, code, 2, prepare_scans([scan_samples.pdf(tmp_path / "a.pdf")]))


def test_a_changed_byte_is_caught_when_read(workspace: Workspace, tmp_path: Path) -> None:
    code = _dossier(workspace)
    (attached,) = attachments.attach(
        workspace, code, 0, prepare_scans([scan_samples.pdf(tmp_path / "a.pdf")])
    )
    from tests.services.scan_tamper import change_one_byte

    change_one_byte(workspace, attached.sha256)
    with pytest.raises(UserFacingError, match="đã bị thay đổi ngoài phần mềm"):
        attachments.content_of(workspace, code, attached.id)


def test_scans_taken_at_intake_are_saved_with_the_dossier(workspace: Workspace, tmp_path: Path) -> None:
    set_up_agency(workspace)
    base = request()
    documents = (ReceivedItem("Giấy không mang theo", "bản sao", 0), *base.documents)
    scans = {2: prepare_scans([scan_samples.pdf(tmp_path / "cccd.pdf")])}
    saved = save_intake(workspace, replace(base, documents=documents), now=NOW, scans=scans)
    found = attachments.scans_of(workspace, saved.record.code)
    assert [(a.document_index, a.document_name) for a in found.attachments] == [
        (1, "Giấy tờ tùy thân để xuất trình")
    ]
    assert found.state is Digitised.PARTIAL


def test_a_save_that_fails_leaves_no_dossier_and_no_stored_scan(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_up_agency(workspace)
    scans = {0: prepare_scans([scan_samples.pdf(tmp_path / "cccd.pdf")])}

    def power_cut(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(attachment_repo, "add_attachment", power_cut)
    with pytest.raises(OSError):
        save_intake(workspace, request(), now=NOW, scans=scans)
    with workspace.db.read() as tx:
        assert attachment_repo.kept_blobs(tx) == []
    if workspace.db.server is None:
        folder = attachment_store.desk_folder(workspace.db.path)
        assert not folder.exists() or not any(path.is_file() for path in folder.rglob("*"))


def test_the_receipt_says_which_papers_were_digitised(workspace: Workspace, tmp_path: Path) -> None:
    code = _dossier(workspace)
    before = " ".join(pages_text(prepare_print(workspace, code, PrintedForm.RECEIPT).pdf))
    assert "Đã số hóa" not in before
    attachments.attach(workspace, code, 1, prepare_scans([scan_samples.pdf(tmp_path / "cccd.pdf", pages=3)]))
    receipt = prepare_print(workspace, code, PrintedForm.RECEIPT).pdf
    (tmp_path / "receipt.pdf").write_bytes(receipt)
    assert "Đã số hóa tại bộ phận tiếp nhận: giấy tờ số 2 (3 trang)." in " ".join(pages_text(receipt))
