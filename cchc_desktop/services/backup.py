"""Backups of the database: on demand into a folder (a USB stick), and one a day into the data folder.

Every backup is one file `cchc-sao-luu-YYYYMMDD-HHMMSS.sqlite3`, written with SQLite's online backup
API (safe while the window is open and saving), through a temporary name, fsynced, and reported only
after the copy passed `PRAGMA integrity_check` and opened with our schema. It is readable by the user
only. The daily backups keep the newest of each of the last 14 days with a backup and the newest of
every month; the copies taken before a migration or a restore are never pruned.

The scans (digitised papers) go into the folder `cchc-tep-dinh-kem/` beside the file, shared by every
backup in that folder (services/attachment_backup.py): a second backup copies only the new ones, the
daily backup hard-links them. A backup whose scans cannot all be carried is removed, never left half.
After a backup the bytes of deleted attachments it carried leave the store.

On a centre server (`paths.server`) the backup is the same kind of file, written from one snapshot of
the server's database (storage/server_backup.py), so it restores onto a desk or a server alike; the
daily backup then goes into this counter's backups folder.

A backup on demand carries personal data off the computer: it needs BACKUP and is recorded in the audit
log, naming the file. The daily backup and the copies before a migration or a restore are the system's
own, made at start or inside another recorded action, into this computer's data folder: neither checked
nor recorded (an entry would take the write lock at every counter's start).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from cchc_desktop.core.counter_identity import load_counter_name
from cchc_desktop.core.errors import NotFoundError, PermissionDeniedError, UserFacingError
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.roles import SYSTEM_ACTOR, Actor, Permission
from cchc_desktop.services import audit_log
from cchc_desktop.services.attachment_backup import (
    CarriedScans,
    ScanProgress,
    carry_scans,
    prune_companion,
    purge_after_backup,
)
from cchc_desktop.services.audit_log import Entry
from cchc_desktop.services.permissions import SIGN_IN_FIRST, require
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import account_repo, server_backup
from cchc_desktop.storage import backup as copies
from cchc_desktop.storage import database_check as checks
from cchc_desktop.storage.attachment_copy import scans_needed
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.database_files import PARTIAL_SUFFIX
from cchc_desktop.storage.migrate import HEAD_REVISION

log = logging.getLogger(__name__)

BACKUP_PREFIX = "cchc-sao-luu"
KEEP_DAILY = 14
STALE_PARTIAL_SECONDS = 3600
_STAMPED = re.compile(r"(\d{8}-\d{6})(?:-(\d+))?\.sqlite3$")
_DAILY = re.compile(rf"{BACKUP_PREFIX}-(\d{{8}}-\d{{6}})(?:-(\d+))?\.sqlite3$")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    seconds: float
    revision: str
    dossier_count: int
    scans: tuple[str, ...] = ()  # the hashes of every scan the backup needs, in its companion folder
    scans_copied: int = 0  # of those, copied by this backup (the others were there already)
    scan_bytes_copied: int = 0
    # Dossiers whose scans were missing or altered in the store: backed up without those scans.
    scans_lost_codes: tuple[str, ...] = ()


def backup_to(
    paths: AppPaths,
    folder: Path,
    *,
    by: Workspace | None = None,
    now: datetime | None = None,
    progress: ScanProgress | None = None,
) -> BackupResult:
    """Back up the database into `folder`, which must exist (a pulled USB stick leaves a bare mount
    point; creating it would put the backup on the internal disk), with its scans in the companion
    folder beside it, and record it in the log (BACKUP, naming the file); then the bytes of deleted
    attachments it carried leave the store. `by` is the signed-in user's workspace on this database, who
    needs BACKUP; without it the system backs up, which only a database without accounts allows.
    `progress` gets (scans done, scans in all)."""
    if by is not None:
        require(by, Permission.BACKUP)
    else:
        refuse_system_over_accounts(paths)
    result = _copy_to(paths, folder, now=now, db=by.db if by is not None else None, progress=progress)
    try:
        record_system_or_user(
            paths,
            by,
            AuditAction.BACKUP,
            Entry(
                ObjectKind.FILE,
                result.path.name,
                None,
                {"file": str(result.path), "dossiers": result.dossier_count}
                | ({"scans": len(result.scans)} if result.scans else {})
                | ({"scans_lost": list(result.scans_lost_codes)} if result.scans_lost_codes else {}),
            ),
            revision=result.revision,
        )
    except BaseException:
        # Personal data leaves on the stick only with its entry in the log.
        with contextlib.suppress(OSError):
            result.path.unlink(missing_ok=True)
        raise
    _purge(paths, by.db if by is not None else None, result)
    return result


def _purge(paths: AppPaths, db: Database | None, result: BackupResult) -> None:
    """The bytes of deleted attachments the backup carried leave the store; a failure here loses
    nothing (the next backup purges them), so it is logged, not raised."""
    if not result.scans:
        return
    try:
        with _database(paths, db) as opened:
            purge_after_backup(opened, result.scans)
    except (UserFacingError, OSError) as error:
        log.warning("deleted scans not purged after the backup: %s", type(error).__name__)


@contextlib.contextmanager
def _database(paths: AppPaths, db: Database | None) -> Iterator[Database]:
    """`db`, or this computer's database opened for the time of the block."""
    if db is not None:
        yield db
        return
    opened = Database(paths.server if paths.server is not None else paths.database)
    try:
        yield opened
    finally:
        opened.close()


def refuse_system_over_accounts(paths: AppPaths) -> None:
    """Without a signed-in user the system acts, but only where nobody could sign in: a database that
    does not exist yet, cannot be read (a damaged file's recovery) or has no account."""
    if paths.server is not None:
        db = Database(paths.server)
        try:
            with server_backup.server_errors(paths.server), db.read() as tx:
                accounts = account_repo.has_accounts(tx)
        finally:
            db.close()
    elif not paths.database.is_file():
        return
    else:
        try:
            # A damaged file may still show its accounts, but nobody can open it to sign in.
            accounts = checks.account_count(paths.database) > 0 and bool(
                checks.examine(paths.database, "quick_check")
            )
        except (
            OSError,
            checks.DamagedDatabaseError,
            checks.ForeignDatabaseError,
            checks.UnknownRevisionError,
            checks.DatabaseInUseError,
        ):
            return
    if accounts:
        raise PermissionDeniedError(SIGN_IN_FIRST)


def record_system_or_user(
    paths: AppPaths,
    by: Workspace | None,
    action: AuditAction,
    entry: Entry,
    *,
    revision: str = HEAD_REVISION,
    reopen: bool = False,
) -> None:
    """One entry by the signed-in user of `by` (at its counter), or by the system at this computer's
    counter, in the database of `paths`: through `by`'s connection unless `reopen` (a restore replaced
    the database under it). A file this version has not opened yet has no log: nothing is written then."""
    if revision != HEAD_REVISION:
        return
    actor: Actor = by.actor if by is not None else SYSTEM_ACTOR
    counter = by.counter if by is not None else (load_counter_name() or "")
    if by is not None and not reopen:
        with by.db.write() as tx:
            audit_log.append(tx, actor, counter, action, [entry])
        return
    db = Database(paths.server if paths.server is not None else paths.database)
    try:
        with db.write() as tx:
            audit_log.append(tx, actor, counter, action, [entry])
    finally:
        db.close()


def _copy_to(
    paths: AppPaths,
    folder: Path,
    *,
    now: datetime | None = None,
    db: Database | None = None,
    link: bool = False,
    progress: ScanProgress | None = None,
) -> BackupResult:
    started = time.perf_counter()
    folder = folder.expanduser()
    if paths.server is None and not paths.database.is_file():
        raise NotFoundError(f"Chưa có cơ sở dữ liệu {paths.database} để sao lưu.")
    if not folder.is_dir():
        raise UserFacingError(
            f"Không tìm thấy thư mục {folder}. Nếu đó là ổ USB, hãy cắm lại rồi sao lưu lại."
        )
    target = unused_name(folder, BACKUP_PREFIX, now or datetime.now())
    try:
        if paths.server is not None:
            facts = backup_server(paths.server, target)
        else:
            facts = copies.backup_checked(paths.database, target)
        size = target.stat().st_size
    except OSError as error:
        needed = None if paths.server is not None else database_size(paths.database)
        raise UserFacingError(
            write_error_message(folder, error, needed=needed) + " Dữ liệu hiện tại không bị ảnh hưởng."
        ) from error
    except checks.DamagedDatabaseError as error:
        if paths.server is not None:
            log.error("backup copy of the server's database failed its check: %s", error)
            raise UserFacingError(
                f"Bản sao lưu {paths.label} ghi vào {folder} bị lỗi khi kiểm tra lại (ổ đĩa có vấn đề, hoặc "
                "cơ sở dữ liệu trên máy chủ chưa được nâng cấp?). Hãy mở lại phần mềm rồi thử ổ đĩa khác. "
                "Dữ liệu hiện tại không bị ảnh hưởng."
            ) from error
        raise UserFacingError(_damaged_copy_message(paths.database, folder, error)) from error
    except checks.DatabaseInUseError as error:
        raise UserFacingError(
            f"Cơ sở dữ liệu {paths.database} đang bận (đang nâng cấp hoặc khôi phục?). Hãy thử lại sau ít phút."
        ) from error
    except (checks.ForeignDatabaseError, checks.UnknownRevisionError) as error:
        raise UserFacingError(
            f"{paths.label} không phải cơ sở dữ liệu mà phiên bản này của CCHC Desk sao lưu được."
        ) from error
    carried = _carry(paths, folder, target, db, link, progress)
    seconds = time.perf_counter() - started
    log.info(
        "backup of %s to %s: %d dossiers, %d bytes, %d scans (%d copied), %.2f s",
        paths.server.display if paths.server is not None else paths.database,
        target,
        facts.dossier_count,
        size,
        len(carried.hashes),
        carried.copied,
        seconds,
    )
    return BackupResult(
        target,
        size,
        seconds,
        facts.revision,
        facts.dossier_count,
        carried.hashes,
        carried.copied,
        carried.bytes_copied,
        carried.lost_codes,
    )


def _carry(
    paths: AppPaths,
    folder: Path,
    target: Path,
    db: Database | None,
    link: bool,
    progress: ScanProgress | None,
) -> CarriedScans:
    """The backup's scans into its companion folder; on any failure the backup file is removed (a
    backup without its scans would not restore)."""
    try:
        if not scans_needed(target):  # a database from before attachments, or none attached yet
            if progress is not None:
                progress(0, 0)
            return CarriedScans((), 0, 0)
        with _database(paths, db) as opened:
            return carry_scans(opened, target, link=link, progress=progress)
    except BaseException as error:
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise UserFacingError(
                write_error_message(folder, error) + " Dữ liệu hiện tại không bị ảnh hưởng."
            ) from error
        if isinstance(error, checks.DamagedDatabaseError):
            raise UserFacingError(
                f"Bản sao lưu ghi vào {folder} bị lỗi khi đọc lại (ổ đĩa có vấn đề?). Hãy thử ổ đĩa khác. "
                "Dữ liệu hiện tại không bị ảnh hưởng."
            ) from error
        raise


def automatic_daily_backup(paths: AppPaths, now: datetime) -> Path | None:
    """The day's backup into `paths.backups`, unless there is one for `now`'s date already (or no
    database yet); then prune. Returns the new file, or None when skipped. A failure raises
    `UserFacingError` and prunes nothing, so a bad day never pushes good backups out."""
    if paths.server is None and not paths.database.is_file():
        return None
    folder = paths.backups
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise UserFacingError(write_error_message(folder, error)) from error
    _remove_stale_partials(folder)
    if any(stamp.date() == now.date() for stamp, _ in _daily_backups(folder)):
        return None
    # The system's own copy into this computer's data folder, made at start before anyone signs in:
    # neither checked nor recorded (an entry would take the write lock at every counter's start). Its
    # scans are hard links to the desk's files where the disk allows (no second copy of gigabytes).
    result = _copy_to(paths, folder, now=now, link=True)
    _purge(paths, None, result)
    removed = prune_backups(folder)
    if removed:
        log.info("pruned %d old daily backups: %s", len(removed), ", ".join(p.name for p in removed))
        prune_companion(folder, PARTIAL_SUFFIX)
    return result.path


def backup_server(server: ServerAddress, target: Path) -> checks.DatabaseFacts:
    """The server's database into the verified file `target`, in the desk's backup format."""
    db = Database(server)
    try:
        with server_backup.server_errors(server):
            return server_backup.backup_server_checked(db.engine, target)
    finally:
        db.close()


def prune_backups(folder: Path, keep_daily: int = KEEP_DAILY) -> list[Path]:
    """Delete the daily backups that are neither the newest of one of the `keep_daily` newest days
    nor the newest of their month; return what was deleted."""
    dated = _daily_backups(folder)
    newest_of_day: dict[date, Path] = {}
    newest_of_month: dict[tuple[int, int], Path] = {}
    for stamp, path in dated:
        newest_of_day.setdefault(stamp.date(), path)
        newest_of_month.setdefault((stamp.year, stamp.month), path)
    keep = set(list(newest_of_day.values())[:keep_daily]) | set(newest_of_month.values())
    removed = []
    for _, path in dated:
        if path in keep:
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("could not delete old backup %s: %s", path, error)
            continue
        removed.append(path)
    return removed


def latest_good_backup(paths: AppPaths) -> Path | None:
    """The newest file in `paths.backups` (daily, before-migration or before-restore copies) that passes
    the integrity check and is a database this version can open."""
    if not paths.backups.is_dir():
        return None
    candidates = [p for p in paths.backups.glob("*.sqlite3") if p.is_file()]
    for path in sorted(candidates, key=_moment_of, reverse=True):
        try:
            checks.examine(path)
        except (
            OSError,
            checks.DamagedDatabaseError,
            checks.ForeignDatabaseError,
            checks.UnknownRevisionError,
        ) as error:
            log.warning("backup %s is not usable: %s", path, error)
            continue
        return path
    return None


def write_error_message(folder: Path, error: OSError, needed: int | None = None) -> str:
    """What the clerk is told when writing into `folder` failed (same wording as core/files.py)."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        amount = f" (cần khoảng {max(1, round(needed / 1_000_000))} MB)" if needed else ""
        return f"Không đủ chỗ trống trong {folder}{amount}. Hãy giải phóng dung lượng hoặc chọn ổ đĩa khác."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"Không có quyền ghi vào {folder} (ổ đĩa chỉ đọc hoặc bị khóa chống ghi?). Hãy chọn thư mục khác."
        )
    if error.errno in (errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO):
        return f"Không ghi được vào {folder}: ổ đĩa đã bị rút ra hoặc bị lỗi. Hãy cắm lại và thử lại."
    return f"Không ghi được vào {folder}: {error.strerror or error}."


def _damaged_copy_message(database: Path, folder: Path, error: Exception) -> str:
    problems = checks.integrity_problems(database)
    log.error("backup copy of %s failed its check (%s); database problems: %s", database, error, problems)
    if problems:
        return (
            f"Cơ sở dữ liệu {database} bị hỏng nên không sao lưu được. Hãy khôi phục từ bản sao lưu "
            "gần nhất (Hệ thống → Khôi phục) và báo cho bộ phận hỗ trợ."
        )
    return (
        f"Bản sao lưu ghi vào {folder} bị lỗi khi kiểm tra lại (ổ đĩa có vấn đề?). Hãy thử ổ đĩa khác. "
        "Dữ liệu hiện tại không bị ảnh hưởng."
    )


def unused_name(folder: Path, prefix: str, moment: datetime) -> Path:
    """`prefix-YYYYMMDD-HHMMSS.sqlite3` in `folder`, with `-2`, `-3` ... when taken."""
    target = folder / copies.timestamped_name(prefix, moment)
    counter = 2
    while target.exists():
        target = folder / f"{prefix}-{moment:%Y%m%d-%H%M%S}-{counter}.sqlite3"
        counter += 1
    return target


def _daily_backups(folder: Path) -> list[tuple[datetime, Path]]:
    """The daily backups in `folder` with their stamps, newest first."""
    found = []
    for path in folder.glob(f"{BACKUP_PREFIX}-*.sqlite3"):
        match = _DAILY.fullmatch(path.name)
        if match and path.is_file():
            with contextlib.suppress(ValueError):
                found.append((datetime.strptime(match[1], "%Y%m%d-%H%M%S"), path))
    return sorted(found, key=lambda item: _moment_of(item[1]), reverse=True)


def _moment_of(path: Path) -> tuple[datetime, int]:
    """When a backup was taken: the stamp in its name (mtime changes when files are copied around)."""
    match = _STAMPED.search(path.name)
    if match:
        with contextlib.suppress(ValueError):
            return datetime.strptime(match[1], "%Y%m%d-%H%M%S"), int(match[2] or 1)
    return datetime.fromtimestamp(path.stat().st_mtime), 0


def _remove_stale_partials(folder: Path) -> None:
    """Leftovers of a backup cut short by a power cut (a running one in another process is younger)."""
    for leftover in folder.glob(f"*{PARTIAL_SUFFIX}"):
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > STALE_PARTIAL_SECONDS:
                leftover.unlink()
                log.info("removed an unfinished backup %s", leftover)


def database_size(database: Path) -> int:
    total = 0
    for path in (database, database.with_name(database.name + "-wal")):
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total
