"""Moving a desk into the centre: the whole history of a SQLite desk copied onto a centre server.

The server's database may be empty (it is created and seeded at this version's schema first) or hold
other desks already (upgraded first, with a backup, like any counter opening it). The copy is one
server transaction (storage/desk_merge.py): dossiers, events, attachments with the bytes of their scans
(read from the desk's folder, each hash-checked), calendar days, office schedules, catalogue versions,
settings with the report texts, number sequences. A dossier code or register row
the server already has is refused with the list before anything is written. The server's data is
backed up into the desk's backups folder first, so a wrong move can be undone by a restore; the desk
itself is only read.

Moving needs IMPORT on the desk (the desk's admin, or anyone on a desk without accounts). The desk's
accounts and its audit log stay in the desk's file (and its backups): the centre's admin creates the
accounts on the server, and the server's log gets one entry per moved dossier, by the desk's user, in
the move's transaction.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.roles import Permission
from cchc_desktop.services import audit_log
from cchc_desktop.services.attachment_backup import codes_text
from cchc_desktop.services.backup import unused_name, write_error_message
from cchc_desktop.services.permissions import require
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.storage import attachment_repo, attachment_store, desk_merge, server_backup, table_copy
from cchc_desktop.storage.table_copy import Progress

log = logging.getLogger(__name__)

BEFORE_MOVE_PREFIX = "truoc-chuyen-du-lieu"
SHOWN_COLLISIONS = 20
NOTHING_WRITTEN = "Chưa chuyển gì lên máy chủ; dữ liệu ở cả hai nơi vẫn giữ nguyên."


class CollisionError(UserFacingError):
    """Dossier codes (or register rows) of the desk are on the server already."""

    def __init__(self, message: str, codes: list[str], register_rows: list[tuple[str, int]]) -> None:
        super().__init__(message)
        self.codes = codes
        self.register_rows = register_rows


@dataclass(frozen=True)
class MoveResult:
    server: ServerAddress
    merged: desk_merge.MergeOutcome  # what the server received
    created: bool  # the server's database was empty and has been created
    server_backup: Path
    seconds: float


def move_to_server(desk: Workspace, server: ServerAddress, *, progress: Progress | None = None) -> MoveResult:
    """Copy the whole desk `desk` (a SQLite workspace) into the database on `server`."""
    started = time.perf_counter()
    require(desk, Permission.IMPORT)
    if desk.db.server is not None:
        raise InvalidInputError(
            "Dữ liệu đang mở đã nằm trên máy chủ. Hãy mở tệp dữ liệu của bàn làm việc "
            "(cchc --db TỆP.sqlite3 move-to …) rồi chuyển."
        )
    paths = replace(desk.paths, server=server, chosen=True)
    centre = open_workspace(paths, counter=desk.counter)  # created and seeded, or upgraded (backup first)
    moved_from = {"moved_from": str(desk.paths.database)}
    try:
        desk_wins = bool(centre.settings().missing_for_print())
        with server_backup.server_errors(server):
            try:
                desk_merge.check_collisions(desk.db.engine, centre.db.engine)
                backup = _backup_server(centre, paths.backups)
                outcome = desk_merge.merge_desk(
                    desk.db.engine,
                    centre.db.engine,
                    desk_settings_win=desk_wins,
                    progress=progress,
                    record=lambda tx, ids: audit_log.record_dossiers(
                        tx, desk.actor, desk.counter, AuditAction.IMPORT, ids, after=moved_from
                    ),
                    scans=attachment_store.desk_folder(desk.db.path),
                )
            except desk_merge.ScansMissingError as error:
                with desk.db.read() as tx:
                    found = attachment_repo.dossier_codes_using(tx, error.hashes)
                codes = sorted({code for codes in found.values() for code in codes})
                log.error(
                    "move to %s rolled back: %d scans missing or altered", server.display, len(error.hashes)
                )
                raise UserFacingError(
                    f"{len(error.hashes)} bản số hóa của bàn làm việc bị thiếu hoặc bị thay đổi ngoài phần mềm "
                    f"(hồ sơ: {codes_text(codes) or 'không rõ'}). {NOTHING_WRITTEN} Hãy chạy “cchc check” trên "
                    "bàn làm việc, khôi phục hoặc gắn lại các bản quét đó, rồi chuyển lại."
                ) from error
            except desk_merge.CollisionError as error:
                raise CollisionError(
                    _collision_message(server, error), error.codes, error.register_rows
                ) from error
            except table_copy.RowCopyError as error:
                log.error("move to %s rolled back: a row of %s was refused", server.display, error.table)
                raise UserFacingError(
                    f"Bảng {error.table} của bàn làm việc có dữ liệu không hợp lệ nên không chuyển được. "
                    f"{NOTHING_WRITTEN} Các hồ sơ bị sửa ngoài phần mềm được đánh dấu trong thẻ Theo dõi hạn giải "
                    "quyết (Trạng thái “Tất cả”); hãy khôi phục tệp từ bản sao lưu hoặc báo bộ phận hỗ trợ, "
                    "rồi chuyển lại."
                ) from error
    finally:
        centre.close()
    seconds = time.perf_counter() - started
    log.info(
        "moved the desk %s onto %s: %d dossiers, %d events, %d procedures added, %.2f s",
        desk.paths.database,
        server.display,
        outcome.dossiers,
        outcome.events,
        outcome.procedures_added,
        seconds,
    )
    return MoveResult(server, outcome, centre.migration.created, backup, seconds)


def _backup_server(centre: Workspace, folder: Path) -> Path:
    target = unused_name(folder, BEFORE_MOVE_PREFIX, datetime.now())
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return server_backup.backup_server_database(centre.db.engine, target)
    except OSError as error:
        raise UserFacingError(
            f"Không sao lưu được dữ liệu trên máy chủ trước khi chuyển: {write_error_message(folder, error)} "
            f"{NOTHING_WRITTEN}"
        ) from error


def _collision_message(server: ServerAddress, error: desk_merge.CollisionError) -> str:
    parts = []
    if error.codes:
        shown = ", ".join(error.codes[:SHOWN_COLLISIONS])
        more = len(error.codes) - SHOWN_COLLISIONS
        tail = f" và {more} mã khác" if more > 0 else ""
        parts.append(f"{len(error.codes)} mã hồ sơ đã có trên máy chủ: {shown}{tail}.")
    if error.register_rows:
        shown = ", ".join(
            f"quyển {volume} số {row}" for volume, row in error.register_rows[:SHOWN_COLLISIONS]
        )
        more = len(error.register_rows) - SHOWN_COLLISIONS
        tail = f" và {more} dòng khác" if more > 0 else ""
        parts.append(f"{len(error.register_rows)} dòng sổ theo dõi đã có trên máy chủ: {shown}{tail}.")
    return (
        f"Không chuyển được lên {server.display}: " + " ".join(parts) + f" {NOTHING_WRITTEN} "
        "Có thể bàn làm việc này đã được chuyển lên trước đây, hoặc hai bàn dùng chung mã định danh cơ quan; "
        "hãy kiểm tra trên máy chủ và báo người quản trị."
    )
