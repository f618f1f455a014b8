"""Verifying the audit log: the chain is whole, and each dossier row is as its last entry recorded it.

Reads the log in order, in batches, and recomputes every hash (domain/audit.py); then compares the
digest of every dossier row with the one its newest entry stored. Runs off the window's thread (the
start-up check, Hệ thống → Nhật ký) or from `cchc audit verify`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from cchc_desktop.domain.audit import GENESIS_HASH, fields_hash, with_digests
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.storage import audit_repo
from cchc_desktop.storage.database import Database, Tx

Progress = Callable[[int, int], None]  # (entries checked, entries in the log)


@dataclass(frozen=True)
class AuditProblem:
    text: str
    seq: int | None = None
    dossier_code: str | None = None


@dataclass(frozen=True)
class AuditVerification:
    entries: int
    dossiers: int
    problems: tuple[AuditProblem, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return (
                f"Nhật ký nguyên vẹn: {group_thousands(self.entries)} mục nối tiếp đúng, "
                f"{group_thousands(self.dossiers)} hồ sơ khớp với lần ghi cuối trong nhật ký."
            )
        return f"Nhật ký hoặc dữ liệu đã bị thay đổi ngoài phần mềm ({len(self.problems)} chỗ):"


def verify_audit(db: Database, progress: Progress | None = None, most: int = 100) -> AuditVerification:
    """Check the whole log and every dossier; at most `most` problems are listed (the first one first)."""
    started = time.perf_counter()
    problems: list[AuditProblem] = []
    with db.read() as tx:
        total = audit_repo.count_entries(tx)
        checked = _check_chain(audit_repo.chain_batches(tx), problems, total, progress)
        dossiers = _check_dossiers(tx, problems)
    return AuditVerification(checked, dossiers, tuple(problems[:most]), time.perf_counter() - started)


def _check_chain(
    batches: Iterator[Sequence[Any]], problems: list[AuditProblem], total: int, progress: Progress | None
) -> int:
    expected_seq, previous, checked = 1, GENESIS_HASH, 0
    for rows in batches:
        for row in rows:
            seq, prev, stored = row[0], row[11], row[12]
            try:
                own = fields_hash(prev, *row[:11])
            except (TypeError, AttributeError):  # a value unreadable or of the wrong type: not ours
                own = ""
            if seq != expected_seq:
                missing = (
                    f"số {expected_seq}" if seq == expected_seq + 1 else f"từ số {expected_seq} đến {seq - 1}"
                )
                problems.append(
                    AuditProblem(f"Mục nhật ký {missing} đã bị xóa ngoài phần mềm.", expected_seq)
                )
            elif own != stored:
                problems.append(
                    AuditProblem(
                        f"Mục nhật ký số {seq} đã bị sửa hoặc được chèn vào ngoài phần mềm "
                        "(nội dung không khớp mã kiểm tra).",
                        seq,
                    )
                )
            elif previous is not None and prev != previous:  # None: the entry before was unreadable
                problems.append(
                    AuditProblem(
                        f"Mục nhật ký số {seq} không nối tiếp mục trước: đã bị chèn vào hoặc thay thế "
                        "ngoài phần mềm.",
                        seq,
                    )
                )
            expected_seq, previous = seq + 1, stored
            checked += 1
        if progress is not None:
            progress(checked, total)
    return checked


def _check_dossiers(tx: Tx, problems: list[AuditProblem]) -> int:
    recorded = audit_repo.latest_dossier_digests(tx)
    count = 0
    for state, digest in with_digests(audit_repo.dossier_states(tx)):
        count += 1
        code = str(state["code"])
        last = recorded.pop(code, None)
        if last is None:
            problems.append(
                AuditProblem(
                    f"Hồ sơ {code} không có trong nhật ký: đã được thêm vào dữ liệu ngoài phần mềm.",
                    dossier_code=code,
                )
            )
        elif digest != last[1]:
            problems.append(
                AuditProblem(
                    f"Hồ sơ {code} đã bị sửa ngoài phần mềm sau mục nhật ký số {last[0]}: dữ liệu hiện tại "
                    "khác với lần ghi cuối của phần mềm.",
                    seq=last[0],
                    dossier_code=code,
                )
            )
    for code, (seq, _digest) in sorted(recorded.items(), key=lambda item: item[1][0]):
        problems.append(
            AuditProblem(
                f"Hồ sơ {code} (mục nhật ký số {seq}) không còn trong dữ liệu: đã bị xóa ngoài phần mềm.",
                seq=seq,
                dossier_code=code,
            )
        )
    return count
