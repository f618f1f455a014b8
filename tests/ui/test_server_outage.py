"""The centre server stops in the middle of the day and starts again: the window says so in the status
bar, nothing typed is lost, saving is offered again, and the app reconnects by itself.

The test runs its own throwaway server: stopping the session's shared one would break the other tests.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.domain.lifecycle import Action
from cchc_desktop.services import tracking as tracking_service
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.printing import PrintedForm
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.ui import strings
from cchc_desktop.ui.dossier.action_forms import HandOverForm
from cchc_desktop.ui.dossier.detail_dialog import open_dossier
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.printing import pdf_files_in
from tests.agency import set_up_agency
from tests.services.intake_helpers import request
from tests.ui.keyboard import type_text
from tests.ui.test_intake_support import choose_procedure, fill_valid_applicant, prepare, wait_idle

NAME = "Nguyễn Thị Ánh Dương"
TUESDAY = datetime(2026, 3, 3, 9, 0)
OUTAGE_WORDS = "Không kết nối được máy chủ dữ liệu"


@pytest.fixture
def own_server() -> Iterator[object]:
    from tests.pg_server import start_server

    server = start_server()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def server_workspace(own_server) -> Iterator[Workspace]:  # type: ignore[no-untyped-def]
    address = own_server.new_database()
    ws = open_workspace(resolve_paths(address.url(with_password=True)), counter="Quầy 1")
    set_up_agency(ws)
    yield ws
    ws.close()


def test_the_server_stops_and_starts_again_mid_session(
    qtbot, own_server, server_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(server_workspace)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    notice = window.connection_notice
    assert notice.text == ""
    tab = prepare(window, tmp_path)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    tab.form.applicant.name.clear()
    tab.form.applicant.name.setFocus()
    type_text(tab.form.applicant.name, NAME)

    own_server.stop()
    tab.form.applicant.id_number.setFocus()  # leaving the ID number looks up a returning citizen
    tab.form.applicant.phone.setFocus()
    assert tab.form.applicant.id_number.text() == "030190012345"
    tab.form.applicant.name.setFocus()
    qtbot.keyClick(tab.form.applicant.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.last_saved is None
    assert tab.form.applicant.name.text() == NAME and tab.form.picker.procedure is not None  # nothing lost
    assert tab.strip.isVisible() and "Chưa lưu được hồ sơ" in tab.strip.text()
    assert "Lưu (Ctrl+S)</b> lần nữa" in tab.strip.text()
    assert window.statusBar().currentMessage().startswith(OUTAGE_WORDS)
    assert notice.text == strings.STATUS_SERVER_LOST
    assert notice.text.startswith("Mất kết nối máy chủ dữ liệu, đang thử kết nối lại")
    assert tab.save_action.isEnabled()

    tracking = window.tracking_tab
    window.tabs.setCurrentWidget(tracking)  # reads fail: said on the tab, tried again by itself
    # Known to be away: reading runs on the worker thread, as a cut cable (5 s connect timeout) must
    # not freeze the window; the counts are read once the server answers.
    on_gui_thread: list[str] = []
    counts = tracking_service.urgency_counts

    def watched_counts(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is threading.main_thread():
            on_gui_thread.append("counts")
        return counts(*args, **kwargs)

    monkeypatch.setattr(tracking_service, "urgency_counts", watched_counts)
    for _ in range(2):  # the timer's refresh, then its retry
        tracking.refresh()
        qtbot.waitUntil(lambda: not tracking.model.loading)
        assert tracking.total_label.text().startswith("Không đọc được danh sách hồ sơ: " + OUTAGE_WORDS)
        assert tracking._retry.isActive()
    assert on_gui_thread == []
    # The long reasons wrap or wait in a tooltip: the window still fits a counter's 1366-pixel screen.
    assert window.minimumSizeHint().width() <= 1366
    assert "kiểm tra mạng LAN" in notice.label.toolTip()
    window.tabs.setCurrentWidget(tab)
    qtbot.wait(1_500)  # the live board keeps trying meanwhile
    assert notice.text == strings.STATUS_SERVER_LOST

    own_server.start()
    qtbot.waitUntil(lambda: notice.text == strings.STATUS_SERVER_BACK, timeout=20_000)
    tab.form.applicant.name.setFocus()
    qtbot.keyClick(tab.form.applicant.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.last_saved is not None
    saved = tab.last_saved.record
    assert saved.applicant_name == NAME and saved.code.startswith("000.00.00.H00-")
    assert tab.form.applicant.name.text() == ""  # saved: the form is ready for the next citizen
    wait_idle(qtbot, tab)
    window.tabs.setCurrentWidget(tracking)
    qtbot.waitUntil(lambda: tracking.model.row_of_code(saved.code) is not None, timeout=5_000)
    assert tracking.total_label.text() == "1 hồ sơ"
    assert QApplication.activeModalWidget() is None  # no crash dialog, no question box


def test_the_dossier_window_and_printing_say_the_server_is_away_and_work_again_after(
    qtbot, own_server, server_workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    received = datetime(2026, 3, 2, 10, 5)
    code = save_intake(server_workspace, request(received_at=received), now=received).record.code
    window = MainWindow(server_workspace)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    dialog = open_dossier(window, server_workspace, code, pdf_files_in(tmp_path), lambda: TUESDAY)
    assert dialog is not None

    own_server.stop()
    window.open_dossier(code)  # a scan while the server is away: said in the status bar
    assert window.statusBar().currentMessage().startswith(OUTAGE_WORDS)
    form = dialog.start_action(Action.HAND_OVER)  # the clerk's name is read for the form
    assert isinstance(form, HandOverForm)
    form.taker.setText("Phạm Thị Thu")
    form.unit.setEditText("Công chức Tư pháp - Hộ tịch")
    form.submit()
    assert form.isVisible() and form.error.text().startswith(OUTAGE_WORDS)  # typed, kept, offered again
    assert dialog.reprint(PrintedForm.RECEIPT)
    qtbot.waitUntil(lambda: not dialog.printer.busy)
    assert dialog.last_status.startswith("Lỗi khi in: " + OUTAGE_WORDS)

    own_server.start()
    qtbot.waitUntil(lambda: window.connection_notice.text == strings.STATUS_SERVER_BACK, timeout=20_000)
    form.submit()
    qtbot.waitUntil(lambda: dialog.form is None)
    assert dossier_by_code(server_workspace, code).status is DossierStatus.IN_PROCESSING
    assert "Đang giải quyết" in dialog.heading.text()
    dialog.runner.wait_until_idle()
    dialog.close()
