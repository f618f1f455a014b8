"""Liberation Serif (metric-compatible with Times New Roman, covers Vietnamese) for every printed form.

ReportLab's built-in Times has no Vietnamese glyphs, so the documents never use it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cchc_desktop.core.resources import resource_path

FAMILY = "LiberationSerif"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

_lock = threading.Lock()
_registered = False


def font_file(name: str) -> Path:
    """The TrueType file of one of the four styles (REGULAR, BOLD, ITALIC, BOLD_ITALIC)."""
    return resource_path("fonts", _FILES[name])


def register_fonts() -> None:
    """Register the four styles once; later calls (from any thread) return at once."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        known = set(pdfmetrics.getRegisteredFontNames())
        for name, file_name in _FILES.items():
            if name not in known:
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True
