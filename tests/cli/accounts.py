"""Accounts for the command-line tests: standard input fed as a script or a clerk would feed it."""

from __future__ import annotations

import io

import pytest

from tests.cli.running import run

ADMIN = "quantri"
ADMIN_PASSWORD = "Quản-trị 2026!"  # non-ASCII and a space inside: read as one whole line


def feed(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    """Standard input holding `lines` (a pipe or a redirected file: not a terminal)."""
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def add_admin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: str) -> None:
    """The first account of `db`, an admin, as the centre's administrator creates it."""
    feed(monkeypatch, ADMIN_PASSWORD)
    status, _, err = run(
        capsys, "--db", db, "user", "add", ADMIN, "--name", "Nguyễn Văn Quản", "--role", "admin"
    )
    assert status == 0, err


def as_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sign-ins take the admin's password from CCHC_PASSWORD."""
    monkeypatch.setenv("CCHC_PASSWORD", ADMIN_PASSWORD)
