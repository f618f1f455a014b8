"""The audit log as the log window (Hệ thống → Nhật ký) and `cchc audit list` read it: filtered, counted,
page by page newest first, and exported to Excel. Reading the log needs AUDIT_LOG; an export is itself
an entry (AUDIT_EXPORT), written once the file is in place.

Pages are keyset pages (`page_after`: the entries older than the last one shown), so the thousandth page
costs what the first does; `page` with an offset is there for a view that jumps to a row number.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.files import write_file_atomically
from cchc_desktop.domain.audit import AUDIT_ACTION_LABELS, AuditAction, ObjectKind
from cchc_desktop.domain.roles import Permission
from cchc_desktop.services import audit_log
from cchc_desktop.services.audit_text import (
    action_label,
    change_text,
    object_text,
    parse_stored,
    values_text,
)
from cchc_desktop.services.permissions import require
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import audit_repo
from cchc_desktop.storage.audit_repo import EntryFilter
from cchc_desktop.storage.tables import AuditEntryRow

PAGE_SIZE = 200
EXPORT_BATCH = 5000
SHEET_TITLE = "Nhật ký"
EXPORT_COLUMNS = (
    "Số", "Thời gian", "Tên đăng nhập", "Người dùng", "Quầy", "Việc", "Đối tượng", "Trước", "Sau", "Thay đổi",
)  # fmt: skip
ACTION_CHOICES = tuple((action.value, label) for action, label in AUDIT_ACTION_LABELS.items())


@dataclass(frozen=True)
class AuditFilter:
    """The log window's filters; an empty field does not filter. Both dates are whole days, inclusive."""

    username: str = ""
    action: str = ""  # an AuditAction value
    dossier_code: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def check(self) -> None:
        if self.action and self.action not in {action.value for action in AuditAction}:
            raise InvalidInputError(f"Không có loại việc «{self.action}» trong nhật ký.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidInputError(
                f"Ngày bắt đầu {self.date_from:%d/%m/%Y} sau ngày kết thúc {self.date_to:%d/%m/%Y}; "
                "hãy sửa lại khoảng ngày."
            )

    def entry_filter(self) -> EntryFilter:
        self.check()
        return EntryFilter(
            username=self.username.strip(),
            action=self.action,
            object_key=self.dossier_code.strip(),
            start=datetime.combine(self.date_from, time()) if self.date_from else None,
            end=datetime.combine(self.date_to + timedelta(days=1), time()) if self.date_to else None,
        )

    def describe(self) -> str:
        """The filter in words, for the export's entry ("" when nothing is filtered)."""
        parts = []
        if self.username:
            parts.append(f"người dùng {self.username}")
        if self.action:
            parts.append(f"việc «{action_label(self.action)}»")
        if self.dossier_code:
            parts.append(f"hồ sơ {self.dossier_code.strip()}")
        if self.date_from:
            parts.append(f"từ {self.date_from:%d/%m/%Y}")
        if self.date_to:
            parts.append(f"đến {self.date_to:%d/%m/%Y}")
        return ", ".join(parts)


@dataclass(frozen=True)
class AuditRow:
    """One entry as the log window shows it."""

    seq: int
    at: datetime
    username: str
    user_name: str  # the full name the entry was written under
    counter: str
    action: str  # the AuditAction value
    action_label: str
    object_kind: str
    object_key: str
    object_text: str
    before_text: str
    after_text: str
    change_text: str  # "trước → sau" in one line

    @property
    def dossier_code(self) -> str | None:
        """The dossier the entry is about (the window opens it on a double-click), else None."""
        return self.object_key if self.object_kind == ObjectKind.DOSSIER.value and self.object_key else None

    @property
    def user_text(self) -> str:
        if self.user_name and self.user_name != self.username:
            return f"{self.user_name} ({self.username})" if self.username else self.user_name
        return self.username or self.user_name


def row_of(entry: AuditEntryRow) -> AuditRow:
    before, after = parse_stored(entry.before), parse_stored(entry.after)
    return AuditRow(
        seq=entry.seq,
        at=entry.at,
        username=entry.username,
        user_name=entry.user_name,
        counter=entry.counter,
        action=entry.action,
        action_label=action_label(entry.action),
        object_kind=entry.object_kind,
        object_key=entry.object_key,
        object_text=object_text(entry.object_kind, entry.object_key),
        before_text=values_text(before),
        after_text=values_text(after),
        change_text=change_text(before, after),
    )


def count(ws: Workspace, entry_filter: AuditFilter) -> int:
    require(ws, Permission.AUDIT_LOG)
    query = entry_filter.entry_filter()
    with ws.db.read() as tx:
        return audit_repo.count_filtered(tx, query)


def page(ws: Workspace, entry_filter: AuditFilter, offset: int = 0, limit: int = PAGE_SIZE) -> list[AuditRow]:
    """Newest first, `offset` entries skipped (each skipped entry is read: prefer `page_after`)."""
    require(ws, Permission.AUDIT_LOG)
    query = entry_filter.entry_filter()
    with ws.db.read() as tx:
        return [row_of(entry) for entry in audit_repo.page(tx, query, max(0, offset), limit)]


def page_after(
    ws: Workspace, entry_filter: AuditFilter, last_seq: int | None = None, limit: int = PAGE_SIZE
) -> list[AuditRow]:
    """Newest first, the entries older than `last_seq` (the last row already shown; None: the newest)."""
    require(ws, Permission.AUDIT_LOG)
    query = entry_filter.entry_filter()
    with ws.db.read() as tx:
        return [row_of(entry) for entry in audit_repo.page_before(tx, query, last_seq, limit)]


def usernames(ws: Workspace) -> list[str]:
    """Every username found in the log (the filter's choices; "" for a failed sign-in's unknown name)."""
    require(ws, Permission.AUDIT_LOG)
    with ws.db.read() as tx:
        return [name for name in audit_repo.usernames(tx) if name]


def export_xlsx(ws: Workspace, entry_filter: AuditFilter, target: Path) -> int:
    """Every entry the filter keeps, newest first, into the workbook `target` (written whole or not at
    all); the export is then recorded in the log. Returns how many entries were written."""
    require(ws, Permission.AUDIT_LOG)
    target = target.expanduser()
    data, written = _workbook(ws, entry_filter)
    write_file_atomically(target, data)
    after = {"file": str(target), "entries": written, "filter": entry_filter.describe() or "tất cả"}
    try:
        with ws.db.write() as tx:
            audit_log.record(tx, ws, AuditAction.AUDIT_EXPORT, ObjectKind.FILE, target.name, after=after)
    except BaseException:
        # An export the log does not name must not stay on the disk.
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)
        raise
    return written


def _batches(ws: Workspace, entry_filter: AuditFilter) -> Iterator[list[AuditEntryRow]]:
    """Every filtered entry, newest first, from one read transaction (one consistent state)."""
    query = entry_filter.entry_filter()
    with ws.db.read() as tx:
        last: int | None = None
        while batch := audit_repo.page_before(tx, query, last, EXPORT_BATCH):
            yield batch
            last = batch[-1].seq


def _workbook(ws: Workspace, entry_filter: AuditFilter) -> tuple[bytes, int]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from cchc_desktop.documents.xlsx_text import set_data_text

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.append(list(EXPORT_COLUMNS))
    written = 0
    for batch in _batches(ws, entry_filter):
        for entry in batch:
            row = row_of(entry)
            moment = WriteOnlyCell(sheet, value=row.at)
            moment.number_format = "dd/mm/yyyy hh:mm:ss"
            texts = (
                row.username, row.user_name, row.counter, row.action_label, row.object_text,
                row.before_text, row.after_text, row.change_text,
            )  # fmt: skip
            cells = [WriteOnlyCell(sheet, value=row.seq), moment]
            for text in texts:
                cell = WriteOnlyCell(sheet)
                set_data_text(cell, text)
                cells.append(cell)
            sheet.append(cells)
            written += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), written
