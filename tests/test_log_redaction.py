"""No ID, passport or phone number, no name and no address reaches the log file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from cchc_desktop.core.log_redaction import redact
from cchc_desktop.core.logging_setup import configure_logging


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    path = configure_logging(tmp_path / "logs")
    yield path
    for handler in [h for h in root.handlers if getattr(h, "_cchc", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def _written(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_a_log_line_with_an_id_and_a_phone_keeps_neither(log_file: Path) -> None:
    log = logging.getLogger("cchc_desktop.services.intake")
    log.info("saved dossier for CCCD 030185001234, phone 0912 345 678")
    log.info("returning applicant %s (%s), old CMND %d", "030185001234", "+84912345678", 123456789)
    text = _written(log_file)
    for secret in ("030185001234", "0912 345 678", "912345678", "123456789"):
        assert secret not in text
    assert "CCCD *********234, phone *******678" in text
    assert "returning applicant *********234 (******678), old CMND ******789" in text


def test_a_traceback_is_masked_too(log_file: Path) -> None:
    log = logging.getLogger("cchc_desktop.ui")
    try:
        raise ValueError("Số định danh 001099012345 không hợp lệ")
    except ValueError:
        log.exception("intake failed for 0987654321")
    text = _written(log_file)
    assert "001099012345" not in text and "0987654321" not in text
    assert "ValueError: Số định danh *********345 không hợp lệ" in text


def test_a_log_line_with_a_name_an_address_and_a_passport_keeps_none(log_file: Path) -> None:
    log = logging.getLogger("cchc_desktop.services.intake")
    log.warning(
        "applicant %s, passport %s, id %s, địa chỉ: %s",
        "Nguyễn Văn An",
        "C1234567",
        "030 185 001 234",
        "Số 12, thôn Đông, xã Đại Hợp",
    )
    text = _written(log_file)
    for secret in ("Nguyễn", "C1234567", "030 185 001 234", "Số 12", "thôn Đông"):
        assert secret not in text
    assert "applicant [họ tên], passport ****567, id *********234, địa chỉ: [địa chỉ]" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0912345678", "*******678"),
        ("số 02923 841 234.", "số ********234."),
        ("0912.345.678", "*******678"),
        ("+84 912 345 678", "******678"),
        ("CMND 123456789", "CMND ******789"),
        ("CCCD: 030185001234;", "CCCD: *********234;"),
        # not personal data: a dossier code, a register row, a date, a time, a 10-digit count
        ("000.00.00.H00-260302-0001", "000.00.00.H00-260302-0001"),
        ("row 1234 of 2026-03-02 10:05:00", "row 1234 of 2026-03-02 10:05:00"),
        ("1234567890 bytes", "1234567890 bytes"),
        ("0301850012345", "0301850012345"),  # 13 digits: not an ID
        # IDs typed in groups, passports
        ("CCCD 030 185 001 234.", "CCCD *********234."),
        ("CCCD 030.185.001.234", "CCCD *********234"),
        ("CMND 123-456-789", "CMND ******789"),
        ("hộ chiếu C1234567, N12345678", "hộ chiếu ****567, *****678"),
        ("dòng 1 0912 345 678", "dòng 1 *******678"),
        ("phiên bản 1.2.3, 2026-03-02", "phiên bản 1.2.3, 2026-03-02"),
        # names: a family name and 1-4 more capitalised words
        ("người nộp Nguyễn Văn An đã ký", "người nộp [họ tên] đã ký"),
        ("TRẦN THỊ BÌNH, Le Thi Hoa", "[họ tên], [họ tên]"),
        ("Hồ sơ của Tôn Nữ Thị Minh Châu", "Hồ sơ của [họ tên]"),
        ("UBND XÃ ĐẠI HỢP", "UBND XÃ ĐẠI HỢP"),
        (
            "NOT NULL constraint failed: dossiers.applicant_name",
            "NOT NULL constraint failed: dossiers.applicant_name",
        ),
        ("Hồ sơ đã nhận. Lê", "Hồ sơ đã nhận. Lê"),
        # addresses
        ("địa chỉ: Số 12, thôn Đông, xã Đại Hợp; xong", "địa chỉ: [địa chỉ]; xong"),
        ("ở thôn Đông Hòa, xã X)", "ở thôn [địa chỉ])"),
        ("Địa chỉ không được để trống", "Địa chỉ không được để trống"),
        ("đường dây nóng", "đường dây nóng"),
    ],
)
def test_what_is_masked(text: str, expected: str) -> None:
    assert redact(text) == expected
    assert redact(redact(text)) == expected
