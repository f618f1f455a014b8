"""`cchc print …` writes what it prints into the audit log: the register, the daily list, a dossier's form."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import open_workspace
from tests.agency import set_up_agency
from tests.cli.running import run
from tests.services.intake_helpers import request
from tests.services.test_dossier_audit import entries


def test_printed_lists_and_forms_are_logged(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    ws = open_workspace(resolve_paths(str(db_path)))
    try:
        set_up_agency(ws)
        code = save_intake(ws, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    finally:
        ws.close()
    register, daily, receipt = tmp_path / "so.xlsx", tmp_path / "ngay.pdf", tmp_path / "phieu.pdf"
    for argv in (
        ("print", "register", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(register)),
        ("print", "daily", "--date", "2026-03-02", "--out", str(daily)),
        ("print", "receipt", code, "--out", str(receipt)),
    ):
        status, _, err = run(capsys, "--db", str(db_path), *argv)
        assert status == 0, err
    ws = open_workspace(resolve_paths(str(db_path)))
    try:
        lists = [(e["key"], e["after"]["list"]) for e in entries(ws, AuditAction.REGISTER)]
        assert lists == [(str(register), "register"), (str(daily), "daily_list")]
        (printed,) = entries(ws, AuditAction.PRINT)
        assert (printed["key"], printed["after"]["form"], printed["after"]["target"]) == (
            code,
            "receipt",
            str(receipt),
        )
    finally:
        ws.close()
