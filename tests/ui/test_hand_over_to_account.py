"""Handing a dossier to an account in the dossier window puts it on that person's "Hồ sơ của tôi"; a
specialist-only account's tracking tab shows only their dossiers, the toggle locked on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from cchc_desktop.domain.lifecycle import COUNTER_UNIT
from cchc_desktop.domain.roles import Role
from cchc_desktop.services import workflow
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dossier.action_forms import HandOverForm, ReceiveResultForm
from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog
from cchc_desktop.ui.printing import pdf_files_in
from cchc_desktop.ui.tracking import strings as tracking_strings
from cchc_desktop.ui.tracking.tab import TrackingTab
from tests.services.intake_helpers import request
from tests.ui.keyboard import type_text

Key = Qt.Key
RECEIVED = datetime(2026, 3, 2, 10, 5)
TUESDAY = datetime(2026, 3, 3, 9, 0)
PASSWORD = "mat-khau-1"
CLERK = "Nguyễn Văn Quản"
SPECIALIST = "Phạm Thị Thu"


@pytest.fixture
def codes(workspace: Workspace) -> list[str]:
    """A counter clerk (also the admin) signed in, a specialist, and two dossiers received."""
    add_account(
        workspace, AccountForm("quantri", CLERK, "", frozenset({Role.ADMIN, Role.RECEPTION})), PASSWORD
    )
    sign_in(workspace, "quantri", PASSWORD)
    add_account(workspace, AccountForm("chuyenvien", SPECIALIST, "", frozenset({Role.SPECIALIST})), PASSWORD)
    return [
        save_intake(workspace, request(applicant_name=name, received_at=RECEIVED), now=RECEIVED).record.code
        for name in ("Nguyễn Thị Hoa", "Trần Văn Bình")
    ]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


@pytest.fixture
def open_dialog(qtbot, workspace: Workspace, tmp_path: Path) -> Callable[[str], DossierDetailDialog]:  # type: ignore[no-untyped-def]
    def make(code: str) -> DossierDetailDialog:
        dialog = DossierDetailDialog(
            workspace, code, printer_factory=pdf_files_in(tmp_path), clock=lambda: TUESDAY
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog

    return make


def _hand_over_form(qtbot, dialog: DossierDetailDialog) -> HandOverForm:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.form is not None)  # a mnemonic clicks the button after 100 ms
    form = dialog.form
    assert isinstance(form, HandOverForm)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.taker)
    return form


def _tab(qtbot, workspace: Workspace) -> TrackingTab:  # type: ignore[no-untyped-def]
    tab = TrackingTab(workspace, clock=lambda: TUESDAY)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _listed(qtbot, tab: TrackingTab) -> list[str]:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not tab.model.loading)
    return [tab.model.row_at(row).code for row in range(tab.model.rowCount())]


def test_a_dossier_handed_to_an_account_is_on_that_persons_list(
    qtbot, workspace: Workspace, codes: list[str], open_dialog: Callable[[str], DossierDetailDialog]
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(codes[0])
    with qtbot.waitSignal(dialog.changed):
        form = _hand_over_form(qtbot, dialog)
        assert form.giver_field is not None and form.giver_field.text() == CLERK
        qtbot.keyClick(focused(), Key.Key_Down)  # the first account offered: the specialist
        assert form.taker.text() == f"{SPECIALIST} (chuyenvien)"
        qtbot.keyClick(focused(), Key.Key_Tab)
        type_text(focused(), "Công chức Tư pháp - Hộ tịch")
        qtbot.keyClick(focused(), Key.Key_Return)
    record = dossier_by_code(workspace, codes[0])
    assert record.current_holder == SPECIALIST
    event = workflow.events_of(workspace, codes[0])[-1]
    assert (event.giver, event.taker, event.data["giver_unit"]) == (CLERK, SPECIALIST, COUNTER_UNIT)

    # The counter's own list ("Hồ sơ của tôi", ticked by the clerk) holds nothing: it went to the specialist.
    tab = _tab(qtbot, workspace)
    assert tab.filters.mine.isVisible() and tab.filters.mine.isEnabled()
    assert sorted(_listed(qtbot, tab)) == sorted(codes)
    qtbot.mouseClick(tab.filters.mine, Qt.MouseButton.LeftButton, pos=tab.filters.mine.rect().center())
    qtbot.waitUntil(lambda: tab.model.filter.mine)
    assert _listed(qtbot, tab) == []
    assert tab.summary.startswith("Hồ sơ của tôi")

    # The specialist signs in: only that dossier, the toggle on and locked, the counts theirs.
    sign_in(workspace, "chuyenvien", PASSWORD)
    tab.refresh()
    assert _listed(qtbot, tab) == [codes[0]]
    assert tab.filters.mine.isChecked() and not tab.filters.mine.isEnabled()
    assert tab.filters.mine.toolTip() == tracking_strings.MINE_FORCED_TIP
    tab.clear_action.trigger()  # "Bỏ lọc" does not leave the own list
    assert tab.filters.mine.isChecked()
    assert _listed(qtbot, tab) == [codes[0]]
    assert sum(tab.counts.values()) == 1


def test_a_person_without_an_account_can_still_be_typed(
    qtbot, workspace: Workspace, codes: list[str], open_dialog: Callable[[str], DossierDetailDialog]
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(codes[1])
    with qtbot.waitSignal(dialog.changed):
        _hand_over_form(qtbot, dialog)
        type_text(focused(), "Phạm Thị")  # starts like the specialist's name, but is someone else
        qtbot.keyClick(focused(), Key.Key_Tab)
        type_text(focused(), "Văn phòng HĐND và UBND xã")
        qtbot.keyClick(focused(), Key.Key_Return)
    assert dossier_by_code(workspace, codes[1]).current_holder == "Phạm Thị"
    sign_in(workspace, "chuyenvien", PASSWORD)
    assert _listed(qtbot, _tab(qtbot, workspace)) == []


def test_the_result_form_offers_the_accounts_for_the_giver(
    qtbot, workspace: Workspace, codes: list[str], open_dialog: Callable[[str], DossierDetailDialog]
) -> None:  # type: ignore[no-untyped-def]
    workflow.hand_over(
        workspace,
        codes[0],
        giver=CLERK,
        taker="",
        taker_unit="Tư pháp",
        at=RECEIVED,
        taker_account="chuyenvien",
    )
    dialog = open_dialog(codes[0])
    from cchc_desktop.domain.lifecycle import Action

    form = dialog.start_action(Action.RECEIVE_RESULT)
    assert isinstance(form, ReceiveResultForm)
    assert form.giver.text() == SPECIALIST  # who holds it now
    assert [form.giver.itemText(i) for i in range(form.giver.count())] == [
        f"{SPECIALIST} (chuyenvien)",
        f"{CLERK} (quantri)",
    ]
    form.submit()
    assert form.result_of_action is not None
    event = workflow.events_of(workspace, codes[0])[-1]
    assert (event.giver, event.taker) == (SPECIALIST, CLERK)  # received by the signed-in clerk
