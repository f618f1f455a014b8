"""Qt's own texts in Vietnamese: Qt ships no Vietnamese catalogue, so its standard buttons, context menus
and the file and print dialogs (Qt's widgets where the platform has no native one) would show English.

`install(app)` runs before any widget is built (ui/launcher.py); it also makes Vietnamese the default
locale, so month and day names, numbers and dates in Qt's widgets follow it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator

from cchc_desktop.ui.qt_vietnamese_texts import TEXTS

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


class QtVietnamese(QTranslator):
    """Looks Qt's (context, English text) up in TEXTS. No answer is None (a null QString): Qt then keeps
    its English; an empty string would be taken as the translation and blank the text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        texts = TEXTS.get(context)
        return texts.get(source_text) if texts is not None else None

    def isEmpty(self) -> bool:
        return False

    def language(self) -> str:
        return "vi_VN"


_installed: QtVietnamese | None = None


def install(app: QCoreApplication) -> QtVietnamese:
    """Install the translator on `app` (kept alive by `app` as its parent; once, however often the window
    is started in the process) and the Vietnamese locale."""
    global _installed
    QLocale.setDefault(VIETNAMESE)
    try:
        if _installed is not None and _installed.parent() is app:
            return _installed
    except RuntimeError:  # deleted with an application of an earlier start
        pass
    # (not app.findChild(QtVietnamese): that alone takes 5 ms, 20 times the rest)
    _installed = QtVietnamese(app)
    app.installTranslator(_installed)
    return _installed
