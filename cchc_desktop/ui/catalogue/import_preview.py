"""What importing a procedure list would change, shown before anything is written: the new procedures,
the changed ones field by field (before → after), the retired ones, those whose time must be set, and the
file's problems. "Ghi vào danh mục" writes it all in one transaction; it stays disabled while the file
has a problem or changes nothing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.procedures import CONTENT_LABELS, Procedure
from cchc_desktop.domain.time_wording import read_processing_time
from cchc_desktop.domain.vn_format import group_thousands, short_date
from cchc_desktop.services.catalogue import field_text
from cchc_desktop.services.catalogue_import import ImportPlan, ImportResult, apply_import
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.catalogue import strings
from cchc_desktop.ui.dialogs.buttons import action_button
from cchc_desktop.ui.dialogs.task_dialog import TaskDialog

PROBLEM_COLOUR = "#b00020"


def error_text(error: Exception) -> str:
    if isinstance(error, UserFacingError):
        return error.message
    return strings.UNEXPECTED.format(detail=type(error).__name__)


def summary_text(plan: ImportPlan) -> str:
    problems = strings.PREVIEW_PROBLEMS.format(count=len(plan.problems)) if plan.problems else ""
    return strings.PREVIEW_SUMMARY.format(
        day=short_date(plan.effective_from),
        new=group_thousands(len(plan.new)),
        changed=group_thousands(len(plan.changed)),
        retired=group_thousands(len(plan.retired)),
        unchanged=group_thousands(plan.unchanged),
        unreadable=group_thousands(len(plan.unreadable)),
        problems=problems,
    )


def result_text(result: ImportResult) -> str:
    return strings.IMPORTED.format(
        added=group_thousands(result.added),
        changed=group_thousands(result.changed),
        retired=group_thousands(result.retired),
        unreadable=group_thousands(result.unreadable),
    )


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    for row, texts in enumerate(rows):
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row, column, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(min(1, len(headers) - 1), QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    return table


def _shown(value: str | int) -> str:
    return group_thousands(value) if isinstance(value, int) else value


class ImportPreviewDialog(TaskDialog):
    written = Signal()  # after the catalogue was written: the window reads its list again

    def __init__(self, ws: Workspace, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(strings.PREVIEW_TITLE.format(name=plan.source.name), "previewMessage", parent)
        self.ws = ws
        self.plan = plan
        self.outcome: ImportResult | None = None
        self.summary = QLabel(summary_text(plan))
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.tabs = QTabWidget()
        self.new_table = _table(
            strings.NEW_HEADERS,
            [
                (p.procedure.code, p.procedure.name, p.procedure.field, p.procedure.time_text)
                for p in plan.new
            ],
            "newTable",
        )
        self.changed_tree = self._changed_tree()
        self.retired_table = _table(
            strings.RETIRED_HEADERS, [(p.code, p.name, p.field) for p in plan.retired], "retiredTable"
        )
        self.unreadable_table = _table(
            strings.UNREADABLE_HEADERS, [_unreadable_row(p) for p in plan.unreadable], "unreadableTable"
        )
        self.problems_table = _table(
            strings.PROBLEM_HEADERS, [(p.describe(),) for p in plan.problems], "problemsTable"
        )
        self.problems_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for table, title, count in (
            (self.new_table, strings.TAB_NEW, len(plan.new)),
            (self.changed_tree, strings.TAB_CHANGED, len(plan.changed)),
            (self.retired_table, strings.TAB_RETIRED, len(plan.retired)),
            (self.unreadable_table, strings.TAB_UNREADABLE, len(plan.unreadable)),
            (self.problems_table, strings.TAB_PROBLEMS, len(plan.problems)),
        ):
            self.tabs.addTab(table, title.format(count=group_thousands(count)))
        if plan.problems:
            index = self.tabs.indexOf(self.problems_table)
            self.tabs.tabBar().setTabTextColor(index, Qt.GlobalColor.red)
            self.tabs.setCurrentIndex(index)
        self.write_button = action_button(strings.WRITE, strings.WRITE_TIP, "save", self.write)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.progress)
        layout.addLayout(self.button_row(self.message, self.write_button))
        self.resize(1000, 600)
        self._show_state()

    def _changed_tree(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName("changedTree")
        tree.setHeaderLabels(list(strings.CHANGED_HEADERS))
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        for change in self.plan.changed:
            top = QTreeWidgetItem([f"{change.after.code} · {change.after.name}"])
            top.setFirstColumnSpanned(True)
            tree.addTopLevelItem(top)
            for key in change.fields:
                before, after = _shown(field_text(change.before, key)), _shown(field_text(change.after, key))
                child = QTreeWidgetItem([CONTENT_LABELS.get(key, key), before, after])
                child.setToolTip(1, before)
                child.setToolTip(2, after)
                top.addChild(child)
            top.setFirstColumnSpanned(True)
        tree.expandAll()
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        tree.setColumnWidth(0, 240)
        return tree

    def change_rows(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """The "Thay đổi" tab as shown: each procedure with its (field, before, after) lines."""
        rows = []
        for index in range(self.changed_tree.topLevelItemCount()):
            top = self.changed_tree.topLevelItem(index)
            assert top is not None
            children = [top.child(i) for i in range(top.childCount())]
            lines = [(c.text(0), c.text(1), c.text(2)) for c in children if c is not None]
            rows.append((top.text(0), lines))
        return rows

    def _show_state(self) -> None:
        plan = self.plan
        if plan.problems:
            self.write_button.setEnabled(False)
            self.show_message(
                strings.HAS_PROBLEMS.format(count=group_thousands(len(plan.problems))), error=True
            )
        elif not plan.has_changes:
            self.write_button.setEnabled(False)
            self.show_message(strings.NOTHING_CHANGES)
        else:
            self.write_button.setEnabled(True)
            self.show_message(strings.READY)
            self.write_button.setFocus()

    def write(self) -> bool:
        if self.busy or not self.write_button.isEnabled():
            return False
        ws, plan = self.ws, self.plan
        self.write_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.progress.show()
        self.show_message(strings.WRITING)
        self.runner.submit("catalogue import", lambda: apply_import(ws, plan), self._written, self._failed)
        return True

    def _written(self, result: object) -> None:
        assert isinstance(result, ImportResult)
        self.outcome = result
        self.progress.hide()
        self.close_button.setEnabled(True)
        self.close_button.setFocus()
        self.show_message(result_text(result))
        self.written.emit()

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        self.close_button.setEnabled(True)
        self.write_button.setEnabled(not self.plan.problems)
        self.show_message(strings.FAILED.format(message=error_text(error)), error=True)

    def reject(self) -> None:
        if self.busy:
            return  # the write is one short transaction: "Đóng" comes back when it is done
        super().reject()


def _unreadable_row(procedure: Procedure) -> tuple[str, str, str, str]:
    problem = read_processing_time(procedure.duration_text).problem
    return (procedure.code, procedure.name, procedure.duration_text, problem)
