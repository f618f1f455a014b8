"""This computer's scanner folder: kept beside its counter name, never in the shared database; a folder
that is not there (a USB stick out) is still the saved choice."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.saved_server import config_dir
from cchc_desktop.core.scanner_folder import (
    SCANNER_FILE,
    checked_folder,
    load_scanner_folder,
    save_scanner_folder,
)


def test_none_until_chosen_then_the_saved_folder_even_when_it_is_away(tmp_path: Path) -> None:
    assert load_scanner_folder() is None
    save_scanner_folder(tmp_path / "usb" / "SCAN")  # not there: saved and loaded all the same
    assert load_scanner_folder() == tmp_path / "usb" / "SCAN"
    save_scanner_folder(None)
    assert load_scanner_folder() is None


def test_an_unreadable_choice_is_no_choice() -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / SCANNER_FILE).write_text("{not json", encoding="utf-8")
    assert load_scanner_folder() is None


def test_a_pasted_path_loses_its_quotes_and_spaces(tmp_path: Path) -> None:
    assert checked_folder(f'  "{tmp_path}"  ') == tmp_path
    assert checked_folder("   ") is None


@pytest.mark.parametrize("text", ["Scan", "scan/2025", "a\x00b", "/" + "x" * 1200])
def test_what_cannot_be_a_folder_is_refused_in_vietnamese(text: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        checked_folder(text)
    assert "thư mục máy quét" in raised.value.message.lower()
