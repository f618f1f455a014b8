"""Every icon of the app, in one place (qtawesome, Font Awesome 6 solid).

Only the Font Awesome 6 solid font is loaded: `qtawesome.icon` would load all twelve bundled icon
fonts (6 MB) at the first icon, a quarter of what the window's icons cost at start-up, and the
installer ships only this one font.
"""

from functools import cache

import qtawesome
from PySide6.QtGui import QIcon
from qtawesome.iconic_font import IconicFont

FONT_PREFIX = "fa6s"

_NAMES = {
    "intake": "fa6s.file-import",
    "tracking": "fa6s.hourglass-half",
    "report": "fa6s.chart-column",
    "settings": "fa6s.gear",
    "calendar": "fa6s.calendar-days",
    "about": "fa6s.circle-info",
    "guide": "fa6s.circle-question",
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
    "search": "fa6s.magnifying-glass",
    "refresh": "fa6s.arrows-rotate",
    "open": "fa6s.folder-open",
    "clear_filter": "fa6s.filter-circle-xmark",
    "overdue": "fa6s.circle-exclamation",
    "due_today": "fa6s.clock",
    "due_next_day": "fa6s.hourglass-half",
    "waiting": "fa6s.circle-pause",
    "result_ready": "fa6s.circle-check",
    # the next steps of a dossier (one per `domain.lifecycle.Action`) and the lists
    "hand_over": "fa6s.share-from-square",
    "receive_result": "fa6s.inbox",
    "request_supplement": "fa6s.file-circle-exclamation",
    "supplement_received": "fa6s.file-circle-check",
    "refuse": "fa6s.ban",
    "withdraw": "fa6s.arrow-rotate-left",
    "stop": "fa6s.circle-stop",
    "extend": "fa6s.calendar-plus",
    "open_dossier": "fa6s.barcode",
    "daily_list": "fa6s.list",
    "register": "fa6s.book",
    "pdf": "fa6s.file-pdf",
    "excel": "fa6s.file-excel",
    "lock": "fa6s.lock",
    "switch_user": "fa6s.user-lock",
    "accounts": "fa6s.users",
    "audit_log": "fa6s.clipboard-list",
    "catalogue": "fa6s.book-open",
    "attach": "fa6s.paperclip",
    "attach_newest": "fa6s.file-import",
}
# Icons that carry a meaning by their colour (the urgency of a dossier); the others take the palette's.
_COLOURS = {
    "overdue": "#c62828",
    "due_today": "#d9480f",
    "due_next_day": "#a67c00",
    "waiting": "#5f6b7a",
    "result_ready": "#2e7d32",
}


def font_files() -> tuple[str, str]:
    """The file names (font, charmap) of the icon font in qtawesome's `fonts` folder."""
    spec = next(spec for spec in qtawesome._BUNDLED_FONTS if spec[0] == FONT_PREFIX)
    return spec[1], spec[2]


@cache
def _icon_font() -> IconicFont:
    return IconicFont((FONT_PREFIX, *font_files()))


@cache
def icon(name: str) -> QIcon:
    colour = _COLOURS.get(name)
    font = _icon_font()
    created: QIcon = font.icon(_NAMES[name], color=colour) if colour else font.icon(_NAMES[name])
    return created
