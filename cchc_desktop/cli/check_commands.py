"""`cchc check`: the whole health check from the command line (services/health.full_check): SQLite's
integrity_check on a desk, the rows changed behind the app's back, the audit log, and every stored scan's
hash. One line per problem naming its dossier; exit 0 when all is well, 6 otherwise (as `audit verify`)."""

from __future__ import annotations

import argparse
from typing import TextIO

from cchc_desktop.cli.audit_commands import AUDIT_BROKEN
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.health import full_check
from cchc_desktop.services.workspace import Workspace


def run_check(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    del args
    print(f"Đang kiểm tra {ws.db.label}…", file=out, flush=True)
    report = full_check(ws)
    if report.ok:
        print(
            f"Không có vấn đề: cơ sở dữ liệu nguyên vẹn, {group_thousands(report.audit_entries)} mục nhật ký "
            f"nối tiếp đúng, {group_thousands(report.scans)} bản số hóa khớp mã băm SHA-256.",
            file=out,
        )
        return 0
    for problem in report.problems:
        print(f"Lỗi: {problem}", file=out)
    print(
        f"Có {group_thousands(len(report.problems))} vấn đề. Hãy khôi phục từ bản sao lưu gần nhất còn tốt "
        "(cchc restore TỆP --yes, hoặc Hệ thống → Khôi phục) hoặc gắn lại các bản quét bị thiếu, và báo cho "
        "người quản trị; giữ nguyên dữ liệu và các bản sao lưu để đối chiếu.",
        file=out,
    )
    return AUDIT_BROKEN
