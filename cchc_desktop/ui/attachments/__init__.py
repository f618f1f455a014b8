"""Digitised papers on screen: attaching scans (the picker, drag and drop, the scanner folder's panel)
and a dossier's scans."""

from cchc_desktop.ui.attachments.scanner_folder import ScannerFolderPanel, ScannerFolderWatcher

__all__ = ["ScannerFolderPanel", "ScannerFolderWatcher"]
