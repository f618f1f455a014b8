"""The centre server's address: parsed from a URL, shown and logged without its password, its IP address
readable wherever text is masked for support."""

from __future__ import annotations

import pytest

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.log_redaction import redact
from cchc_desktop.core.server_address import parse_server_url
from cchc_desktop.storage.server_errors import unreachable_message


def test_the_password_is_in_neither_repr_nor_display_nor_the_plain_url() -> None:
    address = parse_server_url(
        "postgresql://cchc:B%C3%AD%3Am%E1%BA%ADt@192.168.1.10:5433/cchc?sslmode=require"
    )
    assert address.password == "Bí:mật"
    for text in (repr(address), str(address), address.display, address.url()):
        assert "Bí" not in text and "B%C3%AD" not in text
    assert address.display == "cchc@192.168.1.10:5433/cchc"
    assert parse_server_url(address.url(with_password=True)).password == "Bí:mật"


def test_an_unknown_option_is_named() -> None:
    with pytest.raises(InvalidInputError) as raised:
        parse_server_url("postgresql://cchc@may-chu/cchc?password=x")
    assert "tham số không hỗ trợ: password" in raised.value.message


@pytest.mark.parametrize("host", ["192.168.1.10", "192.168.10.1", "172.16.100.10", "10.0.0.5"])
def test_the_server_ip_stays_readable_in_masked_text(host: str) -> None:
    """The CLI's error line, the log and the diagnostics are masked; 192.168.1.10 has 9 digits like an ID."""
    address = parse_server_url(f"postgresql://cchc@{host}:5432/cchc")
    assert redact(unreachable_message(address)) == unreachable_message(address)
    assert redact(f"máy chủ {address.display}.") == f"máy chủ {address.display}."


def test_an_id_typed_in_dotted_groups_is_still_masked() -> None:
    assert redact("CCCD 030.185.001.234") == "CCCD *********234"
    assert redact("CMND 123.456.789") == "CMND ******789"
