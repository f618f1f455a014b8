"""Another counter changed the dossier while this window showed it: the save is refused with a message
naming that counter, the window shows the dossier as it is now, and what the clerk typed stays."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.domain.lifecycle import Action
from cchc_desktop.services import workflow
from cchc_desktop.services.corrections import Correction, correct_dossier
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.ui.dialogs.correction_dialog import CorrectionDialog
from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog
from cchc_desktop.ui.dossier.notice_forms import RefuseForm
from cchc_desktop.ui.dossier.timeline_model import COUNTER
from cchc_desktop.ui.printing import pdf_files_in
from tests.services.intake_helpers import request
from tests.ui.keyboard import replace_text, type_text

NOW = datetime(2026, 3, 2, 10, 10)
TUESDAY = datetime(2026, 3, 3, 9, 0)
FIRST = "Quầy 1 – Đất đai"
SECOND = "Quầy 2 – Hộ tịch"


@pytest.fixture
def first(workspace: Workspace, db_path: Path) -> Iterator[Workspace]:
    """The other counter, on the same database as `workspace` (this window's counter)."""
    workspace.counter = SECOND
    other = open_workspace(resolve_paths(str(db_path)), counter=FIRST)
    yield other
    other.close()


@pytest.fixture
def code(workspace: Workspace) -> str:
    return save_intake(workspace, request(), now=NOW).record.code


def _hand_over(ws: Workspace, code: str) -> None:
    workflow.hand_over(
        ws,
        code,
        giver="Lê Văn Tâm",
        taker="Phạm Thị Thu",
        taker_unit="Tư pháp",
        at=datetime(2026, 3, 3, 8, 30),
    )


def _dialog(qtbot, workspace: Workspace, code: str, tmp_path: Path) -> DossierDetailDialog:  # type: ignore[no-untyped-def]
    dialog = DossierDetailDialog(
        workspace, code, printer_factory=pdf_files_in(tmp_path), clock=lambda: TUESDAY
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_step_on_a_dossier_changed_at_another_counter_is_refused_and_the_window_reloads(
    qtbot, workspace: Workspace, first: Workspace, code: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace, code, tmp_path)
    form = dialog.start_action(Action.REFUSE)
    assert isinstance(form, RefuseForm)
    type_text(form.reason, "Hồ sơ không đủ điều kiện")
    _hand_over(first, code)  # meanwhile, at the other counter
    events_before = workflow.events_of(workspace, code)

    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.isVisible() and dialog.form is form
    assert form.error.isVisible()
    message = form.error.text()
    assert f"vừa được {FIRST} (Lê Văn Tâm) cập nhật lúc 08:30 ngày 03/03/2026" in message
    assert "Chuyển hồ sơ" in message and "Nguyễn Thị Hoa" not in message
    qtbot.wait(10)  # the layout settles
    assert form.error.height() >= form.error.heightForWidth(form.error.width())  # no line cut off
    assert form.error.geometry().bottom() < form.buttons.geometry().top()
    assert form.reason.text() == "Hồ sơ không đủ điều kiện"  # what the clerk typed stays
    assert workflow.events_of(workspace, code) == events_before  # nothing written
    # The window behind shows the dossier as the other counter left it.
    assert "Đang giải quyết" in dialog.heading.text()
    assert dialog.record.version == 2
    last = dialog.timeline_model.rowCount() - 1
    assert dialog.timeline_model.index(last, COUNTER).data() == FIRST

    with qtbot.waitSignal(dialog.printer.finished, timeout=10_000):  # Mẫu 03 prints after the refusal
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # saved again, on what is there now
    assert dialog.form is None  # the form closed (and was deleted)
    assert dossier_by_code(workspace, code).status is DossierStatus.REFUSED
    assert dialog.timeline_model.index(dialog.timeline_model.rowCount() - 1, COUNTER).data() == SECOND


def test_the_history_shows_the_counter_of_each_step(
    qtbot, workspace: Workspace, first: Workspace, code: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _hand_over(first, code)
    dialog = _dialog(qtbot, workspace, code, tmp_path)
    model = dialog.timeline_model
    assert model.headerData(COUNTER, Qt.Orientation.Horizontal) == "Quầy"
    assert [model.index(row, COUNTER).data() for row in range(model.rowCount())] == [SECOND, FIRST]
    assert SECOND in dialog.details.text("received")


def test_a_correction_on_a_dossier_changed_elsewhere_is_refused_and_keeps_what_was_typed(
    qtbot, workspace: Workspace, first: Workspace, code: str
) -> None:  # type: ignore[no-untyped-def]
    dialog = CorrectionDialog(workspace, dossier_by_code(workspace, code))
    qtbot.addWidget(dialog)
    dialog.show()
    replace_text(dialog.name, "Nguyễn Thị Hòa")
    type_text(dialog.reason, "Ghi sai dấu")
    correct_dossier(first, code, Correction(applicant_phone="0987654321"), "Gõ nhầm số", move_due=False)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)

    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.error.isVisible()
    assert f"vừa được {FIRST} cập nhật" in dialog.error.text()
    assert dialog.name.text() == "Nguyễn Thị Hòa" and dialog.reason.text() == "Ghi sai dấu"
    assert dialog.record.version == 2 and dialog.phone.text() == "0987654321"  # reloaded
    assert dossier_by_code(workspace, code).applicant_name == "Nguyễn Thị Hoa"

    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == CorrectionDialog.DialogCode.Accepted
    stored = dossier_by_code(workspace, code)
    assert (stored.applicant_name, stored.applicant_phone) == ("Nguyễn Thị Hòa", "0987654321")


def test_the_correction_dialog_opens_on_the_dossier_as_it_is_now(
    qtbot, workspace: Workspace, first: Workspace, code: str
) -> None:  # type: ignore[no-untyped-def]
    remembered = dossier_by_code(workspace, code)  # the intake tab's last save
    correct_dossier(first, code, Correction(applicant_phone="0987654321"), "Gõ nhầm số", move_due=False)
    dialog = CorrectionDialog(workspace, remembered)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.phone.text() == "0987654321"
    replace_text(dialog.name, "Nguyễn Thị Hòa")
    type_text(dialog.reason, "Ghi sai dấu")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dialog.result() == CorrectionDialog.DialogCode.Accepted
    assert dossier_by_code(workspace, code).applicant_phone == "0987654321"
