"""The dossiers behind one number of the table; each can be opened (double-click or Enter)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.ui.report import strings


class CellDossiersDialog(QDialog):
    open_requested = Signal(str)  # a dossier code

    def __init__(
        self, codes: list[str], column: str, field: str, period: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.CELL_TITLE.format(column=column, field=field))
        intro = QLabel(
            strings.CELL_INTRO.format(count=group_thousands(len(codes)), period=period)
            if codes
            else strings.CELL_EMPTY
        )
        intro.setWordWrap(True)
        self.codes = QListWidget()
        self.codes.setUniformItemSizes(True)  # 1.806 codes list at once
        self.codes.addItems(codes)
        self.codes.itemActivated.connect(lambda item: self.open_requested.emit(item.text()))
        self.open_button = QPushButton(strings.CELL_OPEN)
        self.open_button.setEnabled(bool(codes))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_current)
        close = QPushButton(strings.CLOSE)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.codes, 1)
        layout.addLayout(buttons)
        if codes:
            self.codes.setCurrentRow(0)
        self.codes.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(420, 480)

    @property
    def count(self) -> int:
        return self.codes.count()

    def open_current(self) -> None:
        item = self.codes.currentItem()
        if item is not None:
            self.open_requested.emit(item.text())
