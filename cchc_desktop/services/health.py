"""The start-up check of the database file: SQLite's `PRAGMA quick_check` on a read-only connection.

quick_check verifies the structure of every page but not that indexes match their tables
(integrity_check does, at about five times the cost): 0.26 s on the 200,000-dossier benchmark
database with a warm cache, so the window runs it in the background after it is shown.

Then the audit log is verified (services/audit_verify.py: the hash chain, and every dossier row as its
last entry recorded it), also in the background: it reads the whole log and every dossier.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from cchc_desktop.services.audit_verify import AuditVerification, verify_audit
from cchc_desktop.storage import database_check as checks
from cchc_desktop.storage import row_faults
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
