"""`cchc report --json` carries the digitised papers of the period, counted by hand in
tests/services/digitised_month.py, on both engines; the printed summary has the report's sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.workspace import open_workspace
from tests.agency import set_up_agency
from tests.both_engines import pytest_generate_tests  # noqa: F401  (both engines here)
from tests.cli.running import run
from tests.services import digitised_month
from tests.services.digitised_month import SENTENCE


def test_the_json_has_the_digitised_counts_and_rate(
    capsys: pytest.CaptureFixture[str], db_location: str, tmp_path: Path
) -> None:
    ws = open_workspace(resolve_paths(db_location))
    try:
        set_up_agency(ws)
        digitised_month.build(ws, tmp_path)
    finally:
        ws.close()
    target = tmp_path / "bc.json"
    status, out, err = run(
        capsys, "--db", db_location, "report", "--from", "2026-03-01", "--to", "2026-03-31",
        "--json", str(target),
    )  # fmt: skip
    assert (status, err) == (0, "")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert {key: data[key] for key in data if key.startswith("digitised_")} == {
        "digitised_full": 2,
        "digitised_partial": 1,
        "digitised_none": 3,
        "digitised_rate": 33.3,
    }
    assert SENTENCE in out.splitlines()


def test_charts_add_the_page_of_charts_to_the_pdf_and_a_picture_to_the_word_file(
    capsys: pytest.CaptureFixture[str], db_location: str, tmp_path: Path
) -> None:
    from docx import Document
    from pypdf import PdfReader

    ws = open_workspace(resolve_paths(db_location))
    try:
        set_up_agency(ws)
        digitised_month.build(ws, tmp_path)
    finally:
        ws.close()
    plain, charted = tmp_path / "plain", tmp_path / "charted"
    for folder, extra in ((plain, []), (charted, ["--charts"])):
        folder.mkdir()
        status, _, err = run(
            capsys, "--db", db_location, "report", "--from", "2026-03-01", "--to", "2026-03-31",
            "--pdf", str(folder / "bc.pdf"), "--docx", str(folder / "bc.docx"), *extra,
        )  # fmt: skip
        assert (status, err) == (0, "")
    plain_pages = PdfReader(plain / "bc.pdf").pages
    charted_pages = PdfReader(charted / "bc.pdf").pages
    assert len(charted_pages) == len(plain_pages) + 1
    last_page = " ".join(charted_pages[-1].extract_text().split())
    assert "theo tháng" in last_page.lower()
    assert len(Document(str(plain / "bc.docx")).inline_shapes) == 0
    assert len(Document(str(charted / "bc.docx")).inline_shapes) == 1
