from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest

from cchc_desktop.core.errors import InvalidInputError, NotFoundError
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.calendar import OverrideKind
from cchc_desktop.domain.deadlines import DurationUnit
from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services import catalogue
from cchc_desktop.services.deadlines import due_for_code
from cchc_desktop.services.settings import load_settings, save_settings
from cchc_desktop.services.workspace import Workspace, open_workspace


def test_a_new_database_holds_the_seed_catalogue_with_documents(workspace: Workspace) -> None:
    procedures = catalogue.procedures_in_force(workspace.db, date(2026, 1, 5))
    assert len(procedures) == 82  # the default list less the 23 still without a processing time
    assert {p.field for p in procedures} >= {"Chứng thực", "Hộ tịch", "Bảo trợ xã hội", "Người có công"}
    birth = catalogue.procedure_for(workspace.db, "1.001193", date(2026, 1, 5))
    assert birth.name == "Thủ tục đăng ký khai sinh"
    assert birth.duration.unit is DurationUnit.SAME_DAY
    assert len(birth.documents) >= 2
    assert all(unicodedata.is_normalized("NFC", d.name) for p in procedures for d in p.documents)


def test_reopening_does_not_seed_twice(db_path: Path) -> None:
    for _ in range(2):
        ws = open_workspace(resolve_paths(str(db_path)))
        count = len(catalogue.procedures_in_force(ws.db, date(2026, 1, 5)))
        overrides = len(calendar_service.list_overrides(ws.db))
        ws.close()
        assert (count, overrides) == (82, 8)


def test_due_for_a_catalogue_code(workspace: Workspace) -> None:
    result = due_for_code(workspace.db, workspace.calendar, "1.004873", datetime(2026, 2, 13, 16, 0))
    assert result.due_at == datetime(2026, 2, 25, 16, 0)
    assert result.working_days == 3


def test_an_unknown_procedure_code_is_reported(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match=r"9\.999999"):
        due_for_code(workspace.db, workspace.calendar, "9.999999", datetime(2026, 2, 13, 16, 0))


def test_settings_round_trip_in_nfc(workspace: Workspace) -> None:
    typed = unicodedata.normalize("NFD", "Nguyễn Thị Lụa")
    save_settings(
        workspace, dataclasses.replace(workspace.settings(), signer_name=typed, commune_name="Tân Hưng")
    )
    stored = load_settings(workspace.db)
    assert stored.signer_name == "Nguyễn Thị Lụa"
    assert stored.parent_body == "UBND XÃ TÂN HƯNG"


def test_invalid_settings_are_refused_and_nothing_is_written(workspace: Workspace) -> None:
    with pytest.raises(InvalidInputError, match="mã định danh"):
        save_settings(
            workspace, dataclasses.replace(workspace.settings(), agency_identifier="", commune_name="X")
        )
    assert load_settings(workspace.db).commune_name == "Đại Hợp"


def test_a_day_off_added_by_the_clerk_moves_new_due_dates(workspace: Workspace) -> None:
    received = datetime(2026, 3, 2, 10, 0)
    assert due_for_code(workspace.db, workspace.calendar, "1.004873", received).due_at == datetime(
        2026, 3, 5, 10
    )
    calendar_service.set_override(
        workspace, date(2026, 3, 4), OverrideKind.DAY_OFF, "Nghỉ đột xuất", "QĐ 1/UBND"
    )
    workspace.calendar_changed()
    assert due_for_code(workspace.db, workspace.calendar, "1.004873", received).due_at == datetime(
        2026, 3, 6, 10
    )


def test_a_make_up_day_must_be_a_weekend_or_a_holiday(workspace: Workspace) -> None:
    with pytest.raises(InvalidInputError, match="thứ Bảy"):
        calendar_service.set_override(workspace, date(2026, 3, 4), OverrideKind.MAKE_UP_WORKDAY, "Làm bù")
    calendar_service.set_override(workspace, date(2026, 11, 24), OverrideKind.MAKE_UP_WORKDAY, "Làm việc")
    workspace.calendar_changed()
    assert workspace.calendar.is_working_day(date(2026, 11, 24))


def test_an_override_needs_a_name(workspace: Workspace) -> None:
    with pytest.raises(InvalidInputError, match="Nhập tên"):
        calendar_service.set_override(workspace, date(2026, 3, 4), OverrideKind.DAY_OFF, "  ")
