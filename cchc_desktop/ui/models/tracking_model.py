"""The tracking table: dossiers a page at a time from `services.tracking`, filtered and sorted in SQL.

With a `TaskRunner` the queries run on its worker thread and the answer replaces the rows when it comes
back (an answer to an older filter or sort is dropped); without one (tests) they run at once. The
displayed texts are worked out with the rows, so painting never computes a working day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.dossiers import CHANNEL_LABELS, STATUS_LABELS, DossierStatus
from cchc_desktop.domain.urgency import Urgency, time_left_text, urgency, urgency_bounds
from cchc_desktop.services import tracking
from cchc_desktop.services.tracking import TrackingFilter, TrackingRow, TrackingSort
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.tasks import TaskRunner, run_now_or_submit
from cchc_desktop.ui.tracking import strings

PAGE_SIZE = 200
CODE, APPLICANT, PROCEDURE, FIELD, RECEIVED, DUE, TIME_LEFT, STATUS, HOLDER = range(9)
SORT_KEYS = ("code", "applicant", "procedure", "field", "received", "due", "due", "status", "holder")
BACKGROUNDS = {
    Urgency.OVERDUE: QColor("#fbdcdc"),
    Urgency.DUE_TODAY: QColor("#ffe4c7"),
    Urgency.DUE_NEXT_DAY: QColor("#fff3b8"),
}
# Dark text on the light urgency colours, also when the desktop uses a dark palette.
URGENT_TEXT = QColor("#1f1f1f")
FAULTY = "Lỗi dữ liệu"
FAULTY_TIP = (
    "Lỗi dữ liệu: {faults}. Hồ sơ này đã bị sửa ngoài phần mềm; các hồ sơ khác vẫn dùng bình thường. "
    "Hãy báo cho bộ phận hỗ trợ."
)
FAULTY_TEXT = QColor("#b00020")
ICONS = {
    Urgency.OVERDUE: "overdue",
    Urgency.DUE_TODAY: "due_today",
    Urgency.DUE_NEXT_DAY: "due_next_day",
    Urgency.WAITING: "waiting",
}
Role = Qt.ItemDataRole
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Line:
    row: TrackingRow
    texts: tuple[str, ...]
    urgency: Urgency


@dataclass(frozen=True)
class _Batch:
    generation: int
    offset: int
    now: datetime
    total: int | None  # None for a further page
    lines: list[_Line]


def _when(moment: datetime) -> str:
    return strings.DATE_TIME.format(moment)


def _lines(rows: list[TrackingRow], now: datetime, calendar: WorkingCalendar) -> list[_Line]:
    bounds = urgency_bounds(now, calendar)
    lines = []
    for row in rows:
        if row.faults:
            lines.append(_faulty_line(row))
            continue
        left = time_left_text(row.status, row.due_at, now, calendar)
        if row.status is DossierStatus.RESULT_READY:
            left = strings.RESULT_READY_LEFT
        elif row.status is DossierStatus.WAITING_SUPPLEMENT:
            left = strings.WAITING_LEFT  # the state column already says "Chờ bổ sung"
        elif left and row.appointment_at > row.due_at:
            left += strings.EXTENDED_SUFFIX.format(row.appointment_at)
        texts = (
            row.code,
            row.applicant_name,
            row.procedure_name,
            row.field_name,
            _when(row.received_at),
            _when(row.due_at),
            left,
            STATUS_LABELS[row.status],
            row.current_holder,
        )
        lines.append(_Line(row, texts, urgency(row.status, row.due_at, bounds)))
    return lines


def _faulty_line(row: TrackingRow) -> _Line:
    """A row changed behind the app's back: marked, with the values that could be read."""

    def when(moment: datetime) -> str:
        return "—" if moment == datetime.min else _when(moment)

    texts = (
        row.code,
        row.applicant_name,
        row.procedure_name,
        row.field_name,
        when(row.received_at),
        when(row.due_at),
        FAULTY,
        FAULTY,
        row.current_holder,
    )
    return _Line(row, texts, Urgency.DONE)


class TrackingModel(QAbstractTableModel):
    loaded = Signal()  # a (re)load is in: rows, total and the moment they describe are current
    failed = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        clock: Callable[[], datetime] = datetime.now,
        runner: TaskRunner | None = None,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.clock = clock
        self.runner = runner
        self.page_size = page_size
        self._filter = TrackingFilter()
        self._sort = TrackingSort()
        self._lines: list[_Line] = []
        self._total = 0
        self._now = clock()
        self._generation = 0
        self._loaded_generation = 0
        self._fetching = False
        self.failure: Exception | None = None  # why the latest load failed (None after a good one)
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------------ state
    @property
    def filter(self) -> TrackingFilter:
        return self._filter

    @property
    def sort_order(self) -> TrackingSort:
        return self._sort

    @property
    def total(self) -> int:
        """Dossiers matching the filter (the rows loaded so far may be fewer)."""
        return self._total

    @property
    def loading(self) -> bool:
        """True while the answer to the latest filter or sort has not come back."""
        return self._loaded_generation != self._generation

    def row_at(self, row: int) -> TrackingRow:
        return self._lines[row].row

    def row_of_code(self, code: str) -> int | None:
        return next((i for i, line in enumerate(self._lines) if line.row.code == code), None)

    def set_filter(self, filter: TrackingFilter, *, load: bool = True) -> None:
        """`load`=False only records the filter (the first load comes later)."""
        if filter != self._filter:
            self._filter = filter
            if load:
                self.reload()

    def set_sort(self, sort: TrackingSort) -> None:
        if sort != self._sort:
            self._sort = sort
            self.reload()

    def refresh(self) -> None:
        """Query again with the same filter and sort, keeping as many rows as are loaded now."""
        self.reload(keep_rows=True)

    def reload(self, keep_rows: bool = False, wait: bool = False) -> None:
        """Count and read the first page(s) again; `wait` answers before returning even with a runner."""
        self._generation += 1
        self._fetching = False
        generation = self._generation
        limit = max(self.page_size, len(self._lines)) if keep_rows else self.page_size
        ws, filter, sort, now = self.ws, self._filter, self._sort, self.clock()

        def work() -> _Batch:
            if generation != self._generation:  # overtaken while queued (sorting clicks in a row)
                return _Batch(generation, 0, now, 0, [])
            total = tracking.count(ws, filter, now)
            rows = tracking.page(ws, filter, sort, 0, limit, now)
            return _Batch(generation, 0, now, total, _lines(rows, now, ws.calendar))

        self._run("tracking list", work, self._take_reload, wait)

    def _run(self, name: str, work: Callable[[], _Batch], take: Callable[[_Batch], None], wait: bool) -> None:
        run_now_or_submit(self.runner, name, work, take, self._failed, wait=wait)

    def _failed(self, error: Exception) -> None:
        self._fetching = False
        self._loaded_generation = self._generation
        self.failure = error
        message = error.message if isinstance(error, UserFacingError) else type(error).__name__
        self.failed.emit(strings.LOAD_FAILED.format(message=message))

    def _take_reload(self, batch: _Batch) -> None:
        if batch.generation != self._generation:
            return  # the filter or sort changed while this ran
        assert batch.total is not None
        self._now = batch.now
        self._total = batch.total
        self._loaded_generation = batch.generation
        self.failure = None
        if self._lines and [line.row.id for line in self._lines] == [line.row.id for line in batch.lines]:
            # Same dossiers (the minute timer, a save elsewhere): new texts, keep selection and scroll.
            self._lines = batch.lines
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, HOLDER))
        else:
            self.beginResetModel()
            self._lines = batch.lines
            self.endResetModel()
        self.loaded.emit()

    # ------------------------------------------------------------------ paging
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._lines) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, offset, size = self._generation, len(self._lines), self.page_size
        ws, filter, sort, now = self.ws, self._filter, self._sort, self._now

        def work() -> _Batch:
            rows = tracking.page(ws, filter, sort, offset, size, now)
            return _Batch(generation, offset, now, None, _lines(rows, now, ws.calendar))

        self._run("tracking page", work, self._take_page, wait=False)

    def _take_page(self, batch: _Batch) -> None:
        if batch.generation != self._generation or batch.offset != len(self._lines):
            return
        self._fetching = False
        if len(batch.lines) < self.page_size:
            self._total = len(self._lines) + len(batch.lines)  # dossiers left the list meanwhile
        if batch.lines:
            self.beginInsertRows(QModelIndex(), batch.offset, batch.offset + len(batch.lines) - 1)
            self._lines.extend(batch.lines)
            self.endInsertRows()

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(strings.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole) -> Any:
        if role != Role.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return strings.HEADERS[section] if 0 <= section < len(strings.HEADERS) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Role.DisplayRole:
            return line.texts[column]
        if role == Role.ToolTipRole:
            if line.row.faults:
                return FAULTY_TIP.format(faults=", ".join(line.row.faults))
            return self._tooltip(line, column)
        if role == Role.BackgroundRole:
            return BACKGROUNDS.get(line.urgency)
        if role == Role.ForegroundRole:
            if line.row.faults:
                return FAULTY_TEXT
            return URGENT_TEXT if line.urgency in BACKGROUNDS else None
        if role == Role.FontRole:
            return self._bold if column == TIME_LEFT and line.urgency is Urgency.OVERDUE else None
        if role == Role.DecorationRole and column == TIME_LEFT:
            name = ICONS.get(line.urgency)
            if name is None and line.row.status is DossierStatus.RESULT_READY:
                name = "result_ready"
            return None if name is None else icon(name)
        if role == Role.UserRole:
            return line.row.code
        return None

    def _tooltip(self, line: _Line, column: int) -> str:
        row = line.row
        if column in (PROCEDURE, FIELD):
            return strings.TIP_PROCEDURE.format(
                procedure=row.procedure_name, field=row.field_name, channel=CHANNEL_LABELS[row.channel]
            )
        if column in (DUE, TIME_LEFT):
            parts = [strings.TIP_URGENCY[line.urgency]] if line.urgency in strings.TIP_URGENCY else []
            parts.append(strings.TIP_DUE.format(due=row.due_at))
            tip = "\n".join(parts)
            if row.appointment_at > row.due_at:
                tip += strings.TIP_APPOINTMENT.format(appointment=row.appointment_at)
            return tip
        if column == APPLICANT:
            return f"{row.applicant_name}\n{strings.TIP_OPEN_ROW}"
        return strings.TIP_OPEN_ROW

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(SORT_KEYS):
            self.set_sort(TrackingSort(SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder))
