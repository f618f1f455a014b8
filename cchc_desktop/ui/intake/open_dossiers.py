"""The warning that the citizen already has an open dossier of the same procedure: one line under the
applicant, with a link that opens that dossier. It never stops the intake (a second request can be right:
another copy to certify, a child's birth after a sibling's)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from cchc_desktop.domain.dossiers import STATUS_LABELS
from cchc_desktop.services.intake import OpenDossier
from cchc_desktop.ui.intake import strings

NOTICE_STYLE = (
    "background: #fff4e5; color: #663c00; border: 1px solid #f0b46a; border-radius: 3px; padding: 4px;"
)


def open_dossiers_html(found: Sequence[OpenDossier], saved: bool = False) -> str:
    """The warning as rich text ("" when nothing is open), before the save or (`saved`) in the strip
    after it; the link's target is the newest code."""
    if not found:
        return ""
    newest = found[0]
    code = html.escape(newest.code)
    details = {
        "code": f"<b>{code}</b>",
        "day": f"{newest.received_at:%d/%m/%Y}",
        "status": html.escape(STATUS_LABELS[newest.status]),
        "count": len(found),
    }
    text = (strings.OPEN_DOSSIER_ONE if len(found) == 1 else strings.OPEN_DOSSIER_MANY).format(**details)
    text = strings.SAVED_OPEN_BEFORE.format(text=text) if saved else f"{text} {strings.OPEN_DOSSIER_STILL_OK}"
    link = strings.OPEN_DOSSIER_LINK.format(code=code)
    return f'{text} <a href="{code}">{link}</a>'


class OpenDossierNotice(QLabel):
    """Hidden until `show_dossiers` gets something; a click on the link asks to open the dossier."""

    open_requested = Signal(str)  # the dossier code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openDossierNotice")
        self.setStyleSheet(NOTICE_STYLE)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        # The mouse only: a link reachable by Tab would sit in the middle of the form's typing order.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setToolTip(strings.OPEN_DOSSIER_TIP)
        self.linkActivated.connect(self.open_requested)
        self.found: tuple[OpenDossier, ...] = ()
        self.hide()

    def show_dossiers(self, found: Sequence[OpenDossier]) -> None:
        self.found = tuple(found)
        self.setText(open_dossiers_html(found))
        self.setVisible(bool(found))
