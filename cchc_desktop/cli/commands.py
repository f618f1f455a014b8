"""The headless commands behind `cchc …`; they call the same services as the window. A command returns
nothing when done (exit 0), or its exit status (`audit verify`)."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from cchc_desktop.cli.attachment_commands import run_attach, run_attachments
from cchc_desktop.cli.audit_commands import run_audit_command
from cchc_desktop.cli.catalogue_commands import run_catalogue_command
from cchc_desktop.cli.check_commands import run_check
from cchc_desktop.cli.dates import parse_date, parse_minute
from cchc_desktop.cli.sign_in import signed_in_workspace
from cchc_desktop.cli.user_commands import run_user_command
from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.core.files import write_file_atomically
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.core.server_address import parse_server_url
from cchc_desktop.domain.calendar import OverrideKind
from cchc_desktop.domain.vn_format import weekday_name
from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services import report_figures, reporting
from cchc_desktop.services.annual_report import ReportFiles
from cchc_desktop.services.attachment_backup import BACKUP_FOLDER_NAME, lost_scans_warning
from cchc_desktop.services.backup import backup_to
from cchc_desktop.services.deadlines import due_for_code
from cchc_desktop.services.dossier_text import dossier_lines
from cchc_desktop.services.exchange import export_file, import_file
from cchc_desktop.services.intake import dossier_by_code
from cchc_desktop.services.move_to import move_to_server
from cchc_desktop.services.printing import FORM_LABELS, PrintedForm, prepare_print, record_print
from cchc_desktop.services.registers import save_daily_list, save_register
from cchc_desktop.services.report_export import write_report_outputs
from cchc_desktop.services.restore import check_backup_file, restore_from
from cchc_desktop.services.settings import save_settings
from cchc_desktop.services.workflow import events_of
from cchc_desktop.services.workspace import Workspace

# The years the public holidays are known for (the `holidays` package's lunar calendar covers
# 1901-2100); 2100 is left out so a deadline counted from late 2099 still lands on a known year.
SUPPORTED_YEARS = range(1901, 2100)


def _check_year(year: int) -> None:
    if year not in SUPPORTED_YEARS:
        raise InvalidInputError(
            f"Năm {year} nằm ngoài khoảng phần mềm tính được: chỉ từ {SUPPORTED_YEARS[0]} "
            f"đến {SUPPORTED_YEARS[-1]} (lịch nghỉ lễ âm lịch). Hãy nhập một năm trong khoảng đó."
        )


def _due(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    received = parse_minute(args.received)
    _check_year(received.year)
    result = due_for_code(ws.db, ws.calendar, args.procedure, received)
    procedure = result.procedure
    print(f"Thủ tục: {procedure.code} — {procedure.name}", file=out)
    print(f"Thời hạn giải quyết: {procedure.time_text}", file=out)
    if result.effective_received_at != received:
        print(
            f"Tiếp nhận ngoài giờ làm việc, tính từ: {result.effective_received_at:%Y-%m-%dT%H:%M}", file=out
        )
    span = f"{result.working_days} ngày làm việc" if result.working_days else "trong ngày"
    print(f"Hạn trả kết quả ({weekday_name(result.due_at.date())}, {span}):", file=out)
    print(f"{result.due_at:%Y-%m-%dT%H:%M}", file=out)


def _calendar(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    if args.calendar_command == "list":
        _check_year(args.year)
        days = calendar_service.special_days(ws.db, args.year)
        for item in days:
            kind = "làm bù" if item.working else "nghỉ"
            basis = f" ({item.legal_basis})" if item.legal_basis else ""
            print(f"{item.day:%Y-%m-%d}  {weekday_name(item.day):<9} {kind:<7} {item.name}{basis}", file=out)
        off = sum(1 for item in days if not item.working)
        print(f"Năm {args.year}: {off} ngày nghỉ trong tuần, {len(days) - off} ngày làm bù.", file=out)
    elif args.calendar_command == "set":
        day = parse_date(args.date)
        kind = OverrideKind(args.kind)
        calendar_service.set_override(ws, day, kind, args.name, args.basis)
        label = "ngày nghỉ" if kind is OverrideKind.DAY_OFF else "ngày làm bù"
        print(f"Đã lưu {day:%d/%m/%Y} là {label}: {args.name}", file=out)
    else:
        day = parse_date(args.date)
        calendar_service.remove_override(ws, day)
        print(f"Đã bỏ điều chỉnh ngày {day:%d/%m/%Y}.", file=out)


def _print(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    if args.print_command == "register":
        _print_register(ws, args, out)
        return
    if args.print_command == "daily":
        day = parse_date(args.date) if args.date else date.today()
        target = _output(args.out, (".pdf",))
        save_daily_list(ws, target, day)
        print(f"Đã in danh sách hồ sơ ngày {day:%d/%m/%Y} ra {target}", file=out)
        return
    form = PrintedForm.RECEIPT if args.print_command == "receipt" else PrintedForm.CONTROL_SLIP
    target = _output(args.out, (".pdf",))
    job = prepare_print(ws, args.code, form)
    write_file_atomically(target, job.pdf)
    record_print(ws, job, target=str(target))
    marker = f" (bản in lại lần {job.reprint_number})" if job.reprint_number else ""
    print(f"Đã in {FORM_LABELS[form]} của hồ sơ {job.dossier_code}{marker} ra {target}", file=out)


def _import(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    report = import_file(ws, Path(args.file), dry_run=args.dry_run)
    if not report.ok:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        raise InvalidInputError(
            f"Tệp có {len(report.problems)} lỗi; chưa ghi hồ sơ nào. Sửa các dòng trên rồi nhập lại."
        )
    for warning in report.warnings:
        print(f"cảnh báo: {warning}", file=out)
    print(report.summary(), file=out)


def _export(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    date_from = parse_date(args.date_from) if args.date_from else None
    date_to = parse_date(args.date_to) if args.date_to else None
    count = export_file(ws, Path(args.out), date_from, date_to)
    print(f"Đã xuất {count} hồ sơ ra {args.out}", file=out)


def _report(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    stats = reporting.compute_statistics(ws, parse_date(args.date_from), parse_date(args.date_to))
    reporting.check(stats)
    json_file = _output(args.json, (".json",)) if args.json else None
    files = ReportFiles(
        pdf=_output(args.pdf, (".pdf",)) if args.pdf else None,
        docx=_output(args.docx, (".docx",)) if args.docx else None,
        xlsx=_output(args.xlsx, (".xlsx",)) if args.xlsx else None,
    )
    charts = report_figures.figures(ws, stats) if args.charts else None
    write_report_outputs(ws, stats, files, json_file, figures=charts)  # all or none
    print(f"Kỳ báo cáo: {stats.period_from:%d/%m/%Y} – {stats.period_to:%d/%m/%Y}", file=out)
    print(reporting.statistics_paragraph(stats), file=out)
    print(reporting.payment_paragraph(stats), file=out)
    print(reporting.digitisation_paragraph(stats), file=out)
    print(reporting.RULE_FOOTNOTES[stats.rule], file=out)
    for written in (args.json, args.pdf, args.docx, args.xlsx):
        if written:
            print(f"Đã ghi {written}", file=out)


def _dossier(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    record = dossier_by_code(ws, args.code)  # signed in once accounts exist; a specialist: their own
    events = events_of(ws, record.code)
    for line in dossier_lines(record, events):
        print(line, file=out)


def _output(text: str, suffixes: tuple[str, ...]) -> Path:
    target = Path(text)
    if target.suffix.lower() not in suffixes:
        raise InvalidInputError(f"Tệp ra phải có đuôi {' hoặc '.join(suffixes)}: {target}")
    return target


def _print_register(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    date_from, date_to = parse_date(args.date_from), parse_date(args.date_to)
    target = _output(args.out, (".pdf", ".xlsx"))
    save_register(ws, target, date_from, date_to)  # the workbook for .xlsx, else the PDF
    print(f"Đã in Sổ theo dõi hồ sơ từ {date_from:%d/%m/%Y} đến {date_to:%d/%m/%Y} ra {target}", file=out)


# `cchc agency` option (as argparse names it) → settings field, and the label printed for it.
AGENCY_FIELDS = {
    "commune": ("commune_name", "Tên xã"),
    "province": ("province_name", "Tỉnh/thành phố"),
    "identifier": ("agency_identifier", "Mã định danh cơ quan"),
    "place": ("place_name", "Địa danh"),
    "clerk": ("clerk_name", "Công chức tiếp nhận"),
    "signer": ("signer_name", "Họ tên người ký"),
    "signer_title": ("signer_title", "Chức danh người ký"),
    "counter": ("counter_name", "Tên quầy"),
}


def _agency(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    changes = {
        field: value for option, (field, _label) in AGENCY_FIELDS.items() if (value := getattr(args, option))
    }
    settings = ws.settings()
    if changes:
        settings = save_settings(ws, dataclasses.replace(settings, **changes))
        print("Đã lưu thông tin cơ quan.", file=out)
    for field, label in AGENCY_FIELDS.values():
        print(f"{label}: {getattr(settings, field) or '(chưa nhập)'}", file=out)
    missing = settings.missing_for_print()
    if missing:
        print(f"Chưa in được biểu mẫu: còn thiếu {', '.join(missing)}.", file=out)


def _move_to(ws: Workspace, args: argparse.Namespace, out: TextIO) -> None:
    server = parse_server_url(args.url)
    steps: set[int] = set()

    def progress(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth not in steps:
            steps.add(tenth)
            print(f"Đang chuyển: {done}/{total} dòng ({tenth * 10}%)", file=out, flush=True)

    print(f"Chuyển dữ liệu từ {ws.paths.database} lên máy chủ {server.display}…", file=out, flush=True)
    result = move_to_server(ws, server, progress=progress)
    created = " (cơ sở dữ liệu mới được tạo)" if result.created else ""
    print(
        f"Đã chuyển {result.merged.dossiers} hồ sơ và {result.merged.events} bước xử lý lên {server.display}{created} "
        f"trong {result.seconds:.1f} giây; thêm {result.merged.procedures_added} phiên bản thủ tục, "
        f"{result.merged.calendar_days_added} ngày nghỉ/làm bù, {result.merged.settings_taken} mục cài đặt.",
        file=out,
    )
    print(f"Dữ liệu trên máy chủ trước khi chuyển được sao lưu ở {result.server_backup}", file=out)


COMMANDS: dict[str, Callable[[Workspace, argparse.Namespace, TextIO], int | None]] = {
    "agency": _agency,
    "due": _due,
    "calendar": _calendar,
    "print": _print,
    "dossier": _dossier,
    "import": _import,
    "report": _report,
    "export": _export,
    "move-to": _move_to,
    "user": run_user_command,
    "audit": run_audit_command,
    "catalogue": run_catalogue_command,
    "attach": run_attach,
    "attachments": run_attachments,
    "check": run_check,
}


def _backup(paths: AppPaths, args: argparse.Namespace, out: TextIO) -> None:
    by = signed_in_workspace(paths, args.user) if args.user else None
    try:
        result = backup_to(paths, Path(args.to), by=by)
    finally:
        if by is not None:
            by.close()
    print(
        f"Đã sao lưu {result.dossier_count} hồ sơ vào {result.path} "
        f"({result.size_bytes / 1e6:.1f} MB, {result.seconds:.1f} giây).",
        file=out,
    )
    if result.scans:
        print(
            f"Kèm {len(result.scans)} bản số hóa trong thư mục {result.path.parent / BACKUP_FOLDER_NAME} "
            f"({result.scans_copied} bản mới chép); khi mang bản sao lưu đi, hãy mang cả thư mục này.",
            file=out,
        )
    if result.scans_lost_codes:
        raise ScansLostError(lost_scans_warning(result.scans_lost_codes))


class ScansLostError(UserFacingError):
    """The backup was written, but without the scans the store had lost: exit 6, like a health check
    that found a problem."""

    exit_code = 6


def _restore(paths: AppPaths, args: argparse.Namespace, out: TextIO) -> None:
    file = Path(args.file)
    info = check_backup_file(file)
    newest = f"{info.newest_received_at:%d/%m/%Y %H:%M}" if info.newest_received_at else "không có"
    print(f"Tệp sao lưu {file}: {info.dossier_count} hồ sơ, hồ sơ nhận gần nhất: {newest}.", file=out)
    if not args.yes:
        raise InvalidInputError(
            "Chưa khôi phục. Chạy lại với --yes để thay dữ liệu hiện tại bằng dữ liệu trong tệp này "
            "(dữ liệu hiện tại sẽ được sao lưu trước)."
        )
    by = _signed_in_before_restore(paths, args.user, out) if args.user else None
    if by is not None:
        by.close()  # the restore replaces the database under it; the signed-in user stays on it
    result = restore_from(paths, file, by=by, force=args.force)
    print(f"Đã khôi phục {result.info.dossier_count} hồ sơ từ {file}.", file=out)
    if result.upgraded_from:
        print(f"Đã nâng cấp từ lược đồ {result.upgraded_from}.", file=out)
    if result.previous is None:
        print("Trước đó chưa có cơ sở dữ liệu, không có gì phải sao lưu.", file=out)
    elif result.previous_damaged:
        print(f"Cơ sở dữ liệu cũ bị hỏng; tệp gốc được giữ ở {result.previous}", file=out)
    else:
        print(
            f"Dữ liệu trước khi khôi phục được lưu ở {result.previous}; "
            f"để hoàn tác: cchc restore {result.previous} --yes",
            file=out,
        )


def _signed_in_before_restore(paths: AppPaths, username: str, out: TextIO) -> Workspace | None:
    """The signed-in workspace; None when the current database is damaged (nobody can sign in to it:
    the restore then runs as the system, which the restore service allows on such a file)."""
    try:
        return signed_in_workspace(paths, username)
    except UserFacingError as error:
        if not getattr(error, "restorable", False):  # storage's UnusableDatabaseError of a damaged file
            raise
    print(
        "Dữ liệu hiện tại bị hỏng nên không đăng nhập vào đó được; khôi phục với tư cách «hệ thống».",
        file=out,
    )
    return None


# Commands that work on the database file itself, before (or instead of) opening it: a restore must
# work when the database cannot be opened. With `--user` they open it only to sign in.
FILE_COMMANDS: dict[str, Callable[[AppPaths, argparse.Namespace, TextIO], None]] = {
    "backup": _backup,
    "restore": _restore,
}
