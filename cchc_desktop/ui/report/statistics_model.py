"""Biểu II.06a as a table model: one row per field, then "Tổng số" in bold; numbers in Vietnamese
format. Column 0 is TT (1), column 1 the field (2), then (3) … (13) and the dossiers closed apart."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QTableView

from cchc_desktop.domain.statistics import FieldStats, Statistics
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.ui.report import strings

NUMBER_COLUMN, FIELD_COLUMN = 0, 1
FIRST_VALUE_COLUMN = 2
VALUE_NAMES = tuple(name for name, _header, _tip in strings.COLUMNS)
# A light tint per group of columns: received, resolved, in progress, closed apart.
GROUP_TINTS = (
    (range(0, 4), QColor("#f3f7fc")),
    (range(4, 8), QColor("#f2f9f2")),
    (range(8, 11), QColor("#fdf8ec")),
    (range(11, 14), QColor("#f6f6f6")),
)
Index = QModelIndex | QPersistentModelIndex


def _tint(value_column: int) -> QColor | None:
    for columns, colour in GROUP_TINTS:
        if value_column in columns:
            return colour
    return None


class StatisticsModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[tuple[str | None, FieldStats]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------------ content
    def set_statistics(self, stats: Statistics | None) -> None:
        self.beginResetModel()
        self._rows = [] if stats is None else [*stats.by_field.items(), (None, stats.totals)]
        self.endResetModel()

    def field_at(self, row: int) -> str | None:
        """The field of a row; None for the total row."""
        return self._rows[row][0]

    def column_name(self, column: int) -> str | None:
        """The `FieldStats` name of a numeric column, None for TT and the field."""
        value = column - FIRST_VALUE_COLUMN
        return VALUE_NAMES[value] if 0 <= value < len(VALUE_NAMES) else None

    def column_of(self, name: str) -> int:
        return FIRST_VALUE_COLUMN + VALUE_NAMES.index(name)

    def count(self, row: int, column: int) -> int | None:
        name = self.column_name(column)
        if name is None or not 0 <= row < len(self._rows):
            return None
        return int(getattr(self._rows[row][1], name))

    @property
    def total_row(self) -> int:
        return len(self._rows) - 1

    # ------------------------------------------------------------------ Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_VALUE_COLUMN + len(VALUE_NAMES)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        field = self._rows[row][0]
        count = self.count(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NUMBER_COLUMN:
                return "" if field is None else str(row + 1)
            if column == FIELD_COLUMN:
                return strings.TOTAL_ROW if field is None else field
            return group_thousands(count or 0)
        if role == Qt.ItemDataRole.UserRole:
            return count
        if role == Qt.ItemDataRole.FontRole and field is None:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == FIELD_COLUMN:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and count is not None:
            tint = _tint(column - FIRST_VALUE_COLUMN)
            return QBrush(tint) if tint is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and count is not None:
            _name, _header, tip = strings.COLUMNS[column - FIRST_VALUE_COLUMN]
            return strings.CELL_TIP.format(
                column=tip, field=field or strings.TOTAL_ROW, count=group_thousands(count)
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        value = section - FIRST_VALUE_COLUMN
        if role == Qt.ItemDataRole.DisplayRole:
            if section == NUMBER_COLUMN:
                return strings.NUMBER_HEADER
            if section == FIELD_COLUMN:
                return strings.FIELD_HEADER
            return strings.COLUMNS[value][1]
        if role == Qt.ItemDataRole.ToolTipRole and value >= 0:
            return strings.COLUMNS[value][2]
        return None


class StatisticsView(QTableView):
    """The table; a double-click or Enter on a number asks for the dossiers behind it (`cell_chosen`).
    Not `activated`: whether a double-click activates depends on the platform's style."""

    cell_chosen = Signal(QModelIndex)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.cell_chosen.emit(index)
        else:
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.cell_chosen.emit(self.currentIndex())
        else:
            super().keyPressEvent(event)
