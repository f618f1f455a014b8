"""The report's "số hóa hồ sơ" figures against a month counted by hand (tests/services/digitised_month.py),
on both engines: the statistics, the JSON of `cchc report`, the sentence of the report text, and a
template or a saved text without the sentence."""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cchc_desktop.documents.report_data import ReportSection
from cchc_desktop.documents.report_template import load_template
from cchc_desktop.domain.digitisation import DigitisationCounts, Digitised
from cchc_desktop.domain.intake import ReceivedItem
from cchc_desktop.domain.statistics import invariant_errors, to_json_dict
from cchc_desktop.services import annual_report, attachments, reporting
from cchc_desktop.services import report_texts as texts
from cchc_desktop.services.annual_report import ReportFiles
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.report_export import write_report_outputs
from cchc_desktop.services.scan_files import prepare_scans
from cchc_desktop.services.workspace import Workspace
from tests import scan_samples
from tests.services import digitised_month
from tests.services.digitised_month import AFTER, EXPECTED, MARCH, SENTENCE
from tests.services.intake_helpers import request


@pytest.fixture
def march(workspace: Workspace, tmp_path: Path) -> Workspace:
    digitised_month.build(workspace, tmp_path)
    return workspace


def test_the_month_counts_full_partial_and_not_digitised_dossiers(march: Workspace) -> None:
    stats = reporting.compute_statistics(march, *MARCH, now=AFTER)
    assert stats.totals.received_in_period == 6
    assert stats.digitisation == EXPECTED
    assert invariant_errors(stats) == []
    february = reporting.compute_statistics(march, date(2026, 2, 1), date(2026, 2, 28), now=AFTER)
    assert february.digitisation == DigitisationCounts(full=1, partial=0, none=0)


def test_the_json_of_the_report_has_the_counts_and_the_rate(march: Workspace, tmp_path: Path) -> None:
    stats = reporting.compute_statistics(march, *MARCH, now=AFTER)
    target = tmp_path / "bc.json"
    write_report_outputs(march, stats, ReportFiles(), target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert (data["digitised_full"], data["digitised_partial"], data["digitised_none"]) == (2, 1, 3)
    assert data["digitised_rate"] == 33.3
    assert data == to_json_dict(stats)


def test_the_report_text_says_how_many_were_digitised(march: Workspace) -> None:
    stats = reporting.compute_statistics(march, *MARCH, now=AFTER)
    default = texts.default_texts(march, stats)
    section = next(s for s in default.sections if "thủ tục hành chính" in s.heading)
    assert SENTENCE in section.paragraphs
    assert texts.generated_paragraphs(stats)[2] == SENTENCE
    data = annual_report.report_data(march, stats, date(2026, 4, 10))
    assert SENTENCE in [p for s in data.sections for p in s.paragraphs]


def test_a_period_without_dossiers_says_so(workspace: Workspace) -> None:
    stats = reporting.compute_statistics(workspace, date(2026, 1, 1), date(2026, 12, 31), now=AFTER)
    assert stats.digitisation == DigitisationCounts()
    assert to_json_dict(stats)["digitised_rate"] == 0.0
    assert reporting.digitisation_paragraph(stats) == "Số hóa hồ sơ trong năm 2026: không có hồ sơ tiếp nhận."


def test_the_rate_is_rounded_half_up_to_one_decimal() -> None:
    from cchc_desktop.domain.statistics import digitised_rate

    assert digitised_rate(DigitisationCounts(full=1, partial=0, none=7)) == 12.5
    assert digitised_rate(DigitisationCounts(full=1, partial=0, none=1999)) == 0.1  # 0.05 → 0.1
    assert digitised_rate(DigitisationCounts(full=2, partial=0, none=1)) == 66.7


def test_a_template_without_the_sentence_still_makes_the_report(march: Workspace, tmp_path: Path) -> None:
    template = load_template()
    for section in template["sections"]:
        section["paragraphs"] = [p for p in section["paragraphs"] if "{digitised_" not in p]
    path = tmp_path / "mau-cu.json"
    path.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    stats = reporting.compute_statistics(march, *MARCH, now=AFTER)
    made = texts.default_texts(march, stats, path)
    paragraphs = [p for s in made.sections for p in s.paragraphs]
    assert not [p for p in paragraphs if p.startswith("Số hóa hồ sơ") or "{digitised" in p]
    assert len(texts.statistics_paragraphs(made)) == 2


def test_the_clerk_words_the_sentence_in_the_template(march: Workspace, tmp_path: Path) -> None:
    template = load_template()
    wording = (
        "Số hóa hồ sơ: {digitised_full}/{received} hồ sơ số hóa đủ ({digitised_rate}%) tại xã {commune}."
    )
    template["sections"][3]["paragraphs"] = [
        wording if "{digitised_" in p else p for p in template["sections"][3]["paragraphs"]
    ]
    path = tmp_path / "mau-xa.json"
    path.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    stats = reporting.compute_statistics(march, *MARCH, now=AFTER)
    made = texts.default_texts(march, stats, path)
    assert "Số hóa hồ sơ: 2/6 hồ sơ số hóa đủ (33,3%) tại xã Đại Hợp." in made.sections[3].paragraphs
    assert (
        texts.generated_paragraphs(stats, path)[2]
        == "Số hóa hồ sơ: 2/6 hồ sơ số hóa đủ (33,3%) tại xã {commune}."
    )


def test_a_template_whose_sentence_cannot_be_found_again_is_refused(tmp_path: Path) -> None:
    from cchc_desktop.core.errors import InvalidInputError

    template = load_template()
    template["sections"][3]["paragraphs"].append("Tỷ lệ số hóa: {digitised_rate}%.")
    path = tmp_path / "mau-sai.json"
    path.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidInputError, match="phải bắt đầu bằng “Số hóa hồ sơ”"):
        load_template(path)


def test_regenerate_puts_new_figures_in_the_sentence_or_adds_it_to_an_old_text(march: Workspace) -> None:
    stats = reporting.compute_statistics(march, *MARCH, now=AFTER)
    statistics, payment, digitisation = texts.generated_paragraphs(stats)
    heading = "2. Cải cách thủ tục hành chính"
    stale = texts.ReportTexts(
        (),
        (ReportSection(heading, ("Tổng số hồ sơ TTHC đã tiếp nhận: 1", "Trước.", "Số hóa hồ sơ: 0/1."), 2),),
        "",
        (),
    )
    assert texts.regenerate(stale, statistics, payment, digitisation).sections[0].paragraphs == (
        statistics,
        "Trước.",
        digitisation,
    )
    old = texts.ReportTexts(
        (),
        (
            ReportSection(
                heading, ("Tổng số hồ sơ TTHC đã tiếp nhận: 1", "Tỉ lệ thanh toán trực tuyến: 0", "Sau."), 2
            ),
        ),
        "",
        (),
    )
    assert texts.regenerate(old, statistics, payment, digitisation).sections[0].paragraphs == (
        statistics,
        payment,
        digitisation,
        "Sau.",
    )
    # An untouched text follows new figures without gaining a sentence it did not have.
    assert texts.untouched(
        texts.follow(old, (statistics, payment, digitisation)), (statistics, payment, digitisation)
    )
    assert texts.follow(old, (statistics, payment, digitisation)).sections[0].paragraphs == (
        statistics,
        payment,
        "Sau.",
    )


@pytest.mark.parametrize("seed", [3, 11])
def test_the_sql_counts_as_the_rule_of_one_dossier(workspace: Workspace, tmp_path: Path, seed: int) -> None:
    """Random papers (some optional), scans on random lines, some deleted: the report's SQL gives the
    counts of `digitised_state` dossier by dossier (the state the dossier window shows)."""
    rng = random.Random(seed)
    scans = prepare_scans([scan_samples.pdf(tmp_path / "ban-quet.pdf", pages=1)])
    codes = []
    for number in range(14):
        received = datetime(2026, 3, 2, 8, 0) + timedelta(days=number * 2)
        documents = tuple(
            ReceivedItem(f"Giấy tờ {line + 1}", "bản chính", 1, required=rng.random() < 0.7)
            for line in range(rng.randint(1, 4))
        )
        code = save_intake(
            workspace, request(received_at=received, documents=documents), now=received + timedelta(minutes=1)
        ).record.code
        codes.append(code)
        for line in range(len(documents)):
            if rng.random() < 0.5:
                attached = attachments.attach(workspace, code, line, scans)
                if rng.random() < 0.25:
                    attachments.delete_attachment(workspace, code, attached[0].id, "Quét nhầm")
    states = [attachments.scans_of(workspace, code).state for code in codes]
    stats = reporting.compute_statistics(workspace, date(2026, 3, 1), date(2026, 3, 31), now=AFTER)
    expected = DigitisationCounts(
        states.count(Digitised.FULL), states.count(Digitised.PARTIAL), states.count(Digitised.NONE)
    )
    assert stats.digitisation == expected
    assert expected.full and expected.partial and expected.none  # each kind occurs


def test_more_digitised_than_received_stops_the_report(march: Workspace) -> None:
    import dataclasses

    stats = reporting.compute_statistics(march, *MARCH, now=AFTER)
    wrong = dataclasses.replace(stats, digitisation=DigitisationCounts(full=5, partial=2, none=-1))
    assert invariant_errors(wrong) == [
        "Số hóa hồ sơ: số âm (đầy đủ 5, một phần 2, chưa số hóa -1).",
        "Số hóa hồ sơ: 7 hồ sơ có tệp số hóa, nhiều hơn số hồ sơ tiếp nhận trong kỳ (6).",
    ]
    with pytest.raises(reporting.StatisticsMismatchError):
        reporting.check(wrong)
