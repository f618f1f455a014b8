"""A database error never carries the values of the row that failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from cchc_desktop.storage.engine import make_engine

PERSONAL = {"name": "Nguyễn Văn An", "id_number": "030185001234", "phone": "0912345678"}


def test_an_integrity_error_through_the_app_engine_shows_no_values(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "cchc.sqlite3")
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE people (id_number TEXT UNIQUE, name TEXT, phone TEXT)"))
            insert = text("INSERT INTO people VALUES (:id_number, :name, :phone)")
            connection.execute(insert, PERSONAL)
            with pytest.raises(IntegrityError) as caught:
                connection.execute(insert, PERSONAL)
    finally:
        engine.dispose()
    message = str(caught.value)
    assert "UNIQUE constraint failed" in message
    for value in PERSONAL.values():
        assert value not in message


def test_the_diagnostics_text_masks_an_old_log_line(tmp_path: Path) -> None:
    from cchc_desktop.services.diagnostics import log_tail

    log_file = tmp_path / "cchc.log"  # written by an older version that masked only ID numbers
    log_file.write_text(
        "2026-01-05 INFO intake: saved for Nguyễn Văn An, hộ chiếu C1234567\n", encoding="utf-8"
    )
    assert log_tail(log_file) == ("2026-01-05 INFO intake: saved for [họ tên], hộ chiếu ****567",)
