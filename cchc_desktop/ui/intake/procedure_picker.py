"""Choosing the procedure by typing part of its name, code or field, without diacritics.

The match list floats under the line edit but never takes the focus: every key stays in the line edit
(Down/Up move in the list, Enter takes the highlighted procedure, Escape closes the list), so the clerk
keeps typing and a scanner or a test sends keys to one widget only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.domain.text import fold
from cchc_desktop.ui.intake import strings

Index = QModelIndex | QPersistentModelIndex
PROCEDURE_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
VISIBLE_ROWS = 7
MODIFIER_KEYS = (Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Meta)
MIN_LIST_WIDTH = 560


def rank_procedures(procedures: Iterable[Procedure], text: str) -> list[Procedure]:
    """Procedures whose code, name or field contain every word of `text` (case and diacritics ignored),
    best first: the exact code, a code prefix, the phrase early in the name, then catalogue order."""
    query = fold(text)
    items = list(procedures)
    if not query:
        return items
    words = query.split()
    scored: list[tuple[tuple[int, int], int, Procedure]] = []
    for order, procedure in enumerate(items):
        code, name, field = fold(procedure.code), fold(procedure.name), fold(procedure.field)
        if not all(word in f"{code} {name} {field}" for word in words):
            continue
        position = name.find(query)
        if code == query:
            score = (0, 0)
        elif code.startswith(query):
            score = (1, 0)
        elif position >= 0:
            score = (2, position)
        elif query in field:
            score = (3, 0)
        else:
            score = (4, 0)
        scored.append((score, order, procedure))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [procedure for _score, _order, procedure in scored]


class ProcedureMatchModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Procedure] = []

    def set_matches(self, procedures: list[Procedure]) -> None:
        self.beginResetModel()
        self._rows = procedures
        self.endResetModel()

    def procedure_at(self, row: int) -> Procedure:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        procedure = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return procedure.name
        if role == DETAIL_ROLE:
            return strings.PROCEDURE_MATCH_DETAIL.format(code=procedure.code, field=procedure.field)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{procedure.name}\n{procedure.code} · {procedure.field}"
        if role == PROCEDURE_ROLE:
            return procedure
        return None


class _MatchDelegate(QStyledItemDelegate):
    """Two lines per procedure: the name (bold) and "code · field"."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, height * 2 + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect: QRect = option.rect.adjusted(8, 4, -8, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(role))
        line = rect.height() // 2
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.setFont(option.font)
        if not selected:
            painter.setPen(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))
        bottom = QRect(rect.left(), rect.top() + line, rect.width(), rect.height() - line)
        painter.drawText(
            bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, index.data(DETAIL_ROLE)
        )
        painter.restore()


class ProcedurePicker(QLineEdit):
    """A line edit that searches the catalogue as the clerk types; `procedure` is the chosen one."""

    procedure_changed = Signal(object)  # Procedure | None
    search_changed = Signal(str, int)  # the text typed, how many procedures match it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.procedure: Procedure | None = None
        self._procedures: list[Procedure] = []
        self.model = ProcedureMatchModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(_MatchDelegate(self.list))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setFrameShape(QFrame.Shape.Box)
        self.list.setObjectName("procedureMatches")
        self.list.hide()
        self.list.clicked.connect(lambda index: self._choose_row(index.row()))
        self.setPlaceholderText(strings.PROCEDURE_PLACEHOLDER)
        self.setToolTip(strings.PROCEDURE_TIP)
        self.setClearButtonEnabled(True)
        self._searched = ""
        self.textEdited.connect(self._search)
        self.textChanged.connect(self._text_changed)

    # ------------------------------------------------------------------ catalogue and choice
    def set_procedures(self, procedures: list[Procedure]) -> None:
        self._procedures = procedures

    def choose(self, procedure: Procedure | None) -> None:
        self.hide_matches()
        self.procedure = procedure
        self.setText(
            strings.PROCEDURE_CHOSEN.format(name=procedure.name, code=procedure.code) if procedure else ""
        )
        self.setCursorPosition(0)
        self.setToolTip(
            f"{procedure.name}\n{procedure.code} · {procedure.field}" if procedure else strings.PROCEDURE_TIP
        )
        self.procedure_changed.emit(procedure)

    def _choose_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.choose(self.model.procedure_at(row))

    # ------------------------------------------------------------------ the match list
    @property
    def matches_visible(self) -> bool:
        return self.list.isVisible()

    def _text_changed(self, text: str) -> None:
        """Text put back without typing (a scan undone, a reset): what was said about the search follows it."""
        if self.procedure is None and text != self._searched:
            self._searched = text
            self.search_changed.emit(
                text, len(rank_procedures(self._procedures, text)) if text.strip() else 0
            )

    def _search(self, text: str) -> None:
        self._searched = text
        if self.procedure is not None:
            self.procedure = None
            self.procedure_changed.emit(None)
        matches = rank_procedures(self._procedures, text) if text.strip() else []
        self.model.set_matches(matches)
        self.search_changed.emit(text, len(matches))
        if matches:
            self._show_matches()
        else:
            self.hide_matches()

    def _show_matches(self) -> None:
        window = self.window()
        if self.list.parent() is not window:
            self.list.setParent(window)
        origin = self.mapTo(window, QPoint(0, self.height()))
        width = min(max(self.width(), MIN_LIST_WIDTH), window.width() - origin.x() - 4)
        rows = min(self.model.rowCount(), VISIBLE_ROWS)
        row_height = self.list.sizeHintForRow(0) if rows else 0
        self.list.setGeometry(origin.x(), origin.y(), width, row_height * rows + 2 * self.list.frameWidth())
        self.list.setCurrentIndex(QModelIndex())  # the first Down highlights the best match
        self.list.show()
        self.list.raise_()

    def hide_matches(self) -> None:
        self.list.hide()

    def _move(self, step: int) -> None:
        if not self.matches_visible:
            text = self.text() if self.procedure is None else ""
            self.model.set_matches(rank_procedures(self._procedures, text))
            if self.model.rowCount():
                self._show_matches()
            return
        row = self.list.currentIndex().row() + step
        row = max(0, min(row, self.model.rowCount() - 1))
        self.list.setCurrentIndex(self.model.index(row, 0))

    # ------------------------------------------------------------------ keys and focus
    def wants_enter(self) -> bool:
        """True when Enter chooses a procedure here rather than moving to the next field."""
        return self.matches_visible or (self.procedure is None and bool(self.text().strip()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        page = VISIBLE_ROWS - 1
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page, Qt.Key.Key_PageUp: -page}
        if key in steps:
            self._move(steps[Qt.Key(key)])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.wants_enter():
            if self.matches_visible:
                self._choose_row(max(self.list.currentIndex().row(), 0))
            else:
                matches = rank_procedures(self._procedures, self.text())
                if matches:
                    self.choose(matches[0])
            return
        if key == Qt.Key.Key_Escape and self.matches_visible:
            self.hide_matches()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.hide_matches()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        # Leaving while the list is open takes the highlighted procedure, as in a combo box: by Tab, or
        # by an Alt+letter shortcut (seen here as the shortcut override, before it moves the focus).
        if isinstance(event, QKeyEvent) and self.matches_visible:
            leaving_by_tab = event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab
            leaving_by_alt = (
                event.type() == QEvent.Type.ShortcutOverride
                and event.modifiers() & Qt.KeyboardModifier.AltModifier
                and event.key() not in MODIFIER_KEYS
            )
            if leaving_by_tab or leaving_by_alt:
                self._choose_row(max(self.list.currentIndex().row(), 0))
        return super().event(event)
