"""Lịch sử phiên bản: every version of one procedure, the day each applies from."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.domain.vn_format import short_date
from cchc_desktop.ui.catalogue import strings
from cchc_desktop.ui.catalogue.entries_model import fee_text
from cchc_desktop.ui.dialogs.task_dialog import CLOSE


def version_texts(version: Procedure) -> tuple[str, ...]:
    return (
        short_date(version.effective_from),
        strings.VERSION_ACTIVE if version.active else strings.VERSION_RETIRED,
        version.name,
        version.time_text if version.active else "",
        fee_text(version) if version.active else "",
        version.decision,
    )


class VersionsDialog(QDialog):
    def __init__(self, code: str, versions: list[Procedure], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.VERSIONS_TITLE.format(code=code))
        self.table = QTableWidget(len(versions), len(strings.VERSIONS_HEADERS))
        self.table.setObjectName("versionsTable")
        self.table.setHorizontalHeaderLabels(list(strings.VERSIONS_HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for row, version in enumerate(sorted(versions, key=lambda v: v.effective_from)):
            for column, text in enumerate(version_texts(version)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox()
        buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(860, 300)

    def row_texts(self) -> list[tuple[str, ...]]:
        return [
            tuple(
                item.text() if (item := self.table.item(row, column)) else ""
                for column in range(self.table.columnCount())
            )
            for row in range(self.table.rowCount())
        ]
