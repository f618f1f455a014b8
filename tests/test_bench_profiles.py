"""The benchmarks' imported profile (bench/generate.py) looks like ten years brought in from the online
system: a few percent never closed and overdue by years, procedures the catalogue does not know kept by
name, every dossier stored as an import stores it; the tidy profile has none of that."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from bench.generate import build_database
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.urgency import Urgency
from cchc_desktop.services import tracking
from cchc_desktop.services.exchange import export_file, import_file
from cchc_desktop.services.workspace import open_workspace

COUNT = 2000
NOW = datetime(2026, 11, 25, 9, 0)  # a few days after the generated history ends
# Open although received more than 20 days before the history ends (only the last weeks are still
# being worked on in a tidy history).
NEVER_CLOSED = (
    "SELECT count(*) FROM dossier WHERE status IN ('received', 'in_processing', 'waiting_supplement')"
    " AND resolved_at IS NULL AND received_at < '2026-10-31'"
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("bench") / "imported.sqlite3", COUNT, profile="imported")


@pytest.fixture(scope="module")
def tidy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("bench") / "tidy.sqlite3", COUNT)


def _one(path: Path, query: str) -> object:
    with sqlite3.connect(path) as connection:
        value = connection.execute(query).fetchone()[0]
    connection.close()
    return value


def test_about_three_percent_never_closed_and_overdue_by_years(imported: Path, tidy: Path) -> None:
    never_closed = _one(imported, NEVER_CLOSED)
    assert isinstance(never_closed, int) and 0.025 * COUNT <= never_closed <= 0.035 * COUNT
    oldest_due = _one(imported, NEVER_CLOSED.replace("count(*)", "min(due_at)"))
    assert str(oldest_due) < "2018-01-01"  # overdue by years
    assert _one(tidy, NEVER_CLOSED) == 0
    workspace = open_workspace(resolve_paths(str(imported)))
    try:
        # The clerk's tracking tab counts them as overdue (those waiting for papers are never overdue).
        overdue = tracking.urgency_counts(workspace, NOW)[Urgency.OVERDUE]
    finally:
        workspace.close()
    waiting = _one(imported, NEVER_CLOSED.replace("IN ('received', 'in_processing',", "IN ("))
    assert overdue >= never_closed - waiting  # type: ignore[operator]


def test_long_overdue_results(imported: Path) -> None:
    """Some dossiers got their result months after the due date."""
    late = _one(
        imported, "SELECT count(*) FROM dossier WHERE julianday(resolved_at) - julianday(due_at) > 30"
    )
    assert isinstance(late, int) and late >= 0.01 * COUNT


def test_unknown_procedures_are_kept_by_name(imported: Path, tidy: Path) -> None:
    with sqlite3.connect(imported) as connection:
        unknown = connection.execute(
            "SELECT procedure_code, procedure_name, field_name FROM dossier WHERE procedure_id IS NULL"
        ).fetchall()
        catalogue = {code for (code,) in connection.execute("SELECT code FROM procedure")}
    connection.close()
    assert 0.02 * COUNT <= len(unknown) <= 0.1 * COUNT
    assert all(name and field for _, name, field in unknown)
    assert not {code for code, _, _ in unknown} & catalogue
    assert any(code == "" for code, _, _ in unknown)  # some carry only a name
    assert _one(tidy, "SELECT count(*) FROM dossier WHERE procedure_id IS NULL") == 0


def test_ten_years_of_history(imported: Path) -> None:
    span = _one(imported, "SELECT julianday(max(received_at)) - julianday(min(received_at)) FROM dossier")
    assert isinstance(span, float) and span > 365 * 9.9


def test_stored_as_an_import_stores_them(imported: Path, tmp_path: Path) -> None:
    """No register rows, one "imported" event and one import entry in the audit log per dossier, and the
    exported file imports again without a problem (the unknown procedures carry their due dates)."""
    assert _one(imported, "SELECT count(*) FROM dossier WHERE imported = 1 AND register_row IS NULL") == COUNT
    assert _one(imported, "SELECT count(*) FROM dossier_event WHERE kind = 'imported'") == COUNT
    assert _one(imported, "SELECT count(*) FROM audit_entry WHERE action = 'import'") == COUNT
    source = open_workspace(resolve_paths(str(imported)))
    try:
        exported = tmp_path / "dossiers.csv"
        assert export_file(source, exported) == COUNT
    finally:
        source.close()
    target = open_workspace(resolve_paths(str(tmp_path / "target.sqlite3")))
    try:
        report = import_file(target, exported)
    finally:
        target.close()
    assert report.ok and report.added == COUNT
