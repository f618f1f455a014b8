"""The start-up check of the database file: SQLite's `PRAGMA quick_check` on a read-only connection.

quick_check verifies the structure of every page but not that indexes match their tables
(integrity_check does, at about five times the cost): 0.26 s on the 200,000-dossier benchmark
database with a warm cache, so the window runs it in the background after it is shown.

Then the audit log is verified (services/audit_verify.py: the hash chain, and every dossier row as its
last entry recorded it), also in the background: it reads the whole log and every dossier.

The scans (digitised papers): at start-up only a cheap look that every kept scan is stored at its size
(`missing_scans`, no byte read); `cchc check` (`full_check`) hashes every one (`altered_scans`) after
SQLite's full `integrity_check`, the faulty rows and the audit log, one line per problem naming the
dossiers (codes only, never a file name: a scan's name may hold a person's name).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.domain.roles import Permission
from cchc_desktop.services.audit_verify import AuditVerification, verify_audit
from cchc_desktop.services.permissions import require
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import attachment_repo, attachment_store, row_faults
from cchc_desktop.storage import database_check as checks
from cchc_desktop.storage.database import Database

log = logging.getLogger(__name__)


def quick_check(database: Path) -> str | None:
    """None when `database` is sound (or does not exist yet), else what SQLite found wrong."""
    if not database.is_file():
        return None
    problems = checks.integrity_problems(database, "quick_check")
    if not problems:
        return None
    log.error("quick_check of %s found: %s", database, problems)
    return "\n".join(problems)


def damaged_message(database: Path, latest_good_backup: Path | None) -> str:
    """What the clerk is told when `quick_check` found a problem."""
    if latest_good_backup is None:
        return (
            f"Cơ sở dữ liệu {database} bị hỏng và không có bản sao lưu tốt trong thư mục dữ liệu. "
            "Đừng nhập thêm hồ sơ; hãy khôi phục từ bản sao lưu trên ổ USB (Hệ thống → Khôi phục) "
            "hoặc báo cho bộ phận hỗ trợ."
        )
    return (
        f"Cơ sở dữ liệu {database} bị hỏng. Bản sao lưu tốt gần nhất: {latest_good_backup}. "
        "Đừng nhập thêm hồ sơ; hãy khôi phục từ bản sao lưu đó (Hệ thống → Khôi phục) "
        "rồi nhập lại các hồ sơ nhận sau thời điểm sao lưu."
    )


def faulty_dossiers(db: Database) -> list[row_faults.DossierFault]:
    """Dossiers whose rows were changed behind the app's back (an unknown status, channel or payment,
    broken JSON, a time that is not a time): one pass over the table, for the background check."""
    with db.read() as tx:
        faults = row_faults.faults_of(tx)
    if faults:
        log.error("%d dossiers cannot be read: %s", len(faults), [fault.describe() for fault in faults[:20]])
    return faults


def faulty_message(faults: list[row_faults.DossierFault], shown: int = 20) -> str:
    """What the clerk is told about `faults` (codes and what is wrong, never the content)."""
    lines = [fault.describe() for fault in faults[:shown]]
    if len(faults) > shown:
        lines.append(f"và {len(faults) - shown} hồ sơ khác")
    return (
        f"{len(faults)} hồ sơ có lỗi dữ liệu (đã bị sửa ngoài phần mềm), được đánh dấu "
        f"“{row_faults.FAULTY_MARK}” trong danh sách theo dõi (hồ sơ bị sửa trạng thái chỉ hiện khi chọn "
        "Trạng thái “Tất cả”):\n- " + "\n- ".join(lines) + "\n"
        "Các hồ sơ khác vẫn dùng bình thường; báo cáo thống kê chưa lập được cho tới khi các hồ sơ này "
        "được sửa. Hãy khôi phục từ bản sao lưu hoặc báo cho bộ phận hỗ trợ."
    )


AUDIT_ADVICE = (
    "Dữ liệu có thể đã bị sửa, thêm hoặc xóa bằng công cụ khác ngoài phần mềm. Hãy kiểm tra các bản sao "
    "lưu (bản sao lưu trước thời điểm bị sửa còn dữ liệu đúng), xem chi tiết trong Hệ thống → Nhật ký "
    "(Kiểm tra toàn vẹn) và báo cho người quản trị hoặc bộ phận hỗ trợ."
)


class _StoppedError(Exception):
    """The window is closing: the verification stops between two batches of the log."""


def verify_audit_log(db: Database, stop: threading.Event | None = None) -> AuditVerification | None:
    """The whole audit log verified, for the start-up check; the figures logged. None when `stop` was set
    meanwhile (closing the window does not wait for a long log)."""

    def progress(_checked: int, _total: int) -> None:
        if stop is not None and stop.is_set():
            raise _StoppedError

    started = time.perf_counter()
    try:
        result = verify_audit(db, progress)
    except _StoppedError:
        log.info(
            "audit verification at start-up stopped after %.2f s: the window closed",
            time.perf_counter() - started,
        )
        return None
    log.info(
        "audit log verified at start-up: %d entries, %d dossiers, %.2f s, %d problems",
        result.entries,
        result.dossiers,
        result.seconds,
        len(result.problems),
    )
    if result.problems:
        # Entry numbers and dossier codes only: the problems never carry a dossier's content.
        log.warning("audit log problems: %s", [problem.text for problem in result.problems[:20]])
    return result


def audit_message(result: AuditVerification, shown: int = 10) -> str:
    """What a user who may read the log is told about the problems `result` found: the first `shown`
    (entry numbers and dossier codes, nothing personal) and what to do."""
    lines = [problem.text for problem in result.problems[:shown]]
    if len(result.problems) > shown:
        lines.append(f"và {len(result.problems) - shown} chỗ khác")
    return result.summary() + "\n- " + "\n- ".join(lines) + "\n" + AUDIT_ADVICE


@dataclass(frozen=True)
class ScanProblem:
    sha256: str
    missing: bool  # else stored, but not the bytes attached (another size, or another hash)
    codes: tuple[str, ...]  # the dossiers whose attachments use it

    def text(self) -> str:
        codes = ", ".join(self.codes) or "không rõ"
        if self.missing:
            return f"Hồ sơ {codes}: thiếu tệp bản số hóa (mã băm {self.sha256[:12]}…) trong kho lưu trữ."
        return (
            f"Hồ sơ {codes}: tệp bản số hóa (mã băm {self.sha256[:12]}…) đã bị thay đổi ngoài phần mềm "
            "(không khớp mã băm SHA-256)."
        )


def missing_scans(db: Database) -> list[ScanProblem]:
    """The kept scans whose bytes are missing or of another size (no byte read): the start-up look."""
    with db.read() as tx:
        expected = dict(attachment_repo.kept_blobs(tx))
        found = [
            (sha256, size is None)
            for sha256, size in attachment_store.stored_sizes(db, tx)
            if size != expected.get(sha256)
        ]
        found += [(sha256, True) for sha256 in attachment_repo.lost_blobs(tx)]
    return _named(db, found)


def altered_scans(db: Database, progress: Callable[[int, int], None] | None = None) -> list[ScanProblem]:
    """Every kept scan read and hashed: missing, or not the bytes attached."""
    with db.read() as tx:
        kept = attachment_repo.kept_blobs(tx)
        found: list[tuple[str, bool]] = [(sha256, True) for sha256 in attachment_repo.lost_blobs(tx)]
    for start in range(0, len(kept), 50):
        with db.read() as tx:
            for sha256, size in kept[start : start + 50]:
                data = attachment_store.get(db, tx, sha256)
                if data is None:
                    found.append((sha256, True))
                elif len(data) != size or attachment_store.sha256_of(data) != sha256:
                    found.append((sha256, False))
        if progress is not None:
            progress(min(start + 50, len(kept)), len(kept))
    return _named(db, found)


def _named(db: Database, found: Iterable[tuple[str, bool]]) -> list[ScanProblem]:
    problems = list(found)
    if not problems:
        return []
    with db.read() as tx:
        codes = attachment_repo.dossier_codes_using(tx, [sha for sha, _ in problems])
    named = [ScanProblem(sha, missing, tuple(codes.get(sha, ()))) for sha, missing in problems]
    log.error("%d stored scans are missing or altered", len(named))
    return named


def scans_message(problems: list[ScanProblem], shown: int = 20) -> str:
    """What the clerk is told at start-up about scans missing from the store."""
    from cchc_desktop.services.attachments import REPAIR_ADVICE  # the dossier window's own advice

    lines = [problem.text() for problem in problems[:shown]]
    if len(problems) > shown:
        lines.append(f"và {len(problems) - shown} bản số hóa khác")
    return (
        f"{len(problems)} bản số hóa bị thiếu hoặc bị thay đổi trong kho lưu trữ:\n- "
        + "\n- ".join(lines)
        + "\n"
        + REPAIR_ADVICE
        + " Lệnh “cchc check” kiểm tra mã băm của mọi bản số hóa."
    )


@dataclass(frozen=True)
class HealthReport:
    problems: tuple[str, ...]  # one line each, naming the dossiers
    scans: int  # scans hashed
    audit_entries: int

    @property
    def ok(self) -> bool:
        return not self.problems


def full_check(ws: Workspace, progress: Callable[[int, int], None] | None = None) -> HealthReport:
    """Everything the start-up check looks at, in full: SQLite's `integrity_check` (a desk), the rows
    changed behind the app's back, the audit log, and every scan's hash. Reading the whole log and every
    dossier's state is reading the log: AUDIT_LOG."""
    require(ws, Permission.AUDIT_LOG)
    problems: list[str] = []
    if ws.db.server is None:
        problems += [
            f"Cơ sở dữ liệu bị hỏng: {problem}"
            for problem in checks.integrity_problems(ws.db.path, "integrity_check")
        ]
        if problems:
            log.error("integrity_check of %s found %d problems", ws.db.path, len(problems))
            return HealthReport(tuple(problems), 0, 0)
    problems += [f"Hồ sơ {fault.describe()} (bị sửa ngoài phần mềm)" for fault in faulty_dossiers(ws.db)]
    audit = verify_audit(ws.db)
    problems += [f"Nhật ký: {problem.text}" for problem in audit.problems]
    with ws.db.read() as tx:
        scans = len(attachment_repo.kept_blobs(tx))
    problems += [problem.text() for problem in altered_scans(ws.db, progress)]
    return HealthReport(tuple(problems), scans, audit.entries)
