"""Digitised papers on screen: attaching scans (the picker, drag and drop, the scanner folder's panel)
and a dossier's scans. Nothing is imported here: the settings dialog loads `scanner_setting` at start-up,
the rest loads when first used."""
