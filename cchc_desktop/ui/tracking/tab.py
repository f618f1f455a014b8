"""The tracking tab: every open dossier with its deadline, what is late or due today at a glance.

Once the database has accounts, "Hồ sơ của tôi" lists the dossiers handed to the signed-in user; a
specialist-only account has it on and locked (services/tracking.py enforces it; the tab only shows it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.urgency import Urgency
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services import tracking
from cchc_desktop.services.live_changes import is_server_outage
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.models import tracking_model as columns
from cchc_desktop.ui.models.tracking_model import TrackingModel
from cchc_desktop.ui.tasks import TaskRunner
from cchc_desktop.ui.tracking import strings
from cchc_desktop.ui.tracking.filter_bar import FilterBar

Clock = Callable[[], datetime]
# Column widths from typical content (the procedure column takes what is left); room for icon and padding.
COLUMN_SAMPLES = {
    columns.CODE: "000.00.00.H00-261102-0001",
    columns.APPLICANT: "Nguyễn Thị Phương",
    columns.FIELD: "Bảo trợ xã hội",
    columns.RECEIVED: "00/00/0000 00:00",
    columns.DUE: "00/00/0000 00:00",
    columns.TIME_LEFT: "quá hạn từ 14:30 hôm nay",  # in bold
    columns.STATUS: "Đang giải quyết",
    columns.HOLDER: "Nguyễn Thị Phương",
}
COLUMN_PADDING = 20
ICON_COLUMNS = {columns.TIME_LEFT: 20}
# A failed read (server unreachable, drive unplugged) is tried again after these waits, doubling.
FIRST_RETRY_MS = 2_000
LONGEST_RETRY_MS = 30_000


@dataclass(frozen=True)
class _Side:
    """What the tab shows beside its list: the counts (chips, title, status bar) and the filters' choices."""

    counts: dict[Urgency, int]
    mine: bool
    next_working_day: date
    fields: list[str]
    holders: list[str]


def _read_side(ws: Workspace, now: datetime, mine: bool) -> _Side:
    """Safe on a worker thread: reads the database and the calendar, touches no widget."""
    return _Side(
        counts=tracking.urgency_counts(ws, now, mine=mine),
        mine=mine,
        next_working_day=ws.calendar.next_working_day(now.date()),
        fields=tracking.field_names(ws),
        holders=tracking.holders(ws),
    )


class TrackingTab(QWidget):
    open_requested = Signal(str)  # the dossier code, on Enter or double-click
    title_changed = Signal(str)  # "Theo dõi hạn giải quyết (2 quá hạn)"
    summary_changed = Signal(str)  # the counts for the status bar
    reachable = Signal(bool)  # False when a read found the server unreachable, True when one works again
    first_filled = Signal()  # the first counts answered (shown or failed): `fill`'s reads are done

    def __init__(
        self,
        ws: Workspace,
        clock: Clock = datetime.now,
        parent: QWidget | None = None,
        *,
        fill_now: bool = True,
    ) -> None:
        """`fill_now`: read the list and counts before returning; the main window passes False and calls
        `fill` once it is painted, so no dossier is read on the way to the window."""
        super().__init__(parent)
        self.ws = ws
        self.clock = clock
        self.counts: dict[Urgency, int] = {}
        self.title = strings.TAB_TITLE
        self.summary = ""
        self._selected_code: str | None = None
        self._open_single_result = False
        self._stale = False
        self._failing = False
        self._anchor: str | None = None  # the dossier at the top of the list before a refresh
        self._column_scroll = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.refresh)
        self._retry_ms = FIRST_RETRY_MS
        self.runner = TaskRunner(self)
        self.model = TrackingModel(ws, clock=lambda: self.clock(), runner=self.runner, parent=self)
        self.filters = FilterBar()
        self.view = QTableView()
        self.total_label = QLabel()
        self.total_label.setObjectName("trackingTotal")
        self.total_label.setWordWrap(True)  # a server's long failure must not widen the window
        self._build_actions()
        self._set_up_view()
        self._lay_out()
        self.filters.changed.connect(self._filter_changed)
        self.filters.search.down_pressed.connect(self._focus_table)
        self.filters.search.enter_pressed.connect(self._search_entered)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._show_failure)
        self.model.rowsInserted.connect(self._show_total)
        self._scope: tuple[bool, str, bool] | None = None
        self._apply_scope()
        self.filled = False  # the first counts are in (they are read after the first list)
        self._side_reads = 0  # counts asked for so far: an older answer from the worker is dropped
        self.model.set_filter(self.filters.filter(), load=fill_now)
        if fill_now:
            self.model.reload(wait=True)
            self._refresh_side()
        else:
            self.summary = strings.READING
            self.total_label.setText(strings.READING)

    def fill(self) -> None:
        """The first list, then the counts and the filters' choices, all read on the worker: nothing on
        the GUI thread waits for them (each list row works out its time left, which is not free)."""
        self.model.reload()
        now, mine, ws = self.clock(), self.filters.mine.isChecked(), self.ws
        self._side_reads += 1
        read = self._side_reads
        self.runner.submit(
            "tracking counts",
            lambda: _read_side(ws, now, mine),
            lambda side: self._show_first_side(side, read),
            self._first_side_failed,
        )

    def _show_first_side(self, side: _Side, read: int) -> None:
        if read == self._side_reads:  # no filter chosen, no save refreshed them meanwhile
            self._show_side(side)
        self.first_filled.emit()

    def _first_side_failed(self, error: Exception) -> None:
        if isinstance(error, UserFacingError):  # a bug goes to the crash dialog (TaskRunner), not retried
            self._read_failed(error)
        self.first_filled.emit()

    # ------------------------------------------------------------------ building
    def _action(self, text: str, tip: str, icon_name: str, shortcut: str = "") -> QAction:
        action = QAction(icon(icon_name), text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            tip = strings.TIP_WITH_SHORTCUT.format(tip=tip, shortcut=shortcut)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setEnabled(False)  # while another tab is in front; see showEvent
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.search_action = self._action(
            strings.ACTION_SEARCH, strings.ACTION_SEARCH_TIP, "search", "Ctrl+F"
        )
        self.refresh_action = self._action(
            strings.ACTION_REFRESH, strings.ACTION_REFRESH_TIP, "refresh", "F5"
        )
        self.clear_action = self._action(
            strings.ACTION_CLEAR, strings.ACTION_CLEAR_TIP, "clear_filter", "Alt+B"
        )
        self.open_action = self._action(strings.ACTION_OPEN, strings.ACTION_OPEN_TIP, "open")
        self.search_action.triggered.connect(self.focus_search)
        self.refresh_action.triggered.connect(self.refresh)
        self.clear_action.triggered.connect(self.filters.reset)
        self.open_action.triggered.connect(lambda: self.open_current())
        for action in self.filters.chips.values():
            action.setEnabled(False)

    def tab_actions(self) -> list[QAction]:
        return [self.search_action, self.refresh_action, self.clear_action, self.open_action]

    def _set_up_view(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(columns.DUE, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)  # clicking a header sorts in SQL (TrackingModel.sort)
        bold = view.font()
        bold.setBold(True)
        for column, sample in COLUMN_SAMPLES.items():
            metrics = QFontMetrics(bold) if column == columns.TIME_LEFT else view.fontMetrics()
            extra = COLUMN_PADDING + ICON_COLUMNS.get(column, 0)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + extra)
        header.setSectionResizeMode(columns.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        view.activated.connect(self._activated)
        selection = view.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)

    def _lay_out(self) -> None:
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_label, 1)  # the label takes the free width, and wraps beyond it
        for action in (self.refresh_action, self.clear_action, self.open_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard uses the shortcuts
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    # ------------------------------------------------------------------ who works
    def _current_scope(self) -> tuple[bool, str, bool]:
        ws = self.ws
        return ws.has_accounts, ws.actor.username, tracking.own_only(ws)

    def _apply_scope(self) -> bool:
        """Show the "Hồ sơ của tôi" toggle as the signed-in user may use it; True when the user changed."""
        scope = self._current_scope()
        if scope == self._scope:
            return False
        self._scope = scope
        has_accounts, _username, own_only = scope
        self.filters.set_scope(shown=has_accounts and not self.ws.actor.system, forced=own_only)
        return True

    def apply_permissions(self) -> None:
        """After signing in or switching user: the toggle, the list and the counts of whoever works now."""
        if not self._apply_scope():
            return
        self._anchor = None
        self._selected_code = None
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        chosen = self.filters.filter()
        if chosen != self.model.filter:
            self.model.set_filter(chosen)
        else:
            self.model.reload()  # the same filter, but another person's dossiers
        self._refresh_side()

    # ------------------------------------------------------------------ showing
    def showEvent(self, event: QShowEvent) -> None:
        for action in [*self.tab_actions(), *self.filters.chips.values()]:
            action.setEnabled(True)
        if self._scope != self._current_scope():
            self.apply_permissions()
            self._stale = False
        elif self._stale:
            self.refresh()
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows and Enter work at once

    def hideEvent(self, event: QHideEvent) -> None:
        # Another tab is in front: its own F5 or Ctrl+F must not act here.
        if not event.spontaneous():
            for action in [*self.tab_actions(), *self.filters.chips.values()]:
                action.setEnabled(False)
        super().hideEvent(event)

    # ------------------------------------------------------------------ refreshing
    def refresh(self) -> None:
        """Query again (after a save here or at another counter, every minute): counts now, the list
        keeping its filter, sort, selected dossier and scroll position; a hidden tab reads its list when
        it is shown. A failed read is tried again by itself, less and less often."""
        self._retry.stop()
        if self._scope != self._current_scope():
            self.apply_permissions()  # another user signed in meanwhile
            return
        if self._failing:
            # Try the list on the worker first: a server behind a cut cable takes the connect timeout
            # (5 s) to fail, which must not freeze the window. The counts follow once it answers.
            self._remember_view()
            self.model.refresh()
            return
        if not self._refresh_side():
            return
        self._stale = not self.isVisible()
        if not self._stale:
            self._remember_view()
            self.model.refresh()

    def _refresh_side(self) -> bool:
        """The counts and the filters' choices; False (the failure shown, a retry due) when unreadable."""
        self._side_reads += 1
        try:
            self._show_side(_read_side(self.ws, self.clock(), self.filters.mine.isChecked()))
        except UserFacingError as error:
            self._read_failed(error)
            return False
        return True

    def _read_failed(self, error: UserFacingError) -> None:
        self.total_label.setText(strings.LOAD_FAILED.format(message=error.message))
        self._failing = True
        if is_server_outage(error):
            self.reachable.emit(False)
        if not self._retry.isActive():
            self._retry.start(self._retry_ms)
            self._retry_ms = min(self._retry_ms * 2, LONGEST_RETRY_MS)

    def server_lost(self) -> None:
        """The server is known to be away (a save or the live board found it): the next refresh tries
        on the worker thread first."""
        self._failing = True

    def _read_worked(self) -> None:
        self._retry_ms = FIRST_RETRY_MS
        if self._failing:
            self._failing = False
            self.reachable.emit(True)

    def _remember_view(self) -> None:
        """The dossier at the top of the list, to keep it there when rows come or go above it."""
        top = self.view.rowAt(0)
        self._anchor = self.model.row_at(top).code if 0 <= top < self.model.rowCount() else None
        self._column_scroll = self.view.horizontalScrollBar().value()

    def _restore_view(self) -> None:
        anchor, self._anchor = self._anchor, None
        row = None if anchor is None else self.model.row_of_code(anchor)
        if row is not None:
            self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        self.view.horizontalScrollBar().setValue(self._column_scroll)

    def _show_side(self, side: _Side) -> None:
        self.filled = True
        self.counts = side.counts
        self.filters.set_counts(self.counts, side.next_working_day)
        parts = [
            template.format(n=group_thousands(self.counts[urgency]))
            for urgency, template in strings.TITLE_COUNT_PARTS.items()
            if self.counts[urgency]
        ]
        title = strings.TITLE_COUNTS.format(title=strings.TAB_TITLE, counts=", ".join(parts))
        self.title = title if parts else strings.TAB_TITLE
        self.summary = (strings.SUMMARY_MINE if side.mine else strings.SUMMARY).format(
            overdue=group_thousands(self.counts[Urgency.OVERDUE]),
            today=group_thousands(self.counts[Urgency.DUE_TODAY]),
            next_day=group_thousands(self.counts[Urgency.DUE_NEXT_DAY]),
            waiting=group_thousands(self.counts[Urgency.WAITING]),
        )
        self.title_changed.emit(self.title)
        self.summary_changed.emit(self.summary)
        self.filters.set_choices(self.filters.field, side.fields)
        self.filters.set_choices(self.filters.holder, side.holders)

    def _filter_changed(self) -> None:
        self._anchor = None  # another list: start at its top
        self.model.set_filter(self.filters.filter())
        self._refresh_side()

    def _loaded(self) -> None:
        if self._failing:
            self._read_worked()
            self._refresh_side()  # the counts and choices the failed reads left out of date
        self._show_total()
        if not self.view.currentIndex().isValid():  # new rows, not just new texts: select again
            row = None if self._selected_code is None else self.model.row_of_code(self._selected_code)
            if row is None and self.model.rowCount():
                row = 0
            if row is not None:
                index = self.model.index(row, 0)
                flags = QItemSelectionModel.SelectionFlag
                self.view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
                self.view.scrollTo(index)
        if self._anchor is not None:
            self._restore_view()
        if self._open_single_result:
            self._open_single_result = False
            if self.model.total == 1:
                self.open_current()

    def _show_total(self) -> None:
        total = self.model.total
        shown = strings.SHOWN.format(total=group_thousands(total))
        self.total_label.setText(shown if total else strings.NOTHING_FOUND)

    def _show_failure(self, message: str) -> None:
        self.total_label.setText(message)
        self._anchor = None
        if isinstance(self.model.failure, UserFacingError):  # a bug goes to the crash dialog, not retried
            self._read_failed(self.model.failure)

    # ------------------------------------------------------------------ keyboard and opening
    def focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def _focus_table(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _search_entered(self) -> None:
        """Enter in the search box: one dossier found (a scanned code) opens; otherwise go to the list."""
        self.filters.flush_search()
        if self.model.loading:
            self._open_single_result = True
        elif self.model.total == 1:
            self.open_current()
        else:
            self._focus_table()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._selected_code = self.model.row_at(current.row()).code

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.row_at(index.row()).code)

    def open_current(self) -> str | None:
        """Ask to open the selected dossier (the first when none is selected); its code, or None."""
        index = self.view.currentIndex()
        row = index.row() if index.isValid() else 0
        if row >= self.model.rowCount():
            return None
        code = self.model.row_at(row).code
        self.open_requested.emit(code)
        return code
