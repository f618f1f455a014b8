"""Atomic file writes: no half-written file under the final name, a clear message for the clerk."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.files import write_file_atomically, write_files_atomically


def test_a_file_is_written_whole(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    target = write_file_atomically(tmp_path / "a" / "b.pdf", b"%PDF-1.4 data")
    assert target.read_bytes() == b"%PDF-1.4 data"
    assert [p.name for p in target.parent.iterdir()] == ["b.pdf"]


def test_a_folder_that_does_not_exist_is_an_error_not_a_new_folder(tmp_path: Path) -> None:
    with pytest.raises(UserFacingError, match=r"Thư mục .*khong-co không tồn tại"):
        write_file_atomically(tmp_path / "khong-co" / "b.pdf", b"%PDF-1.4 data")
    with pytest.raises(UserFacingError, match="không tồn tại"):
        write_files_atomically({tmp_path / "a.pdf": b"a", tmp_path / "khong-co" / "b.pdf": b"b"})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.ENOSPC, "Không đủ chỗ trống"),
        (errno.EROFS, "Không có quyền ghi"),
        (errno.EIO, "ổ đĩa đã bị rút ra"),
    ],
)
def test_a_failed_write_leaves_no_file_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    existing = tmp_path / "report.pdf"
    existing.write_bytes(b"old")

    def fail(*_args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(UserFacingError, match=message):
        write_file_atomically(existing, b"new")
    assert existing.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


OLD = {"bc.pdf": b"%PDF old", "bc.docx": b"old docx", "bc.xlsx": b"old xlsx"}


def _old_export(folder: Path) -> dict[Path, bytes]:
    for name, data in OLD.items():
        (folder / name).write_bytes(data)
    return {folder / name: b"new " + data for name, data in OLD.items()}


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_several_files_are_all_written(tmp_path: Path) -> None:
    new = _old_export(tmp_path)
    assert write_files_atomically(new) == list(new)
    assert _contents(tmp_path) == {p.name: data for p, data in new.items()}


def test_a_full_disk_on_the_third_file_keeps_the_last_good_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = _old_export(tmp_path)
    real_fsync, calls = os.fsync, []

    def fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(UserFacingError, match=r"Không đủ chỗ trống để ghi .*bc\.xlsx"):
        write_files_atomically(new)
    assert _contents(tmp_path) == OLD  # byte-identical, and no temporary file left


def test_a_drive_pulled_while_renaming_puts_the_old_copies_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = _old_export(tmp_path)
    (tmp_path / "bc.docx").unlink()  # one file is new in this export
    real_replace, renamed = os.replace, []

    def replace(source: str | Path, target: str | Path) -> None:
        if Path(target).name == "bc.xlsx" and ".tmp-" in Path(source).name:  # the last new file
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, target)
        renamed.append(Path(target).name)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UserFacingError, match="ổ đĩa đã bị rút ra"):
        write_files_atomically(new)
    assert "bc.pdf" in renamed  # the new PDF had been put in place before the failure
    assert _contents(tmp_path) == {"bc.pdf": OLD["bc.pdf"], "bc.xlsx": OLD["bc.xlsx"]}
