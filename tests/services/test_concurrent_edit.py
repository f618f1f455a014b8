"""Two counters on one dossier: each acts on the version its screen showed; the second save is refused
with a message naming who changed the dossier and when, and nothing of it is written."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime

import pytest

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.services import workflow
from cchc_desktop.services.corrections import Correction, correct_dossier
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.printing import PrintedForm, prepare_print, record_print
from cchc_desktop.services.stale_dossier import DossierChangedError
from cchc_desktop.services.workspace import Workspace, open_workspace
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)
FIRST = "Quầy 1 – Đất đai"
SECOND = "Quầy 2 – Hộ tịch"
AT = datetime(2026, 3, 2, 10, 32)


@pytest.fixture
def second(workspace: Workspace, db_location: str) -> Iterator[Workspace]:
    """Another counter on the same database."""
    workspace.counter = FIRST
    other = open_workspace(resolve_paths(db_location), counter=SECOND)
    yield other
    other.close()


@pytest.fixture
def code(workspace: Workspace) -> str:
    return save_intake(workspace, request(), now=NOW).record.code


def _hand_over(ws: Workspace, code: str, version: int | None, taker: str = "Phạm Thị Thu") -> object:
    return workflow.hand_over(
        ws, code, giver="Lê Văn Tâm", taker=taker, taker_unit="Tư pháp", at=AT, expected_version=version
    )


def test_a_new_dossier_is_version_1_and_each_step_or_correction_adds_one(
    workspace: Workspace, code: str
) -> None:
    assert dossier_by_code(workspace, code).version == 1
    handed = workflow.hand_over(
        workspace, code, giver="Lê Văn Tâm", taker="Phạm Thị Thu", taker_unit="Tư pháp", at=AT,
        expected_version=1,
    )  # fmt: skip
    assert handed.record.version == 2
    corrected = correct_dossier(
        workspace,
        code,
        Correction(applicant_phone="0987654321"),
        "Gõ nhầm",
        move_due=False,
        expected_version=2,
    )
    assert corrected.record.version == 3
    record_print(workspace, prepare_print(workspace, code, PrintedForm.CONTROL_SLIP))
    assert dossier_by_code(workspace, code).version == 3  # a print changes nothing of the dossier


def test_the_second_counter_is_refused_with_the_first_counters_name_and_nothing_is_written(
    workspace: Workspace, second: Workspace, code: str
) -> None:
    shown_first = dossier_by_code(workspace, code)
    shown_second = dossier_by_code(second, code)  # both screens show version 1
    _hand_over(workspace, code, shown_first.version)
    events_before = workflow.events_of(second, code)
    with pytest.raises(DossierChangedError) as refused:
        workflow.refuse(
            second, code, reason="Không đủ điều kiện", actor="Trần Văn Bình", at=AT,
            expected_version=shown_second.version,
        )  # fmt: skip
    assert isinstance(refused.value, UserFacingError)
    message = refused.value.message
    assert message.startswith(f"Hồ sơ {code} vừa được {FIRST} (Lê Văn Tâm) cập nhật lúc 10:32")
    assert "Chuyển hồ sơ" in message and "thao tác lại" in message
    for personal in ("Nguyễn Thị Hoa", "030185001234", "0912"):
        assert personal not in message
    after = dossier_by_code(second, code)
    assert after.status is DossierStatus.IN_PROCESSING and after.current_holder == "Phạm Thị Thu"
    assert after.version == 2
    assert workflow.events_of(second, code) == events_before
    # Reloaded, the second counter acts on what is there now.
    assert (
        workflow.refuse(
            second,
            code,
            reason="Không đủ điều kiện",
            actor="Trần Văn Bình",
            at=AT,
            expected_version=after.version,
        ).record.status
        is DossierStatus.REFUSED
    )


def test_a_correction_on_a_stale_screen_is_refused_too(
    workspace: Workspace, second: Workspace, code: str
) -> None:
    _hand_over(second, code, 1)
    with pytest.raises(DossierChangedError) as refused:
        correct_dossier(
            workspace, code, Correction(applicant_phone="0987654321"), "Gõ nhầm", move_due=False,
            expected_version=1,
        )  # fmt: skip
    assert f"vừa được {SECOND} (Lê Văn Tâm) cập nhật" in refused.value.message
    assert dossier_by_code(workspace, code).applicant_phone == "0912345678"


def test_every_step_checks_the_version(workspace: Workspace, second: Workspace, code: str) -> None:
    _hand_over(second, code, 1)
    steps = {
        "hand_over": lambda: _hand_over(workspace, code, 1, taker="Ngô Văn Dũng"),
        "receive_result": lambda: workflow.receive_result(
            workspace, code, giver="Phạm Thị Thu", taker="Lê Văn Tâm", at=AT, expected_version=1
        ),
        "request_supplement": lambda: workflow.request_supplement(
            workspace, code, items=["Tờ khai"], reason="Thiếu", actor="Tâm", at=AT, expected_version=1
        ),
        "refuse": lambda: workflow.refuse(workspace, code, reason="Sai", actor="Tâm", at=AT, expected_version=1),
        "withdraw": lambda: workflow.withdraw(
            workspace, code, reason="Rút", actor="Tâm", at=AT, expected_version=1
        ),
        "stop": lambda: workflow.stop(
            workspace, code, requested_at=AT, returned_items="", actor="Tâm", at=AT, expected_version=1
        ),
        "extend": lambda: workflow.extend(
            workspace, code, new_appointment=datetime(2026, 3, 9, 10, 5), reason="Chậm", actor="Tâm", at=AT,
            expected_version=1,
        ),
    }  # fmt: skip
    for name, step in steps.items():
        with pytest.raises(DossierChangedError):
            step()
        assert dossier_by_code(workspace, code).version == 2, name
    assert len(workflow.events_of(workspace, code)) == 2


def test_without_a_version_there_is_no_check(workspace: Workspace, second: Workspace, code: str) -> None:
    # The command line and scripts act on the dossier as it is now.
    _hand_over(second, code, 1)
    assert _hand_over(workspace, code, None, taker="Ngô Văn Dũng").record.version == 3  # type: ignore[attr-defined]


def test_a_change_by_a_counter_without_a_name_says_another_counter(
    workspace: Workspace, db_location: str, code: str
) -> None:
    anonymous = open_workspace(resolve_paths(db_location), counter="")
    try:
        workflow.withdraw(anonymous, code, reason="Rút", actor="", at=AT, expected_version=1)
    finally:
        anonymous.close()
    with pytest.raises(DossierChangedError) as refused:
        _hand_over(workspace, code, 1)
    assert refused.value.message.startswith(f"Hồ sơ {code} vừa được một quầy khác cập nhật lúc 10:32")


def test_two_counters_saving_at_the_same_moment_one_wins_and_the_other_is_told(
    workspace: Workspace, second: Workspace, code: str
) -> None:
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(ws: Workspace, taker: str) -> None:
        barrier.wait()
        try:
            _hand_over(ws, code, 1, taker=taker)
            outcomes[taker] = "saved"
        except DossierChangedError:
            outcomes[taker] = "refused"

    threads = [
        threading.Thread(target=save, args=(workspace, "Phạm Thị Thu")),
        threading.Thread(target=save, args=(second, "Ngô Văn Dũng")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(taker for taker, outcome in outcomes.items() if outcome == "saved")
    record = dossier_by_code(workspace, code)
    assert (record.current_holder, record.version) == (winner, 2)
    assert [e.kind for e in workflow.events_of(workspace, code)] == ["received", "hand_over"]
