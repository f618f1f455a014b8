"""A dossier row changed behind the app's back (raw SQL, another tool): the health check names it, the
tracking list marks it, `dossier`, `export` and `print` keep working for every other dossier and
`report` refuses with the list instead of silently leaving it out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from cchc_desktop.app import main
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services import tracking
from cchc_desktop.services.exchange import export_file
from cchc_desktop.services.health import faulty_dossiers, faulty_message
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.registers import register_data
from cchc_desktop.services.tracking import ALL_STATES, TrackingFilter, TrackingSort
from cchc_desktop.services.workspace import Workspace, open_workspace
from tests.agency import set_up_agency
from tests.services.intake_helpers import request
from tests.services.raw_sql import run_sql

NOW = datetime(2026, 3, 2, 10, 10)
# A time column holding text that is no time exists only on SQLite (PostgreSQL's columns are timestamps).
TIME_CORRUPTION = {"sqlite": ", received_at = 'not a time'", "postgresql": ""}
CORRUPTION = (
    "UPDATE dossier SET status = 'xyz', channel = 'abc', payment_method = 'q'{time} WHERE code = :code",
    "UPDATE dossier_event SET data_json = '{{bad' WHERE dossier_id = (SELECT id FROM dossier WHERE code = :code)",
)
TIME_PROBLEM = "thời điểm tiếp nhận không đọc được"
ALL_PROBLEMS = (
    "trạng thái không hợp lệ",
    "kênh nộp không hợp lệ",
    "hình thức thanh toán không hợp lệ",
    TIME_PROBLEM,
    "quá trình giải quyết hỏng",
)


@pytest.fixture
def problems(db_engine: str) -> tuple[str, ...]:
    """What the health check says about the corrupted dossier on this engine."""
    return tuple(p for p in ALL_PROBLEMS if TIME_CORRUPTION[db_engine] or p != TIME_PROBLEM)


@pytest.fixture
def codes(db_location: str, db_engine: str) -> Iterator[tuple[str, str]]:
    """(sound, faulty): two dossiers, the second corrupted with raw SQL."""
    ws = open_workspace(resolve_paths(db_location))
    set_up_agency(ws)
    good = save_intake(ws, request(applicant_name="Nguyễn Văn An"), now=NOW).record.code
    bad = save_intake(ws, request(applicant_name="Trần Thị Bình"), now=NOW).record.code
    for statement in CORRUPTION:
        run_sql(ws.db, statement.format(time=TIME_CORRUPTION[db_engine]), {"code": bad})
    ws.close()
    yield good, bad


@pytest.fixture
def ws(db_location: str, codes: tuple[str, str]) -> Iterator[Workspace]:
    workspace = open_workspace(resolve_paths(db_location))
    yield workspace
    workspace.close()


def _cli(capsys: pytest.CaptureFixture[str], db_location: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", db_location, *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_health_check_names_the_faulty_dossier_and_what_is_wrong(
    ws: Workspace, codes: tuple[str, str], problems: tuple[str, ...]
) -> None:
    good, bad = codes
    faults = faulty_dossiers(ws.db)
    assert [fault.code for fault in faults] == [bad]
    assert faults[0].problems == problems
    message = faulty_message(faults)
    assert bad in message and good not in message and "Trần" not in message
    # Its status word is unknown, so the default "open" list cannot hold it: the message says where it is.
    assert "chỉ hiện khi chọn Trạng thái “Tất cả”" in message


def test_the_tracking_list_marks_the_faulty_row_and_shows_the_others(
    ws: Workspace, codes: tuple[str, str], problems: tuple[str, ...]
) -> None:
    good, bad = codes
    rows = tracking.page(ws, TrackingFilter(statuses=ALL_STATES), TrackingSort("code"), 0, 50, NOW)
    by_code = {row.code: row for row in rows}
    assert set(by_code) == {good, bad}
    assert by_code[good].faults == ()
    assert by_code[bad].faults == problems


def test_the_tracking_table_shows_the_mark(qtbot, ws: Workspace, codes: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.models.tracking_model import FAULTY, STATUS, TrackingModel

    model = TrackingModel(ws, clock=lambda: NOW)
    model.set_filter(TrackingFilter(statuses=ALL_STATES))
    model.reload()
    texts = {model.index(row, 0).data(): model.index(row, STATUS).data() for row in range(model.rowCount())}
    assert texts[codes[1]] == FAULTY
    assert texts[codes[0]] == "Đã tiếp nhận"


def test_dossier_print_and_export_work_for_every_other_dossier(
    capsys: pytest.CaptureFixture[str],
    db_location: str,
    tmp_path: Path,
    codes: tuple[str, str],
    problems: tuple[str, ...],
) -> None:
    good, bad = codes
    status, out, err = _cli(capsys, db_location, "dossier", good)
    assert status == 0, err
    assert good in out
    status, _, err = _cli(capsys, db_location, "print", "receipt", good, "--out", str(tmp_path / "r.pdf"))
    assert status == 0, err
    status, _, err = _cli(capsys, db_location, "export", "--out", str(tmp_path / "all.csv"))
    assert status == 0, err
    exported = (tmp_path / "all.csv").read_text(encoding="utf-8")
    assert good in exported and bad not in exported
    status, _, err = _cli(capsys, db_location, "dossier", bad)
    assert status != 0
    assert err.startswith(f"Lỗi: Hồ sơ {bad} có lỗi dữ liệu") and "Traceback" not in err
    assert all(problem in err for problem in problems)


def test_the_report_refuses_with_the_list_of_faulty_dossiers(
    capsys: pytest.CaptureFixture[str], db_location: str, codes: tuple[str, str], problems: tuple[str, ...]
) -> None:
    good, bad = codes
    status, _, err = _cli(capsys, db_location, "report", "--from", "2026-01-01", "--to", "2026-12-31")
    assert status != 0
    assert "Chưa lập được báo cáo: 1 hồ sơ có lỗi dữ liệu" in err
    assert f"- {bad}: {', '.join(problems)}" in err
    assert good not in err and "Traceback" not in err


@pytest.mark.sqlite_only  # a time column holding text: only the SQLite file can
@pytest.mark.parametrize("value", ["now", "2460000.5", "", "05/01/2026"])
def test_a_time_only_sqlite_understands_is_faulty_too(
    ws: Workspace, codes: tuple[str, str], value: str
) -> None:
    good, _ = codes
    run_sql(ws.db, "UPDATE dossier SET due_at = :value WHERE code = :code", {"value": value, "code": good})
    faults = {fault.code: fault.problems for fault in faulty_dossiers(ws.db)}
    assert "hạn giải quyết không đọc được" in faults[good]


DOCUMENTS, EVENTS = "danh sách giấy tờ hỏng", "quá trình giải quyết hỏng"
A_DOCUMENT = '[{"name": "Tờ khai", "kind": "bản chính", "count": 1}]'


@pytest.mark.parametrize(
    ("documents", "event_data", "problem"),
    [
        ('{"a": 1}', "{}", DOCUMENTS),  # valid JSON, but not a list of documents
        ('["Tờ khai"]', "{}", DOCUMENTS),  # a list of strings
        (
            '[{"name": "Tờ khai", "kind": "bản chính", "count": "hai"}]',
            "{}",
            DOCUMENTS,
        ),  # a count that is no number
        ('[{"name": "Tờ khai", "kind": "bản chính", "count": 1.5}]', "{}", DOCUMENTS),  # nor a whole number
        ("[]", "[1, 2]", EVENTS),  # an event whose data is not an object
        # Broken JSON: the server must report it, not fail on a cast of the text to json.
        ('[{"name": "Tờ khai", "kind"', "{}", DOCUMENTS),
        (A_DOCUMENT, '{"before": {"a": [1, {"b": ', EVENTS),
        (A_DOCUMENT, '{"note": "a\\qb"}', EVENTS),  # an escape JSON does not have
    ],
)
def test_json_of_the_wrong_shape_is_a_fault_not_an_unexpected_error(
    capsys: pytest.CaptureFixture[str],
    ws: Workspace,
    codes: tuple[str, str],
    db_location: str,
    tmp_path: Path,
    documents: str,
    event_data: str,
    problem: str,
) -> None:
    good, _ = codes
    parameters = {"documents": documents, "event_data": event_data, "code": good}
    run_sql(ws.db, "UPDATE dossier SET documents_json = :documents WHERE code = :code", parameters)
    run_sql(
        ws.db,
        "UPDATE dossier_event SET data_json = :event_data"
        " WHERE dossier_id = (SELECT id FROM dossier WHERE code = :code)",
        parameters,
    )
    faults = {fault.code: fault.problems for fault in faulty_dossiers(ws.db)}
    assert faults[good] == (problem,)
    # The register of the day and the export leave both faulty dossiers out (and so hold none): they do
    # not fail on the JSON that does not parse.
    assert register_data(ws, NOW.date(), NOW.date()).rows == ()
    assert export_file(ws, tmp_path / "all.csv") == 0
    status, _, err = _cli(capsys, db_location, "dossier", good)
    assert status != 0 and "có lỗi dữ liệu" in err and "Lỗi không mong muốn" not in err


def test_nested_event_data_as_the_app_writes_it_is_sound(ws: Workspace, codes: tuple[str, str]) -> None:
    """A correction's event holds objects in an object, lists in them: readable JSON, no fault."""
    good, _ = codes
    data = '{"before": {"documents": [{"name": "Tờ khai", "count": 1}], "note": "a\\"b\\u00e9"}, "after": {}}'
    run_sql(
        ws.db,
        "UPDATE dossier_event SET data_json = :data WHERE dossier_id = (SELECT id FROM dossier WHERE code = :code)",
        {"data": data, "code": good},
    )
    assert good not in {fault.code for fault in faulty_dossiers(ws.db)}


def test_more_faulty_dossiers_than_listed_are_pointed_to_where_the_clerk_finds_them() -> None:
    from cchc_desktop.services.reporting import FaultyDossiersError
    from cchc_desktop.storage.row_faults import DossierFault

    faults = [
        DossierFault(f"000.00.00.H00-260302-{n:04d}", ("trạng thái không hợp lệ",)) for n in range(1, 23)
    ]
    message = FaultyDossiersError(faults).message
    assert "000.00.00.H00-260302-0020: trạng thái không hợp lệ" in message
    assert "-0021" not in message
    assert "và 2 hồ sơ khác (được đánh dấu trong thẻ Theo dõi hạn giải quyết, Trạng thái “Tất cả”)" in message
