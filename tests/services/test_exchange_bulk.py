"""The import's fast paths write and read exactly what the plain ones did."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from cchc_desktop.domain import exchange_format
from cchc_desktop.domain.exchange_format import YearOutOfRangeError, parse_time
from cchc_desktop.services.exchange import import_file
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import exchange_repo
from tests.services.raw_sql import run_sql
from tests.services.test_exchange import GOOD, write_csv

FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M")


def by_strptime(text: str) -> datetime | None:
    """The definition: the first of the accepted formats strptime reads, seconds dropped."""
    for pattern in FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).replace(second=0)
        except ValueError:
            continue
    return None


def parsed(text: str) -> datetime | str | None:
    try:
        return parse_time(text)
    except YearOutOfRangeError:
        return "year"
    except ValueError:
        return None


def test_the_usual_time_shapes_are_read_without_strptime(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    class Counting(datetime):
        @classmethod
        def strptime(cls, text: str, pattern: str) -> datetime:  # type: ignore[override]
            calls.append(text)
            return datetime.strptime(text, pattern)

    monkeypatch.setattr(exchange_format, "datetime", Counting)
    for text in (
        "2023-01-05T09:00",
        "2023-01-05 09:00",
        "2023-01-05T09:00:59",
        "05/01/2023 14:00",
        "2023-1-5T9:05",
    ):
        assert parse_time(text) == by_strptime(text), text
    assert calls == []


@settings(max_examples=3000, deadline=None)
@given(
    st.text(alphabet="0123456789-/: Tt٣", max_size=22)
    | st.builds(
        lambda y, mo, d, h, mi, s, sep, shape: (
            f"{d}/{mo}/{y} {h}:{mi}"
            if shape
            else f"{y}-{mo}-{d}{sep}{h}:{mi}" + (f":{s}" if s is not None else "")
        ),
        st.integers(1980, 2110).map(str) | st.sampled_from(["0999", "20231", "202"]),
        st.integers(0, 13).map(str) | st.sampled_from(["01", "09", "00", "1 ", "012"]),
        st.integers(0, 32).map(str) | st.sampled_from(["01", "09", "00", " 5", "29", "30", "31"]),
        st.integers(0, 25).map(str) | st.sampled_from(["00", "07", "23", "24"]),
        st.integers(0, 61).map(str) | st.sampled_from(["00", "05", "59", "60", "5"]),
        st.none() | st.integers(0, 62).map(str) | st.sampled_from(["00", "07"]),
        st.sampled_from(["T", " ", "t", "  "]),
        st.booleans(),
    )
)
def test_times_read_as_strptime_reads_them(text: str) -> None:
    expected = by_strptime(text)
    if expected is not None and not exchange_format.MIN_YEAR <= expected.year <= exchange_format.MAX_YEAR:
        assert parsed(text) == "year"
    elif len(text.strip()) <= 40 and text.strip():
        assert parsed(text) == expected


def raw_rows(ws: Workspace) -> list[tuple[Any, ...]]:
    """Every dossier column and every event column but the import's time, as stored."""
    dossiers = run_sql(ws.db, "SELECT * FROM dossier ORDER BY id")
    events = run_sql(
        ws.db,
        "SELECT dossier_id, kind, actor, giver, taker, note, data_json, counter, recorded_by FROM dossier_event ORDER BY id",
    )
    return dossiers + events


def imported(folder: Path, source: Path) -> list[tuple[Any, ...]]:
    """The rows an import of `source` into a new SQLite file wrote; its audit log checked whole."""
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.audit_verify import verify_audit
    from cchc_desktop.services.workspace import open_workspace
    from tests.agency import set_up_agency

    ws = open_workspace(resolve_paths(str(folder / "db.sqlite3")))
    try:
        set_up_agency(ws)
        assert import_file(ws, source).added == len(GOOD)
        assert verify_audit(ws.db).ok
        return raw_rows(ws)
    finally:
        ws.close()


def test_an_import_writes_what_a_plain_core_insert_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_csv(tmp_path / "in.csv", GOOD)
    (tmp_path / "fast").mkdir()
    (tmp_path / "plain").mkdir()
    fast = imported(tmp_path / "fast", source)

    def plain(connection: Any, table: Any, rows: list[dict[str, Any]]) -> None:
        connection.execute(insert(table), rows)

    monkeypatch.setattr(exchange_repo, "insert_many", plain)
    assert imported(tmp_path / "plain", source) == fast


def test_the_import_leaves_the_usual_page_cache(workspace: Workspace, tmp_path: Path) -> None:
    def cache_sizes() -> set[int]:
        with workspace.db.write() as tx:
            connection = tx.connection()
            if connection.dialect.name != "sqlite":
                return set()
            return {connection.exec_driver_sql("PRAGMA cache_size").scalar_one()}

    before = cache_sizes()
    import_file(workspace, write_csv(tmp_path / "in.csv", GOOD))
    assert cache_sizes() == before
