"""`cchc audit …`: verifying the hash-chained audit log (services/audit_verify.py) and listing its entries
(services/audit_view.py, as the log window shows them)."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from cchc_desktop.cli.dates import parse_date
from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services import audit_view
from cchc_desktop.services.audit_verify import verify_audit
from cchc_desktop.services.audit_view import AuditFilter
from cchc_desktop.services.permissions import require
from cchc_desktop.services.workspace import Workspace

# The exit status when the log or a dossier was changed outside the app (documented in cli/__init__).
AUDIT_BROKEN = 6


def run_audit_command(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int | None:
    if args.audit_command == "list":
        _list(ws, args, out)
        return None
    return _verify(ws, out, sys.stderr)


def _list(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    if args.limit < 1:
        raise InvalidInputError(f"--limit phải là số mục lớn hơn 0 (đã ghi {args.limit}).")
    entry_filter = AuditFilter(
        username=args.by,
        action=args.action,
        dossier_code=args.dossier,
        date_from=parse_date(args.date_from) if args.date_from else None,
        date_to=parse_date(args.date_to) if args.date_to else None,
    )
    rows = audit_view.page_after(ws, entry_filter, None, args.limit)
    total = audit_view.count(ws, entry_filter)
    for row in rows:
        change = f" | {row.change_text}" if row.change_text else ""
        print(
            f"{row.seq} | {row.at:%d/%m/%Y %H:%M:%S} | {row.user_text} | {row.counter or '(không ghi quầy)'} | "
            f"{row.action_label} | {row.object_text}{change}",
            file=out,
        )
    if not total:
        print("Không có mục nhật ký nào khớp với điều kiện lọc.", file=out)
    elif len(rows) < total:
        print(
            f"Đã in {group_thousands(len(rows))} mục mới nhất trong {group_thousands(total)} mục khớp; "
            "thêm --limit để in nhiều hơn, hoặc lọc hẹp lại.",
            file=out,
        )
    else:
        print(f"{group_thousands(total)} mục.", file=out)


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
