"""How the report tab is laid out for a 1366x768 screen: the period and the table on top, the text
editor and the preview side by side below, the actions at the bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.ui.report import charts_strings, strings
from cchc_desktop.ui.report.statistics_model import FIELD_COLUMN

if TYPE_CHECKING:
    from cchc_desktop.ui.report.tab import ReportTab


def set_up_view(tab: ReportTab) -> None:
    view = tab.view
    view.setModel(tab.model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setMinimumSectionSize(40)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # the two-line headers
    header.setSectionResizeMode(FIELD_COLUMN, QHeaderView.ResizeMode.Stretch)
    view.cell_chosen.connect(tab.show_cell)


def view_height(tab: ReportTab) -> int:
    """Room for the header and eight rows: the usual fields without a scroll bar."""
    view = tab.view
    return view.horizontalHeader().sizeHint().height() + 8 * view.verticalHeader().defaultSectionSize() + 4


def button(action: QAction) -> QPushButton:
    button = QPushButton(action.icon(), action.text())
    button.setToolTip(action.toolTip())
    button.setAutoDefault(False)
    button.clicked.connect(action.trigger)
    action.enabledChanged.connect(button.setEnabled)
    button.setEnabled(action.isEnabled())
    return button


CHARTS_HEIGHT = 320  # the table's pane grows to this while the charts are shown


def table_and_charts(tab: ReportTab, title: QLabel, table_box: QWidget) -> QStackedWidget:
    """The table, or the charts of the same period, in the top pane; a tab bar beside the title switches.
    The charts take more height than eight rows: their pane grows while they are shown and gives the
    room back to the text and preview when the table comes back."""
    tab.pages = pages = QTabBar()
    pages.addTab(charts_strings.TABLE_PAGE)
    pages.addTab(charts_strings.CHARTS_PAGE)
    pages.setDrawBase(False)
    stack = QStackedWidget()
    stack.addWidget(table_box)
    stack.addWidget(tab.charts)
    kept: list[list[int]] = []

    def show_page(index: int) -> None:
        stack.setCurrentIndex(index)
        title.setText(charts_strings.CHARTS_TITLE if index else strings.TABLE_TITLE)
        sizes = tab.splitter.sizes()
        if index and sizes[0] < CHARTS_HEIGHT:
            kept[:] = [sizes]
            tab.splitter.setSizes([CHARTS_HEIGHT, max(0, sum(sizes) - CHARTS_HEIGHT)])
        elif not index and kept:
            tab.splitter.setSizes(kept.pop())

    pages.currentChanged.connect(show_page)
    return stack


def lay_out(tab: ReportTab) -> None:
    set_up_view(tab)
    top = QVBoxLayout()
    table_title = QLabel(strings.TABLE_TITLE)
    table_title.setObjectName("reportTableTitle")
    top.addWidget(tab.period_bar)
    top.addWidget(tab.message)
    title_row = QHBoxLayout()
    top.addLayout(title_row)
    text_box = QWidget()
    text_layout = QVBoxLayout(text_box)
    text_layout.setContentsMargins(0, 0, 0, 0)
    text_head = QHBoxLayout()
    text_head.addWidget(QLabel(f"<b>{strings.TEXT_TITLE}</b>"), 1)
    text_head.addWidget(button(tab.regenerate_action))
    text_layout.addLayout(text_head)
    text_layout.addWidget(tab.editor, 1)
    lower = QSplitter(Qt.Orientation.Horizontal)
    lower.addWidget(text_box)
    lower.addWidget(tab.preview)
    lower.setSizes([700, 660])
    table_box = QWidget()  # the table with the digitised papers of the period under it
    table_layout = QVBoxLayout(table_box)
    table_layout.setContentsMargins(0, 0, 0, 0)
    table_layout.addWidget(tab.view, 1)
    table_layout.addWidget(tab.digitisation)
    stack = table_and_charts(tab, table_title, table_box)
    title_row.addWidget(tab.pages)
    title_row.addWidget(table_title, 1)
    tab.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(stack)
    splitter.addWidget(lower)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([view_height(tab) + tab.digitisation.sizeHint().height() + 6, 600])
    bottom = QHBoxLayout()
    bottom.addWidget(tab.status, 1)
    bottom.addWidget(tab.with_figures)
    for action in (tab.save_action, tab.print_action, tab.save_pdf_action, tab.export_action):
        bottom.addWidget(button(action))
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addLayout(top)
    layout.addWidget(splitter, 1)
    layout.addLayout(bottom)
