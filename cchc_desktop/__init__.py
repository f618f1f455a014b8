"""CCHC Desk: the one-stop counter of a Vietnamese commune."""

__version__ = "0.1.0"
APP_NAME = "CCHC Desk"
