"""At intake, the citizen's dossiers of the same procedure that are still open: a warning, never a refusal."""

from __future__ import annotations

from datetime import datetime, timedelta

from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.services import workflow
from cchc_desktop.services.intake import OpenDossier, open_dossiers_of, save_intake
from cchc_desktop.services.workspace import Workspace
from tests.services.intake_helpers import RECEIVED, request

ID = "030185001234"
MARRIAGE = "1.004873"  # tình trạng hôn nhân, the helper's procedure
NOW = RECEIVED + timedelta(minutes=5)


def _save(workspace: Workspace, at: datetime, **changes: object):  # type: ignore[no-untyped-def]
    return save_intake(workspace, request(received_at=at, **changes), now=at + timedelta(minutes=1))


def test_an_open_dossier_of_the_same_id_and_procedure_is_found_newest_first(workspace: Workspace) -> None:
    first = _save(workspace, RECEIVED).record
    second = _save(workspace, RECEIVED + timedelta(minutes=2)).record
    # Spaces or dots typed in the number do not hide it.
    found = open_dossiers_of(workspace, "030 185.001 234", MARRIAGE)
    assert found == [
        OpenDossier(second.code, second.received_at, DossierStatus.RECEIVED),
        OpenDossier(first.code, first.received_at, DossierStatus.RECEIVED),
    ]


def test_other_citizens_other_procedures_and_closed_dossiers_are_not_found(workspace: Workspace) -> None:
    _save(workspace, RECEIVED, applicant_id_number="001090000111")
    assert open_dossiers_of(workspace, ID, MARRIAGE) == []
    refused = _save(workspace, RECEIVED + timedelta(minutes=1)).record
    workflow.refuse(workspace, refused.code, reason="Không đủ điều kiện", actor="Lê Văn Tâm", at=NOW)
    withdrawn = _save(workspace, RECEIVED + timedelta(minutes=2)).record
    workflow.withdraw(workspace, withdrawn.code, reason="Công dân rút", actor="Lê Văn Tâm", at=NOW)
    assert open_dossiers_of(workspace, ID, MARRIAGE) == []
    assert open_dossiers_of(workspace, ID, "2.000815") == []
    assert open_dossiers_of(workspace, "", MARRIAGE) == []
    assert open_dossiers_of(workspace, ID, "") == []


def test_a_result_waiting_at_the_counter_is_still_open_until_returned(workspace: Workspace) -> None:
    code = _save(workspace, RECEIVED).record.code
    at = NOW + timedelta(minutes=10)
    workflow.receive_result(workspace, code, giver="Trần Thị Bình", taker="Lê Văn Tâm", at=at)
    assert [(d.code, d.status) for d in open_dossiers_of(workspace, ID, MARRIAGE)] == [
        (code, DossierStatus.RESULT_READY)
    ]
    workflow.return_result(workspace, code, actor="Lê Văn Tâm", at=at + timedelta(minutes=5))
    assert open_dossiers_of(workspace, ID, MARRIAGE) == []


def test_saving_again_still_saves_and_says_which_dossier_was_open(workspace: Workspace) -> None:
    first = _save(workspace, RECEIVED).record
    again = _save(workspace, RECEIVED + timedelta(minutes=3))
    assert again.record.code != first.code  # a warning, not a refusal
    assert [d.code for d in again.open_before] == [first.code]
    assert (
        _save(workspace, RECEIVED + timedelta(minutes=4), applicant_id_number="001090000111").open_before
        == ()
    )
