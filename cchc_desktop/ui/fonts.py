"""Register the shipped Liberation Serif with Qt so previews match the printed documents."""

import logging

from PySide6.QtGui import QFontDatabase

from cchc_desktop.core.resources import resource_path

log = logging.getLogger(__name__)
FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)


def register_fonts() -> list[str]:
    families: set[str] = set()
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id < 0:
            log.warning("could not load font %s", name)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(families)
