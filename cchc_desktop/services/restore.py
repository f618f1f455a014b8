"""Putting a backup in place of the database.

`check_backup_file` refuses a damaged file, a file that is not ours and one from a newer version
before anything is touched. `restore_from` then keeps a copy of the current database (so a wrong
restore can be undone by restoring that copy), and swaps: the backup is copied beside the database
through the online backup API, fsynced and checked, the checkpointed `-wal`/`-shm` are removed and
the copy is renamed over the database. Until that rename the original file is untouched; after it the
file is opened with `prepare_database`, so an older backup is upgraded to this version's schema.

The scans the backup needs come back first, each hash-checked, from the folder `cchc-tep-dinh-kem/`
beside it (on a desk a scan the desk holds intact already stays): a missing or altered one refuses the
restore before the database is touched (services/attachment_backup.py).

The caller must have closed its own engine first (`Workspace.close()`) and open a new workspace
afterwards; a database still open anywhere else (another window, another counter on a shared folder)
is refused.

On a centre server (`paths.server`) the backup's rows replace the server's in one transaction under
the write lock (storage/server_backup.py), after a backup of the server's current data; other counters
still connected refuse the restore unless `force`.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cchc_desktop.core.errors import DatabaseTooNewError, NotFoundError, UserFacingError
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.roles import Permission
from cchc_desktop.services import attachment_backup
from cchc_desktop.services.audit_log import Entry
from cchc_desktop.services.backup import (
    BACKUP_PREFIX,
    database_size,
    record_system_or_user,
    refuse_system_over_accounts,
    unused_name,
    write_error_message,
)
from cchc_desktop.services.permissions import require
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import attachment_copy, server_backup, table_copy
from cchc_desktop.storage import backup as copies
from cchc_desktop.storage import database_check as checks
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.migrate import HEAD_REVISION, prepare_database
from cchc_desktop.storage.table_copy import Progress

log = logging.getLogger(__name__)

BEFORE_RESTORE_PREFIX = "truoc-khoi-phuc"
DAMAGED_BEFORE_RESTORE_PREFIX = "hong-truoc-khoi-phuc"
NOT_RESTORED = "Chưa khôi phục; cơ sở dữ liệu hiện tại vẫn giữ nguyên."


class CountersConnectedError(UserFacingError):
    """Other counters are connected to the server; restoring would pull their data from under them."""

    command_line_hint = "Trên dòng lệnh, thêm --force để khôi phục bắt buộc."


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    dossier_count: int
    newest_received_at: datetime | None
    size_bytes: int
    scans: int = 0  # the scans it needs from the folder cchc-tep-dinh-kem beside it
    scans_missing: int = 0  # of those, not there (or of another size)


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    # The database as it was before the restore (None when there was none): restore it to undo.
    previous: Path | None
    # The old database was damaged: `previous` is a byte copy (with its -wal) for support, not a backup.
    previous_damaged: bool
    # The backup's schema revision when it was older and has been upgraded, else None.
    upgraded_from: str | None
    seconds: float


def check_backup_file(file: Path) -> BackupInfo:
    """Check a backup (read-only) and describe it; `UserFacingError` says why it cannot be used."""
    file = file.expanduser()
    if not file.is_file():
        raise NotFoundError(f"Không tìm thấy tệp {file}. Hãy kiểm tra đường dẫn và ổ đĩa đã cắm.")
    try:
        facts = checks.examine(file)
        size = file.stat().st_size
        scans = len(attachment_copy.scans_needed(file))
        missing = len(attachment_backup.missing_from_companion(file)) if scans else 0
    except checks.IncompleteSchemaError as error:
        log.warning("backup %s lacks part of the schema: %s", file, error)
        raise UserFacingError(
            f"Tệp {file} thiếu một phần cơ sở dữ liệu của CCHC Desk ({error}), không dùng để khôi phục được. "
            "Hãy chọn bản sao lưu khác."
        ) from error
    except checks.DamagedDatabaseError as error:
        log.warning("backup %s is damaged: %s", file, error)
        raise UserFacingError(
            f"Tệp {file} bị hỏng, không dùng để khôi phục được (chi tiết: {str(error)[:160]}). "
            "Hãy chọn bản sao lưu khác."
        ) from error
    except checks.ForeignDatabaseError as error:
        raise UserFacingError(
            f"Tệp {file} không phải tệp sao lưu của CCHC Desk. "
            f"Hãy chọn tệp có tên dạng {BACKUP_PREFIX}-….sqlite3."
        ) from error
    except checks.UnknownRevisionError as error:
        raise DatabaseTooNewError(
            f"Tệp {file} được tạo bởi phiên bản CCHC Desk mới hơn (lược đồ {error.revision}). "
            "Hãy cài phiên bản mới nhất của phần mềm rồi khôi phục lại."
        ) from error
    except (OSError, checks.DatabaseInUseError) as error:
        raise UserFacingError(
            f"Không đọc được tệp {file}: ổ đĩa đã bị rút ra, bị lỗi hoặc không có quyền đọc. "
            "Hãy cắm lại hoặc chép tệp vào máy rồi thử lại."
        ) from error
    return BackupInfo(
        file, facts.revision, facts.dossier_count, facts.newest_received_at, size, scans, missing
    )


def restore_from(
    paths: AppPaths,
    file: Path,
    *,
    by: Workspace | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> RestoreResult:
    """Replace the database with the backup `file`. Close the workspace before calling this.
    `by` is that (closed) workspace of the signed-in user, who needs RESTORE; without it the system
    restores, which only a database nobody could sign in to allows (none yet, unreadable, or without
    accounts: the start-up recovery). The restored database then gets one RESTORE entry by that user,
    naming the file, whatever the backup's own accounts (it may come from before they existed).
    On a server, `force` restores even while other counters are connected; `progress` gets
    (rows copied, rows in all)."""
    started = time.perf_counter()
    if by is not None:
        require(by, Permission.RESTORE)
    info = check_backup_file(file)
    if by is None:
        refuse_system_over_accounts(paths)
    if paths.server is not None:
        result = _restore_server(paths, paths.server, info, force, progress, started)
        _record(paths, by, result)
        return result
    database = paths.database
    if database.is_file() and os.path.samefile(info.path, database):
        raise UserFacingError(f"Tệp {info.path} chính là cơ sở dữ liệu đang dùng; hãy chọn một bản sao lưu.")
    previous: Path | None = None
    damaged = False
    if not database.is_file():
        database.parent.mkdir(parents=True, exist_ok=True)
    # The scans first, hash-checked into the desk's folder: a refusal leaves everything as it was.
    added = _restore_scans(info, database)
    try:
        if database.is_file():
            previous, damaged = _keep_current(paths)
        _replace(info, database, damaged)
    except BaseException:
        attachment_copy.remove_copies(added)
        raise
    try:
        upgraded_from = _open_and_upgrade(paths)
    except BaseException:
        log.exception(
            "restored %s over %s but could not open it; the previous file is %s", file, database, previous
        )
        raise
    result = RestoreResult(info, previous, damaged, upgraded_from, time.perf_counter() - started)
    _record(paths, by, result)
    log.info(
        "restored %s (%d dossiers, revision %s) over %s in %.2f s; previous database kept as %s",
        info.path,
        info.dossier_count,
        info.revision,
        database,
        result.seconds,
        previous,
    )
    return result


def _restore_scans(info: BackupInfo, database: Path) -> list[Path]:
    """The backup's scans into the desk's folder (see services/attachment_backup.py)."""
    try:
        return attachment_backup.restore_scans_to_desk(info.path, database, NOT_RESTORED)
    except OSError as error:
        raise _copy_error(info, database, error, None) from error


def _copy_error(info: BackupInfo, database: Path, error: OSError, needed: int | None) -> UserFacingError:
    """A copy from the backup failed: the stick pulled out (the backup unreadable now), or the disk's fault."""
    if not _readable(info.path):
        return UserFacingError(
            f"Không đọc được tệp {info.path} nữa: ổ đĩa đã bị rút ra hoặc bị lỗi. "
            f"Hãy cắm lại rồi khôi phục lại. {NOT_RESTORED}"
        )
    return UserFacingError(f"{write_error_message(database.parent, error, needed)} {NOT_RESTORED}")


def _replace(info: BackupInfo, database: Path, damaged: bool) -> None:
    try:
        copies.replace_database(info.path, database, discard_wal=damaged)
    except checks.DatabaseInUseError as error:
        raise UserFacingError(_in_use_message(database)) from error
    except OSError as error:
        raise _copy_error(info, database, error, info.size_bytes) from error
    except checks.DamagedDatabaseError as error:
        log.error("the copy of %s beside %s failed its check: %s", info.path, database, error)
        raise UserFacingError(
            f"Bản chép của {info.path} vào {database.parent} bị lỗi (ổ đĩa có vấn đề?). {NOT_RESTORED}"
        ) from error


def _record(paths: AppPaths, by: Workspace | None, result: RestoreResult) -> None:
    """The RESTORE entry, written into the restored database (upgraded to this version's schema)."""
    after = {
        "file": str(result.info.path),
        "dossiers": result.info.dossier_count,
        "revision": result.info.revision,
        "previous": str(result.previous or ""),
    }
    entry = Entry(ObjectKind.DATABASE, result.info.path.name, None, after)
    record_system_or_user(paths, by, AuditAction.RESTORE, entry, reopen=True)


def _restore_server(
    paths: AppPaths,
    server: ServerAddress,
    info: BackupInfo,
    force: bool,
    progress: Progress | None,
    started: float,
) -> RestoreResult:
    """The backup's rows in place of the server's, in one transaction (storage/server_backup.py)."""
    attachment_backup.refuse_missing(info.path, NOT_RESTORED)
    db = Database(server)
    try:
        # The server's schema must be this version's (created or upgraded, backup first) before its
        # rows are replaced by the backup's, which is upgraded to the same schema.
        prepare_database(db.engine, server, paths.backups)
        with server_backup.server_errors(server):
            others = 0 if force else server_backup.other_counters(db.engine)
            if others:
                raise CountersConnectedError(_counters_message(others))
            previous = _keep_server(paths, db)
            try:
                server_backup.restore_server_database(
                    db.engine,
                    info.path,
                    paths.backups,
                    force=True,
                    progress=progress,
                    scans=attachment_backup.companion_folder(info.path),
                )
            except server_backup.ScansRefusedError as error:
                log.error(
                    "restore onto %s rolled back: %d scans missing or altered",
                    server.display,
                    len(error.hashes),
                )
                raise attachment_backup.ScansRefusedError(
                    attachment_backup.refused_message(info.path, error.hashes, NOT_RESTORED), error.hashes
                ) from error
            except table_copy.RowCopyError as error:
                log.error("restore onto %s rolled back: a row of %s was refused", server.display, error.table)
                raise UserFacingError(
                    f"Tệp {info.path} có dữ liệu không hợp lệ trong bảng {error.table} nên không khôi phục "
                    f"được. {NOT_RESTORED} Hãy chọn bản sao lưu khác."
                ) from error
            except checks.DamagedDatabaseError as error:
                raise UserFacingError(
                    f"Bản chép của {info.path} vào {paths.backups} bị lỗi (ổ đĩa có vấn đề?). {NOT_RESTORED}"
                ) from error
            except OSError as error:
                reason = write_error_message(paths.backups, error, info.size_bytes)
                raise UserFacingError(f"{reason} {NOT_RESTORED}") from error
    finally:
        db.close()
    seconds = time.perf_counter() - started
    log.info(
        "restored %s (%d dossiers, revision %s) onto %s in %.2f s; previous data kept as %s",
        info.path,
        info.dossier_count,
        info.revision,
        server.display,
        seconds,
        previous,
    )
    upgraded_from = info.revision if info.revision != HEAD_REVISION else None
    return RestoreResult(info, previous, False, upgraded_from, seconds)


def _keep_server(paths: AppPaths, db: Database) -> Path:
    """A backup of the server's current data, so that a wrong restore can be undone."""
    target = unused_name(paths.backups, BEFORE_RESTORE_PREFIX, datetime.now())
    try:
        paths.backups.mkdir(parents=True, exist_ok=True, mode=0o700)
        return server_backup.backup_server_database(db.engine, target)  # the scans' bytes inside
    except OSError as error:
        reason = write_error_message(paths.backups, error)
        raise UserFacingError(
            f"Không sao lưu được dữ liệu hiện tại trước khi khôi phục: {reason} {NOT_RESTORED}"
        ) from error


def _counters_message(count: int) -> str:
    return (
        f"Còn {count} kết nối khác của CCHC Desk tới máy chủ dữ liệu (quầy khác đang mở phần mềm). "
        f"Hãy đóng CCHC Desk ở các quầy đó rồi khôi phục lại, hoặc khôi phục bắt buộc nếu chắc chắn "
        f"không ai đang nhập hồ sơ. {NOT_RESTORED}"
    )


def _keep_current(paths: AppPaths) -> tuple[Path, bool]:
    """Back up the current database (or, when it is damaged, keep its bytes); True when damaged."""
    database, folder = paths.database, paths.backups
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        copies.detach_live(database)
        target = copies.backup_database(database, unused_name(folder, BEFORE_RESTORE_PREFIX, datetime.now()))
        return target, False
    except checks.DatabaseInUseError as error:
        raise UserFacingError(_in_use_message(database)) from error
    except checks.DamagedDatabaseError as error:
        log.warning("the database %s is damaged (%s); keeping its files as they are", database, error)
    except OSError as error:
        raise UserFacingError(_keep_failed_message(paths, error)) from error
    try:
        target = copies.copy_files(
            database, unused_name(folder, DAMAGED_BEFORE_RESTORE_PREFIX, datetime.now())
        )
    except OSError as error:
        raise UserFacingError(_keep_failed_message(paths, error)) from error
    return target, True


def _open_and_upgrade(paths: AppPaths) -> str | None:
    db = Database(paths.database)
    try:
        outcome = prepare_database(db.engine, paths.database, paths.backups)
    finally:
        db.close()
    return outcome.from_revision if outcome.from_revision != outcome.to_revision else None


def _readable(file: Path) -> bool:
    try:
        with open(file, "rb") as handle:
            handle.read(100)
    except OSError:
        return False
    return True


def _in_use_message(database: Path) -> str:
    return (
        f"Cơ sở dữ liệu {database} đang được mở ở cửa sổ khác hoặc máy khác. "
        f"Hãy đóng CCHC Desk ở mọi nơi rồi khôi phục lại. {NOT_RESTORED}"
    )


def _keep_failed_message(paths: AppPaths, error: OSError) -> str:
    reason = write_error_message(paths.backups, error, database_size(paths.database))
    return f"Không sao lưu được dữ liệu hiện tại trước khi khôi phục: {reason} {NOT_RESTORED}"
