"""Import dossiers from the online system's exchange file (CSV or XLSX) and export them in the same
format. An import checks every row first; one bad row and nothing is written. A good file is written
in one transaction: killed half-way, the database holds all of it or none.

An import needs IMPORT and writes, in its transaction, one audit entry per dossier it added or changed
(in bulk: an entry is a row of one multi-row insert); an export needs EXPORT and is one entry naming the
file and how many dossiers left in it."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.core.files import write_file_atomically
from cchc_desktop.documents.xlsx_text import set_data_text
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.cell_text import guard_csv_text, strip_controls
from cchc_desktop.domain.deadlines import compute_due
from cchc_desktop.domain.dossiers import Channel, DossierStatus, EventKind
from cchc_desktop.domain.exchange_format import (
    COLUMNS,
    ExchangeRow,
    RowProblem,
    format_time,
    map_header,
    parse_row,
    text_of,
)
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.text import fold
from cchc_desktop.services import audit_log
from cchc_desktop.services.permissions import require
from cchc_desktop.services.table_file import read_table
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import catalogue_repo, dossier_repo, exchange_repo
from cchc_desktop.storage.tables import DossierRow

Progress = Callable[[int, int], None]
SIDE_STATES = {
    DossierStatus.WAITING_SUPPLEMENT,
    DossierStatus.REFUSED,
    DossierStatus.WITHDRAWN,
    DossierStatus.STOPPED,
}


class ImportCancelledError(UserFacingError):
    def __init__(self) -> None:
        super().__init__("Đã hủy nhập dữ liệu; chưa có gì được ghi.")


@dataclass
class ImportReport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # already in the database with the same values: not written again
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        verb = "Đã nhập" if self.written else "Kiểm tra xong (chưa ghi gì)"
        same = f", {self.unchanged} không thay đổi" if self.unchanged else ""
        return f"{verb}: {self.added} hồ sơ thêm mới, {self.updated} cập nhật{same}, {len(self.warnings)} cảnh báo."


def check_file(
    path: Path, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
) -> tuple[list[ExchangeRow], ImportReport]:
    """Parse and check every row; nothing is written."""
    report = ImportReport()
    rows = read_table(path)
    header = next(rows, None)
    if header is None:
        report.problems.append(RowProblem(1, "code", "tệp trống; chọn tệp xuất từ hệ thống có dòng tiêu đề"))
        return [], report
    mapping, report.problems = map_header(header)
    width = len(header)
    parsed: list[ExchangeRow] = []
    first_line: dict[str, int] = {}
    for line, cells in enumerate(rows, start=2):
        if not any(str(c).strip() for c in cells if c is not None):
            continue
        if any(c is not None and str(c).strip() for c in cells[width:]):
            report.problems.append(
                RowProblem(line, f"cột thứ {width + 1}", "dòng có nhiều ô hơn dòng tiêu đề; xóa các ô thừa")
            )
        values = {column: cells[index] for index, column in mapping.items() if index < len(cells)}
        row, problems = parse_row(line, values)
        report.problems.extend(problems)
        report.rows += 1
        # As stored (NFC): "Ồ" typed as O and two combining marks is the same code as the precomposed one.
        code = row.code if row is not None else text_of(values.get("code"))
        if code and code in first_line:
            report.problems.append(RowProblem(line, "code", f"mã hồ sơ trùng với dòng {first_line[code]}"))
        elif code:
            first_line[code] = line
            if row is not None:
                parsed.append(row)
        if progress is not None and line % 2000 == 0:
            progress(line, 0)
            if cancelled is not None and cancelled():
                raise ImportCancelledError()
    if report.rows == 0 and not report.problems:
        report.problems.append(RowProblem(2, "code", "tệp chỉ có dòng tiêu đề, không có hồ sơ nào để nhập"))
    return parsed, report


def import_file(
    ws: Workspace,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    require(ws, Permission.IMPORT)
    parsed, report = check_file(path, progress, cancelled)
    if report.problems:
        return report
    calendar = ws.calendar
    with ws.db.read() as tx:
        versions = _catalogue_versions(tx)
    records: list[dict[str, Any]] = []
    unknown_reported: set[str] = set()
    for row in parsed:
        procedure = _version_on(versions.get(row.procedure_code, []), row.received_at.date())
        if procedure is None:
            if not row.procedure_name:
                report.problems.append(
                    RowProblem(row.line, "procedure_name", "thủ tục không có trong danh mục: cần tên thủ tục")
                )
                continue
            if row.due_at is None:
                report.problems.append(
                    RowProblem(
                        row.line,
                        "due_at",
                        "thủ tục không có trong danh mục nên không tính được hạn: ghi hạn trả",
                    )
                )
                continue
            key = row.procedure_code or fold(row.procedure_name)
            if key not in unknown_reported:
                unknown_reported.add(key)
                report.warnings.append(
                    RowProblem(row.line, "procedure_code",
                               f"thủ tục {row.procedure_code or row.procedure_name!r} không có trong danh mục; "
                               "giữ tên và lĩnh vực như trong tệp")
                )  # fmt: skip
        elif procedure.duration is None and row.due_at is None:
            report.problems.append(
                RowProblem(
                    row.line, "due_at",
                    f"thủ tục {procedure.code} chưa có thời hạn trong danh mục nên không tính được hạn: ghi hạn trả",
                )
            )  # fmt: skip
            continue
        due = row.due_at or compute_due(row.received_at, procedure.duration, calendar)  # type: ignore[union-attr,arg-type]
        records.append(_dossier_values(row, procedure, due))
    if report.problems:
        return report
    if cancelled is not None and cancelled():
        raise ImportCancelledError()
    codes = [r["code"] for r in records]
    with ws.db.write() as tx:
        existing = exchange_repo.existing_values(tx, codes)
        new = [r for r in records if r["code"] not in existing]
        old = [
            r
            for r in records
            if r["code"] in existing
            and existing[r["code"]] != tuple(r[name] for name in exchange_repo.UPDATABLE)
        ]
        report.added, report.updated = len(new), len(old)
        report.unchanged = len(records) - len(new) - len(old)
        if dry_run:
            tx.rollback()
            return report
        at = datetime.now().replace(microsecond=0)
        with exchange_repo.roomy_cache(tx):
            added = exchange_repo.insert_dossiers(
                tx, new, EventKind.IMPORTED, at, counter=ws.counter, recorded_by=ws.actor.username
            )
            exchange_repo.update_dossiers(tx, old)
            changed = exchange_repo.ids_of(tx, [r["code"] for r in old]) if old else []
            # Codes of the counter's own shape move that day's counter, so intake never meets them.
            dossier_repo.raise_code_counters(tx, codes)
            audit_log.record_dossiers(
                tx, ws.actor, ws.counter, AuditAction.IMPORT, [*added, *changed], after={"file": path.name}
            )
        report.written = True
    return report


def _catalogue_versions(tx: Any) -> dict[str, list[Procedure]]:
    versions: dict[str, list[Procedure]] = {}
    for procedure in catalogue_repo.all_versions(tx):
        versions.setdefault(procedure.code, []).append(procedure)
    return versions


def _version_on(versions: list[Procedure], day: date) -> Procedure | None:
    in_force = [p for p in versions if p.effective_from <= day]
    if in_force:
        return max(in_force, key=lambda p: p.effective_from)
    return min(versions, key=lambda p: p.effective_from) if versions else None


def _dossier_values(row: ExchangeRow, procedure: Procedure | None, due: datetime) -> dict[str, Any]:
    status = row.lifecycle_status()
    status_at = row.status_at or row.returned_at or row.resolved_at or row.received_at
    return {
        "code": row.code,
        "procedure_id": procedure.id if procedure else None,
        "procedure_code": row.procedure_code or (procedure.code if procedure else ""),
        "procedure_name": procedure.name if procedure and not row.procedure_name else row.procedure_name,
        "field_name": row.field or (procedure.field if procedure else ""),
        "applicant_name": row.applicant_name,
        "applicant_name_folded": fold(row.applicant_name),
        "applicant_id_number": row.applicant_id,
        "applicant_phone": row.phone,
        "applicant_email": "",
        "applicant_address": row.address,
        "submitter_name": "", "submitter_id_number": "", "submitter_phone": "", "submitter_address": "",
        "authorisation_document": "",
        "channel": row.channel.value,
        # The exchange file does not say; a dossier submitted online gets its result online.
        "result_delivery": "online" if row.channel is Channel.ONLINE else "counter",
        "set_count": 1,
        "documents_json": "[]",
        "received_at": row.received_at,
        "due_at": due,
        "original_due_at": due,
        "appointment_at": due,
        "status": status.value,
        "status_at": status_at,
        "resolved_at": row.resolved_at,
        "returned_at": row.returned_at,
        "fee_amount": row.fee,
        "fee_exempt": False,
        "fee_exempt_reason": "",
        "payment_method": row.payment.value,
        "register_volume": "",
        "register_row": None,
        "resolving_body": procedure.resolving_body if procedure else "",
        "current_holder": "",
        "note": "",
        "imported": True,
    }  # fmt: skip


# ------------------------------------------------------------------ export
def _export_cells(row: DossierRow) -> list[Any]:
    status = DossierStatus(row.status)
    return [
        row.code, row.procedure_code, row.procedure_name, row.field_name, row.channel, row.applicant_name,
        row.applicant_id_number, row.applicant_phone, row.applicant_address, row.received_at, row.appointment_at,
        row.resolved_at, row.returned_at, status.value if status in SIDE_STATES else "", row.status_at,
        row.fee_amount, row.payment_method,
    ]  # fmt: skip


def export_file(
    ws: Workspace, target: Path, date_from: date | None = None, date_to: date | None = None
) -> int:
    """Write the dossiers received in the period (all when no dates) to `target` (.csv or .xlsx),
    atomically, with its audit entry; returns the number of dossiers."""
    require(ws, Permission.EXPORT)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidInputError(f"Tệp xuất phải có đuôi .csv hoặc .xlsx: {target.name}")
    if date_from and date_to and date_to < date_from:
        raise InvalidInputError("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.")
    start = datetime.combine(date_from, time()) if date_from else None
    end = datetime.combine(date_to, time()) + timedelta(days=1) if date_to else None
    with ws.db.read() as tx:
        rows = exchange_repo.dossiers_for_export(tx, start, end)
        data, count = _csv_bytes(rows) if suffix == ".csv" else _xlsx_bytes(rows)
    written = write_file_atomically(target, data)
    try:
        with ws.db.write() as tx:
            audit_log.record(
                tx,
                ws,
                AuditAction.EXPORT,
                ObjectKind.FILE,
                str(written),
                after={"file": str(written), "dossiers": count, "from": date_from, "to": date_to},
            )
    except BaseException:
        written.unlink(missing_ok=True)  # citizens' data never leaves without its trace
        raise
    return count


def _csv_bytes(rows: Iterator[DossierRow]) -> tuple[bytes, int]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(c) for c in _export_cells(row)])
        count += 1
    return buffer.getvalue().encode("utf-8"), count


def _csv_cell(value: Any) -> Any:
    """Times in the exchange format; text without control characters and guarded against being read
    as a formula (the import removes the guard again)."""
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, str):
        return guard_csv_text(strip_controls(value))
    return "" if value is None else value


def _xlsx_bytes(rows: Iterator[DossierRow]) -> tuple[bytes, int]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("dossiers")
    sheet.append(list(COLUMNS))
    count = 0
    for row in rows:
        cells = []
        for value in _export_cells(row):
            cell = WriteOnlyCell(sheet)
            if isinstance(value, str):
                set_data_text(cell, value)
            else:
                cell.value = value
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count
