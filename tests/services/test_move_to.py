"""Moving a desk into the centre: its whole history lands on the server, into an empty database or one
that holds other desks, in one transaction; a code the server already has refuses the move."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import SQLModel, select

from cchc_desktop.core.paths import AppPaths, resolve_paths
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.domain.calendar import OverrideKind
from cchc_desktop.domain.statistics import to_json_dict
from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services import reporting
from cchc_desktop.services.backup import backup_to
from cchc_desktop.services.exchange import import_file
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.move_to import CollisionError, move_to_server
from cchc_desktop.services.report_texts import ReportTexts, load_texts, save_texts
from cchc_desktop.services.restore import restore_from
from cchc_desktop.services.settings import load_settings, save_settings
from cchc_desktop.services.workspace import Workspace, open_workspace
from tests.agency import set_up_agency
from tests.services.intake_helpers import request
from tests.services.test_reporting_sample_2023 import NOW as SAMPLE_NOW
from tests.services.test_reporting_sample_2023 import build_sample
from tests.services.test_server_backup import contents

SAMPLE_DOSSIERS = 1828
NOW = datetime(2026, 3, 2, 10, 10)


@pytest.fixture
def server(server_databases: Callable[..., ServerAddress]) -> ServerAddress:
    return server_databases()


@pytest.fixture
def empty_server(server_databases: Callable[..., ServerAddress]) -> ServerAddress:
    return server_databases(empty=True)


@pytest.fixture
def desk(db_path: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A desk with a year of history, a calendar day of its own and its report texts."""
    ws = open_workspace(resolve_paths(str(db_path)))
    set_up_agency(ws)
    save_settings(ws, dataclasses.replace(load_settings(ws.db), agency_identifier="000.17.22.H56"))
    report = import_file(ws, build_sample(ws, tmp_path))
    assert report.written and report.added == SAMPLE_DOSSIERS
    calendar_service.set_override(ws, date(2023, 12, 22), OverrideKind.DAY_OFF, "Nghỉ hội làng")
    texts = ReportTexts(opening=("Đoạn mở đầu do công chức viết.",), sections=(), closing="", recipients=())
    save_texts(ws, 2023, texts)
    yield ws
    ws.close()


def _server_paths(address: ServerAddress) -> AppPaths:
    return resolve_paths(address.url(with_password=True))


def _report_2023(paths: AppPaths) -> dict[str, Any]:
    ws = open_workspace(paths)
    try:
        stats = reporting.compute_statistics(ws, date(2023, 1, 1), date(2023, 12, 31), now=SAMPLE_NOW)
        return to_json_dict(stats)
    finally:
        ws.close()


def _history(paths: AppPaths) -> dict[str, list[tuple[Any, ...]]]:
    """Each dossier's code with its events (kind, time, data), whatever the ids."""
    ws = open_workspace(paths)
    try:
        with ws.db.read() as tx:
            dossier, event = SQLModel.metadata.tables["dossier"], SQLModel.metadata.tables["dossier_event"]
            rows = tx.connection().execute(
                select(dossier.c.code, event.c.kind, event.c.at, event.c.data_json)
                .join(event, event.c.dossier_id == dossier.c.id)
                .order_by(dossier.c.code, event.c.id)
            )
            history: dict[str, list[tuple[Any, ...]]] = {}
            for code, *event in rows:
                history.setdefault(code, []).append(tuple(event))
            return history
    finally:
        ws.close()


def test_a_desk_moves_into_an_empty_server_with_its_whole_history(
    desk: Workspace, empty_server: ServerAddress, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    result = move_to_server(desk, empty_server, progress=lambda done, total: seen.append((done, total)))
    assert (
        result.created
        and result.merged.dossiers == SAMPLE_DOSSIERS
        and result.merged.events >= SAMPLE_DOSSIERS
    )
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > SAMPLE_DOSSIERS
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    centre = _server_paths(empty_server)
    desk_tables, centre_tables = contents(desk.paths), contents(centre)
    for table in ("dossier", "dossier_event", "calendar_override", "office_schedule", "number_sequence"):
        assert centre_tables[table] == desk_tables[table], table
    ws = open_workspace(centre)
    try:
        assert ws.settings() == desk.settings()  # a new server takes the desk's agency
        assert load_texts(ws, 2023) == load_texts(desk, 2023)
        assert not ws.calendar.is_working_day(date(2023, 12, 22))
        # The sequences moved on: the next intake on the server gets a new id and the next code.
        saved = save_intake(ws, request(), now=NOW)
        assert saved.record.code.startswith("000.17.22.H56-260302-")
    finally:
        ws.close()
    # The same report on both, read back through a backup of the server restored onto a new desk.
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = resolve_paths(str(tmp_path / "copy.sqlite3"))
    restore_from(copy, backup_to(centre, usb).path)
    assert _report_2023(copy) == _report_2023(desk.paths) == _report_2023(centre)


def test_a_desk_merges_into_a_server_that_holds_another_desk(desk: Workspace, server: ServerAddress) -> None:
    centre = _server_paths(server)
    ws = open_workspace(centre)
    try:
        set_up_agency(ws)
        save_settings(ws, dataclasses.replace(ws.settings(), commune_name="Tân Tiến"))
        save_intake(ws, request(applicant_name="Trần Văn Bình"), now=NOW)
        before = _history(centre)
    finally:
        ws.close()
    result = move_to_server(desk, server)
    assert not result.created and result.merged.dossiers == SAMPLE_DOSSIERS
    assert result.server_backup.is_file()
    after = _history(centre)
    assert after == before | _history(desk.paths)
    ws = open_workspace(centre)
    try:
        assert ws.settings().commune_name == "Tân Tiến"  # the centre's agency is kept
        assert load_texts(ws, 2023) == load_texts(desk, 2023)  # what it lacked is added
        saved = save_intake(ws, request(applicant_name="Lê Thị Cúc"), now=NOW)
        assert saved.record.code.endswith("-0002")
    finally:
        ws.close()


def test_codes_the_server_has_refuse_the_move_with_the_list_and_write_nothing(
    desk: Workspace, server: ServerAddress
) -> None:
    move_to_server(desk, server)
    centre = _server_paths(server)
    before = contents(centre)
    with pytest.raises(CollisionError) as refused:
        move_to_server(desk, server)
    message = refused.value.message
    assert f"{SAMPLE_DOSSIERS} mã hồ sơ đã có trên máy chủ: 000.17.22.H56-221107-0001" in message
    assert f"và {SAMPLE_DOSSIERS - 20} mã khác" in message
    assert "Chưa chuyển gì lên máy chủ" in message
    assert len(refused.value.codes) == SAMPLE_DOSSIERS
    assert contents(centre) == before


def test_a_register_row_the_server_has_refuses_the_move(db_path: Path, server: ServerAddress) -> None:
    centre = _server_paths(server)
    ws = open_workspace(centre)
    try:
        set_up_agency(ws)
        save_intake(ws, request(applicant_name="Trần Văn Bình"), now=NOW)
    finally:
        ws.close()
    before = contents(centre)
    desk = open_workspace(resolve_paths(str(db_path)))
    try:
        set_up_agency(desk)
        save_settings(desk, dataclasses.replace(desk.settings(), agency_identifier="000.17.22.H56"))
        save_intake(desk, request(), now=NOW)
        with pytest.raises(
            CollisionError, match="1 dòng sổ theo dõi đã có trên máy chủ: quyển 2026 số 1"
        ) as refused:
            move_to_server(desk, server)
    finally:
        desk.close()
    assert refused.value.codes == [] and refused.value.register_rows == [("2026", 1)]
    assert contents(centre) == before
