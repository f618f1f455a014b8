"""A new install prints no example commune: until the agency is set up, nothing is printed."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.services import annual_report, registers, reporting
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.printing import PrintedForm, prepare_print
from cchc_desktop.services.settings import (
    OLD_EXAMPLE_AGENCY,
    AgencyNotSetUpError,
    AgencySettings,
    save_settings,
)
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import dossier_repo, settings_repo
from tests.agency import TEST_AGENCY, set_up_agency
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)
EVERYTHING = "tên xã, tỉnh/thành phố, mã định danh cơ quan, địa danh, công chức tiếp nhận, họ tên người ký"


def _write(ws: Workspace, **values: str) -> None:
    """Settings as an older version or a half-finished setup left them (not through the dialog)."""
    with ws.db.write() as tx:
        settings_repo.write_many(tx, values)


def test_a_new_database_names_no_commune_and_says_what_is_missing(new_workspace: Workspace) -> None:
    settings = new_workspace.settings()
    assert (settings.commune_name, settings.province_name, settings.agency_identifier) == ("", "", "")
    assert (settings.place_name, settings.clerk_name, settings.signer_name) == ("", "", "")
    assert settings.signer_title == "CHỦ TỊCH" and settings.counter_name == "Quầy số 1"
    assert ", ".join(settings.missing_for_print()) == EVERYTHING


def test_once_set_up_nothing_is_missing(workspace: Workspace) -> None:
    assert workspace.settings().missing_for_print() == []


def test_no_dossier_code_without_the_agency_identifier(new_workspace: Workspace) -> None:
    with pytest.raises(AgencyNotSetUpError, match="mã định danh của cơ quan") as refused:
        save_intake(new_workspace, request(), now=NOW)
    assert "Hệ thống → Thông tin cơ quan và giờ làm việc…" in refused.value.message
    with new_workspace.db.read() as tx:
        assert dossier_repo.count_dossiers(tx) == 0


def test_an_old_database_still_holding_the_example_agency_is_not_set_up(workspace: Workspace) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    _write(workspace, **OLD_EXAMPLE_AGENCY)
    assert workspace.settings().is_old_example()
    assert ", ".join(workspace.settings().missing_for_print()) == EVERYTHING
    with pytest.raises(AgencyNotSetUpError) as refused:
        prepare_print(workspace, code, PrintedForm.RECEIPT)
    assert refused.value.message == (
        f"Chưa in được vì thông tin cơ quan chưa đủ: còn thiếu {EVERYTHING}. "
        "Vào Hệ thống → Thông tin cơ quan và giờ làm việc… để nhập, rồi in lại."
    )
    with pytest.raises(AgencyNotSetUpError):
        save_intake(workspace, request(), now=NOW)


def test_a_real_dai_hop_commune_keeps_its_settings(workspace: Workspace) -> None:
    """Only the untouched example counts: the same commune with a clerk typed in is a real agency."""
    assert workspace.settings().commune_name == "Đại Hợp"
    assert not workspace.settings().is_old_example()
    assert workspace.settings().missing_for_print() == []


@pytest.mark.parametrize("form", [PrintedForm.RECEIPT, PrintedForm.CONTROL_SLIP])
def test_a_form_is_refused_naming_what_is_missing(workspace: Workspace, form: PrintedForm) -> None:
    code = save_intake(workspace, request(), now=NOW).record.code
    _write(workspace, signer_name="", place_name="  ")
    with pytest.raises(AgencyNotSetUpError, match="còn thiếu địa danh, họ tên người ký"):
        prepare_print(workspace, code, form)


def test_the_register_the_daily_list_and_the_report_are_refused(workspace: Workspace) -> None:
    save_intake(workspace, request(), now=NOW)
    _write(workspace, commune_name="")
    with pytest.raises(AgencyNotSetUpError, match="còn thiếu tên xã"):
        registers.register_pdf(workspace, date(2026, 3, 1), date(2026, 3, 31))
    with pytest.raises(AgencyNotSetUpError, match="còn thiếu tên xã"):
        registers.daily_list_pdf(workspace, date(2026, 3, 2))
    stats = reporting.compute_statistics(workspace, date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(AgencyNotSetUpError, match="còn thiếu tên xã"):
        annual_report.report_data(workspace, stats)


def test_setting_up_lets_the_receipt_print(new_workspace: Workspace) -> None:
    set_up_agency(new_workspace)
    code = save_intake(new_workspace, request(), now=NOW).record.code
    assert code.startswith(f"{TEST_AGENCY['agency_identifier']}-260302-")
    assert prepare_print(new_workspace, code, PrintedForm.RECEIPT).pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("identifier", "message"),
    [
        ("", "Nhập mã định danh của cơ quan"),
        ("000.17 .22.H56", "không được chứa khoảng trắng"),
        ("000.17.22.H56-1", "chỉ gồm chữ cái không dấu, chữ số và dấu chấm"),
        ("000..22.H56", "chỉ gồm chữ cái không dấu, chữ số và dấu chấm"),
        ("Đ00.17.22.H56", "chỉ gồm chữ cái không dấu, chữ số và dấu chấm"),
    ],
)
def test_a_malformed_agency_identifier_is_refused(
    workspace: Workspace, identifier: str, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        save_settings(workspace, dataclasses.replace(workspace.settings(), agency_identifier=identifier))
    assert workspace.settings().agency_identifier == TEST_AGENCY["agency_identifier"]


def test_the_identifiers_of_the_provinces_are_accepted() -> None:
    for identifier in ("000.17.22.H56", "000.00.31.H26", "H26.99"):
        filled = dataclasses.replace(AgencySettings(), **{**TEST_AGENCY, "agency_identifier": identifier})
        assert "agency_identifier" not in filled.validation_errors()


def test_the_settings_dialog_asks_for_every_name_a_form_prints() -> None:
    errors = AgencySettings().validation_errors()
    assert {
        "commune_name",
        "province_name",
        "agency_identifier",
        "place_name",
        "clerk_name",
        "signer_name",
    } <= set(errors)
    assert errors["signer_name"] == "Nhập họ tên người ký văn bản."
