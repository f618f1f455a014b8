"""`cchc catalogue …`: import a province's published list from a date, export the list, list it."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from cchc_desktop.cli.dates import parse_date
from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.domain.procedures import CONTENT_LABELS
from cchc_desktop.domain.vn_format import short_date
from cchc_desktop.services import catalogue
from cchc_desktop.services.catalogue_file import write_catalogue_file
from cchc_desktop.services.catalogue_import import ImportPlan, apply_import, plan_import
from cchc_desktop.services.workspace import Workspace

EXIT_ROW_PROBLEMS = 2


def run_catalogue_command(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int | None:
    if args.catalogue_command == "import":
        return _import(ws, args, out)
    if args.catalogue_command == "export":
        _export(ws, args, out)
    else:
        _list(ws, args, out)
    return None


def _import(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int | None:
    plan = plan_import(ws, Path(args.file), parse_date(args.date_from))
    _print_plan(plan, out)
    if plan.problems:
        for problem in plan.problems:
            print(problem.describe(), file=out)
        print(f"Tệp có {len(plan.problems)} lỗi; chưa ghi gì vào danh mục. Sửa tệp rồi nhập lại.", file=out)
        return EXIT_ROW_PROBLEMS
    if args.dry_run:
        print("Chạy thử (--dry-run): chưa ghi gì vào danh mục.", file=out)
        return None
    if not plan.has_changes:
        print("Danh mục đã đúng như tệp; không có gì để ghi.", file=out)
        return None
    result = apply_import(ws, plan)
    print(
        f"Đã ghi vào danh mục từ ngày {short_date(plan.effective_from)}: {result.added} mới, {result.changed} thay "
        f"đổi, {result.retired} bãi bỏ; {result.unreadable} cần xác định thời hạn.",
        file=out,
    )
    return None


def _print_plan(plan: ImportPlan, out: TextIO) -> None:
    print(
        f"Tệp {plan.source.name}, áp dụng từ ngày {short_date(plan.effective_from)}: {len(plan.new)} thủ tục mới, "
        f"{len(plan.changed)} thay đổi, {len(plan.retired)} bãi bỏ, {plan.unchanged} giữ nguyên, "
        f"{len(plan.unreadable)} cần xác định thời hạn.",
        file=out,
    )
    for entry in plan.new:
        print(f"  + {entry.procedure.code} {entry.procedure.name}", file=out)
    for change in plan.changed:
        labels = ", ".join(CONTENT_LABELS[name] for name in change.fields)
        print(f"  ~ {change.after.code} {change.after.name}: {labels}", file=out)
    for procedure in plan.retired:
        print(f"  - {procedure.code} {procedure.name}", file=out)
    for procedure in plan.unreadable:
        print(f"  ? {procedure.code}: cần xác định thời hạn («{procedure.duration_text[:60]}»)", file=out)


def _export(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    day = parse_date(args.on) if args.on else date.today()
    procedures = catalogue.catalogue_for_export(ws.db, day)
    path = write_catalogue_file(Path(args.out), procedures)
    print(f"Đã xuất {len(procedures)} thủ tục (danh mục ngày {short_date(day)}) ra {path}.", file=out)


def _list(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    day = parse_date(args.on) if args.on else date.today()
    entries = catalogue.catalogue_entries(ws.db, day, search=args.search or "")
    if not entries:
        if args.search:
            raise InvalidInputError(
                f"Không có thủ tục nào khớp «{args.search}» trong danh mục ngày {short_date(day)}."
            )
        print("Danh mục trống.", file=out)
        return
    for entry in entries:
        procedure = entry.procedure
        columns = [procedure.code, procedure.name, procedure.field, procedure.time_text, entry.state.label]
        if entry.next_from is not None:
            columns.append(f"phiên bản mới từ {short_date(entry.next_from)}")
        print(" | ".join(columns), file=out)
    print(f"{len(entries)} thủ tục (danh mục ngày {short_date(day)}).", file=out)
