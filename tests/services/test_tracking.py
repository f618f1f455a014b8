"""The tracking list as the clerk uses it: filters, search without diacritics, sorting, pages, urgency counts.

The week of Mon 2/3/2026 (no holiday); "now" is Wed 4/3/2026 10:00.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.dossiers import Channel, DossierStatus
from cchc_desktop.domain.text import fold
from cchc_desktop.domain.urgency import Urgency
from cchc_desktop.services import audit_log, tracking
from cchc_desktop.services.catalogue import procedures_in_force
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.tracking import TrackingFilter, TrackingRow, TrackingSort
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.storage import dossier_repo
from tests.agency import set_up_agency
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 4, 10, 0)
ALL = TrackingFilter(statuses=tracking.ALL_STATES)

# name, procedure, received, id number, phone, channel, status, holder → due as computed at intake
DOSSIERS: list[tuple[str, str, datetime, str, str, Channel, DossierStatus, str]] = [
    # same day, received Monday → due Mon 17:00: overdue
    ("Nguyễn Văn A", "2.000815", datetime(2026, 3, 2, 9, 0), "001090000111", "0912345678",
     Channel.DIRECT, DossierStatus.RECEIVED, ""),
    # 2 working days from Mon 14:00 → Wed 14:00: due today
    ("Trần Thị Bích", "2.001035", datetime(2026, 3, 2, 14, 0), "030185001234", "0987654321",
     Channel.ONLINE, DossierStatus.IN_PROCESSING, "Phạm Thị Thu"),
    # 2 working days from Tue 9:00 → Thu 9:00: due the next working day
    ("Lê Văn Cường", "2.001035", datetime(2026, 3, 3, 9, 0), "031090000222", "0371234567",
     Channel.DIRECT, DossierStatus.RECEIVED, ""),
    # 10 working days: on track
    ("NGUYỄN THỊ DUNG", "2.001801", datetime(2026, 3, 4, 8, 0), "001190000333", "0909000111",
     Channel.POSTAL, DossierStatus.IN_PROCESSING, "Phạm Thị Thu"),
    # waiting for a supplement is never overdue, even past its due date
    ("Phạm Đức Em", "1.004873", datetime(2026, 2, 24, 9, 0), "001090000444", "0912000444",
     Channel.DIRECT, DossierStatus.WAITING_SUPPLEMENT, ""),
    # result ready and returned: clock stopped
    ("Hoàng Văn Giang", "1.001193", datetime(2026, 3, 3, 8, 30), "001090000555", "0912000555",
     Channel.ONLINE, DossierStatus.RESULT_READY, "Lê Văn Tâm"),
    ("Đặng Thị Hà", "1.001193", datetime(2026, 3, 2, 8, 0), "001090000666", "0912000666",
     Channel.DIRECT, DossierStatus.RETURNED, ""),
    # overdue in processing, 3 working days from Wed 25/2 → Mon 2/3
    ("Vũ Văn Ích", "1.004873", datetime(2026, 2, 25, 10, 0), "001090000777", "0912000777",
     Channel.DIRECT, DossierStatus.IN_PROCESSING, "Nguyễn Văn Hùng"),
]  # fmt: skip


def set_columns(ws: Workspace, code: str, **values: Any) -> None:
    """Change stored columns directly (statuses without the workflow service), recorded in the audit log
    as every change the app makes (the fixture verifies the log after each test)."""
    with ws.db.write() as tx:
        row = dossier_repo.by_code(tx, code)
        assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
        tx.add(row)
        tx.flush()
        audit_log.record_dossier(tx, ws, AuditAction.DOSSIER_EVENT, row)


def add_dossier(ws: Workspace, name: str, procedure: str, received: datetime, **changes: Any) -> str:
    saved = save_intake(
        ws,
        request(procedure_code=procedure, applicant_name=name, received_at=received, **changes),
        now=received,
    )
    return saved.record.code


def add_dossiers(workspace: Workspace) -> dict[str, str]:
    """The dossiers of `DOSSIERS`; applicant name → dossier code."""
    found = {}
    for name, procedure, received, id_number, phone, channel, status, holder in DOSSIERS:
        code = add_dossier(
            workspace,
            name,
            procedure,
            received,
            applicant_id_number=id_number,
            applicant_phone=phone,
            channel=channel,
        )
        set_columns(workspace, code, status=status.value, current_holder=holder)
        found[name] = code
    return found


@pytest.fixture
def codes(workspace: Workspace) -> dict[str, str]:
    return add_dossiers(workspace)


def _names(ws: Workspace, filter: TrackingFilter, sort: TrackingSort | None = None) -> list[str]:
    rows = tracking.page(ws, filter, sort or TrackingSort(), 0, 100, NOW)
    assert tracking.count(ws, filter, NOW) == len(rows)
    return [row.applicant_name for row in rows]


def test_the_default_list_holds_the_open_dossiers_most_urgent_first(
    workspace: Workspace, codes: dict[str, str]
) -> None:
    assert _names(workspace, TrackingFilter()) == [
        "Phạm Đức Em",  # due Fri 27/2, waiting
        "Vũ Văn Ích",
        "Nguyễn Văn A",
        "Hoàng Văn Giang",  # same day, Tue 17:00
        "Trần Thị Bích",
        "Lê Văn Cường",
        "NGUYỄN THỊ DUNG",
    ]
    first = tracking.page(workspace, TrackingFilter(), TrackingSort(), 0, 1, NOW)[0]
    assert first == TrackingRow(
        id=first.id,
        code=codes["Phạm Đức Em"],
        applicant_name="Phạm Đức Em",
        procedure_name="Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        field_name="Hộ tịch",
        received_at=datetime(2026, 2, 24, 9, 0),
        due_at=datetime(2026, 2, 27, 9, 0),
        appointment_at=datetime(2026, 2, 27, 9, 0),
        status=DossierStatus.WAITING_SUPPLEMENT,
        current_holder="",
        channel=Channel.DIRECT,
    )
    assert len(_names(workspace, ALL)) == len(DOSSIERS)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"statuses": frozenset({DossierStatus.RETURNED})}, {"Đặng Thị Hà"}),
        (
            {"statuses": frozenset({DossierStatus.IN_PROCESSING, DossierStatus.RESULT_READY})},
            {"Trần Thị Bích", "NGUYỄN THỊ DUNG", "Hoàng Văn Giang", "Vũ Văn Ích"},
        ),
        ({"statuses": frozenset()}, set()),
        ({"field": "Chứng thực"}, {"Nguyễn Văn A", "Trần Thị Bích", "Lê Văn Cường"}),
        ({"field": "Hộ tịch", "statuses": tracking.ALL_STATES}, {"Phạm Đức Em", "Hoàng Văn Giang",
                                                                  "Đặng Thị Hà", "Vũ Văn Ích"}),
        ({"channel": Channel.ONLINE}, {"Trần Thị Bích", "Hoàng Văn Giang"}),
        ({"channel": Channel.POSTAL, "statuses": tracking.ALL_STATES}, {"NGUYỄN THỊ DUNG"}),
        ({"holder": "Phạm Thị Thu"}, {"Trần Thị Bích", "NGUYỄN THỊ DUNG"}),
        ({"due_from": date(2026, 3, 4), "due_to": date(2026, 3, 5)}, {"Trần Thị Bích", "Lê Văn Cường"}),
        ({"due_to": date(2026, 3, 2)}, {"Phạm Đức Em", "Nguyễn Văn A", "Vũ Văn Ích"}),
        ({"due_from": date(2026, 3, 2), "statuses": tracking.ALL_STATES, "field": "Hộ tịch"},
         {"Hoàng Văn Giang", "Đặng Thị Hà", "Vũ Văn Ích"}),
        ({"urgency": Urgency.OVERDUE}, {"Nguyễn Văn A", "Vũ Văn Ích"}),
        ({"urgency": Urgency.DUE_TODAY}, {"Trần Thị Bích"}),
        ({"urgency": Urgency.DUE_NEXT_DAY}, {"Lê Văn Cường"}),
        ({"urgency": Urgency.ON_TRACK}, {"NGUYỄN THỊ DUNG"}),
        ({"urgency": Urgency.WAITING}, {"Phạm Đức Em"}),
        ({"urgency": Urgency.DONE, "statuses": tracking.ALL_STATES}, {"Hoàng Văn Giang", "Đặng Thị Hà"}),
        ({"urgency": Urgency.OVERDUE, "channel": Channel.DIRECT, "holder": "Nguyễn Văn Hùng"},
         {"Vũ Văn Ích"}),
        ({"urgency": Urgency.OVERDUE, "statuses": frozenset({DossierStatus.RESULT_READY})}, set()),
        ({"urgency": Urgency.OVERDUE, "due_from": date(2026, 3, 2)}, {"Nguyễn Văn A", "Vũ Văn Ích"}),
        ({"urgency": Urgency.OVERDUE, "due_to": date(2026, 2, 28)}, set()),
    ],
)  # fmt: skip
def test_filters(
    workspace: Workspace, codes: dict[str, str], changes: dict[str, Any], expected: set[str]
) -> None:
    filter = dataclasses.replace(TrackingFilter(), **changes)
    assert set(_names(workspace, filter)) == expected


@pytest.mark.parametrize("statuses", [tracking.OPEN_STATES, tracking.ALL_STATES], ids=["open", "all"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nguyen van a", {"Nguyễn Văn A"}),
        ("NGUYỄN", {"Nguyễn Văn A", "NGUYỄN THỊ DUNG"}),
        ("nguyễn thị", {"NGUYỄN THỊ DUNG"}),
        ("  dang   thi ", {"Đặng Thị Hà"}),
        ("Đức", {"Phạm Đức Em"}),
        ("0909", {"NGUYỄN THỊ DUNG"}),  # phone prefix
        ("0301850", {"Trần Thị Bích"}),  # ID number prefix
        ("0987 654", {"Trần Thị Bích"}),  # phone typed with a space
        ("+84 987654321", {"Trần Thị Bích"}),
        ("90000111", set()),  # digits inside an ID number are no match: only the start counts
        ("100%", set()),  # wildcards are plain text
        ("a_b", set()),
    ],
)
def test_search_ignores_case_and_diacritics_and_finds_id_and_phone_prefixes(
    workspace: Workspace,
    codes: dict[str, str],
    statuses: frozenset[DossierStatus],
    text: str,
    expected: set[str],
) -> None:
    found = set(_names(workspace, TrackingFilter(statuses=statuses, search=text)))
    if statuses == tracking.OPEN_STATES:
        expected = expected - {"Đặng Thị Hà"}  # returned
    assert found == expected


def test_search_by_code_part(workspace: Workspace, codes: dict[str, str]) -> None:
    code = codes["Lê Văn Cường"]
    assert _names(workspace, TrackingFilter(search=code)) == ["Lê Văn Cường"]
    assert _names(workspace, TrackingFilter(search=code[-9:].lower())) == ["Lê Văn Cường"]  # 260303-0001
    # Letters of the code in either case, on both engines (SQLite's LIKE ignores ASCII case).
    assert set(_names(workspace, TrackingFilter(search="h00-260303-"))) == {"Lê Văn Cường", "Hoàng Văn Giang"}
    assert set(_names(workspace, TrackingFilter(statuses=tracking.ALL_STATES, search="-260302-"))) == {
        "Nguyễn Văn A",
        "Trần Thị Bích",
        "Đặng Thị Hà",
    }


_RANK = [
    DossierStatus.RECEIVED,
    DossierStatus.IN_PROCESSING,
    DossierStatus.WAITING_SUPPLEMENT,
    DossierStatus.RESULT_READY,
    DossierStatus.RETURNED,
]
_KEYS: dict[str, Any] = {
    "code": lambda r: r.code,
    "applicant": lambda r: fold(r.applicant_name),
    "procedure": lambda r: r.procedure_name,
    "field": lambda r: r.field_name,
    "received": lambda r: r.received_at,
    "due": lambda r: r.due_at,
    "holder": lambda r: r.current_holder,
}


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("statuses", [tracking.OPEN_STATES, tracking.ALL_STATES], ids=["open", "all"])
@pytest.mark.parametrize("column", tracking.SORT_COLUMNS)
def test_sorting_by_every_column_with_ties_broken_by_id(
    workspace: Workspace,
    codes: dict[str, str],
    column: str,
    statuses: frozenset[DossierStatus],
    descending: bool,
) -> None:
    filter = TrackingFilter(statuses=statuses)
    rows = tracking.page(workspace, filter, TrackingSort(column, descending), 0, 100, NOW)
    assert len(rows) == tracking.count(workspace, filter, NOW)
    if column == "status":
        # Lifecycle order (reversed on request); inside a state the most urgent first, always.
        rank = {state: i for i, state in enumerate(_RANK)}
        expected = sorted(rows, key=lambda r: (r.due_at, r.id))
        expected.sort(key=lambda r: rank[r.status], reverse=descending)
    else:
        key = _KEYS[column]
        expected = sorted(rows, key=lambda r: (key(r), r.id), reverse=descending)
    assert rows == expected


def test_the_state_order_follows_the_lifecycle(workspace: Workspace, codes: dict[str, str]) -> None:
    rows = tracking.page(workspace, ALL, TrackingSort("status"), 0, 100, NOW)
    assert [r.applicant_name for r in rows][:4] == [
        "Nguyễn Văn A",  # received, due Mon 17:00
        "Lê Văn Cường",  # received, due Thu
        "Vũ Văn Ích",  # in processing, due Mon 10:00
        "Trần Thị Bích",
    ]
    assert [r.status for r in rows][-2:] == [DossierStatus.RESULT_READY, DossierStatus.RETURNED]


@pytest.mark.parametrize("sort", [TrackingSort("due"), TrackingSort("field", True), TrackingSort("status")])
@pytest.mark.parametrize("statuses", [tracking.OPEN_STATES, tracking.ALL_STATES], ids=["open", "all"])
def test_pages_cover_the_list_without_duplicates(
    workspace: Workspace, statuses: frozenset[DossierStatus], sort: TrackingSort
) -> None:
    for index in range(23):
        code = add_dossier(
            workspace,
            f"Bùi Văn Số {index:02d}",
            "2.000815" if index % 3 else "1.004873",
            datetime(2026, 3, 2 + index % 3, 8 + index % 4, index),
        )
        if index % 5 == 0:
            set_columns(workspace, code, status=DossierStatus.RETURNED.value)
    filter = TrackingFilter(statuses=statuses, search="văn số")
    whole = tracking.page(workspace, filter, sort, 0, 100, NOW)
    assert (
        len(whole)
        == tracking.count(workspace, filter, NOW)
        == (23 if statuses == tracking.ALL_STATES else 18)
    )
    pages = [tracking.page(workspace, filter, sort, offset, 7, NOW) for offset in range(0, 28, 7)]
    assert [len(p) for p in pages] == [min(7, max(0, len(whole) - offset)) for offset in range(0, 28, 7)]
    assert [row for p in pages for row in p] == whole  # many share a due time or field: ties split pages
    assert tracking.page(workspace, filter, sort, 100, 7, NOW) == []


def test_urgency_counts_at_a_fixed_moment(workspace: Workspace, codes: dict[str, str]) -> None:
    assert tracking.urgency_counts(workspace, NOW) == {
        Urgency.OVERDUE: 2,
        Urgency.DUE_TODAY: 1,
        Urgency.DUE_NEXT_DAY: 1,
        Urgency.ON_TRACK: 1,
        Urgency.WAITING: 1,
    }
    # Friday evening: Thursday's and Wednesday's are late; the next working day is Monday.
    friday = datetime(2026, 3, 6, 18, 0)
    counts = tracking.urgency_counts(workspace, friday)
    assert (counts[Urgency.OVERDUE], counts[Urgency.DUE_TODAY], counts[Urgency.DUE_NEXT_DAY]) == (4, 0, 0)
    for urgency, number in counts.items():
        assert tracking.count(workspace, TrackingFilter(urgency=urgency), friday) == number


def test_counts_of_an_empty_database(workspace: Workspace) -> None:
    assert set(tracking.urgency_counts(workspace, NOW).values()) == {0}
    assert tracking.count(workspace, TrackingFilter(), NOW) == 0
    assert tracking.field_names(workspace) == []
    assert tracking.holders(workspace) == []


def test_field_names_and_holders_for_the_filter_lists(workspace: Workspace, codes: dict[str, str]) -> None:
    assert tracking.field_names(workspace) == ["Chứng thực", "Hộ tịch", "Xử lý đơn"]
    assert tracking.holders(workspace) == sorted(["Lê Văn Tâm", "Nguyễn Văn Hùng", "Phạm Thị Thu"])


def test_an_unknown_sort_column_is_a_bug() -> None:
    with pytest.raises(ValueError, match="cannot sort by 'colour'"):
        TrackingSort("colour")


@pytest.fixture
def vietnamese_server(postgres_server: Any) -> Iterator[Workspace]:
    """A centre server whose database sorts text the Vietnamese way (ICU vi-VN), as an administrator may
    well create it: the app must still list in the same order as on the SQLite file (code points)."""
    name = f"cchc_vi_{os.getpid()}"
    try:
        postgres_server.admin_sql(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"
            " LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN'"
        )
    except Exception as error:  # a server built without ICU
        pytest.skip(f"no ICU collation on this PostgreSQL: {error}")
    ws = open_workspace(resolve_paths(postgres_server.address(name).url(with_password=True)))
    try:
        set_up_agency(ws)
        yield ws
    finally:
        ws.close()
        postgres_server.drop_database(name)


def test_a_server_sorting_the_vietnamese_way_lists_in_the_same_order(vietnamese_server: Workspace) -> None:
    ws = vietnamese_server
    names = add_dossiers(ws)
    set_columns(ws, names["Lê Văn Cường"], current_holder="Đỗ Văn Ba")  # Đ: after D in Vietnamese, last here
    for column in tracking.SORT_COLUMNS:
        for descending in (False, True):
            rows = tracking.page(ws, ALL, TrackingSort(column, descending), 0, 100, NOW)
            if column != "status":
                key = _KEYS[column]
                assert rows == sorted(rows, key=lambda r: (key(r), r.id), reverse=descending), column
    assert tracking.holders(ws) == ["Lê Văn Tâm", "Nguyễn Văn Hùng", "Phạm Thị Thu", "Đỗ Văn Ba"]
    assert tracking.field_names(ws) == ["Chứng thực", "Hộ tịch", "Xử lý đơn"]
    in_force = procedures_in_force(ws.db, date(2026, 3, 4))
    assert [(p.field, p.name) for p in in_force] == sorted((p.field, p.name) for p in in_force)
