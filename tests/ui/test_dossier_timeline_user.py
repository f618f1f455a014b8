"""The dossier window's timeline names the account that recorded each step (its full name as it is now)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt

from cchc_desktop.domain.roles import Role
from cchc_desktop.services import workflow
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in, update_account
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog
from cchc_desktop.ui.printing import pdf_files_in
from tests.services.intake_helpers import request

NOW = datetime(2026, 3, 2, 10, 10)
ADMIN = AccountForm("quantri", "Nguyễn Văn Quản", "Công chức VP", frozenset(Role))
RECORDED_BY = "Người ghi"


def _cells(dialog: DossierDetailDialog, header: str, role: Qt.ItemDataRole) -> list[str]:
    model = dialog.timeline_model
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    column = headers.index(header)
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


def test_each_step_shows_the_full_name_of_the_account_that_recorded_it(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(workspace, request(), now=NOW).record.code  # before any account: the system
    add_account(workspace, ADMIN, "mat-khau-1")
    sign_in(workspace, "quantri", "mat-khau-1")
    workflow.hand_over(
        workspace,
        code,
        giver="Lê Văn Tâm",
        taker="Phạm Thị Thu",
        taker_unit="Tư pháp",
        at=datetime(2026, 3, 2, 14, 0),
    )
    # A name corrected later shows as it is now.
    update_account(workspace, AccountForm("quantri", "Nguyễn Văn Quản Trị", "", frozenset(Role)))

    dialog = DossierDetailDialog(workspace, code, printer_factory=pdf_files_in(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert _cells(dialog, RECORDED_BY, Qt.ItemDataRole.DisplayRole) == ["hệ thống", "Nguyễn Văn Quản Trị"]
    assert "quantri" in _cells(dialog, RECORDED_BY, Qt.ItemDataRole.ToolTipRole)[1]
