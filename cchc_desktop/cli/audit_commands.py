"""`cchc audit …`: verifying the hash-chained audit log (services/audit_verify.py)."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.audit_verify import verify_audit
from cchc_desktop.services.permissions import require
from cchc_desktop.services.workspace import Workspace

# The exit status when the log or a dossier was changed outside the app (documented in cli/__init__).
AUDIT_BROKEN = 6


def run_audit_command(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    return _verify(ws, out, sys.stderr)


def _verify(ws: Workspace, out: TextIO, err: TextIO) -> int:
    """The summary and 0 when whole; otherwise each problem (naming the entry or the dossier) and 6."""
    require(ws, Permission.AUDIT_LOG)
    progress = _TerminalProgress(err) if err.isatty() else None
    try:
        result = verify_audit(ws.db, progress)
    finally:
        if progress is not None:
            progress.end()
    print(result.summary(), file=out)
    for problem in result.problems:
        print(f"- {problem.text}", file=out)
    seconds = f"{result.seconds:.1f}".replace(".", ",")
    print(f"Thời gian kiểm tra: {seconds} giây.", file=out)
    if result.ok:
        return 0
    print(
        "Hãy báo ngay cho lãnh đạo và người quản trị; giữ nguyên dữ liệu và các bản sao lưu để đối chiếu.",
        file=out,
    )
    return AUDIT_BROKEN


class _TerminalProgress:
    """One line on the terminal, rewritten in place as batches of entries are checked."""

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self.shown = False

    def __call__(self, checked: int, total: int) -> None:
        share = checked * 100 // max(total, 1)
        line = f"Đang kiểm tra nhật ký: {group_thousands(checked)}/{group_thousands(total)} mục ({share}%)"
        if checked >= total:
            line += ", đang đối chiếu hồ sơ…"
        print(f"\r{line}", end="", file=self.err, flush=True)
        self.shown = True

    def end(self) -> None:
        if self.shown:
            print(file=self.err, flush=True)
