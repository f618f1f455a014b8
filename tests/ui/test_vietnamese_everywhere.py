"""No English from Qt anywhere a clerk looks: Qt's standard buttons, context menus and its own file and
print dialogs speak Vietnamese (ui/qt_vietnamese.py), in every window the walk reaches."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui import qt_vietnamese
from cchc_desktop.ui.main_window import MainWindow
from tests.ui.every_window import POPUP_NOISE, Walk, walk_app

# Qt's English, as its widgets and dialogs write it (compared as whole words, ignoring case and "&")
QT_ENGLISH = [
    "Undo", "Redo", "Cut", "Copy", "Paste", "Delete", "Select All", "Step up", "Step down",
    "OK", "Cancel", "Close", "Yes", "No", "Yes to All", "No to All", "Apply", "Save", "Save All",
    "Discard", "Open", "Reset", "Restore Defaults", "Help", "Abort", "Retry", "Ignore",
    "Show Details", "Hide Details", "What's This",
    "Look in", "File name", "Files of type", "Name", "Size", "Type", "Date Modified", "Detail View",
    "List View", "New Folder", "Back", "Forward", "Parent Directory", "Directory", "Folder", "Drive",
    "Computer", "Recent Places", "Sidebar", "All Files", "Save As", "Choose",
    "Print", "Printer", "Properties", "Options", "Copies", "Collate", "Page", "Pages", "Print range",
    "Current Page", "Selection", "Color", "Grayscale", "Reverse", "Output", "Location", "Preview",
    "Portrait", "Landscape", "Orientation", "Margins", "Paper", "Zoom in", "Zoom out", "Enter a value",
]  # fmt: skip
QUOTED = re.compile(r"“[^”]*”")  # a name the clerk reads on a device, e.g. the scanner's “Scan to folder”
ENGLISH = re.compile(r"\b(" + "|".join(re.escape(w) for w in QT_ENGLISH) + r")\b", re.IGNORECASE)


@pytest.fixture
def vietnamese_qt() -> Iterator[None]:
    """Qt's texts in Vietnamese as the launcher installs them; the process's defaults restored after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    locale = QLocale()
    translator = qt_vietnamese.install(app)
    yield
    app.removeTranslator(translator)
    translator.setParent(None)
    QLocale.setDefault(locale)


def english_in(walk: Walk) -> list[str]:
    return [
        f"{seen.name} ({seen.kind}): {text!r}"
        for seen in walk.seen
        for text in seen.texts
        if ENGLISH.search(QUOTED.sub("", text.replace("&", "")))
    ]


@pytest.mark.qt_log_ignore(*POPUP_NOISE)
def test_every_window_and_menu_speaks_vietnamese(  # type: ignore[no-untyped-def]
    vietnamese_qt, main_window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:
    walk = walk_app(main_window, workspace, tmp_path)

    english = english_in(walk)
    assert not english, "Qt's English on screen:\n" + "\n".join(english)


def test_a_text_without_vietnamese_keeps_qts_english_rather_than_going_blank(vietnamese_qt) -> None:  # type: ignore[no-untyped-def]
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert QApplication.translate("QPrintPreviewDialog", "%1%") == "%1%"  # the zoom box: "50%", not ""


def test_starting_the_window_again_installs_the_texts_once(vietnamese_qt) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert qt_vietnamese.install(app) is qt_vietnamese.install(app)
    assert QLocale().language() == QLocale.Language.Vietnamese
