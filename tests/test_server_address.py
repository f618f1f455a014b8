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
    from hypothesis.vendor.pretty import pretty  # what a failing property test prints its inputs with

    for text in (repr(address), str(address), address.display, address.url(), pretty(address)):
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


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            'connection to server at "h", port 5432 failed: FATAL:  the database system is starting up',
            "UNREACHABLE",
        ),
        (
            'connection to server at "h", port 5432 failed: FATAL:  the database system is shutting down',
            "UNREACHABLE",
        ),
        ("FATAL:  terminating connection due to administrator command", "UNREACHABLE"),
        ('connection to server at "h", port 5432 failed: timeout expired', "UNREACHABLE"),
        ('FATAL:  no pg_hba.conf entry for host "1.2.3.4", user "u", database "d", no encryption', "REFUSED"),
        ('FATAL:  permission denied for database "d"', "NO_PERMISSION"),
        ("FATAL:  sorry, too many clients already", "TOO_MANY"),
        ('FATAL:  password authentication failed for user "u"', "PASSWORD"),
        ("FATAL:  une erreur dans une autre langue", "LOGIN"),
        (
            "FATAL:  remaining connection slots are reserved for roles with the SUPERUSER attribute",
            "TOO_MANY",
        ),
        ("failed to resolve host 'may-chu': [Errno -2] Name or service not known", "UNKNOWN_HOST"),
        ("connection failed: fe_sendauth: no password supplied", "NO_PASSWORD"),
    ],
)
def test_a_refused_connection_is_told_apart_by_its_text(text: str, problem: str) -> None:
    """libpq gives a refused connection no SQLSTATE; a server still starting is not a login problem."""
    import psycopg

    from cchc_desktop.storage.server_errors import Problem, classify

    address = parse_server_url("postgresql://u@h/d")
    assert classify(psycopg.OperationalError(text), address) is Problem[problem]


def test_a_plain_connection_refused_by_pg_hba_hints_at_ssl_only_when_ssl_is_off() -> None:
    import psycopg

    from cchc_desktop.storage.server_errors import Problem, classify

    error = psycopg.OperationalError(
        'FATAL:  no pg_hba.conf entry for host "1.2.3.4", user "u", database "d", no encryption'
    )
    assert classify(error, parse_server_url("postgresql://u@h/d?sslmode=disable")) is Problem.SSL_REQUIRED
