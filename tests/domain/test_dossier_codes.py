"""Dossier codes `<identifier>-<yyMMdd>-<NNNN>`: written and read back."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.dossiers import dossier_code, parse_dossier_code


def test_a_code_reads_back_as_written() -> None:
    code = dossier_code("000.17.22.H56", "260302", 7)
    assert code == "000.17.22.H56-260302-0007"
    assert parse_dossier_code(code) == ("000.17.22.H56", "260302", 7)
    assert parse_dossier_code(dossier_code("H56-XA", "260302", 12345)) == ("H56-XA", "260302", 12345)


@pytest.mark.parametrize(
    "code",
    ["", "KHAC-0009", "H56-260302-007", "H56-2603021-0007", "H56-260302-0007A", "-260302-0001",
     "H56-260302-1234567890", "H56-260302-٠٠٠١"],
)  # fmt: skip
def test_codes_of_another_shape_are_not_ours(code: str) -> None:
    assert parse_dossier_code(code) is None
