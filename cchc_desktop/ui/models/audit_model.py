"""The audit log table: entries a page at a time from `services.audit_view`, newest first, filtered in SQL.

A log may hold hundreds of thousands of entries, so nothing reads them all: the first page is asked for
first and shown as soon as it comes, the count of matching entries follows in a second task (the label
says "counting" meanwhile), and scrolling to the end asks for the entries older than the last one shown
(a keyset page: the thousandth page costs what the first does). With a `TaskRunner` both run on its worker
thread; an answer to an older filter is dropped. Without one (tests) they run at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.services import audit_view
from cchc_desktop.services.audit_view import AuditFilter, AuditRow
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.tasks import TaskRunner, run_now_or_submit

PAGE_SIZE = 200
HEADERS = ("Số", "Thời gian", "Người dùng", "Quầy", "Việc", "Đối tượng", "Trước → sau")
SEQ, TIME, USER, COUNTER, ACTION, OBJECT, CHANGE = range(7)
MOMENT = "{:%d/%m/%Y %H:%M:%S}"
OPEN_TIP = "Nhấp đúp hoặc Enter để mở hồ sơ {code}."
LOAD_FAILED = "Chưa đọc được nhật ký: {message}"
Role = Qt.ItemDataRole
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Line:
    row: AuditRow
    texts: tuple[str, ...]
    tip: str


@dataclass(frozen=True)
class _Page:
    generation: int
    after: int | None  # the seq the page continues from (None: the newest entries)
    lines: list[_Line]


@dataclass(frozen=True)
class _Count:
    generation: int
    total: int


def _line(row: AuditRow) -> _Line:
    texts = (
        str(row.seq),
        MOMENT.format(row.at),
        row.user_text,
        row.counter,
        row.action_label,
        row.object_text,
        row.change_text,
    )
    opens = OPEN_TIP.format(code=row.dossier_code) if row.dossier_code else ""
    return _Line(row, texts, "\n".join(part for part in (row.change_text, opens) if part))


def _lines(rows: list[AuditRow]) -> list[_Line]:
    return [_line(row) for row in rows]


class AuditModel(QAbstractTableModel):
    loaded = Signal()  # the first page of the current filter is in
    counted = Signal(int)  # the number of entries the current filter keeps
    failed = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        runner: TaskRunner | None = None,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.runner = runner
        self.page_size = page_size
        self._filter = AuditFilter()
        self._lines: list[_Line] = []
        self._total: int | None = None
        self._more = False  # the last page was full: older entries may follow
        self._generation = 0
        self._loaded_generation = 0
        self._fetching = False

    # ------------------------------------------------------------------ state
    @property
    def filter(self) -> AuditFilter:
        return self._filter

    @property
    def total(self) -> int | None:
        """Entries matching the filter, None while they are being counted."""
        return self._total

    @property
    def loading(self) -> bool:
        return self._loaded_generation != self._generation

    def row_at(self, row: int) -> AuditRow:
        return self._lines[row].row

    def set_filter(self, entry_filter: AuditFilter) -> None:
        if entry_filter != self._filter:
            self._filter = entry_filter
            self.reload()

    def reload(self, wait: bool = False) -> None:
        """Read the first page again, then count; `wait` answers before returning even with a runner."""
        self._generation += 1
        self._fetching = False
        self._total = None
        generation, ws, entry_filter, size = self._generation, self.ws, self._filter, self.page_size

        def first_page() -> _Page:
            if generation != self._generation:  # overtaken while queued (filters changed in a row)
                return _Page(generation, None, [])
            return _Page(generation, None, _lines(audit_view.page_after(ws, entry_filter, None, size)))

        def counted() -> _Count:
            if generation != self._generation:
                return _Count(generation, 0)
            return _Count(generation, audit_view.count(ws, entry_filter))

        self._run("audit log page", first_page, self._take_first, wait)
        self._run("audit log count", counted, self._take_count, wait)

    def _run(self, name: str, work: Callable[[], object], take: Callable[[Any], None], wait: bool) -> None:
        run_now_or_submit(self.runner, name, work, take, self._failed, wait=wait)

    def _failed(self, error: Exception) -> None:
        self._fetching = False
        self._loaded_generation = self._generation
        message = error.message if isinstance(error, UserFacingError) else type(error).__name__
        self.failed.emit(LOAD_FAILED.format(message=message))

    def _take_first(self, page: _Page) -> None:
        if page.generation != self._generation:
            return
        self._loaded_generation = page.generation
        self.beginResetModel()
        self._lines = page.lines
        self._more = len(page.lines) == self.page_size
        self.endResetModel()
        self.loaded.emit()

    def _take_count(self, result: _Count) -> None:
        if result.generation != self._generation:
            return
        self._total = result.total
        self.counted.emit(result.total)

    # ------------------------------------------------------------------ paging
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and not self.loading and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, ws, entry_filter, size = self._generation, self.ws, self._filter, self.page_size
        after = self._lines[-1].row.seq if self._lines else None

        def work() -> _Page:
            return _Page(generation, after, _lines(audit_view.page_after(ws, entry_filter, after, size)))

        self._run("audit log next page", work, self._take_page, wait=False)

    def _take_page(self, page: _Page) -> None:
        last = self._lines[-1].row.seq if self._lines else None
        if page.generation != self._generation or page.after != last:
            return
        self._fetching = False
        self._more = len(page.lines) == self.page_size
        if page.lines:
            start = len(self._lines)
            self.beginInsertRows(QModelIndex(), start, start + len(page.lines) - 1)
            self._lines.extend(page.lines)
            self.endInsertRows()

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole) -> Any:
        if role != Role.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return HEADERS[section] if 0 <= section < len(HEADERS) else None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Role.DisplayRole:
            return line.texts[index.column()]
        if role == Role.ToolTipRole:
            return line.tip or None
        if role == Role.TextAlignmentRole and index.column() == SEQ:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Role.UserRole:
            return line.row.dossier_code
        return None
