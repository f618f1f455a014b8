"""The line at the top of a dossier step's form reads as the clerk should see it: the counter's unit is
"Bộ phận TN&TKQ", never its HTML-escaped spelling."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from cchc_desktop.services import workflow
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dossier.action_forms import HandOverForm
from cchc_desktop.ui.dossier.form_base import FormContext
from tests.services.intake_helpers import request


def _shown_text(markup: str, rich: bool) -> str:
    if not rich:
        return markup
    document = QTextDocument()
    document.setHtml(markup)
    return document.toPlainText()


def test_the_hand_over_form_names_the_counter_unit_as_written(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    context = FormContext(
        workspace,
        dossier_by_code(workspace, code),
        tuple(workflow.events_of(workspace, code)),
        lambda: datetime(2026, 3, 3, 9, 0),
        "Tâm",
    )
    form = HandOverForm(context)
    qtbot.addWidget(form)
    label = form.intro
    shown = _shown_text(label.text(), label.textFormat() == Qt.TextFormat.RichText)
    assert "Bộ phận TN&TKQ" in shown, shown
    assert "&amp;" not in shown
