"""The counter's name ("Quầy 2 – Hộ tịch") on what it writes: the dossier it takes in, every event it
records (steps, corrections, prints), and the receipt."""

from __future__ import annotations

from datetime import datetime

from cchc_desktop.services import workflow
from cchc_desktop.services.corrections import Correction, correct_dossier
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.printing import PrintedForm, prepare_print, record_print
from cchc_desktop.services.workspace import Workspace
from tests.pdf_text import pages_text
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)
COUNTER = "Quầy 2 – Hộ tịch"
OTHER = "Quầy 1 – Đất đai"


def test_the_dossier_and_its_first_event_carry_the_counter_that_took_it_in(workspace: Workspace) -> None:
    workspace.counter = COUNTER
    saved = save_intake(workspace, request(), now=NOW)
    assert saved.record.counter == COUNTER
    assert dossier_by_code(workspace, saved.record.code).counter == COUNTER
    assert [(e.kind, e.counter) for e in workflow.events_of(workspace, saved.record.code)] == [
        ("received", COUNTER)
    ]


def test_every_event_names_the_counter_that_recorded_it(workspace: Workspace) -> None:
    workspace.counter = COUNTER
    code = save_intake(workspace, request(), now=NOW).record.code
    workspace.counter = OTHER
    workflow.hand_over(
        workspace, code, giver="Lê Văn Tâm", taker="Phạm Thị Thu", taker_unit="Tư pháp", at=NOW
    )
    correct_dossier(workspace, code, Correction(applicant_phone="0987654321"), "Gõ nhầm số", move_due=False)
    record_print(workspace, prepare_print(workspace, code, PrintedForm.CONTROL_SLIP))
    workspace.counter = ""
    workflow.receive_result(workspace, code, giver="Phạm Thị Thu", taker="Lê Văn Tâm", at=NOW)
    events = [(e.kind, e.counter) for e in workflow.events_of(workspace, code)]
    assert sorted(events) == sorted(
        [
            ("received", COUNTER),
            ("hand_over", OTHER),
            ("corrected", OTHER),
            ("printed_control_slip", OTHER),
            ("receive_result", ""),
        ]
    )
    assert dossier_by_code(workspace, code).counter == COUNTER  # the counter that took it in stays


def test_the_receipt_names_the_counter_that_took_the_dossier_in(workspace: Workspace) -> None:
    workspace.counter = COUNTER
    code = save_intake(workspace, request(), now=NOW).record.code
    workspace.counter = OTHER  # a reprint at another counter still names the one that took it in
    pages = pages_text(prepare_print(workspace, code, PrintedForm.RECEIPT).pdf)
    assert len(pages) == 2
    for page in pages:
        assert f"Quầy tiếp nhận: {COUNTER}" in page
        assert OTHER not in page


def test_a_receipt_without_a_counter_name_prints_no_counter_line(workspace: Workspace) -> None:
    workspace.counter = ""  # as a dossier taken in before counters had names
    code = save_intake(workspace, request(), now=NOW).record.code
    text = " ".join(pages_text(prepare_print(workspace, code, PrintedForm.RECEIPT).pdf))
    assert "Quầy tiếp nhận" not in text
