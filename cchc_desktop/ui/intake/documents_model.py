"""The checklist of the procedure's papers: received or not, kind and count of each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QDropEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from cchc_desktop.domain.intake import ReceivedItem
from cchc_desktop.domain.procedures import DOCUMENT_KINDS, RequiredDocument
from cchc_desktop.services.scan_files import PreparedScan
from cchc_desktop.ui.file_drops import AcceptsFileDrops, take_dropped_files
from cchc_desktop.ui.intake import strings

Index = QModelIndex | QPersistentModelIndex
RECEIVED, NAME, KIND, COUNT, SCANS = range(5)
MAX_COUNT = 99
MIN_HEIGHT = 90


@dataclass(frozen=True)
class ChecklistRow:
    document: RequiredDocument
    received: bool
    kind: str
    count: int
    scans: tuple[PreparedScan, ...] = ()

    @property
    def scanned_pages(self) -> int:
        return sum(scan.pages for scan in self.scans)


class DocumentsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChecklistRow] = []

    def set_documents(self, documents: tuple[RequiredDocument, ...]) -> None:
        """The procedure's list, required papers already ticked."""
        self.beginResetModel()
        self._rows = [ChecklistRow(d, d.required, d.kind, max(d.count, 1)) for d in documents]
        self.endResetModel()

    def received_items(self) -> tuple[ReceivedItem, ...]:
        return tuple(
            ReceivedItem(r.document.name, r.kind, r.count, r.document.required)
            for r in self._rows
            if r.received
        )

    def add_scans(self, row: int, scans: Sequence[PreparedScan]) -> None:
        """Scans of the paper on `row`, saved with the dossier; a scanned paper was received."""
        if not 0 <= row < len(self._rows) or not scans:
            return
        current = self._rows[row]
        self._rows[row] = replace(current, received=True, scans=current.scans + tuple(scans))
        self.dataChanged.emit(self.index(row, RECEIVED), self.index(row, SCANS))

    def clear_scans(self, row: int) -> None:
        if 0 <= row < len(self._rows) and self._rows[row].scans:
            self._rows[row] = replace(self._rows[row], scans=())
            self.dataChanged.emit(self.index(row, SCANS), self.index(row, SCANS))

    def document_on(self, row: int) -> RequiredDocument | None:
        return self._rows[row].document if 0 <= row < len(self._rows) else None

    def scans_on(self, row: int) -> tuple[PreparedScan, ...]:
        return self._rows[row].scans if 0 <= row < len(self._rows) else ()

    def pending_scans(self) -> dict[int, tuple[PreparedScan, ...]]:
        """The scans to save, by position among `received_items()`."""
        received = [row for row in self._rows if row.received]
        return {index: row.scans for index, row in enumerate(received) if row.scans}

    def toggle(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            index = self.index(row, RECEIVED)
            checked = Qt.CheckState.Unchecked if self._rows[row].received else Qt.CheckState.Checked
            self.setData(index, checked.value, Qt.ItemDataRole.CheckStateRole)

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(strings.DOCUMENT_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return strings.DOCUMENT_HEADERS[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == RECEIVED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (KIND, COUNT):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == RECEIVED:
            return (Qt.CheckState.Checked if row.received else Qt.CheckState.Unchecked).value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            scanned = strings.scanned_text(row.scanned_pages) if row.scans else ""
            values: list[Any] = ["", row.document.name, row.kind, row.count, scanned]
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == SCANS:
            names = [name for scan in row.scans for name in scan.source_names]
            return "\n".join(names) if names else strings.NOT_SCANNED_TIP
        if role == Qt.ItemDataRole.ToolTipRole and column in (RECEIVED, NAME):
            required = (
                strings.DOCUMENT_REQUIRED_TIP if row.document.required else strings.DOCUMENT_OPTIONAL_TIP
            )
            return f"{row.document.name}\n{required}"
        if role == Qt.ItemDataRole.FontRole and column == NAME and row.document.required:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COUNT, SCANS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == RECEIVED:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            changed = replace(row, received=checked)
        elif role == Qt.ItemDataRole.EditRole and column == KIND and str(value).strip():
            changed = replace(row, kind=str(value).strip())
        elif role == Qt.ItemDataRole.EditRole and column == COUNT:
            try:
                count = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= count <= MAX_COUNT:
                return False
            changed = replace(row, count=count)
        else:
            return False
        self._rows[index.row()] = changed
        self.dataChanged.emit(index, index, [role])
        return True


class KindDelegate(QStyledItemDelegate):
    """A combo of the kinds of copy (bản chính, bản sao …)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItems(list(DOCUMENT_KINDS))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        current = str(index.data(Qt.ItemDataRole.EditRole))
        if editor.findText(current) < 0:
            editor.addItem(current)
        editor.setCurrentText(current)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class CountDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(1, MAX_COUNT)
        spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return spin

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QSpinBox)
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class DocumentsView(AcceptsFileDrops, QTableView):
    """Tab enters and leaves the list (one stop); arrows move; Space ticks the current paper. Files
    dropped on a paper are its scans (`files_dropped`: the row, the paths)."""

    files_dropped = Signal(int, list)

    def __init__(self, model: DocumentsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.checklist = model
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setItemDelegateForColumn(KIND, KindDelegate(self))
        self.setItemDelegateForColumn(COUNT, CountDelegate(self))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(RECEIVED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SCANS, QHeaderView.ResizeMode.ResizeToContents)
        self.setToolTip(strings.DOCUMENTS_TIP)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        model.modelReset.connect(self._after_reset)

    def _after_reset(self) -> None:
        if self.checklist.rowCount():
            # Current but not highlighted: the row lights up once the clerk moves in the list.
            self.selectionModel().setCurrentIndex(
                self.checklist.index(0, NAME), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def fit_height(self, most: int) -> None:
        """As tall as its rows (no inner scrolling for the usual 2-6 papers), up to `most` pixels."""
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(row) for row in range(self.checklist.rowCount()))
        height = self.horizontalHeader().height() + rows + 2 * self.frameWidth() + 2
        self.setFixedHeight(min(max(height, MIN_HEIGHT), most))

    def dropEvent(self, event: QDropEvent) -> None:
        paths = take_dropped_files(event)
        if not paths:
            return
        row = self.indexAt(event.position().toPoint()).row()
        if row < 0:
            row = self.currentIndex().row()
        if row >= 0:
            self.selectRow(row)
            self.files_dropped.emit(row, paths)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.checklist.toggle(self.currentIndex().row())
            return
        super().keyPressEvent(event)
