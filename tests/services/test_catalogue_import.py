"""Importing a province's published list: what it shows before writing, versions from a date, due dates of
dossiers before and after, retirement, row-by-row refusal with nothing written, export → import no-op."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.domain.deadlines import Duration, DurationUnit
from cchc_desktop.domain.procedures import ProcedureState
from cchc_desktop.services import catalogue
from cchc_desktop.services.catalogue_file import read_catalogue_file, write_catalogue_file
from cchc_desktop.services.catalogue_import import apply_import, plan_import
from cchc_desktop.services.intake import IntakeValidationError, save_intake
from cchc_desktop.services.workspace import Workspace
from tests.services.intake_helpers import request
from tests.services.raw_sql import count_rows

DATA = Path(__file__).parent / "data" / "catalogue"
PROVINCE = DATA / "province-list.csv"
FROM = date(2026, 4, 1)


def _save(ws: Workspace, **changes: object) -> object:
    received = changes.get("received_at", datetime(2026, 3, 2, 10, 5))
    return save_intake(ws, request(**changes), now=received)  # type: ignore[arg-type]


def _import(ws: Workspace, path: Path, on: date = FROM) -> object:
    plan = plan_import(ws, path, on)
    assert not plan.problems, [p.describe() for p in plan.problems]
    return apply_import(ws, plan)


def test_a_province_list_is_read_with_its_fields_times_fees_and_documents() -> None:
    parsed = read_catalogue_file(PROVINCE, FROM)

    assert parsed.problems == []
    by_code = {p.procedure.code: p for p in parsed.procedures}
    status = by_code["1.004873"].procedure
    assert (status.field, status.duration) == ("Hộ tịch", Duration(DurationUnit.WORKING_DAYS, 3))
    assert [(d.name, d.required) for d in status.documents] == [
        ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu", True),
        ("Giấy tờ chứng minh thông tin về tình trạng hôn nhân (nếu có)", False),
    ]
    assert status.result == "Giấy xác nhận tình trạng hôn nhân"
    assert by_code["1.001193"].procedure.duration == Duration(DurationUnit.SAME_DAY)
    copies = by_code["2.000815"].procedure
    assert copies.field == "Chứng thực" and copies.fee_amount == 0  # by page: counted at intake
    assert copies.documents[1].count == 2 and copies.documents[1].kind == "bản sao"
    assert (
        by_code["2.000884"].procedure.fee_amount == 10_000
    )  # "10.000 đồng/trường hợp": one case, one dossier
    building = by_code["XD-01"].procedure
    assert (building.field, building.duration, building.fee_amount) == (
        "Xây dựng", Duration(DurationUnit.CALENDAR_DAYS, 15), 75_000,
    )  # fmt: skip
    mediation = by_code["DD-01"]
    assert mediation.procedure.duration is None and "Tùy theo tính chất vụ việc" in mediation.time_problem


def test_the_preview_names_new_changed_retired_and_unreadable_before_anything_is_written(
    workspace: Workspace,
) -> None:
    versions_before = count_rows(workspace.db, "procedure")

    plan = plan_import(workspace, PROVINCE, FROM)

    assert count_rows(workspace.db, "procedure") == versions_before
    assert {p.procedure.code for p in plan.new} == {"XD-01", "DD-01"}
    changed = {c.after.code: c.fields for c in plan.changed}
    assert "duration_text" in changed["1.004873"] and "documents" in changed["1.004873"]
    assert "1.004873" in {p.code for p in catalogue.procedures_in_force(workspace.db, FROM)}
    retired = {p.code for p in plan.retired}
    assert "2.000908" in retired and "1.001193" not in retired  # in the seed, not in this list
    assert [p.code for p in plan.unreadable] == ["DD-01"]


def test_a_changed_time_gives_the_old_due_date_before_its_date_and_the_new_one_after(
    workspace: Workspace, tmp_path: Path
) -> None:
    before = _save(workspace, received_at=datetime(2026, 3, 31, 9, 0))
    longer = tmp_path / "danh-muc.csv"
    longer.write_text(
        PROVINCE.read_text(encoding="utf-8-sig").replace(
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "05 ngày làm việc"
        ),
        encoding="utf-8",
    )
    _import(workspace, longer)
    after = _save(workspace, received_at=datetime(2026, 4, 1, 9, 0))

    assert before.due.due_at == datetime(2026, 4, 3, 9, 0)  # Wed 1, Thu 2, Fri 3 April: 3 working days
    assert after.due.due_at == datetime(2026, 4, 8, 9, 0)  # Thu 2 .. Wed 8 April: 5 working days
    old_dossier_version = catalogue.procedure_for(workspace.db, "1.004873", date(2026, 3, 31))
    assert old_dossier_version.duration == Duration(DurationUnit.WORKING_DAYS, 3)


def test_a_retired_or_unreadable_procedure_cannot_be_taken_in_but_stays_for_history(
    workspace: Workspace,
) -> None:
    old = _save(workspace, procedure_code="2.000908", received_at=datetime(2026, 3, 30, 9, 0))
    _import(workspace, PROVINCE)

    with pytest.raises(IntakeValidationError) as refused:
        _save(workspace, procedure_code="2.000908", received_at=datetime(2026, 4, 2, 9, 0))
    assert "đã bãi bỏ từ ngày 01/04/2026" in refused.value.errors["procedure_code"]
    with pytest.raises(IntakeValidationError) as unset:
        _save(workspace, procedure_code="DD-01", received_at=datetime(2026, 4, 2, 9, 0))
    assert "cần xác định thời hạn" in unset.value.errors["procedure_code"]
    in_force = {p.code for p in catalogue.procedures_in_force(workspace.db, date(2026, 4, 2))}
    assert "2.000908" not in in_force and "DD-01" not in in_force and "XD-01" in in_force
    assert catalogue.procedure_for(workspace.db, "2.000908", old.record.received_at.date()).active
    states = {e.procedure.code: e.state for e in catalogue.catalogue_entries(workspace.db, date(2026, 4, 2))}
    assert states["2.000908"] is ProcedureState.RETIRED and states["DD-01"] is ProcedureState.NEEDS_TIME


def test_setting_the_time_of_an_unreadable_procedure_makes_it_available_and_survives_the_next_import(
    workspace: Workspace,
) -> None:
    _import(workspace, PROVINCE)
    unset = catalogue.procedure_for(workspace.db, "DD-01", FROM)
    catalogue.save_procedure(
        workspace, dataclasses.replace(unset, duration=Duration(DurationUnit.WORKING_DAYS, 30)), FROM
    )

    assert catalogue.procedure_for(workspace.db, "DD-01", FROM).duration == Duration(
        DurationUnit.WORKING_DAYS, 30
    )
    plan = plan_import(workspace, PROVINCE, FROM)  # the same wording: the clerk's reading stands
    assert not plan.has_changes and plan.unreadable == ()


def test_export_then_import_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    _import(workspace, PROVINCE)
    for suffix in (".xlsx", ".csv"):
        exported = tmp_path / f"danh-muc{suffix}"
        write_catalogue_file(exported, catalogue.catalogue_for_export(workspace.db, FROM))

        for day in (FROM, date(2026, 6, 1)):
            plan = plan_import(workspace, exported, day)
            assert (plan.problems, plan.has_changes) == ((), False), suffix


def test_the_seed_list_exported_and_imported_again_is_unchanged(workspace: Workspace, tmp_path: Path) -> None:
    exported = tmp_path / "mac-dinh.xlsx"
    write_catalogue_file(exported, catalogue.catalogue_for_export(workspace.db, FROM))
    plan = plan_import(workspace, exported, FROM)
    assert (plan.problems, plan.new, plan.changed, plan.retired) == ((), (), (), ())


def test_a_bad_file_is_refused_row_by_row_and_nothing_is_written(
    workspace: Workspace, tmp_path: Path
) -> None:
    bad = tmp_path / "loi.csv"
    text = PROVINCE.read_text(encoding="utf-8-sig")
    text = text.replace("1.001193,", "1.001 193,").replace('"Chứng thực chữ ký trong giấy tờ, văn bản"', '""')
    text = text.replace("2.000815", "1.004873")  # the same code twice
    bad.write_text(text, encoding="utf-8")
    versions_before = count_rows(workspace.db, "procedure")

    plan = plan_import(workspace, bad, FROM)

    assert [p.describe() for p in plan.problems] == [
        "dòng 7: Mã thủ tục: mã phải có dạng 1.001193 (mã quốc gia) hoặc chữ, số, dấu chấm, gạch",
        "dòng 9: Mã thủ tục: mã 1.004873 đã có ở dòng 6",
        "dòng 10: Tên thủ tục: thiếu tên thủ tục",
    ]
    with pytest.raises(InvalidInputError, match="có 3 lỗi, chưa nhập gì"):
        apply_import(workspace, plan)
    assert count_rows(workspace.db, "procedure") == versions_before


def test_a_list_with_documents_on_a_second_sheet_is_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    first.append(["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời gian giải quyết"])
    first.append([1, "1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", "03 ngày làm việc"])
    second = book.create_sheet("Thành phần hồ sơ")
    second.append(["Mã TTHC", "Tên giấy tờ", "Bản chính/bản sao", "Số lượng", "Bắt buộc"])
    second.append(["1.004873", "Tờ khai theo mẫu", "Bản chính", 1, "Có"])
    second.append(["1.004873", "Giấy tờ chứng minh tình trạng hôn nhân", "bản sao", 2, "Không"])
    path = tmp_path / "hai-trang.xlsx"
    book.save(path)

    (entry,) = read_catalogue_file(path, FROM).procedures

    assert [(d.name, d.kind, d.count, d.required) for d in entry.procedure.documents] == [
        ("Tờ khai theo mẫu", "bản chính", 1, True),
        ("Giấy tờ chứng minh tình trạng hôn nhân", "bản sao", 2, False),
    ]


def test_a_version_dossiers_were_received_under_is_never_rewritten(workspace: Workspace) -> None:
    seeded = catalogue.procedure_for(workspace.db, "1.004873", FROM)
    _save(workspace, received_at=datetime(2026, 3, 2, 9, 0))
    longer = dataclasses.replace(seeded, duration=Duration(DurationUnit.WORKING_DAYS, 5))

    with pytest.raises(UserFacingError, match="Hãy chọn ngày áp dụng sau ngày đó"):
        catalogue.save_procedure(workspace, longer, seeded.effective_from)
    catalogue.save_procedure(workspace, longer, FROM)

    assert [v.duration.value for v in catalogue.versions_of(workspace.db, "1.004873") if v.duration] == [3, 5]


def test_a_copy_of_the_list_from_a_wrong_encoding_or_broken_zip_gets_a_message(tmp_path: Path) -> None:
    windows = tmp_path / "cp1258.csv"
    windows.write_bytes(PROVINCE.read_text(encoding="utf-8-sig").encode("cp1258", errors="replace"))
    with pytest.raises(UserFacingError, match="không phải văn bản UTF-8"):
        read_catalogue_file(windows, FROM)
    broken = tmp_path / "hong.xlsx"
    shutil.copy(PROVINCE, broken)
    with pytest.raises(UserFacingError, match="không phải bảng tính Excel"):
        read_catalogue_file(broken, FROM)


def test_absurd_numbers_and_huge_cells_are_refused_with_their_row_and_column(tmp_path: Path) -> None:
    hostile = tmp_path / "la.csv"
    hostile.write_text(
        "Mã thủ tục,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết,Căn cứ pháp lý,Mức thu (đồng),Gia hạn tối đa\n"
        f"1.004873,Cấp Giấy xác nhận tình trạng hôn nhân,Hộ tịch,03 ngày làm việc,{'x' * 30_000},0,0\n"
        "2.000815,Chứng thực bản sao,Chứng thực,Trong ngày,,999999999999,0\n"
        "2.000884,Chứng thực chữ ký,Chứng thực,Trong ngày,,0,-3\n"
        "1.001193,Đăng ký khai sinh,Hộ tịch,99999 ngày làm việc,,0,0\n",
        encoding="utf-8",
    )

    parsed = read_catalogue_file(hostile, FROM)

    assert [p.describe() for p in parsed.problems] == [
        "dòng 2: Căn cứ pháp lý: dài 30000 ký tự, tối đa 20000",
        "dòng 3: Mức thu (đồng): phải là số nguyên từ 0 đến 100.000.000",
        "dòng 4: Gia hạn tối đa (ngày làm việc): phải là số nguyên từ 0 đến 60",
    ]
    (birth,) = parsed.procedures  # an absurd time is not a bad row: it waits for the clerk
    assert birth.procedure.duration is None and "hãy đặt thời hạn" in birth.time_problem


def test_a_file_without_the_code_and_name_columns_names_what_it_looked_for(tmp_path: Path) -> None:
    title_only = tmp_path / "chi-tieu-de.csv"
    title_only.write_text("DANH MỤC THỦ TỤC HÀNH CHÍNH\n\n(kèm theo Quyết định số …)\n", encoding="utf-8")
    with pytest.raises(
        UserFacingError, match="Không tìm thấy dòng tiêu đề có các cột «Mã thủ tục», «Tên thủ tục»"
    ):
        read_catalogue_file(title_only, FROM)


def test_a_field_new_to_the_catalogue_is_a_row_of_the_report_without_code(workspace: Workspace) -> None:
    from cchc_desktop.services import reporting

    religion = dataclasses.replace(
        catalogue.procedure_for(workspace.db, "1.004873", FROM),
        code="DP-TG-01",
        name="Thông báo danh mục hoạt động tôn giáo",
        field="Tôn giáo",
        duration=Duration(DurationUnit.WORKING_DAYS, 20),
    )
    catalogue.save_procedure(workspace, religion, date(2026, 3, 1))
    _save(workspace, procedure_code="DP-TG-01", received_at=datetime(2026, 3, 2, 9, 0))
    _save(workspace, received_at=datetime(2026, 3, 2, 9, 30))

    stats = reporting.compute_statistics(
        workspace, date(2026, 3, 1), date(2026, 3, 31), now=datetime(2026, 3, 3)
    )

    assert stats.by_field["Tôn giáo"].received_in_period == 1
    assert stats.by_field["Hộ tịch"].received_in_period == 1
    assert stats.totals.received_in_period == 2
