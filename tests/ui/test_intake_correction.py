"""Correcting the dossier just saved from the intake tab (Ctrl+E), then reprinting its receipt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.services.intake import dossier_by_code
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.correction_dialog import CorrectionDialog
from cchc_desktop.ui.main_window import MainWindow
from tests.ui.keyboard import replace_text, type_text
from tests.ui.test_intake_support import (
    choose_procedure,
    fill_valid_applicant,
    pdf_text,
    prepare,
    press,
    wait_idle,
)

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_e_corrects_the_last_dossier_and_f5_reprints_it(
    qtbot,  # type: ignore[no-untyped-def]
    main_window: MainWindow,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert tab.last_saved is not None
    code = tab.last_saved.record.code
    wait_idle(qtbot, tab)

    def fill_and_save(dialog: CorrectionDialog) -> int:
        replace_text(dialog.name, "Nguyễn Thị Ánh Hồng")
        type_text(dialog.reason, "Ghi nhầm tên đệm")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(CorrectionDialog, "exec", fill_and_save)
    press(qtbot, Qt.Key.Key_E, CTRL)
    assert dossier_by_code(workspace, code).applicant_name == "Nguyễn Thị Ánh Hồng"
    assert "Đã sửa hồ sơ" in tab.last_status and "họ tên" in tab.last_status
    wait_idle(qtbot, tab)

    with qtbot.waitSignal(tab.printer.finished, timeout=10_000):
        press(qtbot, Qt.Key.Key_F5)
    wait_idle(qtbot, tab)
    assert "Nguyễn Thị Ánh Hồng" in pdf_text(tmp_path / f"{code}-receipt.pdf")


def test_ctrl_e_without_a_saved_dossier_says_so(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    press(qtbot, Qt.Key.Key_E, CTRL)
    assert tab.last_status == "Chưa có hồ sơ nào vừa lưu để sửa."
