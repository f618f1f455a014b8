"""The catalogue list: every procedure code as it stands on the viewed day, filtered in memory.

The entries are read once per day viewed (`catalogue.catalogue_entries`); typing in the search box or
changing a filter only narrows the rows already read, matching as the service does (words of the code or
name, without diacritics).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from cchc_desktop.domain.procedures import Procedure, ProcedureState
from cchc_desktop.domain.text import fold
from cchc_desktop.domain.vn_format import money, short_date
from cchc_desktop.services.catalogue import CatalogueEntry
from cchc_desktop.ui.catalogue import strings
from cchc_desktop.ui.icons import icon

CODE, NAME, FIELD, TIME, FEE, STATE, FROM, NEXT = range(len(strings.HEADERS))
RETIRED_COLOUR = QColor("#8a8a8a")
NEEDS_TIME_COLOUR = QColor("#c25e00")


def fee_text(procedure: Procedure) -> str:
    if procedure.fee_text:
        return procedure.fee_text
    return money(procedure.fee_amount) if procedure.fee_amount else ""


def search_text(entry: CatalogueEntry) -> str:
    """What the search words are looked for in, folded once per reading of the list."""
    return fold(f"{entry.procedure.code} {entry.procedure.name}")


def matches(
    entry: CatalogueEntry, haystack: str, words: list[str], field: str, state: ProcedureState | None
) -> bool:
    if field and entry.procedure.field != field:
        return False
    if state is not None and entry.state is not state:
        return False
    return all(word in haystack for word in words)


class EntriesModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.all: list[CatalogueEntry] = []
        self._haystacks: list[str] = []
        self.rows: list[CatalogueEntry] = []
        self._search: list[str] = []
        self._field = ""
        self._state: ProcedureState | None = None

    def set_entries(self, entries: list[CatalogueEntry]) -> None:
        self.all = entries
        self._haystacks = [search_text(entry) for entry in entries]
        self._refilter()

    def set_filter(self, search: str, field: str, state: ProcedureState | None) -> None:
        words = fold(search).split()
        if (words, field, state) != (self._search, self._field, self._state):
            self._search, self._field, self._state = words, field, state
            self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        self.rows = [
            entry
            for entry, haystack in zip(self.all, self._haystacks, strict=True)
            if matches(entry, haystack, self._search, self._field, self._state)
        ]
        self.endResetModel()

    def row_of(self, code: str) -> int:
        return next((row for row, entry in enumerate(self.rows) if entry.procedure.code == code), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(strings.HEADERS)

    def text(self, row: int, column: int) -> str:
        entry = self.rows[row]
        procedure = entry.procedure
        if column == CODE:
            return procedure.code
        if column == NAME:
            return procedure.name
        if column == FIELD:
            return procedure.field
        if column == TIME:
            return procedure.time_text
        if column == FEE:
            return fee_text(procedure)
        if column == STATE:
            return entry.state.label
        if column == FROM:
            return short_date(procedure.effective_from)
        return short_date(entry.next_from) if entry.next_from else ""

    def _tooltip(self, row: int, column: int) -> str | None:
        entry = self.rows[row]
        day = short_date(entry.procedure.effective_from)
        if column == NEXT and entry.next_from:
            return strings.NEXT_FROM_TIP.format(day=short_date(entry.next_from))
        if entry.state is ProcedureState.RETIRED:
            return strings.RETIRED_TIP.format(day=day)
        if entry.state is ProcedureState.NEEDS_TIME:
            return strings.NEEDS_TIME_TIP
        if entry.state is ProcedureState.UPCOMING:
            return strings.UPCOMING_TIP.format(day=day)
        return self.text(row, column) if column in (NAME, FEE) else None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        entry, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if entry.state is ProcedureState.RETIRED:
                return RETIRED_COLOUR
            if entry.state is ProcedureState.NEEDS_TIME and column in (TIME, STATE):
                return NEEDS_TIME_COLOUR
        if role == Qt.ItemDataRole.FontRole and entry.state is ProcedureState.UPCOMING:
            font = QFont()
            font.setItalic(True)
            return font
        needs_time = entry.state is ProcedureState.NEEDS_TIME
        if role == Qt.ItemDataRole.DecorationRole and column == STATE and needs_time:
            return icon("warning")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(strings.HEADERS)
        ):
            return strings.HEADERS[section]
        return None
