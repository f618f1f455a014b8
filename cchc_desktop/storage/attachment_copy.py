"""Copying stored scans between content-addressed folders (a desk's folder, a backup's companion folder
`cchc-tep-dinh-kem/`), each copy verified before it gets its name, and reading what a backup file needs.

A copy is written (or hard-linked, on the same disk) under a temporary name, fsynced, read back and
hashed; only a file whose SHA-256 is its name is renamed into place and made read-only. A file already
in place with the right size is trusted when the caller says so (the bytes never change under a name,
and a backup must not re-read 6 GB it copied yesterday); the health check (`cchc check`) hashes them all.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from cchc_desktop.storage.attachment_store import READ_CHUNK, blob_path, file_sha256, install_read_only
from cchc_desktop.storage.database_check import connect_readonly, translated_error


class AlteredScanError(Exception):
    """The bytes read back do not hash to their name: the source was changed behind the app's back."""


def stored_intact(path: Path, sha256: str, size: int) -> bool:
    """Whether `path` holds exactly the bytes named `sha256` (size first: no read for a wrong size)."""
    try:
        return path.stat().st_size == size and file_sha256(path) == sha256
    except OSError:
        return False


def present(path: Path, size: int) -> bool:
    try:
        return path.is_file() and path.stat().st_size == size
    except OSError:
        return False


def copy_file_verified(
    source: Path, folder: Path, sha256: str, size: int, *, link: bool = False, trust_present: bool = True
) -> bool:
    """`source` into `folder` under its hash; False when a file of the right size was there already and
    `trust_present`. Raises FileNotFoundError when `source` is missing, AlteredScanError when its bytes
    do not match `sha256`, another OSError for the disk (no file is left under the final name)."""
    target = blob_path(folder, sha256)
    if trust_present and present(target, size):
        return False

    def fill(temporary: Path) -> None:
        if link:
            try:
                os.link(source, temporary)
                return
            except OSError:
                if not source.is_file():
                    raise
                # Another disk, or a file system without hard links: copy instead.
        with source.open("rb") as data, _private(temporary) as out:
            while chunk := data.read(READ_CHUNK):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())

    _place(target, sha256, fill, linked=link)
    return True


def write_bytes_verified(data: bytes, folder: Path, sha256: str, *, trust_present: bool = True) -> bool:
    """Like `copy_file_verified`, for bytes read from a server's table."""
    target = blob_path(folder, sha256)
    if trust_present and present(target, len(data)):
        return False

    def fill(temporary: Path) -> None:
        with _private(temporary) as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())

    _place(target, sha256, fill)
    return True


def sync_folders(folders: Iterable[Path]) -> None:
    """Make the renames of a batch of copies durable, once per folder rather than once per file."""
    from cchc_desktop.core.files import fsync_directory

    for folder in set(folders):
        fsync_directory(folder)


def _private(path: Path) -> BinaryIO:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return open(os.open(path, flags, 0o600), "wb")


def _place(target: Path, sha256: str, fill: Callable[[Path], None], *, linked: bool = False) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        os.chmod(temporary, stat.S_IRUSR | stat.S_IWUSR)
        temporary.unlink()
    try:
        fill(temporary)
        if file_sha256(temporary) != sha256:
            raise AlteredScanError(sha256)
        # A hard link shares the source's (read-only) mode.
        install_read_only(temporary, target, make_read_only=not linked or temporary.stat().st_nlink == 1)
    except BaseException:
        with contextlib.suppress(OSError):
            os.chmod(temporary, stat.S_IRUSR | stat.S_IWUSR)
            temporary.unlink(missing_ok=True)
        raise


def remove_copies(paths: Iterable[Path]) -> None:
    """Take back files a refused restore had added (nothing else uses them)."""
    for path in paths:
        with contextlib.suppress(OSError):
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
            path.unlink(missing_ok=True)


def scans_needed(backup: Path) -> list[tuple[str, int]]:
    """(hash, size) of every scan the backup file needs beside it (its blob rows not purged and without
    their bytes), read-only; empty for a backup from before attachments existed."""
    return [(str(sha), int(size)) for sha, size in _query(backup, _NEEDED, ())]


def codes_in_backup(backup: Path, hashes: Iterable[str]) -> list[str]:
    """The codes of the backup's dossiers whose attachments (deleted ones too) use any of `hashes`."""
    wanted = sorted(set(hashes))
    codes: set[str] = set()
    for start in range(0, len(wanted), 900):
        part = wanted[start : start + 900]
        marks = ",".join("?" * len(part))
        statement = (
            "SELECT DISTINCT d.code FROM attachment a JOIN dossier d ON d.id = a.dossier_id "
            f"WHERE a.sha256 IN ({marks})"
        )
        codes.update(str(code) for (code,) in _query(backup, statement, tuple(part)))
    return sorted(codes)


def mark_lost_in_backup(backup: Path, hashes: Iterable[str], at: datetime) -> None:
    """Record in the backup file that it carries no bytes for `hashes` (lost from the store when it was
    made): its restore then neither asks for them nor pretends to have them (health checks name them)."""
    wanted = sorted(set(hashes))
    if not wanted:
        return
    try:
        connection = sqlite3.connect(backup)
        try:
            with connection:
                for start in range(0, len(wanted), 900):
                    part = wanted[start : start + 900]
                    marks = ",".join("?" * len(part))
                    connection.execute(
                        f"UPDATE attachment_blob SET purged_at = ? WHERE sha256 IN ({marks})",
                        (at.isoformat(sep=" "), *part),
                    )
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise translated_error(error, backup) from error


# A system copy of a server (before an upgrade, a restore, a move) holds its scans' bytes in `data`.
_NEEDED = (
    "SELECT sha256, size_bytes FROM attachment_blob WHERE purged_at IS NULL AND data IS NULL ORDER BY sha256"
)


def _query(backup: Path, statement: str, parameters: tuple[object, ...]) -> list[tuple[Any, ...]]:
    try:
        connection = connect_readonly(backup)
        try:
            tables = {
                name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "attachment_blob" not in tables:
                return []
            return list(connection.execute(statement, parameters))
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise translated_error(error, backup) from error
