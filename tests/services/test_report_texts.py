"""The clerk's text of the annual report: saved per year, default from the template, statistics
paragraphs regenerated in place."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from cchc_desktop.documents.report_data import ReportSection
from cchc_desktop.domain.statistics import Statistics
from cchc_desktop.services import annual_report, reporting
from cchc_desktop.services import report_texts as texts
from cchc_desktop.services.exchange import import_file
from cchc_desktop.services.workspace import Workspace
from tests.services.test_reporting_sample_2023 import build_sample

NOW = datetime(2024, 1, 10, 9, 0)


@pytest.fixture
def stats_2023(workspace: Workspace, tmp_path: Path) -> Statistics:
    assert import_file(workspace, build_sample(workspace, tmp_path)).written
    return reporting.compute_statistics(workspace, date(2023, 1, 1), date(2023, 12, 31), now=NOW)


def test_nothing_saved_gives_the_template_with_the_numbers(workspace: Workspace, stats_2023) -> None:  # type: ignore[no-untyped-def]
    assert texts.load_texts(workspace, 2023) is None
    default, saved = texts.texts_for_year(workspace, stats_2023)
    assert not saved
    found = texts.statistics_paragraphs(default)
    assert "1.823 (trực tuyến: 1.810; trực tiếp 13)" in found[0]
    assert found[1].endswith("đạt 54,21%.")
    assert "năm 2023" in default.opening[0] and "{year}" not in default.opening[0]


def test_saved_text_is_per_year_and_survives_reopening(workspace: Workspace, stats_2023) -> None:  # type: ignore[no-untyped-def]
    default = texts.default_texts(workspace, stats_2023)
    edited = texts.ReportTexts(
        ("Mở đầu đã sửa: “một cửa”.",), default.sections, "Kết thúc./.", ("- Lưu: VT.",)
    )
    texts.save_texts(workspace, 2023, edited)
    assert texts.load_texts(workspace, 2023) == edited
    assert texts.load_texts(workspace, 2024) is None
    assert texts.texts_for_year(workspace, stats_2023) == (edited, True)
    # The agency settings ignore the report's key.
    assert workspace.settings().commune_name == "Đại Hợp"


def test_regenerate_replaces_the_two_paragraphs_or_puts_them_back(stats_2023) -> None:  # type: ignore[no-untyped-def]
    sections = (
        ReportSection("1. Cải cách thể chế", ("Một đoạn.",), 2),
        ReportSection(
            "2. Cải cách thủ tục hành chính", ("Trước.", "Tổng số hồ sơ TTHC đã tiếp nhận: 1", "Sau."), 2
        ),
    )
    old = texts.ReportTexts((), sections, "", ())
    statistics, payment, _digitisation = texts.generated_paragraphs(stats_2023)
    new = texts.regenerate(old, statistics, payment)
    assert new.sections[1].paragraphs == ("Trước.", statistics, "Sau.")
    removed = texts.ReportTexts((), (sections[0], ReportSection(sections[1].heading, ("Trước.",), 2)), "", ())
    assert texts.regenerate(removed, statistics, payment).sections[1].paragraphs == (
        "Trước.",
        statistics,
        payment,
    )


def test_a_broken_saved_text_falls_back_to_the_template(workspace: Workspace, stats_2023) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.storage import settings_repo

    with workspace.db.write() as tx:
        settings_repo.write_many(tx, {texts.setting_key(2023): {"opening": 3}})
    assert texts.texts_for_year(workspace, stats_2023)[1] is False


def test_the_report_uses_the_edited_text(workspace: Workspace, stats_2023) -> None:  # type: ignore[no-untyped-def]
    default = texts.default_texts(workspace, stats_2023)
    edited = texts.ReportTexts(
        ("Đoạn mở đầu riêng của xã.",), default.sections, default.closing, default.recipients
    )
    data = annual_report.report_data(workspace, stats_2023, date(2024, 1, 5), texts=edited)
    assert data.opening == ("Đoạn mở đầu riêng của xã.",)
    assert annual_report.report_data(workspace, stats_2023, date(2024, 1, 5)).opening == default.opening
