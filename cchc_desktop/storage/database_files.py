"""Files around a database copy: temporary names, private creation, fsync, the -wal/-shm sidecars."""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path

PARTIAL_SUFFIX = ".partial"
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
# A copy being written is touched every few milliseconds; one untouched for this long was left by a
# backup or restore that was killed (a second process may be copying right now: never take its file).
LEFTOVER_AGE_S = 10 * 60


def partial_name(target: Path) -> Path:
    """A temporary name beside `target`, different for every writer (two threads, two processes)."""
    return target.with_name(f"{target.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")


def create_private(path: Path) -> None:
    """Create the empty file readable by the user only before SQLite writes into it (SQLite gives its
    journal the same permissions)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDWR)  # Windows cannot flush a read-only handle
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sidecar(database: Path, suffix: str) -> Path:
    return database.with_name(database.name + suffix)


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def remove_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Delete the temporary copies (and their SQLite sidecars) a killed backup or restore left in
    `folder`; returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    for pattern in (f"*{PARTIAL_SUFFIX}", f"*{PARTIAL_SUFFIX}-*"):
        for path in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if path.is_file() and now - path.stat().st_mtime > LEFTOVER_AGE_S:
                    path.unlink()
                    removed.append(path)
    return removed
