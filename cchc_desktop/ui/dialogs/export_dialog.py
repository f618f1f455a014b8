"""Export dossiers to the exchange file (CSV or Excel): those received in a period, or all of them.

The file is written in the background and atomically (`export_file`); a full or read-only drive is
reported in red and leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.exchange import export_file
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.date_fields import DateField, first_refused, messages_of
from cchc_desktop.ui.dialogs.import_dialog import documents_folder, error_text
from cchc_desktop.ui.dialogs.register_dialog import FileChooser, save_file_name, with_suffix
from cchc_desktop.ui.dialogs.task_dialog import TaskDialog
from cchc_desktop.ui.icons import icon

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
CHOOSE_TITLE = "Lưu tệp xuất dữ liệu"
CSV_FILTER = "Tệp CSV (*.csv)"
XLSX_FILTER = "Bảng tính Excel (*.xlsx)"
FILE_NAME_ALL = "cchc-ho-so_tat-ca_{today:%Y-%m-%d}{suffix}"
FILE_NAME_PERIOD = "cchc-ho-so_{start:%Y-%m-%d}_{end:%Y-%m-%d}{suffix}"
BUSY = "Đang xuất dữ liệu…"
EXPORTED = "Đã xuất {count} hồ sơ ra {path}."
FAILED = "Chưa xuất được: {message}"
WRONG_RANGE = "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."


class ExportDialog(TaskDialog):
    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        choose_file: FileChooser = save_file_name,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(TITLE, "exportMessage", parent, selectable_message=False)
        self.workspace = workspace
        self.choose_file = choose_file
        self.today = today
        self.last_path: Path | None = None
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
        self.progress.setMaximumWidth(160)
        self.export_button = QPushButton(icon("open"), EXPORT)
        self.export_button.setToolTip(EXPORT_TIP)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)

        period = QHBoxLayout()
        period.addWidget(self.date_from)
        to_label = QLabel(TO_LABEL)
        to_label.setBuddy(self.date_to)
        period.addWidget(to_label)
        period.addWidget(self.date_to)
        period.addWidget(self.all_dossiers)
        period.addStretch(1)
        from_label = QLabel(FROM_LABEL)  # a layout has no buddy: Alt+T goes to the first date
        from_label.setBuddy(self.date_from)
        form = QFormLayout()
        form.addRow(from_label, period)
        form.addRow("", messages_of(self.date_from, self.date_to))
        form.addRow(FORMAT_LABEL, self.format)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(self.button_row(self.progress, self.message, self.export_button))
        self.resize(640, 200)
        self.date_from.setFocus()

    def _date_edit(self, day: date) -> DateField:
        return DateField(day)

    def _all_toggled(self, checked: bool) -> None:
        self.date_from.setEnabled(not checked)
        self.date_to.setEnabled(not checked)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.export_button.setEnabled(not busy)

    def period(self) -> tuple[date | None, date | None]:
        if self.all_dossiers.isChecked():
            return None, None
        return self.date_from.value(), self.date_to.value()

    def suggested_name(self, suffix: str) -> str:
        start, end = self.period()
        if start is None or end is None:
            return FILE_NAME_ALL.format(today=self.today(), suffix=suffix)
        return FILE_NAME_PERIOD.format(start=start, end=end, suffix=suffix)

    def export(self) -> bool:
        if self.busy:
            return False
        start, end = self.period()
        if start is not None and first_refused(self.date_from, self.date_to):
            return False  # said under the days, the focus on the one to correct
        if start is not None and end is not None and end < start:
            self.show_message(WRONG_RANGE, error=True)
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
        self.show_message(BUSY)
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
        self.show_message(EXPORTED.format(count=group_thousands(count), path=target))

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.show_message(FAILED.format(message=error_text(error)), error=True)

    def reject(self) -> None:
        self.runner.wait_until_idle(30_000)  # never leave a half-done export behind a closed window
        super().reject()
