from __future__ import annotations

import multiprocessing
import re
from datetime import datetime

import pytest

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.dossiers import DossierStatus, PaymentMethod
from cchc_desktop.domain.intake import ReceivedItem
from cchc_desktop.services.intake import (
    IntakeValidationError,
    dossier_by_code,
    returning_applicant,
    save_intake,
)
from cchc_desktop.services.workspace import Workspace, open_workspace
from tests.agency import set_up_agency
from tests.services.intake_helpers import request
from tests.services.raw_sql import count_rows

NOW = datetime(2026, 3, 2, 10, 10)


def test_saving_stores_the_dossier_with_its_code_register_row_due_date_and_first_event(
    workspace: Workspace,
) -> None:
    saved = save_intake(workspace, request(), now=NOW)
    record = saved.record
    assert record.code == "000.00.00.H00-260302-0001"
    assert (record.register_volume, record.register_row) == ("2026", 1)
    assert record.due_at == datetime(2026, 3, 5, 10, 5)  # 3 working days
    assert record.status is DossierStatus.RECEIVED
    assert record.applicant_phone == "0912345678"
    assert record.procedure_name == "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân"
    assert dossier_by_code(workspace, record.code) == record
    second = save_intake(
        workspace, request(applicant_name="Trần Văn Nam", applicant_id_number="001090000111"), now=NOW
    )
    assert second.record.code == "000.00.00.H00-260302-0002"
    assert second.record.register_row == 2


def test_the_daily_sequence_starts_again_each_day_and_the_register_row_does_not(workspace: Workspace) -> None:
    save_intake(workspace, request(), now=NOW)
    next_day = save_intake(
        workspace, request(received_at=datetime(2026, 3, 3, 8, 0)), now=datetime(2026, 3, 3, 8, 1)
    )
    assert next_day.record.code.endswith("-260303-0001")
    assert next_day.record.register_row == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"applicant_name": "  "}, "applicant_name", "Nhập họ tên"),
        ({"applicant_id_number": "12345"}, "applicant_id_number", "12 chữ số"),
        ({"applicant_id_number": "099185001234"}, "applicant_id_number", "099"),
        ({"applicant_phone": "0123"}, "applicant_phone", "10 chữ số"),
        ({"documents": ()}, "documents", "ít nhất một giấy tờ"),
        ({"received_at": datetime(2026, 3, 1, 9, 0)}, "back_entry_reason", "lý do vào sổ muộn"),
        ({"received_at": datetime(2026, 3, 2, 11, 0)}, "received_at", "sau thời điểm hiện tại"),
        ({"fee_amount": 8000}, "payment_method", "hình thức nộp"),
        ({"fee_exempt": True}, "fee_exempt_reason", "lý do miễn"),
        ({"submitter_name": "Lê Văn B"}, "authorisation_document", "văn bản ủy quyền"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_nothing_is_written(
    workspace: Workspace, changes: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(IntakeValidationError) as error:
        save_intake(workspace, request(**changes), now=NOW)
    assert message in error.value.errors[field]
    assert count_rows(workspace.db, "dossier") == 0
    assert count_rows(workspace.db, "dossier_event") == 0
    assert count_rows(workspace.db, "number_sequence") == 0


def test_a_back_entry_with_a_reason_is_accepted_and_the_reason_is_kept(workspace: Workspace) -> None:
    saved = save_intake(
        workspace,
        request(received_at=datetime(2026, 2, 27, 16, 0), back_entry_reason="Mất điện chiều 27/02"),
        now=NOW,
    )
    assert saved.record.code.endswith("-260227-0001")
    assert saved.record.due_at == datetime(2026, 3, 4, 16, 0)


def test_text_is_stored_in_nfc(workspace: Workspace) -> None:
    import unicodedata

    saved = save_intake(
        workspace, request(applicant_name=unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh")), now=NOW
    )
    assert saved.record.applicant_name == "Phạm Thị Ngọc Ánh"


def test_a_fee_and_its_payment_are_stored(workspace: Workspace) -> None:
    saved = save_intake(
        workspace,
        request(
            procedure_code="2.000635",
            fee_amount=16000,
            payment_method=PaymentMethod.CASH,
            documents=(ReceivedItem("Tờ khai", "bản chính", 1),),
        ),
        now=NOW,
    )
    assert (saved.record.fee_amount, saved.record.payment_method) == (16000, PaymentMethod.CASH)
    assert saved.record.due_at == datetime(2026, 3, 2, 17, 0)


def test_a_returning_citizen_is_found_by_id_number(workspace: Workspace) -> None:
    save_intake(workspace, request(), now=NOW)
    found = returning_applicant(workspace, "030 185 001 234")
    assert found is not None
    assert (found.applicant_name, found.applicant_phone) == ("Nguyễn Thị Hoa", "0912345678")
    assert returning_applicant(workspace, "001090000111") is None


def _save_many(db_location: str, worker: int, count: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    workspace = open_workspace(resolve_paths(db_location))
    codes = []
    for index in range(count):
        saved = save_intake(
            workspace,
            request(applicant_name=f"Người nộp {worker}-{index}"),
            now=NOW,
        )
        codes.append((saved.record.code, saved.record.register_row))
    workspace.close()
    queue.put(codes)


def test_racing_saves_from_several_processes_never_share_a_code_or_row(db_location: str) -> None:
    first = open_workspace(resolve_paths(db_location))
    set_up_agency(first)
    first.close()
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers, per_worker = 4, 15
    processes = [
        context.Process(target=_save_many, args=(db_location, w, per_worker, queue)) for w in range(workers)
    ]
    for process in processes:
        process.start()
    results = [item for _ in processes for item in queue.get(timeout=120)]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    codes = [code for code, _ in results]
    rows = sorted(row for _, row in results)
    total = workers * per_worker
    assert len(set(codes)) == total
    assert rows == list(range(1, total + 1))
    assert sorted(int(re.sub(r".*-", "", code)) for code in codes) == list(range(1, total + 1))
