"""`cchc check` on both engines: exit 0 when all is well, otherwise one line per problem naming the
dossier (a scan with one byte changed, a scan file deleted, a dossier row changed behind the app's back); and
`cchc backup` says where the scans went."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services import attachments
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.scan_files import prepare_scans
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.storage import attachment_repo, attachment_store
from tests import scan_samples
from tests.agency import set_up_agency
from tests.both_engines import pytest_generate_tests  # noqa: F401  (both engines here)
from tests.cli.running import run
from tests.services.intake_helpers import request
from tests.services.scan_tamper import change_one_byte

NOW = datetime(2026, 3, 2, 10, 10)


@pytest.fixture
def scanned(db_location: str, tmp_path: Path) -> Iterator[tuple[Workspace, str, str]]:
    """A dossier with one scan attached, another without: (workspace, the first's code, the scan's hash)."""
    ws = open_workspace(resolve_paths(db_location))
    try:
        set_up_agency(ws)
        code = save_intake(ws, request(), now=NOW).record.code
        save_intake(ws, request(applicant_name="Trần Văn Bình"), now=NOW)
        attachments.attach(ws, code, 0, prepare_scans([scan_samples.pdf(tmp_path / "cccd.pdf")]))
        with ws.db.read() as tx:
            ((sha, _size),) = attachment_repo.kept_blobs(tx)
        yield ws, code, sha
    finally:
        ws.close()


def test_all_well_exits_0(
    capsys: pytest.CaptureFixture[str], db_location: str, scanned: tuple[Workspace, str, str]
) -> None:
    status, out, err = run(capsys, "--db", db_location, "check")
    assert (status, err) == (0, "")
    assert "Không có vấn đề" in out and "1 bản số hóa khớp mã băm SHA-256" in out


def test_a_changed_byte_names_the_dossier(
    capsys: pytest.CaptureFixture[str], db_location: str, scanned: tuple[Workspace, str, str]
) -> None:
    ws, code, sha = scanned
    change_one_byte(ws, sha)
    status, out, _ = run(capsys, "--db", db_location, "check")
    assert status == 6
    problems = [line for line in out.splitlines() if line.startswith("Lỗi:")]
    assert problems == [
        f"Lỗi: Hồ sơ {code}: tệp bản số hóa (mã băm {sha[:12]}…) đã bị thay đổi ngoài phần mềm "
        "(không khớp mã băm SHA-256)."
    ]


@pytest.mark.sqlite_only
def test_a_deleted_scan_file_names_the_dossier(
    capsys: pytest.CaptureFixture[str], db_location: str, scanned: tuple[Workspace, str, str]
) -> None:
    ws, code, sha = scanned
    path = attachment_store.blob_path(attachment_store.desk_folder(ws.db.path), sha)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    path.unlink()
    status, out, _ = run(capsys, "--db", db_location, "check")
    assert status == 6
    assert f"Lỗi: Hồ sơ {code}: thiếu tệp bản số hóa (mã băm {sha[:12]}…) trong kho lưu trữ." in out


@pytest.mark.audit_tampered
def test_a_dossier_changed_behind_the_apps_back_is_named(
    capsys: pytest.CaptureFixture[str], db_location: str, scanned: tuple[Workspace, str, str]
) -> None:
    ws, code, _ = scanned
    with ws.db.engine.begin() as connection:
        connection.exec_driver_sql(f"UPDATE dossier SET status = 'bogus' WHERE code = '{code}'")
    status, out, _ = run(capsys, "--db", db_location, "check")
    assert status == 6
    problems = [line for line in out.splitlines() if line.startswith("Lỗi:")]
    assert problems and all(code in line for line in problems)
    assert any("bị sửa ngoài phần mềm" in line for line in problems)


def test_backup_says_where_the_scans_are(
    capsys: pytest.CaptureFixture[str], db_location: str, scanned: tuple[Workspace, str, str], tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    status, out, err = run(capsys, "--db", db_location, "backup", "--to", str(usb))
    assert (status, err) == (0, "")
    assert (
        f"Kèm 1 bản số hóa trong thư mục {usb / 'cchc-tep-dinh-kem'} (1 bản mới chép); khi mang bản sao lưu "
        "đi, hãy mang cả thư mục này." in out
    )


def test_a_backup_with_a_lost_scan_is_written_and_exits_6_naming_the_dossier(
    capsys: pytest.CaptureFixture[str], db_location: str, scanned: tuple[Workspace, str, str], tmp_path: Path
) -> None:
    ws, code, sha = scanned
    change_one_byte(ws, sha)
    usb = tmp_path / "usb"
    usb.mkdir()
    status, out, err = run(capsys, "--db", db_location, "backup", "--to", str(usb))
    assert status == 6
    assert out.startswith("Đã sao lưu 2 hồ sơ vào ")
    assert err.startswith(f"Lỗi: Bản số hóa của 1 hồ sơ ({code}) bị thiếu hoặc bị thay đổi ngoài phần mềm")
    assert len(list(usb.glob("cchc-sao-luu-*.sqlite3"))) == 1
