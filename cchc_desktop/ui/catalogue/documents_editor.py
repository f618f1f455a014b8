"""The "Thành phần hồ sơ" of a procedure: one row per document (name, kind of copy, number of copies,
required), rows added, removed and moved."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.procedures import DOCUMENT_KINDS, RequiredDocument
from cchc_desktop.ui.catalogue import strings
from cchc_desktop.ui.dialogs.buttons import action_button

NAME, KIND, COUNT, REQUIRED = range(len(strings.DOC_HEADERS))
MAX_COPIES = 100


class DocumentsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(strings.DOC_HEADERS))
        self.table.setObjectName("documentsTable")
        self.table.setHorizontalHeaderLabels(list(strings.DOC_HEADERS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (KIND, COUNT, REQUIRED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = action_button(strings.DOC_ADD, strings.DOC_ADD_TIP, "add", self.add_row)
        self.remove_button = action_button(
            strings.DOC_REMOVE, strings.DOC_REMOVE_TIP, "remove", self.remove_row
        )
        self.up_button = action_button(strings.DOC_UP, strings.DOC_UP_TIP, None, lambda: self.move_row(-1))
        self.down_button = action_button(
            strings.DOC_DOWN, strings.DOC_DOWN_TIP, None, lambda: self.move_row(1)
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    # ------------------------------------------------------------------ values
    def documents(self) -> tuple[RequiredDocument, ...]:
        """The rows as typed, a name still being typed included (a row without a name too: the service's
        check drops it)."""
        self._commit_edit()
        return tuple(self._document(row) for row in range(self.table.rowCount()))

    def _commit_edit(self) -> None:
        """Take the name in an open cell editor (Lưu pressed by a shortcut, without leaving the cell)."""
        if self.table.state() != QAbstractItemView.State.EditingState:
            return
        current = self.table.currentIndex()
        self.table.setCurrentIndex(QModelIndex())  # leaving the cell commits its editor
        self.table.setCurrentIndex(current)

    def _document(self, row: int) -> RequiredDocument:
        name = self.table.item(row, NAME)
        kind = self.table.cellWidget(row, KIND)
        count = self.table.cellWidget(row, COUNT)
        required = self.table.item(row, REQUIRED)
        assert isinstance(kind, QComboBox) and isinstance(count, QSpinBox)
        return RequiredDocument(
            name=name.text() if name else "",
            kind=kind.currentText(),
            count=count.value(),
            required=required is not None and required.checkState() == Qt.CheckState.Checked,
        )

    def set_documents(self, documents: tuple[RequiredDocument, ...], current: int = -1) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for document in documents:
            self._append(document)
        self.table.blockSignals(False)
        if 0 <= current < len(documents):
            self.table.setCurrentCell(current, NAME)

    def _append(self, document: RequiredDocument) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, NAME, QTableWidgetItem(document.name))
        kind = QComboBox()
        kinds = list(DOCUMENT_KINDS)
        if document.kind not in kinds:  # an older value: kept visible, the service's check names it
            kinds.append(document.kind)
        kind.addItems(kinds)
        kind.setCurrentText(document.kind)
        kind.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.table.setCellWidget(row, KIND, kind)
        count = QSpinBox()
        count.setRange(1, MAX_COPIES)
        count.setValue(max(1, min(document.count, MAX_COPIES)))
        count.valueChanged.connect(lambda _value: self.changed.emit())
        self.table.setCellWidget(row, COUNT, count)
        required = QTableWidgetItem()
        required.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
        )
        required.setCheckState(Qt.CheckState.Checked if document.required else Qt.CheckState.Unchecked)
        self.table.setItem(row, REQUIRED, required)
        return row

    # ------------------------------------------------------------------ actions
    def add_row(self) -> None:
        row = self._append(RequiredDocument(""))
        self.table.setCurrentCell(row, NAME)
        self.table.setFocus()
        name = self.table.item(row, NAME)
        if name is not None:
            self.table.editItem(name)  # the clerk types the name at once
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        documents = list(self.documents())
        del documents[row]
        self.set_documents(tuple(documents), min(row, len(documents) - 1))
        self.changed.emit()

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        documents = list(self.documents())
        if row < 0 or not 0 <= target < len(documents):
            return
        documents[row], documents[target] = documents[target], documents[row]
        self.set_documents(tuple(documents), target)
        self.changed.emit()
