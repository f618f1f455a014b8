"""Backups, restores and the start-up check: a power cut, a full disk or a pulled USB stick loses nothing."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cchc_desktop.core.errors import DatabaseTooNewError, NotFoundError, UserFacingError
from cchc_desktop.core.paths import AppPaths, resolve_paths
from cchc_desktop.services.backup import automatic_daily_backup, backup_to, latest_good_backup
from cchc_desktop.services.health import quick_check
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.restore import check_backup_file, restore_from
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.storage import backup as storage_backup
from cchc_desktop.storage.database_files import PARTIAL_SUFFIX
from cchc_desktop.storage.migrate import head_revision
from tests.agency import set_up_agency
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)
FROZEN_0001 = Path(__file__).parents[1] / "storage" / "data" / "rev_0001.sqlite3"


@pytest.fixture
def paths(db_path: Path) -> AppPaths:
    return resolve_paths(str(db_path))


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _save(ws: Workspace, name: str) -> None:
    if ws.settings().missing_for_print():
        set_up_agency(ws)
    save_intake(ws, request(applicant_name=name), now=NOW)


def _names(database: Path) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return [row[0] for row in connection.execute("SELECT applicant_name FROM dossier ORDER BY id")]
    finally:
        connection.close()


def _database_with(paths: AppPaths, *names: str) -> None:
    ws = open_workspace(paths)
    for name in names:
        _save(ws, name)
    ws.close()


def _backup_of(paths: AppPaths, folder: Path, *names: str) -> Path:
    _database_with(paths, *names)
    return backup_to(paths, folder).path


def _damage(file: Path, how: str) -> None:
    size = file.stat().st_size
    if how == "truncated":
        os.truncate(file, size // 2)
    else:
        with open(file, "r+b") as handle:
            handle.seek(size // 2 // 4096 * 4096)
            handle.write(bytes(range(256)) * 16)


# ---------------------------------------------------------------- backup and restore


def test_a_restore_brings_back_the_backup_and_keeps_the_database_it_replaced(
    paths: AppPaths, usb: Path
) -> None:
    ws = open_workspace(paths)
    _save(ws, "Trước Sao Lưu")
    backup = backup_to(paths, usb)  # the window is open: the online backup reads the WAL too
    _save(ws, "Sau Sao Lưu")
    ws.close()

    result = restore_from(paths, backup.path)

    assert _names(paths.database) == ["Trước Sao Lưu"]
    assert result.previous is not None and not result.previous_damaged
    assert _names(result.previous) == ["Trước Sao Lưu", "Sau Sao Lưu"]
    assert result.info.dossier_count == 1 and result.info.newest_received_at == request().received_at
    assert result.upgraded_from is None
    assert sorted(p.name for p in paths.database.parent.iterdir()) == ["backups", "cchc.sqlite3"]
    assert paths.database.stat().st_mode & 0o777 == 0o600
    ws = open_workspace(paths)  # and the clerk carries on
    _save(ws, "Sau Khôi Phục")
    ws.close()
    assert _names(paths.database) == ["Trước Sao Lưu", "Sau Khôi Phục"]


def test_a_backup_is_named_by_its_time_private_checked_and_never_overwritten(
    paths: AppPaths, usb: Path
) -> None:
    _database_with(paths, "Nguyễn Thị Hoa")
    moment = datetime(2026, 3, 2, 10, 15, 30)
    first = backup_to(paths, usb, now=moment)
    second = backup_to(paths, usb, now=moment)
    assert [first.path.name, second.path.name] == [
        "cchc-sao-luu-20260302-101530.sqlite3",
        "cchc-sao-luu-20260302-101530-2.sqlite3",
    ]
    assert first.path.stat().st_mode & 0o777 == 0o600
    assert (first.dossier_count, first.revision) == (1, head_revision())
    assert first.size_bytes == first.path.stat().st_size and first.seconds > 0
    assert {p.name for p in usb.iterdir()} == {first.path.name, second.path.name}
    assert check_backup_file(first.path).dossier_count == 1


def test_an_older_backup_is_upgraded_when_restored(paths: AppPaths, tmp_path: Path) -> None:
    _database_with(paths)
    old = tmp_path / "old-backup.sqlite3"
    shutil.copy(FROZEN_0001, old)
    result = restore_from(paths, old)
    assert result.upgraded_from == "0001"
    assert check_backup_file(paths.database).revision == head_revision()
    assert _names(paths.database) == ["Nguyễn Thị Hoa"]


def test_a_restore_on_a_new_computer_needs_no_previous_database(
    paths: AppPaths, usb: Path, tmp_path: Path
) -> None:
    backup = _backup_of(paths, usb, "Nguyễn Thị Hoa")
    fresh = resolve_paths(str(tmp_path / "new-pc" / "cchc.sqlite3"))
    result = restore_from(fresh, backup)
    assert result.previous is None
    assert _names(fresh.database) == ["Nguyễn Thị Hoa"]


def test_a_damaged_database_is_kept_byte_for_byte_when_a_backup_replaces_it(
    paths: AppPaths, usb: Path
) -> None:
    backup = _backup_of(paths, usb, "Nguyễn Thị Hoa")
    _damage(paths.database, "overwritten")
    damaged = paths.database.read_bytes()
    result = restore_from(paths, backup)
    assert result.previous_damaged and result.previous is not None
    assert result.previous.name.startswith("hong-truoc-khoi-phuc-")
    # Leaving WAL mode (so the -wal can go) changes the journal-mode bytes of the header, nothing else.
    assert result.previous.read_bytes()[100:] == damaged[100:]
    assert _names(paths.database) == ["Nguyễn Thị Hoa"]


def test_a_restore_is_refused_while_the_database_is_open(
    paths: AppPaths, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = _backup_of(paths, usb, "Trước Sao Lưu")
    monkeypatch.setattr(storage_backup, "IN_USE_TIMEOUT_S", 0.05)
    ws = open_workspace(paths)
    _save(ws, "Sau Sao Lưu")
    try:
        with pytest.raises(UserFacingError, match="đang được mở"):
            restore_from(paths, backup)
        _save(ws, "Vẫn Lưu Được")
    finally:
        ws.close()
    assert _names(paths.database) == ["Trước Sao Lưu", "Sau Sao Lưu", "Vẫn Lưu Được"]


def test_a_restore_failing_at_the_swap_leaves_the_original_database(
    paths: AppPaths, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = open_workspace(paths)
    _save(ws, "Trước Sao Lưu")
    backup = backup_to(paths, usb).path
    _save(ws, "Sau Sao Lưu")
    ws.close()
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if Path(target) == paths.database:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UserFacingError, match="vẫn giữ nguyên"):
        restore_from(paths, backup)
    monkeypatch.undo()
    assert _names(paths.database) == ["Trước Sao Lưu", "Sau Sao Lưu"]
    assert sorted(p.name for p in paths.database.parent.iterdir()) == ["backups", "cchc.sqlite3"]
    assert quick_check(paths.database) is None
    ws = open_workspace(paths)
    _save(ws, "Sau Lỗi")
    ws.close()
    assert _names(paths.database)[-1] == "Sau Lỗi"


# ---------------------------------------------------------------- refused files


@pytest.mark.parametrize("how", ["truncated", "overwritten"])
def test_a_damaged_backup_is_refused_and_the_live_data_untouched(
    paths: AppPaths, usb: Path, how: str
) -> None:
    backup = _backup_of(paths, usb, "Nguyễn Thị Hoa")
    _damage(backup, how)
    before = paths.database.read_bytes()
    with pytest.raises(UserFacingError, match="bị hỏng"):
        check_backup_file(backup)
    with pytest.raises(UserFacingError, match="bị hỏng"):
        restore_from(paths, backup)
    assert paths.database.read_bytes() == before
    assert sorted(p.name for p in paths.database.parent.iterdir()) == ["cchc.sqlite3"]


def test_a_foreign_sqlite_file_is_refused(paths: AppPaths, tmp_path: Path) -> None:
    foreign = tmp_path / "ke-toan.sqlite3"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
    connection.commit()
    connection.close()
    with pytest.raises(UserFacingError, match="không phải tệp sao lưu của CCHC Desk"):
        restore_from(paths, foreign)
    assert not paths.database.exists()


def test_a_backup_from_a_newer_version_is_refused(paths: AppPaths, usb: Path) -> None:
    backup = _backup_of(paths, usb, "Nguyễn Thị Hoa")
    connection = sqlite3.connect(backup)
    connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    connection.commit()
    connection.close()
    with pytest.raises(DatabaseTooNewError, match="phiên bản CCHC Desk mới hơn"):
        restore_from(paths, backup)


def test_an_empty_or_missing_file_is_refused(paths: AppPaths, tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    with pytest.raises(UserFacingError, match="bị hỏng"):
        check_backup_file(empty)
    with pytest.raises(NotFoundError, match="Không tìm thấy tệp"):
        check_backup_file(tmp_path / "missing.sqlite3")


# ---------------------------------------------------------------- full, read-only and pulled drives


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.ENOSPC, "Không đủ chỗ trống"),
        (errno.EROFS, "Không có quyền ghi"),
        (errno.EIO, "ổ đĩa đã bị rút ra"),
    ],
)
@pytest.mark.parametrize("step", ["create", "replace"])
def test_a_failed_backup_says_why_and_leaves_no_file(
    paths: AppPaths, usb: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str, step: str
) -> None:
    _database_with(paths, "Nguyễn Thị Hoa")
    real_open = os.open

    def fail(*_args: object) -> None:
        raise OSError(code, os.strerror(code))

    def fail_to_create(path: str | Path, *args: int) -> int:
        if str(path).endswith(PARTIAL_SUFFIX):
            fail()
        return real_open(path, *args)

    monkeypatch.setattr(os, "replace", fail) if step == "replace" else monkeypatch.setattr(
        os, "open", fail_to_create
    )
    with pytest.raises(UserFacingError, match=message) as error:
        backup_to(paths, usb)
    assert str(usb) in error.value.message and "không bị ảnh hưởng" in error.value.message
    assert list(usb.iterdir()) == []


def test_a_pulled_usb_stick_is_not_replaced_by_a_new_folder(paths: AppPaths, tmp_path: Path) -> None:
    _database_with(paths)
    gone = tmp_path / "media" / "usb"
    with pytest.raises(UserFacingError, match="hãy cắm lại"):
        backup_to(paths, gone)
    assert not gone.exists()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 512 KB tmpfs (needs root); skipped where mounting is not allowed."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.name != "posix" or shutil.which("mount") is None:
        pytest.skip("no mount command")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_a_really_full_disk_reports_the_space_needed_and_leaves_no_file(
    paths: AppPaths, small_disk: Path
) -> None:
    _database_with(paths, "Nguyễn Thị Hoa")
    filler = small_disk / "filler.bin"
    free = shutil.disk_usage(small_disk).free
    filler.write_bytes(b"\0" * (free - 48 * 1024))  # the database is about 160 KB
    with pytest.raises(UserFacingError, match=r"Không đủ chỗ trống .* \(cần khoảng 1 MB\)"):
        backup_to(paths, small_disk)
    assert [p.name for p in small_disk.iterdir()] == ["filler.bin"]
    filler.unlink()
    assert backup_to(paths, small_disk).dossier_count == 1


# ---------------------------------------------------------------- daily backups


def test_the_daily_backup_is_made_once_a_day(paths: AppPaths) -> None:
    assert automatic_daily_backup(paths, NOW) is None  # no database yet
    _database_with(paths, "Nguyễn Thị Hoa")
    first = automatic_daily_backup(paths, NOW)
    assert first == paths.backups / "cchc-sao-luu-20260302-101000.sqlite3"
    assert automatic_daily_backup(paths, NOW + timedelta(hours=6)) is None
    second = automatic_daily_backup(paths, NOW + timedelta(days=1))
    assert second is not None and second.name == "cchc-sao-luu-20260303-101000.sqlite3"
    assert check_backup_file(second).dossier_count == 1
    assert paths.backups.stat().st_mode & 0o777 == 0o700


def _premade_backups(folder: Path, first: date, last: date) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    day = first
    while day <= last:
        names.append(f"cchc-sao-luu-{day:%Y%m%d}-120000.sqlite3")
        day += timedelta(days=1)
    names.append("cchc-sao-luu-20260227-080000.sqlite3")  # an earlier one the same day
    for name in names:
        (folder / name).write_bytes(b"old backup")
    return names


def test_old_daily_backups_are_pruned_to_14_days_and_the_newest_of_each_month(paths: AppPaths) -> None:
    _database_with(paths, "Nguyễn Thị Hoa")
    _premade_backups(paths.backups, date(2025, 10, 1), date(2026, 3, 1))
    (paths.backups / "truoc-nang-cap-0001-20250101-000000.sqlite3").write_bytes(b"before a migration")
    (paths.backups / "notes.txt").write_text("kept")

    new = automatic_daily_backup(paths, datetime(2026, 3, 2, 9, 0))

    assert new is not None
    last_13_days = [f"cchc-sao-luu-202602{day:02}-120000.sqlite3" for day in range(17, 29)]
    month_ends = [
        f"cchc-sao-luu-{stamp}-120000.sqlite3" for stamp in ("20251031", "20251130", "20251231", "20260131")
    ]
    assert sorted(p.name for p in paths.backups.iterdir()) == sorted(
        [
            *month_ends,
            *last_13_days,
            "cchc-sao-luu-20260301-120000.sqlite3",
            new.name,
            "notes.txt",
            "truoc-nang-cap-0001-20250101-000000.sqlite3",
        ]
    )


def test_a_failed_daily_backup_prunes_nothing(paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    _database_with(paths, "Nguyễn Thị Hoa")
    names = _premade_backups(paths.backups, date(2025, 10, 1), date(2026, 3, 1))

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(UserFacingError, match="Không đủ chỗ trống"):
        automatic_daily_backup(paths, datetime(2026, 3, 2, 9, 0))
    assert sorted(p.name for p in paths.backups.iterdir()) == sorted(names)


def test_the_latest_good_backup_skips_a_damaged_newer_one(paths: AppPaths) -> None:
    assert latest_good_backup(paths) is None
    _database_with(paths, "Nguyễn Thị Hoa")
    good = automatic_daily_backup(paths, NOW)
    damaged = automatic_daily_backup(paths, NOW + timedelta(days=1))
    assert good is not None and damaged is not None
    _damage(damaged, "overwritten")
    (paths.backups / "cchc-sao-luu-20260304-101000.sqlite3").write_bytes(b"not a database at all")
    assert latest_good_backup(paths) == good


# ---------------------------------------------------------------- start-up check


def test_quick_check_finds_a_damaged_database(paths: AppPaths) -> None:
    assert quick_check(paths.database) is None  # nothing to check yet
    _database_with(paths, "Nguyễn Thị Hoa")
    assert quick_check(paths.database) is None
    _damage(paths.database, "overwritten")
    problem = quick_check(paths.database)
    assert problem is not None and ("malformed" in problem or "Page" in problem)


@pytest.mark.parametrize(
    ("damage", "missing"),
    [
        ("DROP TABLE dossier_event", "thiếu bảng dossier_event"),
        ("ALTER TABLE dossier DROP COLUMN note", "bảng dossier thiếu cột note"),
    ],
)
def test_a_backup_missing_part_of_the_schema_is_refused(
    paths: AppPaths, usb: Path, damage: str, missing: str
) -> None:
    _database_with(paths, "Nguyễn Văn An")
    backup = _backup_of(paths, usb, "Trần Thị Bình")
    with sqlite3.connect(backup) as connection:
        connection.execute(damage)
    connection.close()
    names = _names(paths.database)
    with pytest.raises(UserFacingError) as error:
        restore_from(paths, backup)
    assert missing in error.value.message and "Hãy chọn bản sao lưu khác" in error.value.message
    assert _names(paths.database) == names == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_copies_left_by_a_killed_backup_or_restore_are_removed_at_the_next_start(
    paths: AppPaths, usb: Path
) -> None:
    _database_with(paths, "Nguyễn Văn An")
    paths.backups.mkdir(parents=True, exist_ok=True)
    old = [
        paths.database.with_name(f"{paths.database.name}.1a2b3c4d{PARTIAL_SUFFIX}"),
        paths.database.with_name(f"{paths.database.name}.1a2b3c4d{PARTIAL_SUFFIX}-journal"),
        paths.backups / f"sao-luu-20260301-101010.sqlite3.9f8e7d6c{PARTIAL_SUFFIX}",
    ]
    fresh = paths.backups / f"sao-luu-20260302-101010.sqlite3.00ff00ff{PARTIAL_SUFFIX}"  # being written now
    an_hour_ago = datetime.now().timestamp() - 3600
    for file in [*old, fresh]:
        file.write_bytes(b"half a copy")
    for file in old:
        os.utime(file, (an_hour_ago, an_hour_ago))
    open_workspace(paths).close()
    assert [file for file in old if file.exists()] == []
    assert fresh.exists()
    assert _names(paths.database) == ["Nguyễn Văn An"]
