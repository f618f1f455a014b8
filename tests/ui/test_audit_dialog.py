"""Hệ thống → Nhật ký as a leader or an inspector uses it: filtering by user and by dossier, a long log
paged without reading it all, a dossier opened from its entry, the Excel export and the integrity check."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.roles import Actor, Role
from cchc_desktop.services import audit_log
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in
from cchc_desktop.services.audit_log import Entry
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.audit_dialog import AuditDialog
from cchc_desktop.ui.models import audit_model
from tests.services.intake_helpers import request
from tests.services.raw_sql import count_rows, run_sql
from tests.ui.keyboard import type_text

Key = Qt.Key
NOW = datetime(2026, 3, 2, 10, 10)
ADMIN = AccountForm(
    "quantri", "Nguyễn Văn Quản", "Công chức Văn phòng", frozenset({Role.ADMIN, Role.RECEPTION})
)
CLERK = Actor("lethitam", "Lê Thị Tâm", roles=frozenset({Role.RECEPTION}))


def _append(ws: Workspace, actor: Actor, action: AuditAction, entries: list[Entry]) -> None:
    with ws.db.write() as tx:
        audit_log.append(tx, actor, "Quầy 2", action, entries)


@pytest.fixture
def admin(workspace: Workspace) -> Workspace:
    add_account(workspace, ADMIN, "mat-khau-quan-tri")
    sign_in(workspace, "quantri", "mat-khau-quan-tri")
    return workspace


@pytest.fixture
def open_log(qtbot, admin: Workspace):  # type: ignore[no-untyped-def]
    def make(**options: object) -> AuditDialog:
        dialog = AuditDialog(admin, **options)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        _wait_counted(qtbot, dialog)
        return dialog

    return make


def _wait_counted(qtbot, dialog: AuditDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.model.loading and dialog.model.total is not None)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _seqs(dialog: AuditDialog) -> list[int]:
    return [dialog.model.row_at(row).seq for row in range(dialog.model.rowCount())]


def _choose(qtbot, combo, data: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an item of a closed combo with the arrow keys, as the keyboard does."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, data
    key = Key.Key_Down if target > combo.currentIndex() else Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, key)


def test_filtering_by_user_then_by_dossier_code_shows_exactly_their_entries(
    qtbot, open_log, admin: Workspace
) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(admin, request(), now=NOW).record.code
    other = save_intake(admin, request(), now=NOW).record.code
    _append(
        admin, CLERK, AuditAction.PRINT, [Entry(ObjectKind.DOSSIER, code), Entry(ObjectKind.DOSSIER, other)]
    )
    _append(admin, CLERK, AuditAction.PRINT, [Entry(ObjectKind.DOSSIER, code)])
    everything = count_rows(admin.db, "audit_entry")  # the set-up, account, sign-in, intakes, prints
    dialog = open_log()
    assert dialog.model.total == everything and dialog.model.rowCount() == everything
    assert dialog.count_label.text() == f"{everything} mục"
    assert dialog.user.findText("quantri – Nguyễn Văn Quản") >= 0  # the full name beside the username

    _choose(qtbot, dialog.user, "lethitam")
    _wait_counted(qtbot, dialog)
    assert dialog.model.total == 3 and dialog.model.rowCount() == 3
    assert {dialog.model.index(row, audit_model.USER).data() for row in range(3)} == {"Lê Thị Tâm (lethitam)"}
    assert dialog.count_label.text() == "3 mục khớp bộ lọc"

    dialog.code.setFocus()
    type_text(focused(), code)
    qtbot.keyClick(focused(), Key.Key_Return)
    _wait_counted(qtbot, dialog)
    assert dialog.model.total == 2 and dialog.model.rowCount() == 2
    assert {dialog.model.row_at(row).object_key for row in range(2)} == {code}

    qtbot.keyClick(dialog, Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Bỏ lọc
    qtbot.waitUntil(lambda: dialog.model.filter.username == "" and not dialog.code.text())
    _wait_counted(qtbot, dialog)
    assert dialog.model.total == everything


def test_an_action_filter_reads_in_vietnamese(qtbot, open_log, admin: Workspace) -> None:  # type: ignore[no-untyped-def]
    save_intake(admin, request(), now=NOW)
    dialog = open_log()
    _choose(qtbot, dialog.action, AuditAction.INTAKE.value)
    _wait_counted(qtbot, dialog)
    assert dialog.model.total == 1
    assert dialog.model.index(0, audit_model.ACTION).data() == "Tiếp nhận hồ sơ"
    assert dialog.model.index(0, audit_model.OBJECT).data().startswith("Hồ sơ ")


def test_a_long_log_shows_its_first_page_at_once_and_the_next_on_scrolling(
    qtbot, open_log, admin: Workspace
) -> None:  # type: ignore[no-untyped-def]
    _append(
        admin,
        CLERK,
        AuditAction.PRINT,
        [Entry(ObjectKind.DOSSIER, f"000.00.00.H00-260302-{i:05d}") for i in range(20_500)],
    )
    total = count_rows(admin.db, "audit_entry")
    assert total > 20_500
    started = time.perf_counter()
    dialog = open_log()
    seconds = time.perf_counter() - started
    assert dialog.model.rowCount() == audit_model.PAGE_SIZE
    assert dialog.model.total == total
    assert dialog.count_label.text() == f"{total:,} mục".replace(",", ".")
    assert seconds < 3, seconds  # the first page and the count, on a shared test machine
    assert _seqs(dialog)[:2] == [total, total - 1]  # newest first

    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # the view asks for more
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2 * audit_model.PAGE_SIZE)
    assert _seqs(dialog) == list(range(total, total - 2 * audit_model.PAGE_SIZE, -1))


def test_a_double_click_on_a_dossier_entry_opens_that_dossier(qtbot, open_log, admin: Workspace) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(admin, request(), now=NOW).record.code
    opened: list[str] = []
    dialog = open_log(open_dossier=opened.append)
    row = next(row for row in range(dialog.model.rowCount()) if dialog.model.row_at(row).dossier_code)
    rect = dialog.table.visualRect(dialog.model.index(row, audit_model.OBJECT))
    viewport = dialog.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [code]

    sign_in_row = next(
        row for row in range(dialog.model.rowCount()) if not dialog.model.row_at(row).dossier_code
    )
    dialog.table.setCurrentIndex(dialog.model.index(sign_in_row, 0))
    qtbot.keyClick(dialog.table, Key.Key_Return)  # an entry about no dossier opens nothing
    assert opened == [code]


def test_the_export_holds_the_filtered_entries_and_is_itself_logged(
    qtbot, open_log, admin: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    save_intake(admin, request(), now=NOW)
    _append(admin, CLERK, AuditAction.PRINT, [Entry(ObjectKind.DOSSIER, f"X-{i}") for i in range(5)])
    target = tmp_path / "nhat-ky"
    chooser: Callable[..., str] = lambda *_args: str(target)  # noqa: E731
    dialog = open_log(choose_file=chooser)
    _choose(qtbot, dialog.user, "lethitam")
    _wait_counted(qtbot, dialog)
    shown = _seqs(dialog)

    qtbot.keyClick(dialog, Key.Key_X, Qt.KeyboardModifier.AltModifier)  # Xuất Excel…
    qtbot.waitUntil(lambda: dialog.last_path is not None)
    assert dialog.last_path == tmp_path / "nhat-ky.xlsx"
    assert dialog.last_message == f"Đã xuất 5 mục nhật ký ra {dialog.last_path}."
    sheet = load_workbook(dialog.last_path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == shown
    assert {row[2] for row in rows[1:]} == {"lethitam"}

    _choose(qtbot, dialog.action, AuditAction.AUDIT_EXPORT.value)
    _choose(qtbot, dialog.user, "quantri")
    _wait_counted(qtbot, dialog)
    assert dialog.model.total == 1
    assert "nhat-ky.xlsx" in dialog.model.index(0, audit_model.OBJECT).data()


def test_the_integrity_check_of_an_untouched_log(qtbot, open_log, admin: Workspace) -> None:  # type: ignore[no-untyped-def]
    save_intake(admin, request(), now=NOW)
    entries = count_rows(admin.db, "audit_entry")
    dialog = open_log()
    qtbot.keyClick(dialog, Key.Key_K, Qt.KeyboardModifier.AltModifier)  # Kiểm tra toàn vẹn
    qtbot.waitUntil(lambda: dialog.verification is not None)
    assert dialog.last_message.startswith(f"Nhật ký nguyên vẹn: {entries} mục nối tiếp đúng, 1 hồ sơ khớp")
    assert dialog.last_message.endswith(" giây).") and "," in dialog.last_message[-16:]
    assert not dialog.problems.isVisible() and not dialog.progress.isVisible()


@pytest.mark.audit_tampered
def test_the_integrity_check_names_an_entry_changed_behind_the_apps_back(
    qtbot, open_log, admin: Workspace
) -> None:  # type: ignore[no-untyped-def]
    save_intake(admin, request(), now=NOW)
    run_sql(admin.db, "UPDATE audit_entry SET username = 'ai-do' WHERE seq = 2")
    dialog = open_log()
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.verification is not None)
    assert "đã bị thay đổi ngoài phần mềm" in dialog.last_message
    assert dialog.problems.isVisible()
    assert "Mục nhật ký số 2 đã bị sửa" in dialog.problems.toPlainText()
    dialog.grab().save("/tmp/audit_dialog_problems.png")


def test_screenshot(qtbot, open_log, admin: Workspace) -> None:  # type: ignore[no-untyped-def]
    save_intake(admin, request(), now=NOW)
    add_account(admin, AccountForm("lethitam", "Lê Thị Tâm", "", frozenset({Role.RECEPTION})), "mat-khau-2")
    dialog = open_log()
    dialog.by_days.setChecked(True)
    _wait_counted(qtbot, dialog)
    dialog.grab().save("/tmp/audit_dialog.png")


def test_the_filters_and_the_table_are_reached_with_tab(qtbot, open_log) -> None:  # type: ignore[no-untyped-def]
    dialog = open_log()
    assert focused() is dialog.table
    qtbot.keyClick(focused(), Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Người dùng
    qtbot.waitUntil(lambda: focused() is dialog.user)
    order = []
    for _ in range(7):
        qtbot.keyClick(focused(), Key.Key_Tab)
        order.append(focused())
    assert order == [
        dialog.action,
        dialog.code,
        dialog.by_days,
        dialog.clear_button,
        dialog.reload_button,
        dialog.table,
        dialog.export_button,
    ]
    dialog.by_days.setFocus()
    qtbot.keyClick(focused(), Key.Key_Space)  # the days now filter, and take the focus in turn
    qtbot.keyClick(focused(), Key.Key_Tab)
    assert focused() is dialog.date_from


def test_f5_reads_the_entries_written_since(qtbot, open_log, admin: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = open_log()
    before = dialog.model.total
    assert before is not None
    _append(admin, CLERK, AuditAction.PRINT, [Entry(ObjectKind.DOSSIER, "X-1")])
    qtbot.keyClick(dialog.table, Key.Key_F5)
    qtbot.waitUntil(lambda: dialog.model.total == before + 1)
    assert dialog.model.row_at(0).username == "lethitam"
    assert dialog.user.findData("lethitam") >= 0  # a user new to the log is offered too
