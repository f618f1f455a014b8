"""The tracking tab as the clerk uses it: search as you type, sort by a header, filter, open a dossier.

The dossiers are those of tests/services/test_tracking.py; "now" is Wed 4/3/2026 10:00.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QIcon

from cchc_desktop.domain.urgency import Urgency
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.tracking import TrackingSort
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.models import tracking_model
from cchc_desktop.ui.models.tracking_model import TrackingModel
from cchc_desktop.ui.tracking.tab import TrackingTab
from tests.services.intake_helpers import request
from tests.services.test_tracking import NOW, add_dossier, add_dossiers
from tests.ui.keyboard import type_text

Role = Qt.ItemDataRole


@pytest.fixture
def codes(workspace: Workspace) -> dict[str, str]:
    return add_dossiers(workspace)


@pytest.fixture
def tab(qtbot, workspace: Workspace, codes: dict[str, str]) -> Iterator[TrackingTab]:  # type: ignore[no-untyped-def]
    widget = TrackingTab(workspace, clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.runner.wait_until_idle()
    qtbot.waitUntil(lambda: not widget.runner.busy)


def _names(tab: TrackingTab) -> list[str]:
    return [tab.model.row_at(row).applicant_name for row in range(tab.model.rowCount())]


def _wait_for_names(qtbot, tab: TrackingTab, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not tab.model.loading and _names(tab) == expected)


OPEN_BY_DUE = [
    "Phạm Đức Em",
    "Vũ Văn Ích",
    "Nguyễn Văn A",
    "Hoàng Văn Giang",
    "Trần Thị Bích",
    "Lê Văn Cường",
    "NGUYỄN THỊ DUNG",
]


def test_the_model_passes_the_model_tester_while_paging(
    qtmodeltester, workspace: Workspace, codes: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    model = TrackingModel(workspace, clock=lambda: NOW, page_size=3)
    model.reload()
    assert (model.rowCount(), model.total) == (3, 7)
    qtmodeltester.check(model)  # it also calls fetchMore
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert [model.row_at(r).applicant_name for r in range(model.rowCount())] == OPEN_BY_DUE
    qtmodeltester.check(model)


def test_what_the_table_shows(qapp, workspace: Workspace, codes: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    model = TrackingModel(workspace, clock=lambda: NOW)
    model.reload()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Mã hồ sơ",
        "Người nộp",
        "Thủ tục",
        "Lĩnh vực",
        "Ngày nhận",
        "Hạn trả",
        "Thời gian còn lại",
        "Trạng thái",
        "Đang xử lý",
    ]
    rows = {model.row_at(r).applicant_name: r for r in range(model.rowCount())}

    def cell(name: str, column: int, role: Role = Role.DisplayRole) -> object:
        return model.index(rows[name], column).data(role)

    bich = [cell("Trần Thị Bích", c) for c in range(model.columnCount())]
    assert bich == [
        codes["Trần Thị Bích"],
        "Trần Thị Bích",
        "Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở",
        "Chứng thực",
        "02/03/2026 14:00",
        "04/03/2026 14:00",
        "hạn hôm nay 14:00",
        "Đang giải quyết",
        "Phạm Thị Thu",
    ]
    assert cell("Vũ Văn Ích", tracking_model.TIME_LEFT) == "quá hạn 2 ngày"
    assert cell("NGUYỄN THỊ DUNG", tracking_model.TIME_LEFT) == "còn 10 ngày làm việc"
    assert cell("Phạm Đức Em", tracking_model.TIME_LEFT) == "dừng tính hạn"
    assert cell("Hoàng Văn Giang", tracking_model.TIME_LEFT) == "đã có kết quả, chờ trả"
    for name, urgency in [
        ("Vũ Văn Ích", Urgency.OVERDUE),
        ("Trần Thị Bích", Urgency.DUE_TODAY),
        ("Lê Văn Cường", Urgency.DUE_NEXT_DAY),
    ]:
        assert cell(name, tracking_model.CODE, Role.BackgroundRole) == tracking_model.BACKGROUNDS[urgency]
        decoration = cell(name, tracking_model.TIME_LEFT, Role.DecorationRole)
        assert isinstance(decoration, QIcon) and not decoration.isNull()
    assert cell("NGUYỄN THỊ DUNG", tracking_model.CODE, Role.BackgroundRole) is None
    assert cell("NGUYỄN THỊ DUNG", tracking_model.TIME_LEFT, Role.DecorationRole) is None
    assert isinstance(tracking_model.BACKGROUNDS[Urgency.OVERDUE], QColor)
    tip = str(cell("Nguyễn Văn A", tracking_model.PROCEDURE, Role.ToolTipRole))
    assert tip.startswith("Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan")
    assert "Hạn trả kết quả: 17:00 ngày 02/03/2026" in str(
        cell("Nguyễn Văn A", tracking_model.TIME_LEFT, Role.ToolTipRole)
    )


def test_typing_a_name_with_or_without_diacritics_filters_after_a_pause(qtbot, tab: TrackingTab) -> None:  # type: ignore[no-untyped-def]
    assert _names(tab) == OPEN_BY_DUE
    tab.search_action.trigger()  # Ctrl+F
    assert tab.filters.search.hasFocus()
    type_text(tab.filters.search, "nguyen")
    assert _names(tab) == OPEN_BY_DUE  # nothing yet: the search waits for the typing to pause
    _wait_for_names(qtbot, tab, ["Nguyễn Văn A", "NGUYỄN THỊ DUNG"])
    assert tab.total_label.text() == "2 hồ sơ"
    tab.filters.search.clear()
    _wait_for_names(qtbot, tab, OPEN_BY_DUE)
    type_text(tab.filters.search, "Nguyễn Văn")
    _wait_for_names(qtbot, tab, ["Nguyễn Văn A"])
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Escape)
    _wait_for_names(qtbot, tab, OPEN_BY_DUE)
    type_text(tab.filters.search, "không ai")
    qtbot.waitUntil(lambda: tab.total_label.text() == "Không có hồ sơ nào khớp với bộ lọc.")


def test_clicking_a_header_sorts_in_sql(qtbot, tab: TrackingTab) -> None:  # type: ignore[no-untyped-def]
    header = tab.view.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click(tracking_model.APPLICANT)
    qtbot.waitUntil(
        lambda: tab.model.sort_order == TrackingSort("applicant", False) and not tab.model.loading
    )
    # By the name without case or diacritics: "nguyen thi dung" before "nguyen van a".
    by_name = ["Hoàng Văn Giang", "Lê Văn Cường", "NGUYỄN THỊ DUNG", "Nguyễn Văn A", "Phạm Đức Em"]
    assert _names(tab)[:5] == by_name
    click(tracking_model.APPLICANT)
    qtbot.waitUntil(lambda: tab.model.sort_order == TrackingSort("applicant", True) and not tab.model.loading)
    assert _names(tab)[-5:] == list(reversed(by_name))
    click(tracking_model.RECEIVED)
    qtbot.waitUntil(lambda: tab.model.sort_order.column == "received" and not tab.model.loading)
    received = [tab.model.row_at(r).received_at for r in range(tab.model.rowCount())]
    assert received in (sorted(received), sorted(received, reverse=True))


def test_choosing_a_field_or_a_state_filters(qtbot, tab: TrackingTab) -> None:  # type: ignore[no-untyped-def]
    assert [tab.filters.field.itemText(i) for i in range(tab.filters.field.count())] == [
        "Tất cả lĩnh vực",
        "Chứng thực",
        "Hộ tịch",
        "Xử lý đơn",
    ]
    tab.filters.field.setCurrentText("Chứng thực")
    _wait_for_names(qtbot, tab, ["Nguyễn Văn A", "Trần Thị Bích", "Lê Văn Cường"])
    tab.filters.status.setCurrentText("Tất cả")
    tab.filters.field.setCurrentText("Hộ tịch")
    _wait_for_names(qtbot, tab, ["Phạm Đức Em", "Vũ Văn Ích", "Đặng Thị Hà", "Hoàng Văn Giang"])
    tab.filters.status.setCurrentText("Đã trả kết quả")
    _wait_for_names(qtbot, tab, ["Đặng Thị Hà"])
    tab.filters.holder.setCurrentText("Phạm Thị Thu")
    _wait_for_names(qtbot, tab, [])
    tab.clear_action.trigger()
    _wait_for_names(qtbot, tab, OPEN_BY_DUE)
    tab.filters.due_any.setChecked(False)
    tab.filters.due_from.setValue(date(2026, 3, 4))
    tab.filters.due_to.setValue(date(2026, 3, 5))
    _wait_for_names(qtbot, tab, ["Trần Thị Bích", "Lê Văn Cường"])


def test_urgency_chips_show_their_counts_and_filter(qtbot, tab: TrackingTab) -> None:  # type: ignore[no-untyped-def]
    texts = [button.text() for button in tab.filters.chip_buttons.values()]
    assert texts == ["Quá hạn (2)", "Hôm nay (1)", "Ngày mai (1)", "Chờ bổ sung (1)"]
    assert "Thứ Năm 05/03/2026" in tab.filters.chips[Urgency.DUE_NEXT_DAY].toolTip()
    tab.filters.chips[Urgency.OVERDUE].trigger()  # Ctrl+1
    _wait_for_names(qtbot, tab, ["Vũ Văn Ích", "Nguyễn Văn A"])
    tab.filters.chips[Urgency.DUE_TODAY].trigger()
    assert not tab.filters.chips[Urgency.OVERDUE].isChecked()
    _wait_for_names(qtbot, tab, ["Trần Thị Bích"])
    tab.filters.chips[Urgency.DUE_TODAY].trigger()  # again: every open dossier
    _wait_for_names(qtbot, tab, OPEN_BY_DUE)
    tab.filters.status.setCurrentText("Đã trả kết quả")
    _wait_for_names(qtbot, tab, ["Đặng Thị Hà"])
    tab.filters.chips[Urgency.WAITING].trigger()  # a returned dossier never waits: back to the open list
    _wait_for_names(qtbot, tab, ["Phạm Đức Em"])
    assert tab.filters.status.currentText() == "Đang mở (chưa trả)"


def test_enter_or_double_click_on_a_row_asks_to_open_the_dossier(
    qtbot, tab: TrackingTab, codes: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    view = tab.view
    assert view.hasFocus() and view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    with qtbot.waitSignal(tab.open_requested) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [codes["Vũ Văn Ích"]]
    rect = view.visualRect(tab.model.index(4, tracking_model.APPLICANT))
    with qtbot.waitSignal(tab.open_requested) as opened:
        # A real double-click: press and release, then the double-click (QTest's alone has no press).
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [codes["Trần Thị Bích"]]
    # A scanned code in the search box and Enter: the only dossier found opens.
    tab.focus_search()
    type_text(tab.filters.search, codes["Lê Văn Cường"])
    with qtbot.waitSignal(tab.open_requested) as opened:
        qtbot.keyClick(tab.filters.search, Qt.Key.Key_Return)
    assert opened.args == [codes["Lê Văn Cường"]]


def test_the_title_and_status_bar_count_what_is_late(qtbot, tab: TrackingTab, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    assert tab.title == "Theo dõi hạn giải quyết (2 quá hạn, 1 hạn hôm nay)"
    assert tab.summary.startswith("Hồ sơ đang giải quyết: 2 quá hạn · 1 đến hạn hôm nay")
    tab.filters.chips[Urgency.OVERDUE].trigger()
    _wait_for_names(qtbot, tab, ["Vũ Văn Ích", "Nguyễn Văn A"])
    add_dossier(workspace, "Bùi Văn Mới", "2.000815", datetime(2026, 3, 3, 9, 0))  # same day: late
    with qtbot.waitSignal(tab.title_changed) as changed:
        tab.refresh()
    assert changed.args == ["Theo dõi hạn giải quyết (3 quá hạn, 1 hạn hôm nay)"]
    _wait_for_names(qtbot, tab, ["Vũ Văn Ích", "Nguyễn Văn A", "Bùi Văn Mới"])  # filter kept
    assert tab.filters.chip_buttons[Urgency.OVERDUE].text() == "Quá hạn (3)"


def test_the_main_window_shows_the_tab_and_refreshes_it_after_a_save(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now().replace(second=0, microsecond=0)
    received = datetime.combine(now.date() - timedelta(days=30), datetime.min.time()).replace(hour=9)

    def late() -> None:
        save_intake(workspace, request(received_at=received, back_entry_reason="Nhập bù sổ"), now=now)

    late()
    window = MainWindow(workspace)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.tracking_tab.filled)  # read on its worker once the window is painted
    index = window.tabs.indexOf(window.tracking_tab)
    assert window.tabs.tabText(index) == "Theo dõi hạn giải quyết (1 quá hạn)"
    assert window.tracking_label.text().startswith("Hồ sơ đang giải quyết: 1 quá hạn")
    late()
    window.intake_tab.saved.emit(None)
    assert window.tabs.tabText(index) == "Theo dõi hạn giải quyết (2 quá hạn)"
    assert window.tracking_timer.isActive() and window.tracking_timer.interval() == 60_000
    tab = window.tracking_tab
    assert tab.model.rowCount() == 1
    window.tabs.setCurrentIndex(index)  # hidden while the save happened: reads its list when shown
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert tab.view.hasFocus()
    window.activateWindow()
    qtbot.keyClick(tab.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.filters.search.hasFocus()
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert tab.filters.chips[Urgency.OVERDUE].isChecked()
    qtbot.waitUntil(lambda: not tab.model.loading and tab.model.rowCount() == 2)
    late()
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_F5)  # the tab's F5, not the intake tab's reprint
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3)
    window.tabs.setCurrentIndex(0)
    assert not tab.refresh_action.isEnabled() and not tab.filters.chips[Urgency.OVERDUE].isEnabled()
    tab.runner.wait_until_idle()


def test_scrolling_to_the_end_fetches_the_next_page(qtbot, tab: TrackingTab, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    for index in range(250):
        add_dossier(
            workspace,
            f"Đỗ Thị Trang {index:03d}",
            "2.001801",
            datetime(2026, 3, 4, 8, 0) + timedelta(minutes=index),
        )
    tab.refresh()
    qtbot.waitUntil(lambda: not tab.model.loading and tab.model.total == 257)
    assert tab.model.rowCount() == 200
    assert tab.total_label.text() == "257 hồ sơ"
    bar = tab.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: tab.model.rowCount() == 257)
    ids = [tab.model.row_at(r).id for r in range(257)]
    assert len(set(ids)) == 257
    assert not tab.model.canFetchMore(QModelIndex())


def test_a_tab_filled_later_reads_its_list_and_counts_on_its_worker(
    qtbot, workspace: Workspace, codes: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    """The main window's tab: nothing read while the window is built, everything once it is painted."""
    tab = TrackingTab(workspace, clock=lambda: NOW, fill_now=False)
    qtbot.addWidget(tab)
    assert (tab.model.rowCount(), tab.counts, tab.filled) == (0, {}, False)
    assert tab.total_label.text() == tab.summary == "Đang đọc danh sách hồ sơ…"
    with qtbot.waitSignal(tab.first_filled):
        tab.fill()
        assert tab.model.rowCount() == 0  # not here: on the worker
    assert _names(tab) == OPEN_BY_DUE
    assert tab.title == "Theo dõi hạn giải quyết (2 quá hạn, 1 hạn hôm nay)"
    assert tab.total_label.text() == "7 hồ sơ"
    assert tab.filters.field.count() > 1  # the fields that have dossiers, to filter by
    tab.runner.wait_until_idle()
