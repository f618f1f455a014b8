"""Hệ thống → Nhật ký: the audit log, filtered by user, action, days and dossier code, paged from SQL;
its export to Excel (itself recorded in the log) and the integrity check of the whole log.

The table reads through `AuditModel` on its own worker (pages, counts); the export and the integrity
check share the dialog's runner, so a check of a large log never holds up scrolling. A double-click (or
Enter) on an entry about a dossier opens that dossier through `open_dossier`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services import audit_view
from cchc_desktop.services.accounts import list_accounts
from cchc_desktop.services.audit_verify import AuditVerification, verify_audit
from cchc_desktop.services.audit_view import ACTION_CHOICES, AuditFilter
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.date_fields import DateField, first_refused, messages_of
from cchc_desktop.ui.dialogs.buttons import action_button
from cchc_desktop.ui.dialogs.import_dialog import documents_folder, error_text
from cchc_desktop.ui.dialogs.register_dialog import FileChooser, save_file_name, with_suffix
from cchc_desktop.ui.dialogs.task_dialog import TaskDialog
from cchc_desktop.ui.list_tables import make_row_picker
from cchc_desktop.ui.models.audit_model import AuditModel
from cchc_desktop.ui.tasks import TaskRunner

TITLE = "Nhật ký hoạt động"
USER_LABEL = "&Người dùng:"
ACTION_LABEL = "&Việc:"
CODE_LABEL = "&Mã hồ sơ:"
CODE_PLACEHOLDER = "gõ hoặc quét mã, Enter để lọc"
BY_DAYS = "&Theo ngày, từ:"
BY_DAYS_TIP = "Chỉ xem các mục ghi trong khoảng ngày này (tính cả hai ngày)"
TO_LABEL = "đến:"
EVERYONE = "Tất cả người dùng"
EVERY_ACTION = "Tất cả các việc"
CLEAR = "&Bỏ lọc"
CLEAR_TIP = "Xem lại toàn bộ nhật ký"
RELOAD = "Đọc lại (F5)"
RELOAD_TIP = "Đọc lại nhật ký, kể cả các mục vừa ghi (ở máy này hoặc quầy khác)"
EXPORT = "&Xuất Excel…"
EXPORT_TIP = "Lưu các mục đang lọc ra bảng tính Excel (việc xuất cũng được ghi vào nhật ký)"
VERIFY = "&Kiểm tra toàn vẹn"
VERIFY_TIP = (
    "Kiểm tra nhật ký không bị sửa, xóa, chèn ngoài phần mềm và mỗi hồ sơ khớp với lần ghi cuối trong nhật ký"
)
COUNTING = "Đang đếm…"
LOADING = "Đang đọc nhật ký…"
COUNT = "{count} mục"
COUNT_FILTERED = "{count} mục khớp bộ lọc"
EMPTY = "Không có mục nào khớp bộ lọc."
CHOOSE_TITLE = "Lưu nhật ký ra tệp Excel"
XLSX_FILTER = "Bảng tính Excel (*.xlsx)"
FILE_NAME = "cchc-nhat-ky_{today:%Y-%m-%d}.xlsx"
EXPORTING = "Đang xuất nhật ký…"
EXPORTED = "Đã xuất {count} mục nhật ký ra {path}."
EXPORT_FAILED = "Chưa xuất được: {message}"
VERIFYING = "Đang kiểm tra nhật ký…"
VERIFY_FAILED = "Chưa kiểm tra được: {message}"
VERIFIED_IN = " (kiểm tra trong {seconds} giây)"
SEE_BELOW = ": xem danh sách bên dưới."
ADVICE = (
    "Hãy đối chiếu với bản sao lưu gần nhất trước thời điểm đó và báo cho người quản trị; "
    "không sửa dữ liệu bằng công cụ khác."
)
MORE_PROBLEMS = "… và có thể còn nữa: chỉ liệt kê {count} chỗ đầu tiên."
CODE_DELAY_MS = 400
DETAIL_HEAD = "Mục số {seq}: {action} – {object}"
DETAIL_BEFORE = "Trước: {text}"
DETAIL_AFTER = "Sau: {text}"


class _Progress(QObject):
    """Carries the check's progress from its worker thread to the bar (a queued signal)."""

    advanced = Signal(int, int)


class AuditDialog(TaskDialog):
    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        open_dossier: Callable[[str], object] | None = None,
        choose_file: FileChooser = save_file_name,
        today: Callable[[], date] = date.today,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(TITLE, "auditMessage", parent)
        self.ws = workspace
        self.open_dossier = open_dossier
        self.choose_file = choose_file
        self.today = today
        self.last_path: Path | None = None
        self.verification: AuditVerification | None = None
        # The table's own worker: pages keep coming while an export or a check runs on `self.runner`.
        self.model = AuditModel(workspace, runner if runner is not None else TaskRunner(self), parent=self)
        self.model.loaded.connect(self._loaded)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(lambda text: self.show_message(text, error=True))
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._advanced)
        self._build()
        self._fill_users()
        self.model.reload()
        self.resize(1100, 640)
        self.table.setFocus()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.user = QComboBox()
        self.user.setObjectName("auditUser")
        self.user.addItem(EVERYONE, "")
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.addItem(EVERY_ACTION, "")
        for value, label in ACTION_CHOICES:
            self.action.addItem(label, value)
        self.code = QLineEdit()
        self.code.setObjectName("auditCode")
        self.code.setPlaceholderText(CODE_PLACEHOLDER)
        self.code.setClearButtonEnabled(True)
        self.by_days = QCheckBox(BY_DAYS)
        self.by_days.setToolTip(BY_DAYS_TIP)
        day = self.today()
        self.date_from = DateField(day.replace(day=1))
        self.date_to = DateField(day)
        for field in (self.date_from, self.date_to):
            field.setEnabled(False)
            field.value_changed.connect(self._days_changed)
        self.clear_button = action_button(CLEAR, CLEAR_TIP, "clear_filter", self.clear_filters)
        self.reload_button = action_button(RELOAD, RELOAD_TIP, "refresh", self.reload)
        self.reload_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self._code_timer = QTimer(self)
        self._code_timer.setSingleShot(True)
        self._code_timer.setInterval(CODE_DELAY_MS)
        self._code_timer.timeout.connect(self.apply_filters)
        self.user.currentIndexChanged.connect(self.apply_filters)
        self.action.currentIndexChanged.connect(self.apply_filters)
        self.code.textEdited.connect(lambda _text: self._code_timer.start())
        self.code.returnPressed.connect(self.apply_filters)
        self.by_days.toggled.connect(self._by_days_toggled)

        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        make_row_picker(self.table)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((70, 140, 190, 110, 150, 230)):
            header.resizeSection(column, width)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count_label = QLabel(LOADING)
        self.count_label.setObjectName("auditCount")
        # The chosen entry's change in full (the table's last column shows its beginning).
        self.detail = QLabel()
        self.detail.setObjectName("auditDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.problems = QPlainTextEdit()
        self.problems.setObjectName("auditProblems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(130)
        self.problems.hide()
        self.export_button = action_button(EXPORT, EXPORT_TIP, "excel", self.export)
        self.verify_button = action_button(VERIFY, VERIFY_TIP, "search", self.verify)
        self.progress.setMaximumWidth(200)

        filters = QGridLayout()
        self._labelled(filters, 0, 0, USER_LABEL, self.user)
        self._labelled(filters, 0, 2, ACTION_LABEL, self.action)
        self._labelled(filters, 0, 4, CODE_LABEL, self.code)
        days = QHBoxLayout()
        days.addWidget(self.by_days)
        days.addWidget(self.date_from)
        to_label = QLabel(TO_LABEL)
        to_label.setBuddy(self.date_to)
        days.addWidget(to_label)
        days.addWidget(self.date_to)
        days.addWidget(messages_of(self.date_from, self.date_to), 1)
        days.addWidget(self.clear_button)
        days.addWidget(self.reload_button)
        filters.addLayout(days, 1, 0, 1, 6)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        filters.setColumnStretch(5, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.count_label)
        layout.addWidget(self.problems)
        layout.addLayout(self.button_row(self.export_button, self.verify_button, self.progress, self.message))

    @staticmethod
    def _labelled(grid: QGridLayout, row: int, column: int, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        grid.addWidget(label, row, column)
        grid.addWidget(widget, row, column + 1)

    def _fill_users(self) -> None:
        """The usernames found in the log, with the account's full name where there is one."""
        try:
            names = {record.username: record.full_name for record in list_accounts(self.ws)}
            usernames = audit_view.usernames(self.ws)
        except UserFacingError as error:
            self.show_message(error.message, error=True)
            return
        blocked = self.user.blockSignals(True)
        for username in usernames:
            full_name = names.get(username, "")
            self.user.addItem(f"{username} – {full_name}" if full_name else username, username)
        self.user.blockSignals(blocked)

    # ------------------------------------------------------------------ filters
    def current_filter(self) -> AuditFilter | None:
        """The filter the fields describe; None (the message under the wrong day) when a day is wrong."""
        days = self.by_days.isChecked()
        if days and first_refused(self.date_from, self.date_to):
            return None
        return AuditFilter(
            username=str(self.user.currentData() or ""),
            action=str(self.action.currentData() or ""),
            dossier_code=self.code.text().strip(),
            date_from=self.date_from.value() if days else None,
            date_to=self.date_to.value() if days else None,
        )

    def apply_filters(self) -> bool:
        self._code_timer.stop()
        entry_filter = self.current_filter()
        if entry_filter is None:
            return False
        try:
            entry_filter.check()
        except UserFacingError as error:
            self.show_message(error.message, error=True)
            return False
        if entry_filter != self.model.filter:
            self.show_message("")
            self.count_label.setText(LOADING)
        self.model.set_filter(entry_filter)
        return True

    def clear_filters(self) -> None:
        for widget in (self.user, self.action, self.by_days, self.code):
            widget.blockSignals(True)
        self.user.setCurrentIndex(0)
        self.action.setCurrentIndex(0)
        self.code.clear()
        self.by_days.setChecked(False)
        self._by_days_toggled(False, apply=False)
        for widget in (self.user, self.action, self.by_days, self.code):
            widget.blockSignals(False)
        self.apply_filters()

    def reload(self) -> None:
        """Read the log again with the same filters (new entries, new usernames)."""
        chosen = self.user.currentData()
        self.user.blockSignals(True)
        while self.user.count() > 1:
            self.user.removeItem(1)
        self._fill_users()
        self.user.setCurrentIndex(max(self.user.findData(chosen), 0))
        self.user.blockSignals(False)
        self.count_label.setText(LOADING)
        self.model.reload()

    def _by_days_toggled(self, checked: bool, apply: bool = True) -> None:
        self.date_from.setEnabled(checked)
        self.date_to.setEnabled(checked)
        if apply:
            self.apply_filters()

    def _days_changed(self, _value: object) -> None:
        if self.by_days.isChecked():
            self.apply_filters()

    # ------------------------------------------------------------------ the table
    def _loaded(self) -> None:
        if self.model.total is None:
            self.count_label.setText(COUNTING)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _counted(self, total: int) -> None:
        if not total:
            self.count_label.setText(EMPTY)
            return
        shown = COUNT_FILTERED if self.model.filter != AuditFilter() else COUNT
        self.count_label.setText(shown.format(count=group_thousands(total)))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        row = self.model.row_at(current.row())
        before, after = row.before_text, row.after_text
        parts = [DETAIL_HEAD.format(seq=row.seq, action=row.action_label, object=row.object_text)]
        if before:
            parts.append(DETAIL_BEFORE.format(text=before))
        if after:
            parts.append(DETAIL_AFTER.format(text=after))
        self.detail.setText("\n".join(parts))

    def _activated(self, index: QModelIndex) -> None:
        code = self.model.row_at(index.row()).dossier_code if index.isValid() else None
        if code and self.open_dossier is not None:
            self.open_dossier(code)

    # ------------------------------------------------------------------ export
    def export(self) -> bool:
        if self.busy:
            return False
        entry_filter = self.current_filter()
        if entry_filter is None:
            return False
        suggested = documents_folder() / FILE_NAME.format(today=self.today())
        chosen = self.choose_file(self, CHOOSE_TITLE, str(suggested), XLSX_FILTER)
        if not chosen:
            return False
        target, ws = with_suffix(chosen, ".xlsx"), self.ws
        self._set_busy(True)
        self.show_message(EXPORTING)
        self.runner.submit(
            f"audit export {target.name}",
            lambda: (target, audit_view.export_xlsx(ws, entry_filter, target)),
            self._exported,
            self._export_failed,
        )
        return True

    def _exported(self, result: object) -> None:
        assert isinstance(result, tuple)
        target, written = result
        self._set_busy(False)
        self.last_path = target
        self.show_message(EXPORTED.format(count=group_thousands(written), path=target))
        self.model.reload()  # the export is now an entry of the log

    def _export_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.show_message(EXPORT_FAILED.format(message=error_text(error)), error=True)

    # ------------------------------------------------------------------ integrity
    def verify(self) -> bool:
        if self.busy:
            return False
        db, progress = self.ws.db, self._progress
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.problems.hide()
        self.show_message(VERIFYING)
        self.runner.submit(
            "audit verify",
            lambda: verify_audit(db, lambda done, total: progress.advanced.emit(done, total)),
            self._verified,
            self._verify_failed,
        )
        return True

    def _advanced(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _verified(self, result: object) -> None:
        assert isinstance(result, AuditVerification)
        self._set_busy(False)
        self.verification = result
        took = VERIFIED_IN.format(seconds=f"{result.seconds:.1f}".replace(".", ","))
        summary = result.summary()
        if result.ok:
            self.show_message(summary.rstrip(".") + took + ".")
            return
        self.show_message(summary.rstrip(":") + took + SEE_BELOW, error=True)
        lines = [problem.text for problem in result.problems]
        if len(result.problems) >= 100:
            lines.append(MORE_PROBLEMS.format(count=len(result.problems)))
        self.problems.setPlainText("\n".join([*lines, "", ADVICE]))
        self.problems.show()

    def _verify_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.show_message(VERIFY_FAILED.format(message=error_text(error)), error=True)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0)
        self.progress.setVisible(busy)
        self.export_button.setEnabled(not busy)
        self.verify_button.setEnabled(not busy)

    def reject(self) -> None:
        # Never leave a half-written export behind a closed window; a check is only read, but its
        # answer must not arrive at a deleted dialog.
        self.runner.wait_until_idle(60_000)
        if self.model.runner is not None:
            self.model.runner.wait_until_idle(10_000)
        super().reject()
