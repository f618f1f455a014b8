"""Many rows' digests at once (an import, the log's check) are the very digests of one row at a time."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cchc_desktop.domain.audit import state_digest, with_digests

ROWS: list[dict[str, Any]] = [
    {"id": 1, "code": "H1", "received_at": datetime(2024, 5, 6, 7, 30), "fee_amount": 0, "note": "Ánh"},
    {
        "id": 2,
        "code": "H2",
        "received_at": datetime(1999, 12, 31, 23, 59, 1, 5),
        "fee_amount": None,
        "note": "",
    },
    # Other columns (a row of another shape, the names in another order): the names are sorted again.
    {"note": "x", "id": 3, "birth": date(1990, 5, 12), "flag": True},
    {"id": 4, "code": "H4", "received_at": datetime(2024, 5, 6), "fee_amount": 10, "note": "\u001f"},
    {"only": "one column"},
    {},
    {"id": 5, "code": "H5", "received_at": datetime(2030, 1, 1), "fee_amount": 1, "note": '["]'},
]


def test_each_digest_is_the_one_of_its_row_alone() -> None:
    together = list(with_digests(ROWS))
    assert [state for state, _digest in together] == ROWS
    assert [digest for _state, digest in together] == [state_digest(row) for row in ROWS]


def test_a_changed_value_changes_only_that_rows_digest() -> None:
    changed = [dict(row) for row in ROWS]
    changed[1]["fee_amount"] = 1
    before = [digest for _state, digest in with_digests(ROWS)]
    after = [digest for _state, digest in with_digests(changed)]
    assert [b == a for b, a in zip(before, after, strict=True)] == [True, False, True, True, True, True, True]
