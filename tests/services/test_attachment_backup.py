"""Backups carry the scans in their companion folder `cchc-tep-dinh-kem/`, restores bring them back
hash-checked (onto a desk or a server, a new location too), and a missing or altered scan refuses."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.paths import AppPaths, resolve_paths
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.services import attachments
from cchc_desktop.services.attachment_backup import ScansRefusedError, companion_folder, lost_scans_warning
from cchc_desktop.services.backup import automatic_daily_backup, backup_to
from cchc_desktop.services.health import missing_scans
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.move_to import move_to_server
from cchc_desktop.services.restore import restore_from
from cchc_desktop.services.scan_files import prepare_scans
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.storage import attachment_repo, attachment_store
from tests import scan_samples
from tests.agency import set_up_agency
from tests.services.intake_helpers import request
from tests.services.scan_tamper import change_one_byte

NOW = datetime(2026, 3, 2, 10, 10)


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _attach_two(ws: Workspace, folder: Path) -> tuple[str, dict[str, bytes]]:
    """A dossier with a PDF on line 1 and two images on line 2; the files extract gives of it."""
    code = save_intake(ws, request(), now=NOW).record.code
    folder.mkdir(exist_ok=True)
    paper = scan_samples.pdf(folder / "cccd.pdf", pages=2)
    photo = scan_samples.jpeg(folder / "to-khai.jpg")
    page = scan_samples.png(folder / "trang-2.png")
    attachments.attach(ws, code, 0, prepare_scans([paper]))
    attachments.attach(ws, code, 1, prepare_scans([photo, page]))
    return code, _extracted(ws, code, folder / "out-before")


def _extracted(ws: Workspace, code: str, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    return {path.name: path.read_bytes() for path in attachments.extract(ws, code, folder)}


def _after_restore(paths: AppPaths, code: str, folder: Path) -> dict[str, bytes]:
    ws = open_workspace(paths)
    try:
        return _extracted(ws, code, folder)
    finally:
        ws.close()


def _hashes(ws: Workspace) -> list[str]:
    with ws.db.read() as tx:
        return [sha for sha, _size in attachment_repo.kept_blobs(tx)]


def _blob_data_in_file(backup: Path) -> list[object]:
    connection = sqlite3.connect(backup)
    try:
        return [row[0] for row in connection.execute("SELECT data FROM attachment_blob")]
    finally:
        connection.close()


def test_attach_backup_restore_into_a_new_location_extracts_the_same_bytes(
    workspace: Workspace, usb: Path, tmp_path: Path, server_databases: Callable[..., ServerAddress]
) -> None:
    code, before = _attach_two(workspace, tmp_path / "scans")
    result = backup_to(workspace.paths, usb, by=workspace)
    assert sorted(result.scans) == sorted(_hashes(workspace)) and result.scans_copied == 2
    companion = usb / "cchc-tep-dinh-kem"
    for sha in result.scans:
        assert attachment_store.file_sha256(attachment_store.blob_path(companion, sha)) == sha
    # The scans are beside the backup, never inside it (a server's bytes included).
    assert _blob_data_in_file(result.path) == [None, None]

    if workspace.db.server is None:
        new = resolve_paths(str(tmp_path / "may-moi" / "cchc.sqlite3"))
        (tmp_path / "may-moi").mkdir()
    else:
        new = resolve_paths(server_databases().url(with_password=True))
    restore_from(new, result.path)
    assert _after_restore(new, code, tmp_path / "out-after") == before


@pytest.mark.sqlite_only  # a desk's backup onto a server
def test_a_desk_backup_restores_onto_a_new_server_with_its_scans(
    new_workspace: Workspace, usb: Path, tmp_path: Path, server_databases: Callable[..., ServerAddress]
) -> None:
    set_up_agency(new_workspace)
    code, before = _attach_two(new_workspace, tmp_path / "scans")
    result = backup_to(new_workspace.paths, usb, by=new_workspace)
    centre = resolve_paths(server_databases().url(with_password=True))
    restore_from(centre, result.path)
    assert _after_restore(centre, code, tmp_path / "out-after") == before


def test_a_second_backup_copies_only_the_new_scans(workspace: Workspace, usb: Path, tmp_path: Path) -> None:
    code, _ = _attach_two(workspace, tmp_path / "scans")
    first = backup_to(workspace.paths, usb, by=workspace, now=NOW)
    attachments.attach(
        workspace, code, 1, prepare_scans([scan_samples.pdf(tmp_path / "moi.pdf", text="mới")])
    )
    progress: list[tuple[int, int]] = []
    second = backup_to(
        workspace.paths, usb, by=workspace, now=datetime(2026, 3, 3), progress=lambda *p: progress.append(p)
    )
    assert (first.scans_copied, second.scans_copied) == (2, 1) and len(second.scans) == 3
    assert progress[0] == (0, 3) and progress[-1] == (3, 3)


@pytest.mark.parametrize("damage", ["missing", "altered"])
def test_a_missing_or_altered_scan_refuses_the_restore_naming_the_dossier(
    workspace: Workspace,
    usb: Path,
    tmp_path: Path,
    server_databases: Callable[..., ServerAddress],
    damage: str,
) -> None:
    code, _ = _attach_two(workspace, tmp_path / "scans")
    result = backup_to(workspace.paths, usb, by=workspace)
    damaged = attachment_store.blob_path(companion_folder(result.path), sorted(result.scans)[1])
    os.chmod(damaged, stat.S_IRUSR | stat.S_IWUSR)
    if damage == "missing":
        damaged.unlink()
    else:
        data = bytearray(damaged.read_bytes())
        data[50] ^= 1
        damaged.write_bytes(bytes(data))

    if workspace.db.server is None:
        (tmp_path / "may-moi").mkdir()
        target = resolve_paths(str(tmp_path / "may-moi" / "cchc.sqlite3"))
    else:
        target = resolve_paths(server_databases().url(with_password=True))
    with pytest.raises(ScansRefusedError) as refused:
        restore_from(target, result.path)
    assert "Thiếu hoặc hỏng 1 bản số hóa" in refused.value.message
    assert code in refused.value.message and "cơ sở dữ liệu hiện tại vẫn giữ nguyên" in refused.value.message
    if workspace.db.server is None:
        assert not target.database.exists()
        assert not any(attachment_store.desk_folder(target.database).rglob("*.pdf"))
    else:
        ws = open_workspace(target)
        try:
            assert _hashes(ws) == []
        finally:
            ws.close()


@pytest.mark.sqlite_only  # a desk's own folder
def test_the_same_desk_restores_from_its_own_scans_when_the_companion_lacks_them(
    workspace: Workspace, usb: Path, tmp_path: Path
) -> None:
    code, before = _attach_two(workspace, tmp_path / "scans")
    result = backup_to(workspace.paths, usb, by=workspace)
    paths = workspace.paths
    workspace.close()
    for path in companion_folder(result.path).rglob("*.pdf"):
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        path.unlink()
    restore_from(paths, result.path)
    assert _after_restore(paths, code, tmp_path / "out-after") == before


def test_a_deleted_attachment_keeps_its_bytes_until_a_backup_has_them(
    workspace: Workspace, usb: Path, tmp_path: Path
) -> None:
    code, _ = _attach_two(workspace, tmp_path / "scans")
    scans = attachments.scans_of(workspace, code)
    gone = scans.on_line(0)[0]
    attachments.delete_attachment(workspace, code, gone.id, "chụp nhầm")
    assert gone.sha256 in _hashes(workspace)  # still kept: no backup has it yet
    result = backup_to(workspace.paths, usb, by=workspace)
    assert gone.sha256 in result.scans
    assert gone.sha256 not in _hashes(workspace)  # purged once the backup had it
    with workspace.db.read() as tx:
        assert attachment_store.get(workspace.db, tx, gone.sha256) is None
    assert attachment_store.blob_path(companion_folder(result.path), gone.sha256).is_file()


def test_a_scan_altered_in_the_store_does_not_stop_the_backup_and_is_named(
    workspace: Workspace, usb: Path, tmp_path: Path
) -> None:
    """The dossiers matter more than one damaged scan: the backup is made without it, says which dossier
    lacks it, and restores; the restored data names the dossier too, until the scan is attached again."""
    code, _ = _attach_two(workspace, tmp_path / "scans")
    damaged, intact = _hashes(workspace)
    (line,) = [
        a.document_index for a in attachments.scans_of(workspace, code).attachments if a.sha256 == damaged
    ]
    change_one_byte(workspace, damaged)
    result = backup_to(workspace.paths, usb, by=workspace)
    assert result.scans == (intact,) and result.scans_lost_codes == (code,)
    assert lost_scans_warning(result.scans_lost_codes).startswith(f"Bản số hóa của 1 hồ sơ ({code}) bị thiếu")
    assert [problem.codes for problem in missing_scans(workspace.db)] == []  # same size: only the hash knows
    elsewhere = resolve_paths(str(tmp_path / "may-khac" / "cchc.sqlite3"))
    elsewhere.database.parent.mkdir()
    restore_from(elsewhere, result.path)
    restored = open_workspace(elsewhere)
    try:
        assert [(problem.codes, problem.missing) for problem in missing_scans(restored.db)] == [
            ((code,), True)
        ]
        kept = attachments.scans_of(restored, code).attachments
        assert {a.sha256 for a in kept} == {damaged, intact}
        with pytest.raises(UserFacingError, match="Không tìm thấy tệp bản số hóa"):
            attachments.content_of(restored, code, next(a.id for a in kept if a.sha256 == damaged))
    finally:
        restored.close()
    # Deleted (and attached again), the damaged scan no longer holds the backups up nor is kept.
    (attached,) = [a for a in attachments.scans_of(workspace, code).attachments if a.sha256 == damaged]
    attachments.delete_attachment(workspace, code, attached.id, "quét lại")
    attachments.attach(workspace, code, line, prepare_scans([scan_samples.pdf(tmp_path / "lai.pdf")]))
    again = backup_to(workspace.paths, usb, by=workspace)
    assert again.scans_lost_codes == ()
    assert damaged not in _hashes(workspace)


def test_the_daily_backup_carries_the_scans_hard_linked_on_a_desk(
    workspace: Workspace, tmp_path: Path
) -> None:
    code, before = _attach_two(workspace, tmp_path / "scans")
    backup = automatic_daily_backup(workspace.paths, NOW)
    assert backup is not None
    companion = companion_folder(backup)
    for sha in _hashes(workspace):
        copy = attachment_store.blob_path(companion, sha)
        assert attachment_store.file_sha256(copy) == sha
        if workspace.db.server is None:
            assert copy.stat().st_nlink == 2  # the same file as the desk's, on the same disk
    new = resolve_paths(str(tmp_path / "khac" / "cchc.sqlite3"))
    (tmp_path / "khac").mkdir()
    restore_from(new, backup)
    assert _after_restore(new, code, tmp_path / "out-after") == before


@pytest.mark.sqlite_only
def test_moving_a_desk_to_a_server_carries_its_scans(
    workspace: Workspace, tmp_path: Path, server_databases: Callable[..., ServerAddress]
) -> None:
    code, before = _attach_two(workspace, tmp_path / "scans")
    centre = server_databases()
    move_to_server(workspace, centre)
    assert (
        _after_restore(resolve_paths(centre.url(with_password=True)), code, tmp_path / "out-after") == before
    )


@pytest.mark.sqlite_only
def test_a_scan_altered_on_the_desk_refuses_the_move_naming_the_dossier(
    workspace: Workspace, tmp_path: Path, server_databases: Callable[..., ServerAddress]
) -> None:
    code, _ = _attach_two(workspace, tmp_path / "scans")
    change_one_byte(workspace, _hashes(workspace)[0])
    centre = server_databases()
    with pytest.raises(UserFacingError) as refused:
        move_to_server(workspace, centre)
    assert "1 bản số hóa của bàn làm việc bị thiếu hoặc bị thay đổi" in refused.value.message
    assert code in refused.value.message
    ws = open_workspace(resolve_paths(centre.url(with_password=True)))
    try:
        assert _hashes(ws) == []
        with ws.db.read() as tx:
            assert tx.connection().exec_driver_sql("SELECT count(*) FROM dossier").scalar_one() == 0
    finally:
        ws.close()


def test_the_start_up_look_names_the_dossier_of_a_missing_scan(workspace: Workspace, tmp_path: Path) -> None:
    code, _ = _attach_two(workspace, tmp_path / "scans")
    assert missing_scans(workspace.db) == []
    gone = _hashes(workspace)[0]
    if workspace.db.server is None:
        path = attachment_store.blob_path(attachment_store.desk_folder(workspace.db.path), gone)
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        path.unlink()
    else:
        with workspace.db.engine.begin() as connection:
            connection.exec_driver_sql(f"UPDATE attachment_blob SET data = NULL WHERE sha256 = '{gone}'")
    (problem,) = missing_scans(workspace.db)
    assert problem.text() == f"Hồ sơ {code}: thiếu tệp bản số hóa (mã băm {gone[:12]}…) trong kho lưu trữ."


def test_the_copy_kept_before_a_restore_undoes_it_with_the_scans(
    workspace: Workspace, usb: Path, tmp_path: Path
) -> None:
    empty = backup_to(workspace.paths, usb, by=workspace, now=NOW)  # before any scan
    code, before = _attach_two(workspace, tmp_path / "scans")
    paths = workspace.paths
    workspace.close()
    result = restore_from(paths, empty.path, force=True)
    assert result.previous is not None
    restore_from(paths, result.previous, force=True)
    assert _after_restore(paths, code, tmp_path / "out-after") == before


def test_scans_only_pruned_daily_backups_needed_leave_the_backups_folder(
    workspace: Workspace, tmp_path: Path
) -> None:
    code, _ = _attach_two(workspace, tmp_path / "scans")
    gone = attachments.scans_of(workspace, code).on_line(0)[0]
    attachments.delete_attachment(workspace, code, gone.id)
    first = automatic_daily_backup(workspace.paths, datetime(2026, 1, 1, 8))
    assert first is not None
    companion = companion_folder(first)
    assert attachment_store.blob_path(companion, gone.sha256).is_file()  # the only copy left
    for day in range(2, 21):
        automatic_daily_backup(workspace.paths, datetime(2026, 1, day, 8))
    assert not first.exists()  # pruned: older than the 14 newest days, not the newest of January
    kept = {path.stem for path in companion.glob("*/*.pdf")}
    assert kept == set(_hashes(workspace)) and gone.sha256 not in kept
