"""Export dossiers to the exchange file (CSV or Excel): those received in a period, or all of them.

The file is written in the background and atomically (`export_file`); a full or read-only drive is
reported in red and leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.exchange import export_file
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.import_dialog import documents_folder, error_text
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.qt_dates import to_date, to_qdate
from cchc_desktop.ui.tasks import TaskRunner

TITLE = "Xuất dữ liệu"
INTRO = (
    "Xuất hồ sơ ra tệp trao đổi (cùng định dạng với tệp nhập), theo ngày nhận hồ sơ. "
    "Tệp này nhập được vào máy khác và cho ra đúng các hồ sơ đó."
)
FROM_LABEL = "&Từ ngày:"
TO_LABEL = "Đế&n ngày:"
ALL = "Tất &cả hồ sơ"
ALL_TIP = "Xuất mọi hồ sơ, không theo ngày nhận"
FORMAT_LABEL = "Định &dạng:"
FORMAT_CSV = "CSV (.csv)"
FORMAT_XLSX = "Bảng tính Excel (.xlsx)"
EXPORT = "&Xuất…"
EXPORT_TIP = "Chọn nơi lưu tệp rồi xuất"
CLOSE = "Đóng"
CHOOSE_TITLE = "Lưu tệp xuất dữ liệu"
CSV_FILTER = "Tệp CSV (*.csv)"
XLSX_FILTER = "Bảng tính Excel (*.xlsx)"
FILE_NAME_ALL = "cchc-ho-so_tat-ca_{today:%Y-%m-%d}{suffix}"
FILE_NAME_PERIOD = "cchc-ho-so_{start:%Y-%m-%d}_{end:%Y-%m-%d}{suffix}"
BUSY = "Đang xuất dữ liệu…"
EXPORTED = "Đã xuất {count} hồ sơ ra {path}."
FAILED = "Chưa xuất được: {message}"
WRONG_RANGE = "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."
OK_STYLE = "color: #1e4620;"
ERROR_STYLE = "color: #b00020; font-weight: bold;"

# (parent, caption, suggested path, filter) → the chosen path, "" when cancelled
SaveFileChooser = Callable[[QWidget, str, str, str], str]


def save_file_name(parent: QWidget, caption: str, suggested: str, file_filter: str) -> str:
    path, _chosen_filter = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
    return path


def with_suffix(path: str, suffix: str) -> Path:
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == suffix else chosen.with_name(chosen.name + suffix)


class ExportDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        choose_file: SaveFileChooser = save_file_name,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.choose_file = choose_file
        self.today = today
        self.last_message = ""
        self.last_path: Path | None = None
        self.runner = TaskRunner(self)
        self.setWindowTitle(TITLE)
        day = today()
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.date_from = self._date_edit(day.replace(day=1))
        self.date_to = self._date_edit(day)
        self.all_dossiers = QCheckBox(ALL)
        self.all_dossiers.setToolTip(ALL_TIP)
        self.all_dossiers.toggled.connect(self._all_toggled)
        self.format = QComboBox()
        self.format.addItem(FORMAT_CSV, ".csv")
        self.format.addItem(FORMAT_XLSX, ".xlsx")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.export_button = QPushButton(icon("open"), EXPORT)
        self.export_button.setToolTip(EXPORT_TIP)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.close_button = QPushButton(CLOSE)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)

        period = QHBoxLayout()
        period.addWidget(self.date_from)
        to_label = QLabel(TO_LABEL)
        to_label.setBuddy(self.date_to)
        period.addWidget(to_label)
        period.addWidget(self.date_to)
        period.addWidget(self.all_dossiers)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(FROM_LABEL, period)
        form.addRow(FORMAT_LABEL, self.format)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.resize(640, 200)
        self.date_from.setFocus()

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(to_qdate(day))
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(QDate(2000, 1, 1))
        return edit

    def _all_toggled(self, checked: bool) -> None:
        self.date_from.setEnabled(not checked)
        self.date_to.setEnabled(not checked)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def _show(self, text: str, error: bool = False) -> None:
        self.last_message = text
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.export_button.setEnabled(not busy)

    def period(self) -> tuple[date | None, date | None]:
        if self.all_dossiers.isChecked():
            return None, None
        return to_date(self.date_from.date()), to_date(self.date_to.date())

    def suggested_name(self, suffix: str) -> str:
        start, end = self.period()
        if start is None or end is None:
            return FILE_NAME_ALL.format(today=self.today(), suffix=suffix)
        return FILE_NAME_PERIOD.format(start=start, end=end, suffix=suffix)

    def export(self) -> bool:
        if self.busy:
            return False
        start, end = self.period()
        if start is not None and end is not None and end < start:
            self._show(WRONG_RANGE, error=True)
            return False
        suffix = str(self.format.currentData())
        suggested = documents_folder() / self.suggested_name(suffix)
        chosen = self.choose_file(
            self, CHOOSE_TITLE, str(suggested), CSV_FILTER if suffix == ".csv" else XLSX_FILTER
        )
        if not chosen:
            return False
        target, ws = with_suffix(chosen, suffix), self.workspace
        self._set_busy(True)
        self._show(BUSY)
        self.runner.submit(
            f"export {target.name}",
            lambda: (target, export_file(ws, target, start, end)),
            self._exported,
            self._failed,
        )
        return True

    def _exported(self, result: object) -> None:
        assert isinstance(result, tuple)
        target, count = result
        self._set_busy(False)
        self.last_path = target
        self._show(EXPORTED.format(count=group_thousands(count), path=target))

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self._show(FAILED.format(message=error_text(error)), error=True)

    def reject(self) -> None:
        self.runner.wait_until_idle(30_000)  # never leave a half-done export behind a closed window
        super().reject()
