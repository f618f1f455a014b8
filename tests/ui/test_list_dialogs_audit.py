"""The daily list and the register leave the window with their audit entry: saved, printed, exported."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.daily_list_dialog import DailyListDialog
from cchc_desktop.ui.dialogs.register_dialog import RegisterDialog
from cchc_desktop.ui.printing import pdf_file_printer
from tests.services.intake_helpers import request
from tests.services.test_dossier_audit import entries
from tests.ui.test_list_dialogs import Chooser


def test_the_daily_list_saved_and_printed_is_logged_with_its_targets(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now().replace(second=0, microsecond=0)
    save_intake(workspace, request(received_at=now), now=now)
    printed = tmp_path / "printed.pdf"
    dialog = DailyListDialog(
        workspace,
        choose_file=Chooser(tmp_path, "danh-sach"),
        printer_factory=lambda: pdf_file_printer(printed),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pdf is not None and not dialog.runner.busy, timeout=10_000)
    assert entries(workspace, AuditAction.REGISTER) == []  # the preview is not a print
    assert dialog.save_pdf()
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=10_000)
    assert dialog.print_list()
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=10_000)
    logged = [(e["key"], e["after"]) for e in entries(workspace, AuditAction.REGISTER)]
    today = date.today().isoformat()
    assert logged == [
        (
            str(tmp_path / "danh-sach.pdf"),
            {"list": "daily_list", "day": today, "target": str(tmp_path / "danh-sach.pdf")},
        ),
        (str(printed), {"list": "daily_list", "day": today, "target": str(printed)}),
    ]


def test_the_register_saved_from_its_dialog_is_logged(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chooser = Chooser(tmp_path, "so-theo-doi.xlsx")
    dialog = RegisterDialog(workspace, choose_file=chooser)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.save(".xlsx")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    (entry,) = entries(workspace, AuditAction.REGISTER)
    assert entry["key"] == str(chooser.path) and entry["after"]["list"] == "register"
