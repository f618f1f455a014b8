"""Dossier codes and register rows are never refused because a number is already taken: codes of the
counter's own shape that arrived by import, by restore or behind the app's back move the numbering on."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.exchange_format import COLUMNS
from cchc_desktop.services.backup import backup_to
from cchc_desktop.services.exchange import import_file
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.restore import restore_from
from cchc_desktop.services.workspace import Workspace, open_workspace
from tests.agency import set_up_agency
from tests.services.intake_helpers import request
from tests.services.raw_sql import copy_dossier
from tests.services.test_exchange import write_csv

NOW = datetime(2026, 3, 2, 10, 10)
PREFIX = "000.00.00.H00-260302-"


def _imported_row(code: str, name: str) -> dict[str, str]:
    return {
        "code": code, "procedure_code": "1.004873", "channel": "online", "applicant_name": name,
        "received_at": "2026-03-02T08:00",
    }  # fmt: skip


def _save_three(ws: Workspace) -> list[tuple[str, int | None]]:
    saved = [save_intake(ws, request(applicant_name=f"Công dân {n}"), now=NOW).record for n in range(3)]
    return [(record.code, record.register_row) for record in saved]


def test_dossiers_saved_after_importing_todays_codes_take_the_next_numbers(
    workspace: Workspace, tmp_path: Path
) -> None:
    file = write_csv(
        tmp_path / "today.csv",
        [_imported_row(PREFIX + "0001", "Nguyễn Văn An"), _imported_row(PREFIX + "0002", "Trần Thị Bình")],
    )
    report = import_file(workspace, file)
    assert report.written and report.added == 2
    codes = [code for code, _row in _save_three(workspace)]
    assert codes == [PREFIX + "0003", PREFIX + "0004", PREFIX + "0005"]


def test_an_xlsx_import_moves_the_counter_of_each_day_it_names(workspace: Workspace, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    rows = [
        _imported_row(PREFIX + "0007", "Nguyễn Văn An"),
        _imported_row(PREFIX + "0003", "Trần Thị Bình"),
        {**_imported_row("000.00.00.H00-260303-0004", "Lê Thị Cúc"), "received_at": "2026-03-03T08:00"},
        _imported_row("KHAC-0009", "Phạm Văn Dũng"),  # not of our shape: no counter moves
    ]
    for row in rows:
        sheet.append([row.get(column, "") for column in COLUMNS])
    file = tmp_path / "days.xlsx"
    workbook.save(file)
    assert import_file(workspace, file).written
    assert save_intake(workspace, request(), now=NOW).record.code == PREFIX + "0008"
    next_day = save_intake(
        workspace, request(received_at=datetime(2026, 3, 3, 8, 0)), now=datetime(2026, 3, 3, 8, 1)
    )
    assert next_day.record.code == "000.00.00.H00-260303-0005"


@pytest.mark.audit_tampered  # the rows are inserted with SQL, as another program would
def test_codes_and_register_rows_inserted_behind_the_apps_back_are_skipped(workspace: Workspace) -> None:
    save_intake(workspace, request(), now=NOW)
    for code, row in ((PREFIX + "0002", 2), (PREFIX + "0003", 3)):
        copy_dossier(workspace.db, PREFIX + "0001", code=code, register_row=row)
    assert _save_three(workspace) == [(PREFIX + "0004", 4), (PREFIX + "0005", 5), (PREFIX + "0006", 6)]


@pytest.mark.sqlite_only  # a backup FILE whose counters were edited
def test_a_restored_file_whose_counters_are_behind_its_dossiers_keeps_numbering_on(
    db_path: Path, tmp_path: Path
) -> None:
    paths = resolve_paths(str(db_path))
    ws = open_workspace(paths)
    set_up_agency(ws)
    save_intake(ws, request(), now=NOW)
    save_intake(ws, request(applicant_name="Trần Văn Nam"), now=NOW)
    ws.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = backup_to(paths, usb, now=NOW).path
    # A backup of an older version, or edited by hand: the counters lag behind the dossiers it holds.
    connection = sqlite3.connect(backup)
    with connection:
        connection.execute("DELETE FROM number_sequence")
    connection.close()
    restore_from(paths, backup)
    ws = open_workspace(paths)
    try:
        assert _save_three(ws) == [(PREFIX + "0003", 3), (PREFIX + "0004", 4), (PREFIX + "0005", 5)]
    finally:
        ws.close()
