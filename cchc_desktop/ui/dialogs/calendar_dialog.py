"""The year's days off and make-up Saturdays, with add and remove for the agency's own overrides."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.domain.calendar import NonWorkingDay, OverrideKind
from cchc_desktop.domain.vn_format import short_date, weekday_name
from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.date_fields import DateField, first_refused, with_message
from cchc_desktop.ui.icons import icon

TITLE = "Lịch ngày nghỉ và ngày làm bù"
HEADERS = ["Ngày", "Thứ", "Loại", "Tên", "Căn cứ", "Nguồn"]
KIND_LABELS = {OverrideKind.DAY_OFF: "Ngày nghỉ", OverrideKind.MAKE_UP_WORKDAY: "Ngày làm bù"}
SOURCE_HOLIDAY = "Nghỉ lễ, Tết (luật định)"
SOURCE_OVERRIDE = "Điều chỉnh"
ERROR_STYLE = "color: #b00020;"

Index = QModelIndex | QPersistentModelIndex


class SpecialDaysModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: list[NonWorkingDay] = []
        self._override_days: set[date] = set()

    def set_days(self, days: list[NonWorkingDay], override_days: set[date]) -> None:
        self.beginResetModel()
        self._days = days
        self._override_days = override_days
        self.endResetModel()

    def day_at(self, row: int) -> NonWorkingDay:
        return self._days[row]

    def is_override(self, row: int) -> bool:
        return self._days[row].day in self._override_days

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._days)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._days[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                short_date(item.day),
                weekday_name(item.day),
                "Làm bù" if item.working else "Nghỉ",
                item.name,
                item.legal_basis,
                SOURCE_OVERRIDE if item.day in self._override_days else SOURCE_HOLIDAY,
            ][column]
        if role == Qt.ItemDataRole.DecorationRole and column == 2:
            return icon("make_up" if item.working else "day_off")
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 4):
            return item.legal_basis or item.name
        return None


class CalendarDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.changed = False
        self.setWindowTitle(TITLE)
        self.resize(900, 560)

        self.year = QSpinBox()
        self.year.setRange(2015, 2100)
        self.year.setValue(date.today().year)
        self.year.valueChanged.connect(self.reload)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Năm:"))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)

        self.model = SpecialDaysModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._update_remove_button)

        add_box = QGroupBox("Thêm ngày nghỉ hoặc ngày làm bù theo thông báo của cơ quan có thẩm quyền")
        form = QFormLayout(add_box)
        self.new_date = DateField(date.today())
        self.new_kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.new_kind.addItem(label, kind.value)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("ví dụ: Nghỉ bù dịp Quốc khánh")
        self.new_basis = QLineEdit()
        self.new_basis.setPlaceholderText("ví dụ: Thông báo số …/TB-BNV ngày …")
        self.add_button = QPushButton(icon("add"), "Thêm")
        self.add_button.clicked.connect(self.add_override)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        form.addRow("Ngày:", with_message(self.new_date))
        form.addRow("Loại:", self.new_kind)
        form.addRow("Tên:", self.new_name)
        form.addRow("Căn cứ:", self.new_basis)
        form.addRow(self.add_button, self.error)

        self.remove_button = QPushButton(icon("remove"), "Bỏ ngày đã chọn")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remove_button)
        bottom.addStretch()
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(add_box)
        layout.addLayout(bottom)
        self.reload()

    def reload(self) -> None:
        year = self.year.value()
        overrides = {o.day for o in calendar_service.list_overrides(self.workspace.db) if o.day.year == year}
        days = list(self.workspace.calendar.special_days(year))
        self.model.set_days(days, overrides)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(4, min(self.table.columnWidth(4), 260))  # the full basis is in the tooltip
        off = sum(1 for d in days if not d.working)
        self.summary.setText(f"{off} ngày nghỉ trong tuần, {len(days) - off} ngày làm bù")
        self._update_remove_button()

    def _update_remove_button(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.remove_button.setEnabled(bool(rows) and self.model.is_override(rows[0].row()))

    def _after_change(self) -> None:
        self.changed = True
        self.workspace.calendar_changed()
        self.reload()

    def add_override(self) -> None:
        if first_refused(self.new_date):
            self.error.hide()  # the message is under the day, which has the focus
            return
        day = self.new_date.value()
        kind = OverrideKind(self.new_kind.currentData())
        try:
            calendar_service.set_override(
                self.workspace, day, kind, self.new_name.text(), self.new_basis.text()
            )
        except InvalidInputError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.error.hide()
        self.new_name.clear()
        self.new_basis.clear()
        if day.year != self.year.value():
            self.year.setValue(day.year)
        self._after_change()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.model.is_override(rows[0].row()):
            return
        calendar_service.remove_override(self.workspace, self.model.day_at(rows[0].row()).day)
        self._after_change()
