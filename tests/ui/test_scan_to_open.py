"""A scanned dossier code opens the dossier from any field; people typing and ID-card scans are untouched."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dossier.open_dialog import OpenDossierDialog
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.scan_to_open import ScanToOpen, looks_like_dossier_code
from tests.services.intake_helpers import request
from tests.ui.keyboard import type_text
from tests.ui.test_intake_support import QR_SCAN, prepare

CODE = "000.00.00.H00-260302-0001"
SCANNER_GAP_MS = 8
PERSON_GAP_MS = 120


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, milliseconds: float) -> None:
        self.now += milliseconds / 1000


def scan(qtbot, widget: QWidget, text: str, clock: FakeClock, gap_ms: float = SCANNER_GAP_MS) -> None:  # type: ignore[no-untyped-def]
    """Type `text` and Enter into `widget`, one key every `gap_ms`."""
    for char in text:
        clock.advance(gap_ms)
        type_text(widget, char)
    clock.advance(gap_ms)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


@pytest.fixture
def scanner(qtbot) -> Iterator[tuple[ScanToOpen, FakeClock]]:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    scan_to_open = ScanToOpen(clock=clock)
    scan_to_open.install()
    yield scan_to_open, clock
    scan_to_open.uninstall()


@pytest.fixture
def field(qtbot) -> Iterator[QLineEdit]:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    line = QLineEdit("Nguyễn")
    QVBoxLayout(window).addWidget(line)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    yield line  # the window lives until the test is done


def test_a_fast_burst_with_enter_opens_the_code_and_leaves_the_field_alone(
    qtbot, scanner, field: QLineEdit
) -> None:  # type: ignore[no-untyped-def]
    scan_to_open, clock = scanner
    entered: list[str] = []
    field.returnPressed.connect(lambda: entered.append(field.text()))
    with qtbot.waitSignal(scan_to_open.code_scanned) as scanned:
        scan(qtbot, field, CODE, clock)
    assert scanned.args == [CODE]
    assert field.text() == "Nguyễn"
    assert entered == []  # the field's own Enter action did not run


def test_slow_typing_passes_through(qtbot, scanner, field: QLineEdit) -> None:  # type: ignore[no-untyped-def]
    scan_to_open, clock = scanner
    entered: list[str] = []
    field.returnPressed.connect(lambda: entered.append(field.text()))
    field.clear()
    with qtbot.assertNotEmitted(scan_to_open.code_scanned, wait=50):
        scan(qtbot, field, CODE, clock, gap_ms=PERSON_GAP_MS)
    assert field.text() == CODE
    assert entered == [CODE]


def test_a_short_or_foreign_burst_is_not_taken(qtbot, scanner, field: QLineEdit) -> None:  # type: ignore[no-untyped-def]
    scan_to_open, clock = scanner
    field.clear()
    with qtbot.assertNotEmitted(scan_to_open.code_scanned, wait=50):
        scan(qtbot, field, "0912345678", clock)
    assert field.text() == "0912345678"


def test_a_citizen_card_qr_is_not_swallowed(qtbot, scanner, field: QLineEdit) -> None:  # type: ignore[no-untyped-def]
    scan_to_open, clock = scanner
    entered: list[str] = []
    field.returnPressed.connect(lambda: entered.append(field.text()))
    field.clear()
    with qtbot.assertNotEmitted(scan_to_open.code_scanned, wait=50):
        scan(qtbot, field, QR_SCAN, clock)
    assert field.text() == QR_SCAN
    assert entered == [QR_SCAN]


def test_the_intake_form_still_reads_the_citizen_card(
    qtbot, scanner, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    scan_to_open, clock = scanner
    tab = prepare(main_window, tmp_path)
    phone = tab.form.applicant.phone
    phone.setFocus()
    qtbot.waitUntil(phone.hasFocus)
    with qtbot.assertNotEmitted(scan_to_open.code_scanned, wait=50):
        scan(qtbot, phone, QR_SCAN, clock)
    assert tab.form.applicant.name.text() == "Nguyễn Thị Ánh Dương"
    assert phone.text() == ""


def test_what_reads_as_a_dossier_code() -> None:
    assert looks_like_dossier_code(CODE)
    assert looks_like_dossier_code("G22.39.14-230601-0004")
    assert not looks_like_dossier_code("000.00.00.H00-261399-0001")  # no 13th month
    assert not looks_like_dossier_code(QR_SCAN)
    assert not looks_like_dossier_code("Nguyễn Văn An")


@pytest.fixture
def stored_code(workspace: Workspace) -> str:
    return save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code


def _open_dialog(qtbot, workspace: Workspace) -> OpenDossierDialog:  # type: ignore[no-untyped-def]
    dialog = OpenDossierDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.code_edit.hasFocus)
    return dialog


def test_the_open_dialog_takes_a_scanned_known_code(
    qtbot, scanner, workspace: Workspace, stored_code: str
) -> None:  # type: ignore[no-untyped-def]
    scan_to_open, clock = scanner
    dialog = _open_dialog(qtbot, workspace)
    with (
        qtbot.assertNotEmitted(scan_to_open.code_scanned, wait=50),
        qtbot.waitSignal(dialog.chosen) as chosen,
    ):
        scan(qtbot, dialog.code_edit, stored_code, clock)  # the box wants the scan as its answer
    assert chosen.args == [stored_code]
    assert dialog.result() == OpenDossierDialog.DialogCode.Accepted
    assert dialog.code == stored_code


def test_the_open_dialog_refuses_an_unknown_code_and_stays_open(
    qtbot, workspace: Workspace, stored_code: str
) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_dialog(qtbot, workspace)
    unknown = stored_code[:-4] + "0099"
    type_text(dialog.code_edit, unknown)
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == f"Không tìm thấy hồ sơ mã {unknown}."
    assert dialog.code_edit.selectedText() == unknown
    assert QApplication.focusWidget() is dialog.code_edit
