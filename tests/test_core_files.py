"""Atomic file writes: no half-written file under the final name, a clear message for the clerk."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.files import write_file_atomically


def test_a_file_is_written_whole(tmp_path: Path) -> None:
    target = write_file_atomically(tmp_path / "a" / "b.pdf", b"%PDF-1.4 data")
    assert target.read_bytes() == b"%PDF-1.4 data"
    assert [p.name for p in target.parent.iterdir()] == ["b.pdf"]


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
