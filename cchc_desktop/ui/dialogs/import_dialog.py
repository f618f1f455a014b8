"""Import dossiers from the exchange file (CSV or XLSX) of the online system.

The file is checked first, in the background (`import_file(..., dry_run=True)`), with a progress bar and a
cancel button; the clerk sees the summary and every problem and warning (line, column, reason) before
anything is written. "Nhập" stays disabled while the file has problems; for a clean file it writes the
whole file in one transaction, again in the background, and `imported` tells the window to refresh.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.exchange_format import ALIASES, RowProblem
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.exchange import ImportCancelledError, ImportReport, import_file
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.buttons import action_button
from cchc_desktop.ui.dialogs.task_dialog import TaskDialog

TITLE = "Nhập dữ liệu"
INTRO = (
    "Nhập hồ sơ từ tệp trao đổi (.csv hoặc .xlsx) của hệ thống một cửa điện tử. Tệp được kiểm tra "
    "toàn bộ trước; chưa có gì được ghi cho đến khi bấm “Nhập”."
)
CHOOSE = "&Chọn tệp…"
CHOOSE_TIP = "Chọn tệp .csv hoặc .xlsx để kiểm tra"
CHOOSE_TITLE = "Chọn tệp dữ liệu để nhập"
FILE_FILTER = "Tệp dữ liệu (*.csv *.xlsx);;Tệp CSV (*.csv);;Bảng tính Excel (*.xlsx)"
CANCEL = "&Hủy"
CANCEL_TIP = "Dừng kiểm tra tệp; chưa có gì được ghi"
IMPORT = "&Nhập"
IMPORT_TIP = "Ghi các hồ sơ trong tệp vào cơ sở dữ liệu"
NO_FILE = "Chưa chọn tệp."
FILE_LABEL = "Tệp: {path}"
CHECKING = "Đang kiểm tra tệp…"
LINES_READ = "Đang kiểm tra tệp… đã đọc {lines} dòng"
CANCELLING = "Đang dừng…"
WRITING = "Đang ghi dữ liệu… (không đóng cửa sổ)"
SUMMARY = "{rows} dòng: {added} thêm mới, {updated} cập nhật{unchanged}, {warnings} cảnh báo"
UNCHANGED = ", {count} không thay đổi"  # only when some rows are already in the database as they are
SUMMARY_BAD = "{rows} dòng: {problems} lỗi, {warnings} cảnh báo"
READY = "Tệp hợp lệ. Bấm “Nhập” để ghi; chưa có gì được ghi."
HAS_PROBLEMS = "Tệp có {count} lỗi; sửa các dòng trên rồi chọn lại tệp. Chưa có gì được ghi."
IMPORTED = "Đã nhập: {added} hồ sơ thêm mới, {updated} cập nhật{unchanged}, {warnings} cảnh báo."
FAILED = "Lỗi: {message}"
UNEXPECTED = "lỗi không mong muốn ({detail}); đã ghi vào nhật ký, hãy báo bộ phận hỗ trợ."
WAIT_WRITING = "Đang ghi dữ liệu; chờ ghi xong rồi đóng."
HEADERS = ("Dòng", "Cột", "Vấn đề")
PROBLEM_COLOUR = "#b00020"
WARNING_COLOUR = "#c25e00"
WARNING_PREFIX = "Cảnh báo: "

# (parent, caption, start folder, filter) → the chosen path, "" when cancelled
OpenFileChooser = Callable[[QWidget, str, str, str], str]


def open_file_name(parent: QWidget, caption: str, folder: str, file_filter: str) -> str:
    path, _chosen_filter = QFileDialog.getOpenFileName(parent, caption, folder, file_filter)
    return path


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def error_text(error: Exception) -> str:
    if isinstance(error, UserFacingError):
        return error.message
    return UNEXPECTED.format(detail=type(error).__name__)


def column_label(column: str) -> str:
    """ "procedure_code" → "mã thủ tục (procedure_code)"."""
    aliases = ALIASES.get(column)
    return f"{aliases[0]} ({column})" if aliases else column


class ProblemsModel(QAbstractTableModel):
    """The problems (red) and warnings (orange) of a checked file, in line order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[bool, RowProblem]] = []  # (is_warning, problem)

    def set_report(self, problems: list[RowProblem], warnings: list[RowProblem]) -> None:
        self.beginResetModel()
        rows = [(False, p) for p in problems] + [(True, w) for w in warnings]
        self._rows = sorted(rows, key=lambda item: (item[1].line, item[0]))
        self.endResetModel()

    def clear(self) -> None:
        self.set_report([], [])

    def is_warning(self, row: int) -> bool:
        return self._rows[row][0]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        warning, problem = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(problem.line)
            if column == 1:
                return column_label(problem.column)
            if column == 2:
                return (WARNING_PREFIX if warning else "") + problem.reason
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(WARNING_COLOUR if warning else PROBLEM_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None


def unchanged_text(report: ImportReport) -> str:
    return UNCHANGED.format(count=group_thousands(report.unchanged)) if report.unchanged else ""


def summary_text(report: ImportReport) -> str:
    if report.problems:
        return SUMMARY_BAD.format(
            rows=group_thousands(report.rows),
            problems=group_thousands(len(report.problems)),
            warnings=group_thousands(len(report.warnings)),
        )
    return SUMMARY.format(
        rows=group_thousands(report.rows),
        added=group_thousands(report.added),
        updated=group_thousands(report.updated),
        unchanged=unchanged_text(report),
        warnings=group_thousands(len(report.warnings)),
    )


class ImportDialog(TaskDialog):
    imported = Signal()  # after a write: the window refreshes its lists
    _lines_read = Signal(int)  # emitted from the worker thread, delivered queued on the GUI thread

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        choose_file: OpenFileChooser = open_file_name,
    ) -> None:
        super().__init__(TITLE, "importMessage", parent, selectable_message=False)
        self.workspace = workspace
        self.choose_file = choose_file
        self.path: Path | None = None
        self.report: ImportReport | None = None
        self._cancel = threading.Event()
        self._writing = False

        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.file_label = QLabel(NO_FILE)
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = action_button(CHOOSE, CHOOSE_TIP, "open", self.choose_and_check)
        self.cancel_button = action_button(CANCEL, CANCEL_TIP, None, self.cancel)
        self.cancel_button.hide()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.model = ProblemsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.import_button = action_button(IMPORT, IMPORT_TIP, "add", self.start_import)
        self.import_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addLayout(busy)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.button_row(self.message, self.import_button))
        self.resize(820, 520)
        self._lines_read.connect(self._show_lines_read)
        self.choose_button.setFocus()

    def _set_busy(self, busy: bool, cancellable: bool = False) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy and cancellable)
        self.cancel_button.setEnabled(cancellable)
        self.choose_button.setEnabled(not busy)
        self.close_button.setEnabled(not (busy and not cancellable))
        if busy:
            self.import_button.setEnabled(False)

    # ------------------------------------------------------------------ check
    def choose_and_check(self) -> bool:
        folder = str(self.path.parent if self.path else documents_folder())
        chosen = self.choose_file(self, CHOOSE_TITLE, folder, FILE_FILTER)
        if not chosen:
            return False
        self.check(Path(chosen))
        return True

    def check(self, path: Path) -> None:
        """Check `path` in the background; nothing is written."""
        if self.busy:
            return
        self.path, self.report = path, None
        self.file_label.setText(FILE_LABEL.format(path=path))
        self.summary.clear()
        self.model.clear()
        self.show_message(CHECKING)
        self._cancel = threading.Event()
        self._set_busy(True, cancellable=True)
        ws, cancel, emit = self.workspace, self._cancel, self._lines_read.emit

        def work() -> ImportReport:
            return import_file(
                ws, path, dry_run=True, progress=lambda line, _total: emit(line), cancelled=cancel.is_set
            )

        self.runner.submit(f"check import {path.name}", work, self._checked, self._check_failed)

    def cancel(self) -> None:
        if self.busy and not self._writing:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.show_message(CANCELLING)

    def _show_lines_read(self, lines: int) -> None:
        if self.busy and not self._cancel.is_set() and not self._writing:
            self.show_message(LINES_READ.format(lines=group_thousands(lines)))

    def _checked(self, result: object) -> None:
        assert isinstance(result, ImportReport)
        self._set_busy(False)
        self._present(result)
        if result.ok:
            self.import_button.setEnabled(True)
            self.import_button.setFocus()
            self.show_message(READY)

    def _present(self, report: ImportReport) -> None:
        self.report = report
        self.summary.setText(summary_text(report))
        self.model.set_report(report.problems, report.warnings)
        self.table.resizeRowsToContents()
        if report.problems:
            self.import_button.setEnabled(False)
            self.show_message(HAS_PROBLEMS.format(count=group_thousands(len(report.problems))), error=True)

    def _check_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.report = None
        self.import_button.setEnabled(False)
        if isinstance(error, ImportCancelledError):
            self.summary.clear()
            self.show_message(error.message, error=True)
        else:
            self.show_message(FAILED.format(message=error_text(error)), error=True)

    # ------------------------------------------------------------------ import
    def start_import(self) -> bool:
        """Write the checked file (checked again in the same call: the file may have changed)."""
        if self.busy or self.path is None or self.report is None or not self.report.ok:
            return False
        path, ws = self.path, self.workspace
        self._writing = True
        self._set_busy(True)
        self.show_message(WRITING)
        self.runner.submit(
            f"import {path.name}", lambda: import_file(ws, path), self._imported, self._import_failed
        )
        return True

    def _imported(self, result: object) -> None:
        assert isinstance(result, ImportReport)
        self._writing = False
        self._set_busy(False)
        if not result.written:  # the file changed since the check and now has problems
            self._present(result)
            return
        self._present(result)
        self.import_button.setEnabled(False)  # importing the same file again changes nothing
        self.show_message(
            IMPORTED.format(
                added=group_thousands(result.added),
                updated=group_thousands(result.updated),
                unchanged=unchanged_text(result),
                warnings=group_thousands(len(result.warnings)),
            )
        )
        self.imported.emit()

    def _import_failed(self, error: Exception) -> None:
        self._writing = False
        self._set_busy(False)
        self.import_button.setEnabled(self.report is not None and self.report.ok)
        self.show_message(FAILED.format(message=error_text(error)), error=True)

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        if self._writing:
            self.show_message(WAIT_WRITING, error=True)
            return
        self._cancel.set()  # a running check stops at its next progress report
        self.runner.wait_until_idle(10_000)
        super().reject()
