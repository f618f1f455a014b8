from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.about_dialog import AboutDialog
from tests.services.intake_helpers import RECEIVED, request


def test_shows_the_dossier_count_and_copies_the_diagnostics(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    for name in ("Nguyễn Thị Hoa", "Trần Văn Bình"):
        save_intake(workspace, request(applicant_name=name), now=RECEIVED)
    dialog = AboutDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.values["dossiers"].text() == "2"
    assert dialog.values["database"].text() == str(workspace.paths.database)

    QGuiApplication.clipboard().clear()
    dialog.copy_button.click()

    copied = QGuiApplication.clipboard().text()
    assert str(workspace.paths.database) in copied
    assert "Số hồ sơ: 2" in copied
    assert dialog.status.text()


def test_help_about_opens_the_dialog(qtbot, main_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)

    main_window.about_action.trigger()

    assert len(shown) == 1
    assert main_window.about_action.shortcut().isEmpty()  # F1 opens the user guide
