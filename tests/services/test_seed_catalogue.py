"""The shipped default list: the commune-level procedures a centre receives, each with its national code and
the source it was taken from, nothing that intake or the catalogue window would refuse."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from cchc_desktop.core.resources import resource_path
from cchc_desktop.domain.text import nfc
from cchc_desktop.domain.time_wording import read_processing_time
from cchc_desktop.services.catalogue import SEED_FILE, parse_catalogue, procedure_errors

NATIONAL_CODE = re.compile(r"^\d\.\d{6}$")


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    return json.loads(resource_path(*SEED_FILE).read_text(encoding="utf-8"))


def test_the_list_has_the_commune_procedures_by_their_national_codes(seed: dict[str, Any]) -> None:
    entries = seed["procedures"]
    codes = [entry["code"] for entry in entries]
    assert len(entries) >= 80
    assert len(set(codes)) == len(codes)
    assert all(NATIONAL_CODE.match(code) for code in codes), [c for c in codes if not NATIONAL_CODE.match(c)]
    fields = {entry["field"] for entry in entries}
    assert {"Chứng thực", "Hộ tịch", "Bảo trợ xã hội", "Người có công", "Đất đai", "Xây dựng"} <= fields
    assert {"Đăng ký kinh doanh", "Tiếp công dân", "Xử lý đơn"} <= fields


def test_every_entry_names_its_source_and_says_what_was_not_confirmed(seed: dict[str, Any]) -> None:
    sources = {source["id"] for source in seed["sources"]}
    assert all(source["title"] and source["where"] for source in seed["sources"])
    for entry in seed["procedures"]:
        assert set(entry["source"].split("+")) <= sources, entry["code"]
        assert isinstance(entry["confirmed"], bool), entry["code"]
        if not entry["confirmed"]:
            assert entry["unconfirmed"].strip(), entry["code"]


def test_every_procedure_could_be_saved_from_the_catalogue_window(seed: dict[str, Any]) -> None:
    for procedure in parse_catalogue(seed):
        assert procedure_errors(procedure) == {}, procedure.code
        assert all(nfc(d.name) == d.name for d in procedure.documents)


def test_a_confirmed_time_is_the_one_its_published_wording_reads_as(seed: dict[str, Any]) -> None:
    """Where the reader understands the published wording, the seed's rule is that reading; where it does
    not, the seed carries a person's reading of the source (and the import keeps it while the wording stays)."""
    for entry, procedure in zip(seed["procedures"], parse_catalogue(seed), strict=True):
        reading = read_processing_time(procedure.duration_text)
        if reading.duration is not None and entry["confirmed"]:
            assert reading.duration == procedure.duration, procedure.code
