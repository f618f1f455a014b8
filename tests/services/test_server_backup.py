"""Backups of a centre server in the desk's file format, and restores onto a server: a backup taken on
either engine restores onto either, other counters are not pulled from under, and a restore that
fails half-way leaves the server as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import SQLModel

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.paths import AppPaths, resolve_paths
from cchc_desktop.core.server_address import ServerAddress
from cchc_desktop.services.backup import automatic_daily_backup, backup_to
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.restore import CountersConnectedError, check_backup_file, restore_from
from cchc_desktop.services.workspace import open_workspace
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.migrate import head_revision
from tests.agency import set_up_agency
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)
FROZEN_0001 = Path(__file__).parents[1] / "storage" / "data" / "rev_0001.sqlite3"


@pytest.fixture
def server(server_databases: Callable[..., ServerAddress]) -> ServerAddress:
    return server_databases()


@pytest.fixture
def other_server(server_databases: Callable[..., ServerAddress]) -> ServerAddress:
    return server_databases()


def _paths(address: ServerAddress) -> AppPaths:
    return resolve_paths(address.url(with_password=True))


def _with(paths: AppPaths, *names: str) -> None:
    ws = open_workspace(paths)
    try:
        set_up_agency(ws)
        for name in names:
            save_intake(ws, request(applicant_name=name), now=NOW)
    finally:
        ws.close()


def _names(paths: AppPaths) -> list[str]:
    ws = open_workspace(paths)
    try:
        with ws.db.read() as tx:
            rows = tx.connection().exec_driver_sql("SELECT applicant_name FROM dossier ORDER BY id")
            return [row[0] for row in rows]
    finally:
        ws.close()


def contents(paths: AppPaths) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of ours, in primary-key order, as the engine's Python values."""
    ws = open_workspace(paths)
    try:
        with ws.db.read() as tx:
            return {
                table.name: [
                    tuple(row) for row in tx.connection().execute(table.select().order_by(*table.primary_key))
                ]
                for table in SQLModel.metadata.sorted_tables
            }
    finally:
        ws.close()


def test_a_server_backup_restores_onto_a_desk_and_onto_another_server(
    server: ServerAddress, other_server: ServerAddress, db_path: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    centre = _paths(server)
    _with(centre, "Nguyễn Thị Hoa", "Trần Văn Bình")
    result = backup_to(centre, usb)
    assert result.path.parent == usb and result.path.name.startswith("cchc-sao-luu-")
    assert result.dossier_count == 2 and result.revision == head_revision()
    assert list(usb.iterdir()) == [result.path]  # one file, no -wal, no temporary copy
    assert check_backup_file(result.path).dossier_count == 2

    desk = resolve_paths(str(db_path))
    _with(desk, "Lê Thị Cúc")
    restore_from(desk, result.path)
    assert _names(desk) == ["Nguyễn Thị Hoa", "Trần Văn Bình"]

    second = _paths(other_server)
    _with(second, "Phạm Văn Dũng")
    restored = restore_from(second, result.path)
    assert restored.previous is not None and check_backup_file(restored.previous).dossier_count == 1
    assert _names(second) == ["Nguyễn Thị Hoa", "Trần Văn Bình"]
    logs = {
        name: contents(paths).pop("audit_entry")
        for name, paths in (("centre", centre), ("second", second), ("desk", desk))
    }
    data = [{**contents(paths), "audit_entry": []} for paths in (second, centre, desk)]
    assert data[0] == data[1] == data[2]
    # Each restored log is the backup's (the centre's before its backup entry) and one restore entry.
    assert logs["centre"][-1][5] == "backup"
    for name in ("second", "desk"):
        assert logs[name][:-1] == logs["centre"][:-1] and logs[name][-1][5] == "restore"
    # The id sequences moved on: the next intake on the restored server gets a free id and code.
    _with(second, "Đỗ Thị Em")
    assert _names(second)[-1] == "Đỗ Thị Em"


def test_a_desk_backup_of_an_old_revision_restores_onto_a_server(server: ServerAddress) -> None:
    centre = _paths(server)
    _with(centre, "Trần Văn Bình")
    before = FROZEN_0001.read_bytes()
    result = restore_from(centre, FROZEN_0001)
    assert FROZEN_0001.read_bytes() == before  # a backup file is only ever read
    assert result.upgraded_from == "0001"
    assert _names(centre) == ["Nguyễn Thị Hoa"]


def test_a_restore_is_refused_while_another_counter_is_connected_unless_forced(
    server: ServerAddress, tmp_path: Path
) -> None:
    centre = _paths(server)
    _with(centre, "Nguyễn Thị Hoa")
    backup = automatic_daily_backup(centre, NOW)
    assert backup is not None and backup.parent == centre.backups
    _with(centre, "Trần Văn Bình")
    counter = Database(server)  # another counter's window
    try:
        with counter.engine.connect():
            with pytest.raises(CountersConnectedError, match="Còn 1 kết nối khác của CCHC Desk"):
                restore_from(centre, backup)
            assert _names(centre) == ["Nguyễn Thị Hoa", "Trần Văn Bình"]
            restore_from(centre, backup, force=True)
    finally:
        counter.close()
    assert _names(centre) == ["Nguyễn Thị Hoa"]


def test_a_restore_failing_half_way_leaves_the_server_unchanged(
    server: ServerAddress, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    centre = _paths(server)
    _with(centre, "Nguyễn Thị Hoa", "Trần Văn Bình")
    backup = backup_to(centre, usb).path
    # The last row of the backup points at a dossier that does not exist: the server refuses it
    # after every dossier has been copied.
    connection = sqlite3.connect(backup)
    with connection:
        connection.execute(
            "INSERT INTO dossier_event (dossier_id, at, kind, actor, giver, taker, note, data_json) "
            "VALUES (999999, '2026-03-02 10:00:00.000000', 'received', '', '', '', '', '{}')"
        )
    connection.close()
    _with(centre, "Lê Thị Cúc")
    before = contents(centre)
    progress: list[tuple[int, int]] = []
    with pytest.raises(UserFacingError, match="dữ liệu không hợp lệ trong bảng dossier_event") as refused:
        restore_from(centre, backup, progress=lambda done, total: progress.append((done, total)))
    assert "Chưa khôi phục" in refused.value.message
    assert progress and progress[-1][0] > 0  # it did get half-way
    assert _names(centre) == ["Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Thị Cúc"]
    assert contents(centre) == before


def test_the_other_counters_hear_of_a_restore_when_it_commits(server: ServerAddress, tmp_path: Path) -> None:
    import psycopg

    centre = _paths(server)
    _with(centre, "Nguyễn Thị Hoa")
    backup = automatic_daily_backup(centre, NOW)
    assert backup is not None
    with psycopg.connect(
        host=server.host, port=server.port, dbname=server.database, user=server.user,
        password=server.password, autocommit=True,
    ) as board:  # fmt: skip
        board.execute("LISTEN cchc_changes")
        restore_from(centre, backup)
        heard = [notice.channel for notice in board.notifies(timeout=5, stop_after=1)]
    assert heard and set(heard) == {"cchc_changes"}  # the restore, then its entry in the log
