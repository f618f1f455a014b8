"""The start-up check verifies the audit log in the background: a dossier changed with plain SQL is
reported to whoever may read the log, with the advice; an untouched database says nothing."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from cchc_desktop.domain.roles import Role
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui import startup_checks
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.startup_checks import StartupChecks
from tests.services.intake_helpers import request
from tests.services.raw_sql import run_sql

NOW = datetime(2026, 3, 2, 10, 10)
PASSWORD = "mat-khau-1"


def _checked(qtbot, window: MainWindow) -> StartupChecks:  # type: ignore[no-untyped-def]
    checks = StartupChecks(window, window.workspace.paths)
    checks.start()
    qtbot.waitUntil(lambda: checks.audit is not None, timeout=20_000)
    return checks


def _audit_boxes(window: MainWindow) -> list[QMessageBox]:
    return [
        box for box in window.findChildren(QMessageBox) if box.windowTitle() == startup_checks.AUDIT_TITLE
    ]


def _close(boxes: list[QMessageBox]) -> None:
    for box in boxes:
        box.close()


def _tamper(ws: Workspace, code: str) -> None:
    """Another tool changes a dossier's note with plain SQL."""
    run_sql(ws.db, "UPDATE dossier SET note = 'sửa tay' WHERE code = :code", {"code": code})


def test_an_untouched_database_says_nothing_and_logs_the_figures(
    qtbot, main_window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    save_intake(main_window.workspace, request(), now=NOW)
    with caplog.at_level(logging.INFO, logger="cchc_desktop.services.health"):
        checks = _checked(qtbot, main_window)
    assert checks.audit is not None and checks.audit.ok
    assert _audit_boxes(main_window) == []
    assert any(
        "audit log verified at start-up: 2 entries, 1 dossiers" in r.getMessage() for r in caplog.records
    )


@pytest.mark.audit_tampered
def test_a_dossier_changed_with_sql_is_reported_with_the_advice(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws = main_window.workspace
    code = save_intake(ws, request(), now=NOW).record.code
    _tamper(ws, code)
    _checked(qtbot, main_window)
    boxes = _audit_boxes(main_window)
    assert len(boxes) == 1
    text = boxes[0].text()
    assert f"Hồ sơ {code} đã bị sửa ngoài phần mềm sau mục nhật ký số 2" in text
    assert "sao lưu" in text and "Hệ thống → Nhật ký" in text
    assert request().applicant_name not in text and request().applicant_id_number not in text
    _close(boxes)


@pytest.mark.audit_tampered
def test_only_those_who_may_read_the_log_are_told(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    ws = main_window.workspace
    add_account(ws, AccountForm("quantri", "Nguyễn Văn Quản", "", frozenset({Role.ADMIN})), PASSWORD)
    sign_in(ws, "quantri", PASSWORD)
    add_account(ws, AccountForm("tiepnhan", "Lê Văn Tâm", "", frozenset({Role.RECEPTION})), PASSWORD)
    sign_in(ws, "tiepnhan", PASSWORD)
    code = save_intake(ws, request(), now=NOW).record.code
    _tamper(ws, code)
    checks = _checked(qtbot, main_window)
    assert checks.audit is not None and not checks.audit.ok
    assert _audit_boxes(main_window) == []  # a counter clerk may not read the log
    sign_in(ws, "quantri", PASSWORD)
    _checked(qtbot, main_window)
    boxes = _audit_boxes(main_window)
    assert len(boxes) == 1 and code in boxes[0].text()
    _close(boxes)
