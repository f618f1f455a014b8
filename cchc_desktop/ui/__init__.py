"""The Qt window: only this package imports PySide6 and qtawesome."""

from cchc_desktop.ui.none_refcount_guard import make_none_immortal

make_none_immortal()
