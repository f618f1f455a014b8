"""The Qt window: only this package imports PySide6 and qtawesome."""

from cchc_desktop.ui.pyside_import_tax import skip_feature_source_scan

skip_feature_source_scan()
