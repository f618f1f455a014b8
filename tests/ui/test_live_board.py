"""The live board: a dossier saved at another counter (another process) shows on this window's tracking
tab within 2 s, without moving the clerk's selection or scroll position; the same with the change mark
when the server refuses LISTEN, and on the SQLite file written by a second program."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from PySide6.QtWidgets import QAbstractItemView

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.storage import change_listener
from cchc_desktop.ui.live_board import MERGE_MS, LiveBoard
from cchc_desktop.ui.main_window import MainWindow
from tests.agency import set_up_agency
from tests.services.intake_helpers import request

ROOT = Path(__file__).resolve().parents[2]
SEEDED = 60
FIRST_RECEIVED = datetime.now().replace(second=0, microsecond=0) - timedelta(days=20)
SECOND_COUNTER = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.intake import save_intake
    from cchc_desktop.services.workspace import open_workspace
    from tests.services.intake_helpers import request

    ws = open_workspace(resolve_paths(sys.argv[1]), counter="Quầy 2")
    received = datetime.fromisoformat(sys.argv[2])
    saved = save_intake(
        ws,
        request(applicant_name="Vũ Thị Lan", received_at=received, back_entry_reason="Nhập bù sổ"),
        now=datetime.now().replace(second=0, microsecond=0),
    )
    print(saved.record.code, time.monotonic(), flush=True)
    ws.close()
    """
)


def save_back_entry(ws: Workspace, name: str, received: datetime) -> str:
    now = datetime.now().replace(second=0, microsecond=0)
    saved = save_intake(
        ws, request(applicant_name=name, received_at=received, back_entry_reason="Nhập bù sổ"), now=now
    )
    return saved.record.code


@pytest.fixture
def server_url(postgres_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    address = postgres_server.new_database()
    yield address.url(with_password=True)
    postgres_server.drop_database(address.database)


def counter_workspace(url: str, counter: str) -> Workspace:
    ws = open_workspace(resolve_paths(url), counter=counter)
    set_up_agency(ws)
    return ws


def seed(ws: Workspace) -> None:
    """Enough open dossiers to scroll, each due at its own time (the list is sorted by due date)."""
    for index in range(SEEDED):
        save_back_entry(ws, f"Đỗ Thị Trang {index:02d}", FIRST_RECEIVED + timedelta(hours=3 * index))


def shown_window(qtbot, ws: Workspace) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ws)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.tracking_tab)
    tab = window.tracking_tab
    qtbot.waitUntil(lambda: not tab.model.loading and tab.model.rowCount() == SEEDED)
    return window


def scroll_and_select(qtbot, window: MainWindow) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The clerk scrolled down and selected a dossier further on: (code at the top, selected code)."""
    tab = window.tracking_tab
    tab.view.scrollTo(tab.model.index(20, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    tab.view.selectRow(25)
    qtbot.wait(50)
    top = tab.model.row_at(tab.view.rowAt(0)).code
    selected = tab.model.row_at(tab.view.currentIndex().row()).code
    assert top != tab.model.row_at(0).code
    return top, selected


def assert_view_kept(window: MainWindow, top: str, selected: str) -> None:
    tab = window.tracking_tab
    assert tab.model.row_at(tab.view.currentIndex().row()).code == selected
    assert [tab.model.row_at(i.row()).code for i in tab.view.selectionModel().selectedRows()] == [selected]
    assert tab.model.row_at(tab.view.rowAt(0)).code == top


def wait_for_code(qtbot, window: MainWindow, code: str, since: float) -> float:  # type: ignore[no-untyped-def]
    """Seconds from `since` (time.monotonic) until the dossier was in the tracking model."""
    model = window.tracking_tab.model
    qtbot.waitUntil(lambda: model.row_of_code(code) is not None, timeout=5_000)
    return time.monotonic() - since


def test_a_save_at_another_counter_shows_within_2_seconds_keeping_selection_and_scroll(
    qtbot, server_url: str
) -> None:  # type: ignore[no-untyped-def]
    ws = counter_workspace(server_url, "Quầy 1")
    try:
        seed(ws)
        window = shown_window(qtbot, ws)
        assert window.live_board.live.listening
        top, selected = scroll_and_select(qtbot, window)
        seen: dict[str, float] = {}

        def note_arrival() -> None:
            for row in range(window.tracking_tab.model.rowCount()):
                seen.setdefault(window.tracking_tab.model.row_at(row).code, time.monotonic())

        window.tracking_tab.model.loaded.connect(note_arrival)
        # Due before every other dossier: it lands at the top of the list, above what the clerk sees.
        received = FIRST_RECEIVED - timedelta(days=7)
        second = subprocess.Popen(
            [sys.executable, "-c", SECOND_COUNTER, server_url, received.isoformat()],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
        out, err = second.communicate()
        assert second.returncode == 0, err
        code, committed = out.split()
        wait_for_code(qtbot, window, code, float(committed))
        assert seen[code] - float(committed) < 2.0
        tab = window.tracking_tab
        assert tab.model.row_at(0).code == code and tab.model.row_at(0).applicant_name == "Vũ Thị Lan"
        assert_view_kept(window, top, selected)
        assert sum(tab.counts.values()) == SEEDED + 1  # the counts were read again too
    finally:
        ws.close()


def test_when_the_server_refuses_listen_the_change_mark_is_read_instead(
    qtbot, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def refused(_self: object) -> None:
        raise psycopg.errors.FeatureNotSupported("LISTEN is not allowed behind this pooler")

    monkeypatch.setattr(change_listener.NoticeListener, "_listen", refused)
    ws = counter_workspace(server_url, "Quầy 1")
    other = counter_workspace(server_url, "Quầy 2")
    try:
        seed(ws)
        window = shown_window(qtbot, ws)
        qtbot.waitUntil(lambda: not window.live_board.live.listening)
        top, selected = scroll_and_select(qtbot, window)
        qtbot.wait(1_200)  # the first mark is read
        code = save_back_entry(other, "Vũ Thị Lan", FIRST_RECEIVED - timedelta(days=7))
        assert wait_for_code(qtbot, window, code, time.monotonic()) < 2.0
        assert_view_kept(window, top, selected)
        assert window.connection_notice.text == ""  # polling is no outage
    finally:
        other.close()
        ws.close()


def test_a_second_program_writing_the_sqlite_file_shows_within_2_seconds(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    seed(workspace)
    window = shown_window(qtbot, workspace)
    assert not window.live_board.live.listening
    top, selected = scroll_and_select(qtbot, window)
    qtbot.wait(1_200)
    other = open_workspace(resolve_paths(str(workspace.db.path)))  # the command-line import, say
    try:
        code = save_back_entry(other, "Vũ Thị Lan", FIRST_RECEIVED - timedelta(days=7))
        assert wait_for_code(qtbot, window, code, time.monotonic()) < 2.0
    finally:
        other.close()
    assert_view_kept(window, top, selected)


def test_a_burst_of_notices_refreshes_once(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    board = LiveBoard(workspace)
    refreshes: list[int] = []
    board.changed.connect(lambda: refreshes.append(1))
    for _ in range(1_000):  # an import of 1,000 dossiers, one notice each
        board._noticed.emit()
    qtbot.wait(MERGE_MS * 3)
    assert refreshes == [1]
    board.stop()


def test_the_report_figures_are_computed_again_when_the_report_is_next_shown(
    qtbot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(workspace, live=False)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.report_page)
    report = window.report_tab
    qtbot.waitUntil(lambda: not report.busy, timeout=10_000)
    computed: list[int] = []
    monkeypatch.setattr(report, "compute", lambda: computed.append(1))
    window.tabs.setCurrentWidget(window.tracking_tab)
    window.live_board.changed.emit()  # another counter saved
    assert computed == []  # not while the report is out of sight
    window.tabs.setCurrentWidget(window.report_page)
    assert computed == [1]
    window.tabs.setCurrentWidget(window.intake_tab)
    window.tabs.setCurrentWidget(window.report_page)
    assert computed == [1]  # nothing changed since
