"""Files around a database copy: temporary names, private creation, fsync, the -wal/-shm sidecars."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

PARTIAL_SUFFIX = ".partial"
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


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


def fsync_directory(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened (Windows)
        descriptor = os.open(folder, os.O_RDONLY)
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
