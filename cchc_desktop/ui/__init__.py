"""The Qt window: only this package imports PySide6 and qtawesome."""
