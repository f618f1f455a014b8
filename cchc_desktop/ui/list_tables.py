"""The read-only lists of the dialogs (accounts, catalogue, audit log): one row is picked, never edited."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView


def make_row_picker(table: QTableView) -> None:
    """Whole rows, one at a time, no in-place editing; Tab leaves the table (the keyboard moves with the
    arrows), rows alternate colours and the row numbers are hidden."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
