"""Every icon of the app, in one place (qtawesome, Font Awesome 6 solid)."""

from functools import cache

import qtawesome
from PySide6.QtGui import QIcon

_NAMES = {
    "intake": "fa6s.file-import",
    "tracking": "fa6s.hourglass-half",
    "report": "fa6s.chart-column",
    "settings": "fa6s.gear",
    "calendar": "fa6s.calendar-days",
    "about": "fa6s.circle-info",
    "quit": "fa6s.right-from-bracket",
    "add": "fa6s.plus",
    "remove": "fa6s.trash-can",
    "day_off": "fa6s.umbrella-beach",
    "make_up": "fa6s.briefcase",
    "warning": "fa6s.triangle-exclamation",
    "edit": "fa6s.pen-to-square",
    "save": "fa6s.floppy-disk",
    "print": "fa6s.print",
    "print_dialog": "fa6s.sliders",
    "reprint": "fa6s.rotate-right",
    "new": "fa6s.file-circle-plus",
    "now": "fa6s.clock",
}


@cache
def icon(name: str) -> QIcon:
    created: QIcon = qtawesome.icon(_NAMES[name])
    return created
