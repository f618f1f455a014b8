"""Which files of the scanner folder are whole: a scanner writes a scan in pieces (a network scanner
over SMB, page by page), and a file must not be offered for attaching before its last byte is there.

A file is complete when its size and modification time stayed the same for the settle time across two
listings, its format is whole (a PDF's `%%EOF` in its last 2 KB, a JPEG's end marker, a PNG's IEND chunk,
every frame of a TIFF decodes) and it can be opened for reading (a Windows scanner keeps the file locked
while it writes). The checks read a few bytes, and only files new or changed since the last listing are
checked again, so a folder with thousands of old scans costs one listing; only files changed in the last
RECENT_DAYS days are considered at all.

Plain Python, no Qt: the screen (ui/attachments/scanner_folder.py) calls `survey` on a worker thread
(a network folder may take seconds to answer) and keeps the returned `Survey` for the next call."""

from __future__ import annotations

import logging
import os
import stat
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from cchc_desktop.services.scan_files import ACCEPTED_EXTENSIONS

log = logging.getLogger(__name__)

RECENT_DAYS = 7
# A listing is repeated at least this often even when the folder's own time did not move: a network
# share may not update it, and files age out of the RECENT_DAYS window.
RELIST_SECONDS = 5.0
TAIL_BYTES = 2048
IGNORED_PREFIXES = (".", "~$")
IGNORED_SUFFIXES = (".tmp", ".part", ".crdownload")
JPEG_START = b"\xff\xd8\xff"
JPEG_END = b"\xff\xd9"
PNG_START = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # an empty IEND chunk and its CRC
_HIDDEN = getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0)


class Verdict(Enum):
    PENDING = "pending"  # changed lately, not checked yet (or could not be opened: checked again)
    WHOLE = "whole"
    BROKEN = "broken"  # settled but not whole: checked again only once it changes


@dataclass(frozen=True)
class SeenFile:
    path: Path
    size: int
    mtime_ns: int
    since: float  # the monotonic time this size and time were first seen
    verdict: Verdict


@dataclass(frozen=True)
class Survey:
    """One look at the folder; `present` is False when it could not be listed (gone or unreachable)."""

    folder: Path
    present: bool
    folder_stamp: int | None = None
    listed_at: float = 0.0
    files: Mapping[Path, SeenFile] = field(default_factory=dict)

    def complete(self) -> list[SeenFile]:
        """The whole files, newest first."""
        if not self.present:
            return []
        whole = [seen for seen in self.files.values() if seen.verdict is Verdict.WHOLE]
        return sorted(whole, key=lambda seen: (-seen.mtime_ns, seen.path.name))

    @property
    def pending(self) -> bool:
        return any(seen.verdict is Verdict.PENDING for seen in self.files.values())


def is_scan_name(name: str) -> bool:
    """A name a finished scan can have: an accepted extension, not hidden, not a temporary file."""
    lower = name.lower()
    return (
        lower.endswith(ACCEPTED_EXTENSIONS)
        and not lower.startswith(IGNORED_PREFIXES)
        and not lower.endswith(IGNORED_SUFFIXES)
    )


def survey(
    folder: Path,
    previous: Survey | None,
    *,
    settle_seconds: float,
    force: bool = False,
    clock: Callable[[], float] = time.monotonic,
    wall_clock: Callable[[], float] = time.time,
) -> Survey:
    """The folder now. Returns `previous` itself when nothing can have changed (the folder's time is the
    same, no file is waiting to settle, the last listing is recent, and `force` is not set)."""
    if previous is not None and previous.folder != folder:
        previous = None
    now = clock()
    try:
        stamp = os.stat(folder).st_mtime_ns
        if (
            previous is not None
            and previous.present
            and not (force or previous.pending)
            and stamp == previous.folder_stamp
            and now - previous.listed_at < RELIST_SECONDS
        ):
            return previous
        listed = _list(folder, wall_clock() - RECENT_DAYS * 86400)
    except OSError as error:
        if previous is None or previous.present:
            log.info("scanner folder not available: %s", type(error).__name__)
        return Survey(folder, False, files=previous.files if previous is not None else {})
    now = clock()  # after the listing: a size seen then has been there since at least now
    known = previous.files if previous is not None else {}
    files: dict[Path, SeenFile] = {}
    for path, (size, mtime_ns) in listed.items():
        seen = known.get(path)
        if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
            seen = SeenFile(path, size, mtime_ns, now, Verdict.PENDING)
        elif seen.verdict is Verdict.PENDING and now - seen.since >= settle_seconds:
            seen = _checked(seen, now)
        files[path] = seen
    return Survey(folder, True, stamp, now, files)


def _list(folder: Path, oldest: float) -> dict[Path, tuple[int, int]]:
    """Size and modification time of the scan files changed since `oldest` (a POSIX time)."""
    oldest_ns = int(oldest * 1_000_000_000)
    found: dict[Path, tuple[int, int]] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if not is_scan_name(entry.name):
                continue
            try:
                if not entry.is_file():
                    continue
                info = entry.stat()  # free on Windows (the listing carries it), one call elsewhere
            except OSError:
                continue  # gone between the listing and the look
            if getattr(info, "st_file_attributes", 0) & _HIDDEN or info.st_mtime_ns < oldest_ns:
                continue
            found[Path(entry.path)] = (info.st_size, info.st_mtime_ns)
    return found


def _checked(seen: SeenFile, now: float) -> SeenFile:
    whole = is_whole(seen.path)
    if whole is None:
        return seen  # locked or gone: looked at again on the next listing
    try:
        after = seen.path.stat()
    except OSError:
        return seen
    if (after.st_size, after.st_mtime_ns) != (seen.size, seen.mtime_ns):  # written to while checked
        return SeenFile(seen.path, after.st_size, after.st_mtime_ns, now, Verdict.PENDING)
    return SeenFile(
        seen.path, seen.size, seen.mtime_ns, seen.since, Verdict.WHOLE if whole else Verdict.BROKEN
    )


def is_whole(path: Path) -> bool | None:
    """True when the file's format is complete, False when it is not (yet), None when it cannot be
    opened for reading now (locked by the scanner, or gone)."""
    try:
        with path.open("rb") as file:
            return _whole_format(path.suffix.lower(), file)
    except OSError:
        return None


def _whole_format(suffix: str, file: BinaryIO) -> bool:
    size = file.seek(0, os.SEEK_END)
    if size == 0:
        return False
    if suffix in (".tif", ".tiff"):
        file.seek(0)
        return _tiff_frames_load(file)
    file.seek(0)
    head = file.read(len(PNG_START))
    file.seek(max(0, size - TAIL_BYTES))
    tail = file.read(TAIL_BYTES)
    if suffix == ".pdf":
        return b"%%EOF" in tail
    if suffix in (".jpg", ".jpeg"):
        # some writers pad the file after the end marker with zero bytes
        return head.startswith(JPEG_START) and tail.rstrip(b"\x00").endswith(JPEG_END)
    if suffix == ".png":
        return head.startswith(PNG_START) and tail.endswith(PNG_END)
    return False


def _tiff_frames_load(file: BinaryIO) -> bool:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                for index in range(getattr(image, "n_frames", 1)):
                    image.seek(index)
                    image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return True  # complete, only too large: attaching it says so
    except Exception as error:  # a half-written TIFF fails in Pillow in many ways (TypeError, struct.error…)
        log.debug("scanner folder: TIFF not whole yet: %s", type(error).__name__)
        return False
    return True
