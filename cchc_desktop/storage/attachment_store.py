"""Where the bytes of attached files live: a content-addressed folder on a desk, the server's table on a
centre server. Services call `put`, `get` and `present` with the `Database` and never know which.

A desk keeps them in `<database stem>-tep-dinh-kem/` beside its file: `ab/<sha256>.pdf`, written through a
temporary name, fsynced, renamed, then made read-only. Keeping them out of the SQLite file keeps the file
small (a busy year is about 6 GB of scans against some 100 MB of dossiers), so its online backups, integrity
checks and daily copies stay fast, and a backup copies only the scans it does not have yet (the bytes never
change under a name). On a centre server the bytes are in `attachment_blob.data`, the one place every
counter reaches, inside the same transaction as the rows that use them. docs/decisions.md, "Digitised papers".

A backup's companion folder (`cchc-tep-dinh-kem/` beside the backup files) has the desk's layout.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from cchc_desktop.core.files import fsync_directory
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.tables import AttachmentBlobRow

FOLDER_SUFFIX = "-tep-dinh-kem"
BACKUP_FOLDER_NAME = "cchc-tep-dinh-kem"
READ_CHUNK = 1 << 20


def desk_folder(database: Path) -> Path:
    return database.with_name(database.stem + FOLDER_SUFFIX)


def blob_path(folder: Path, sha256: str) -> Path:
    return folder / sha256[:2] / f"{sha256}.pdf"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_blob_file(folder: Path, sha256: str, data: bytes) -> bool:
    """Store `data` under its hash in `folder` (created if needed); False when a sound copy was there
    already. A copy of the wrong size (a write cut short by a crash) is replaced."""
    target = blob_path(folder, sha256)
    if target.is_file() and target.stat().st_size == len(data):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        with open(os.open(temporary, flags, 0o600), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        install_read_only(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
    fsync_directory(target.parent)
    return True


def install_read_only(temporary: Path, target: Path, *, make_read_only: bool = True) -> None:
    """Give a written, checked file its final name, read-only (a stored scan never changes)."""
    if make_read_only:
        os.chmod(temporary, stat.S_IRUSR)
    if target.exists():
        os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)  # Windows will not replace a read-only file
    os.replace(temporary, target)


def remove_blob_file(folder: Path, sha256: str) -> None:
    target = blob_path(folder, sha256)
    with contextlib.suppress(FileNotFoundError):
        os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
        target.unlink()


def put(db: Database, tx: Session, sha256: str, data: bytes) -> Path | None:
    """Store the bytes of a new blob row (the caller adds the row in `tx`). On a desk the file is written
    at once and its path returned, for the caller to remove if the transaction fails and nothing else
    uses it; on a server the bytes go into the row (None)."""
    if db.server is not None:
        tx.execute(update(AttachmentBlobRow).where(col(AttachmentBlobRow.sha256) == sha256).values(data=data))
        return None
    folder = desk_folder(db.path)
    return blob_path(folder, sha256) if write_blob_file(folder, sha256, data) else None


def get(db: Database, tx: Session, sha256: str) -> bytes | None:
    """The stored bytes, None when they are missing (a deleted file, a purged blob)."""
    if db.server is not None:
        return tx.execute(
            select(AttachmentBlobRow.data).where(col(AttachmentBlobRow.sha256) == sha256)
        ).scalar_one_or_none()
    try:
        return blob_path(desk_folder(db.path), sha256).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


def stored_sizes(db: Database, tx: Session) -> Iterator[tuple[str, int | None]]:
    """(hash, size of the stored bytes or None when missing) of every blob not purged, without reading
    the bytes: the quick look of the start-up check."""
    if db.server is not None:
        rows = tx.execute(
            select(AttachmentBlobRow.sha256, func.octet_length(AttachmentBlobRow.data)).where(
                col(AttachmentBlobRow.purged_at).is_(None)
            )
        )
        for sha256, size in rows:
            yield sha256, None if size is None else int(size)
        return
    folder = desk_folder(db.path)
    for (sha256,) in tx.execute(
        select(AttachmentBlobRow.sha256).where(col(AttachmentBlobRow.purged_at).is_(None))
    ):
        try:
            yield sha256, blob_path(folder, sha256).stat().st_size
        except OSError:
            yield sha256, None


def purge(db: Database, tx: Session, sha256: str) -> None:
    """Remove the bytes of a blob no attachment uses any more (the caller marks the row purged)."""
    if db.server is not None:
        tx.execute(update(AttachmentBlobRow).where(col(AttachmentBlobRow.sha256) == sha256).values(data=None))
    else:
        remove_blob_file(desk_folder(db.path), sha256)
