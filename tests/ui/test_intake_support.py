"""Helpers shared by the intake and printing tests (this module holds no tests).

Keys go to whatever widget has the focus, as a keyboard would deliver them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from cchc_desktop.ui.intake.tab import IntakeTab
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.printing import pdf_files_in
from tests.ui.keyboard import replace_text, type_text

NOW = datetime(2026, 3, 2, 14, 5)  # a Monday, in office hours
QR_SCAN = (
    "030190012345|012345678|Nguyễn Thị Ánh Dương|12051990|Nữ|Thôn 3, xã Đại Hợp, thành phố Hải Phòng|01082021"
)


def prepare(window: MainWindow, folder: Path, now: datetime = NOW) -> IntakeTab:
    """The intake tab with a fixed clock, printing PDF files into `folder`, the focus on the procedure."""
    tab = window.intake_tab
    tab.set_clock(lambda: now)
    tab.printer.factory = pdf_files_in(folder)
    window.activateWindow()
    tab.form.picker.setFocus(Qt.FocusReason.OtherFocusReason)
    return tab


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifier)


def type_here(text: str) -> None:
    type_text(focused(), text)


def choose_procedure(qtbot, tab: IntakeTab, text: str) -> None:  # type: ignore[no-untyped-def]
    tab.form.picker.setFocus(Qt.FocusReason.OtherFocusReason)
    replace_text(tab.form.picker, text)
    qtbot.keyClick(tab.form.picker, Qt.Key.Key_Down)
    qtbot.keyClick(tab.form.picker, Qt.Key.Key_Return)


def fill_valid_applicant(tab: IntakeTab) -> None:
    applicant = tab.form.applicant
    applicant.name.setText("Nguyễn Thị Ánh Dương")
    applicant.id_number.setText("030190012345")
    applicant.phone.setText("0912 345 678")
    applicant.address.setText("Thôn 3, xã Đại Hợp, thành phố Hải Phòng")


def wait_idle(qtbot, tab: IntakeTab) -> None:  # type: ignore[no-untyped-def]
    """Until the background work (preview, prints) has been delivered."""
    qtbot.waitUntil(lambda: not tab.runner.busy and not tab.printer.busy, timeout=10_000)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)
