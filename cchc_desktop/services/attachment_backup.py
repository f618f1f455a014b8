"""The scans a backup needs, carried into its companion folder and brought back by a restore.

A backup stays one SQLite file; the scans it needs (its `attachment_blob` rows not purged) go into
`cchc-tep-dinh-kem/` beside it, in the desk folder's layout, shared by every backup in that folder: a
second backup copies only the scans the folder does not have yet. Every copy is read back and hashed
before it gets its name (storage/attachment_copy.py); a file already there with the right size is
trusted. The daily backup into the data folder hard-links on the same disk instead of copying.

A restore checks the backup's scans before the database is replaced: into a desk's folder each one is
hash-checked while it is copied (a scan the desk already holds intact is kept); onto a server the bytes
are loaded and checked inside the restore's one transaction. Missing or altered scans refuse the restore,
naming how many and the dossier codes, and leave everything as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.storage import attachment_copy, attachment_repo, attachment_store
from cchc_desktop.storage.attachment_store import BACKUP_FOLDER_NAME, blob_path, desk_folder
from cchc_desktop.storage.database import Database

log = logging.getLogger(__name__)

__all__ = [
    "BACKUP_FOLDER_NAME",
    "CarriedScans",
    "ScanProgress",
    "ScansRefusedError",
    "carry_scans",
    "codes_text",
    "companion_folder",
    "lost_scans_warning",
    "missing_from_companion",
    "prune_companion",
    "purge_after_backup",
    "refuse_missing",
    "refused_message",
    "restore_scans_to_desk",
]

# Called with (scans done, scans in all).
ScanProgress = Callable[[int, int], None]
SHOWN_CODES = 20
SERVER_BATCH = 50


class ScansRefusedError(UserFacingError):
    """Scans a backup needs are missing from its companion folder or do not match their hash."""

    def __init__(self, message: str, hashes: Sequence[str]) -> None:
        super().__init__(message)
        self.hashes = list(hashes)


@dataclass(frozen=True)
class CarriedScans:
    hashes: tuple[str, ...]  # every scan the backup carries, all now in its companion folder
    copied: int  # of those, copied (or linked) by this backup
    bytes_copied: int
    lost: tuple[str, ...] = ()  # scans missing or altered in the store: not in the backup
    lost_codes: tuple[str, ...] = ()  # the dossiers whose live attachments use them


def companion_folder(backup: Path) -> Path:
    return backup.parent / BACKUP_FOLDER_NAME


def codes_text(codes: Sequence[str]) -> str:
    shown = ", ".join(codes[:SHOWN_CODES])
    more = len(codes) - SHOWN_CODES
    return shown + (f" và {more} hồ sơ khác" if more > 0 else "")


def carry_scans(
    db: Database, backup: Path, *, link: bool = False, progress: ScanProgress | None = None
) -> CarriedScans:
    """Put every scan the backup file `backup` needs into its companion folder, from `db`'s store.
    Scans the store lacks or holds altered are left out (`lost`, see `_set_aside_lost`); an OSError is the
    backup disk's (full, pulled out)."""
    needed = attachment_copy.scans_needed(backup)
    folder = companion_folder(backup)
    total = len(needed)
    if progress is not None:
        progress(0, total)
    if not needed:
        return CarriedScans((), 0, 0)
    if db.server is None:
        copied, size, bad = _carry_from_desk(desk_folder(db.path), folder, needed, link, progress)
    else:
        copied, size, bad = _carry_from_server(db, folder, needed, progress)
    attachment_copy.sync_folders(blob_path(folder, sha).parent for sha, _ in needed)
    lost_codes: tuple[str, ...] = ()
    if bad:
        lost_codes = _set_aside_lost(db, backup, bad)
    log.info("backup scans: %d needed, %d copied (%d bytes) into %s", total, copied, size, folder)
    carried = tuple(sha for sha, _ in needed if sha not in set(bad))
    return CarriedScans(carried, copied, size, tuple(bad), lost_codes)


def _set_aside_lost(db: Database, backup: Path, bad: Sequence[str]) -> tuple[str, ...]:
    """Scans missing or altered in the store do not stop the backup of everything else: the backup file
    records that it has no bytes for them, the ones no live attachment uses (deleted, worthless now) leave
    the store, and the codes of the dossiers whose live scans are lost are returned for the warning."""
    attachment_copy.mark_lost_in_backup(backup, bad, datetime.now())
    with db.read() as tx:
        unused = set(attachment_repo.unused_blobs(tx, bad))
        found = attachment_repo.dossier_codes_using(tx, [sha for sha in bad if sha not in unused], live=True)
    if unused:
        with db.write() as tx:
            now = datetime.now()
            for sha256 in sorted(unused):
                attachment_store.purge(db, tx, sha256)
                attachment_repo.mark_purged(tx, sha256, now)
    codes = sorted({code for codes in found.values() for code in codes})
    log.error(
        "a backup found %d scans missing or altered in the store (%d of deleted attachments, set aside)",
        len(bad),
        len(unused),
    )
    return tuple(codes)


def lost_scans_warning(codes: Sequence[str]) -> str:
    """What the clerk is told after a backup that could not carry some scans of live attachments."""
    return (
        f"Bản số hóa của {len(codes)} hồ sơ ({codes_text(list(codes))}) bị thiếu hoặc bị thay đổi "
        "ngoài phần mềm trong kho lưu trữ nên không có trong bản sao lưu này; các dữ liệu khác đã được sao lưu "
        "đầy đủ. Hãy gắn lại bản quét của các hồ sơ đó (cửa sổ hồ sơ → Bản số hóa) và chạy “cchc check”."
    )


def _carry_from_desk(
    source: Path,
    folder: Path,
    needed: Sequence[tuple[str, int]],
    link: bool,
    progress: ScanProgress | None,
) -> tuple[int, int, list[str]]:
    copied = size_copied = 0
    bad: list[str] = []
    for done, (sha256, size) in enumerate(needed, start=1):
        path = blob_path(source, sha256)
        try:
            if attachment_copy.copy_file_verified(path, folder, sha256, size, link=link):
                copied += 1
                size_copied += size
        except (FileNotFoundError, attachment_copy.AlteredScanError):
            bad.append(sha256)
        if progress is not None:
            progress(done, len(needed))
    return copied, size_copied, bad


def _carry_from_server(
    db: Database, folder: Path, needed: Sequence[tuple[str, int]], progress: ScanProgress | None
) -> tuple[int, int, list[str]]:
    copied = size_copied = done = 0
    bad: list[str] = []
    for start in range(0, len(needed), SERVER_BATCH):
        batch = needed[start : start + SERVER_BATCH]
        with db.read() as tx:
            for sha256, size in batch:
                done += 1
                if not attachment_copy.present(blob_path(folder, sha256), size):
                    data = attachment_store.get(db, tx, sha256)
                    try:
                        if data is None:
                            raise attachment_copy.AlteredScanError(sha256)
                        attachment_copy.write_bytes_verified(data, folder, sha256, trust_present=False)
                        copied += 1
                        size_copied += len(data)
                    except attachment_copy.AlteredScanError:
                        bad.append(sha256)
                if progress is not None:
                    progress(done, len(needed))
    return copied, size_copied, bad


def purge_after_backup(db: Database, carried: Iterable[str]) -> int:
    """The bytes of deleted attachments that the backup just carried are removed from the store (one
    read first: nothing to purge takes no write lock, which every counter's start would otherwise wait
    for)."""
    from cchc_desktop.services.attachments import purge_backed_up

    hashes = list(carried)
    if not hashes:
        return 0
    with db.read() as tx:
        unused = attachment_repo.unused_blobs(tx, hashes)
    return purge_backed_up(db, unused) if unused else 0


def prune_companion(folder: Path, partial_suffix: str) -> int:
    """Remove the scans of `folder`'s companion folder that no backup file left in `folder` needs (after
    old daily backups were pruned). Nothing is removed while a backup is being written there (a
    `partial_suffix` file), or when one of the files cannot be read: keeping a scan costs only space."""
    companion = folder / BACKUP_FOLDER_NAME
    if not companion.is_dir() or any(folder.glob(f"*{partial_suffix}")):
        return 0
    needed: set[str] = set()
    for backup in folder.glob("*.sqlite3"):
        try:
            needed.update(sha for sha, _size in attachment_copy.scans_needed(backup))
        except Exception as error:  # a damaged or foreign file: cannot tell what it needs
            log.warning(
                "scans beside the backups kept: %s could not be read (%s)", backup.name, type(error).__name__
            )
            return 0
    unused = [path for path in companion.glob("*/*.pdf") if path.stem not in needed]
    attachment_copy.remove_copies(unused)
    if unused:
        log.info("removed %d scans no backup in %s needs any more", len(unused), folder)
    return len(unused)


def missing_from_companion(backup: Path) -> list[str]:
    """The scans the backup needs that its companion folder lacks (or holds at a wrong size): the cheap
    look before a restore touches anything."""
    folder = companion_folder(backup)
    return [
        sha
        for sha, size in attachment_copy.scans_needed(backup)
        if not attachment_copy.present(blob_path(folder, sha), size)
    ]


def refused_message(backup: Path, hashes: Sequence[str], not_restored: str) -> str:
    codes = attachment_copy.codes_in_backup(backup, hashes)
    return (
        f"Thiếu hoặc hỏng {len(hashes)} bản số hóa mà tệp sao lưu {backup.name} cần "
        f"(hồ sơ: {codes_text(codes) or 'không rõ'}). Các bản số hóa phải nằm nguyên vẹn trong thư mục "
        f"{companion_folder(backup)} bên cạnh tệp sao lưu: hãy chép cả thư mục {BACKUP_FOLDER_NAME} cùng "
        f"tệp sao lưu rồi khôi phục lại, hoặc chọn bản sao lưu khác. {not_restored}"
    )


def refuse_missing(backup: Path, not_restored: str) -> None:
    """Onto a server, whose scans all come from the companion folder: refuse before anything is touched."""
    missing = missing_from_companion(backup)
    if missing:
        raise ScansRefusedError(refused_message(backup, missing, not_restored), missing)


def restore_scans_to_desk(
    backup: Path, database: Path, not_restored: str, progress: ScanProgress | None = None
) -> list[Path]:
    """Every scan `backup` needs into the desk folder of `database`, hash-checked: one the desk already
    holds intact stays, the others are copied from the companion folder and read back. Returns the files
    added (for the caller to take back if the restore fails later); refuses with `ScansRefusedError`,
    having taken them back itself, when any is missing or altered."""
    needed = attachment_copy.scans_needed(backup)
    live, companion = desk_folder(database), companion_folder(backup)
    added: list[Path] = []
    bad: list[str] = []
    try:
        for done, (sha256, size) in enumerate(needed, start=1):
            target = blob_path(live, sha256)
            if not attachment_copy.stored_intact(target, sha256, size):
                existed = target.exists()
                source = blob_path(companion, sha256)
                try:
                    attachment_copy.copy_file_verified(source, live, sha256, size, trust_present=False)
                    if not existed:
                        added.append(target)
                except (FileNotFoundError, attachment_copy.AlteredScanError):
                    bad.append(sha256)
            if progress is not None:
                progress(done, len(needed))
        attachment_copy.sync_folders(path.parent for path in added)
    except BaseException:
        attachment_copy.remove_copies(added)
        raise
    if bad:
        attachment_copy.remove_copies(added)
        log.error("restore refused: %d scans missing or altered beside %s", len(bad), backup.name)
        raise ScansRefusedError(refused_message(backup, bad, not_restored), bad)
    return added
