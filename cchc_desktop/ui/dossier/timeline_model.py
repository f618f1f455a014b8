"""The dossier's events as a table (time, step, who gave it to whom, result, note, actor, the account
that recorded it, counter) and its view."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cchc_desktop.domain.lifecycle import Action, event_label
from cchc_desktop.domain.roles import SYSTEM_ACTOR
from cchc_desktop.services.accounts import list_accounts
from cchc_desktop.services.records import EventRecord
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dossier import strings

Index = QModelIndex | QPersistentModelIndex
TIME, STEP, HAND_OVER, RESULT, NOTE, ACTOR, RECORDED_BY, COUNTER = range(8)


def account_names(ws: Workspace) -> dict[str, str]:
    """Username → full name of every account (disabled ones too: they recorded earlier steps)."""
    names = {record.username: record.full_name or record.username for record in list_accounts(ws)}
    return {SYSTEM_ACTOR.username: SYSTEM_ACTOR.full_name, **names}


def hand_over_text(event: EventRecord) -> str:
    if not (event.giver or event.taker):
        return ""
    text = strings.HAND_OVER_TEXT.format(
        giver=event.giver or strings.UNKNOWN_PERSON, taker=event.taker or strings.UNKNOWN_PERSON
    )
    unit = event.data.get("taker_unit", "")
    return text + (strings.UNIT_SUFFIX.format(unit=unit) if unit else "")


def _moment(value: object) -> str:
    try:
        return strings.MOMENT.format(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def note_text(event: EventRecord) -> str:
    """The note, with what the step recorded besides it (missing papers, new appointment …)."""
    parts = [event.note] if event.note else []
    data = event.data
    if event.kind == Action.REQUEST_SUPPLEMENT.value and data.get("items"):
        parts.append(strings.ITEMS_NOTE.format(items="; ".join(str(i) for i in data["items"])))
    elif event.kind == Action.EXTEND.value and data.get("appointment_at"):
        parts.append(strings.APPOINTMENT_NOTE.format(moment=_moment(data["appointment_at"])))
    elif event.kind == Action.SUPPLEMENT_RECEIVED.value and data.get("due_at"):
        parts.append(strings.NEW_DUE_NOTE.format(moment=_moment(data["due_at"])))
    elif event.kind == Action.STOP.value and data.get("requested_at"):
        day = _moment(data["requested_at"])[-10:]
        parts.append(strings.STOP_NOTE.format(day=day, items=data.get("returned_items") or strings.NOBODY))
    elif event.kind.startswith("printed") and data.get("target"):
        parts.append(strings.PRINT_TARGET_NOTE.format(target=data["target"]))
    return " · ".join(parts)


class TimelineModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[EventRecord] = []
        self._names: Mapping[str, str] = {}

    def set_events(self, events: list[EventRecord], names: Mapping[str, str] | None = None) -> None:
        """`names`: username → full name, for the column of the account that recorded each step (an
        unknown username shows as it is)."""
        self.beginResetModel()
        self._events = list(events)
        self._names = dict(names or {})
        self.endResetModel()

    def event_at(self, row: int) -> EventRecord:
        return self._events[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(strings.TIMELINE_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return strings.TIMELINE_HEADERS[section] if 0 <= section < len(strings.TIMELINE_HEADERS) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == RECORDED_BY and event.recorded_by:
            return strings.RECORDED_BY_TIP.format(
                name=self._text(event, RECORDED_BY), username=event.recorded_by
            )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(event, index.column())
        return None

    def _text(self, event: EventRecord, column: int) -> str:
        if column == TIME:
            return strings.MOMENT.format(event.at)
        if column == STEP:
            return event_label(event.kind)
        if column == HAND_OVER:
            return hand_over_text(event)
        if column == RESULT:
            return str(event.data.get("result", ""))
        if column == NOTE:
            return note_text(event)
        if column == ACTOR:
            return event.actor
        if column == RECORDED_BY:
            return self._names.get(event.recorded_by, event.recorded_by)
        if column == COUNTER:
            return event.counter
        return ""


class TimelineView(QTableView):
    """Read-only rows, the long columns sharing the width and wrapping; the latest step selected."""

    def __init__(self, model: TimelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (HAND_OVER, NOTE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.resizeRowsToContents())

    def show_latest(self) -> None:
        self.resizeRowsToContents()
        rows = self.model().rowCount()
        if rows:
            self.selectRow(rows - 1)
