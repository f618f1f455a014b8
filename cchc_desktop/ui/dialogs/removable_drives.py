"""Where a USB stick is: the folders the backup dialog offers first.

Linux mounts removable media under `/media/<name>`, `/media/<user>/<name>` (Debian, Ubuntu) or
`/run/media/<user>/<name>` (Fedora, openSUSE); only folders that are mount points count, so the bare
folder a pulled stick leaves behind is not offered. Windows: the drive letters whose type is
DRIVE_REMOVABLE (a USB hard disk reports "fixed"; the clerk picks it with "Chọn thư mục khác…").
Pure Python with injectable roots and probes, so tests pass fake folders.
"""

from __future__ import annotations

import os
import string
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

LINUX_ROOTS = (Path("/media"), Path("/run/media"))
DRIVE_REMOVABLE = 2


def _windows_drive_type(root: str) -> int:
    if sys.platform == "win32":
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root))
    return 0


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(child for child in folder.iterdir() if child.is_dir())
    except OSError:  # unreadable, or gone meanwhile
        return []


def mounted_folders(roots: Iterable[Path], is_mount: Callable[[Path], bool] = os.path.ismount) -> list[Path]:
    """The mount points among `root/*` and `root/*/*` for each root."""
    found: list[Path] = []
    for root in roots:
        for child in _children(root):
            if is_mount(child):
                found.append(child)
                continue
            found.extend(grandchild for grandchild in _children(child) if is_mount(grandchild))
    return found


def windows_removable_drives(
    letters: Iterable[str] = string.ascii_uppercase,
    drive_type: Callable[[str], int] = _windows_drive_type,
) -> list[Path]:
    return [Path(f"{letter}:\\") for letter in letters if drive_type(f"{letter}:\\") == DRIVE_REMOVABLE]


def removable_drives(
    platform: str = sys.platform,
    roots: Iterable[Path] = LINUX_ROOTS,
    is_mount: Callable[[Path], bool] = os.path.ismount,
    drive_type: Callable[[str], int] = _windows_drive_type,
) -> list[Path]:
    """The removable drives to offer for a backup, in a stable order."""
    if platform == "win32":
        return windows_removable_drives(drive_type=drive_type)
    return mounted_folders(roots, is_mount)
