"""Deciding which scanner-folder files are complete stays cheap on a folder holding years of scans: old
files are not looked at, and a file is checked once, not at every look."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cchc_desktop.services import scanner_files
from cchc_desktop.services.scanner_files import Survey, Verdict, survey
from tests import scan_samples


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_old_scans_are_never_checked_and_a_new_one_only_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "scanner"
    folder.mkdir()
    pdf = scan_samples.pdf(tmp_path / "sample.pdf").read_bytes()
    old = time.time() - 30 * 86400
    for number in range(300):
        path = folder / f"scan{number:04}.pdf"
        path.write_bytes(pdf)
        os.utime(path, (old, old))
    checked: list[Path] = []
    real_is_whole = scanner_files.is_whole
    monkeypatch.setattr(scanner_files, "is_whole", lambda path: checked.append(path) or real_is_whole(path))
    clock = Clock()

    first = survey(folder, None, settle_seconds=1.5, clock=clock)
    assert first.present and first.files == {}
    (folder / "new.pdf").write_bytes(pdf)
    looks: list[Survey] = [first]
    for _ in range(10):
        clock.now += 0.5
        looks.append(survey(folder, looks[-1], settle_seconds=1.5, clock=clock, force=True))
    assert [seen.path.name for seen in looks[-1].complete()] == ["new.pdf"]
    assert checked == [folder / "new.pdf"]


def test_nothing_is_listed_again_while_the_folder_is_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "scanner"
    folder.mkdir()
    scan_samples.pdf(folder / "a.pdf")
    clock = Clock()
    first = survey(folder, None, settle_seconds=1.0, clock=clock)
    clock.now += 1.0
    settled = survey(folder, first, settle_seconds=1.0, clock=clock)
    assert settled.files[folder / "a.pdf"].verdict is Verdict.WHOLE
    clock.now += 0.5
    assert survey(folder, settled, settle_seconds=1.0, clock=clock) is settled  # one stat of the folder
    clock.now += scanner_files.RELIST_SECONDS
    # listed again now and then
    assert survey(folder, settled, settle_seconds=1.0, clock=clock) is not settled


def test_a_locked_file_is_looked_at_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Windows scanner holds the file while writing: it cannot be opened, so it is not complete yet,
    and not given up either."""
    folder = tmp_path / "scanner"
    folder.mkdir()
    scan_samples.pdf(folder / "a.pdf")
    clock = Clock()
    locked = True
    real_open = Path.open

    def open_unless_locked(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if locked and path.name == "a.pdf":
            raise PermissionError(13, "The process cannot access the file")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_unless_locked)
    look = survey(folder, None, settle_seconds=1.0, clock=clock)
    for _ in range(3):
        clock.now += 1.0
        look = survey(folder, look, settle_seconds=1.0, clock=clock)
        assert look.complete() == []
    locked = False
    clock.now += 1.0
    look = survey(folder, look, settle_seconds=1.0, clock=clock)
    assert [seen.path.name for seen in look.complete()] == ["a.pdf"]
