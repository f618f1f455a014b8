"""The Qt window: only this package imports PySide6 and qtawesome."""

from cchc_desktop.ui.none_refcount_guard import make_none_immortal
from cchc_desktop.ui.pyside_import_tax import skip_feature_source_scan

make_none_immortal()
skip_feature_source_scan()
