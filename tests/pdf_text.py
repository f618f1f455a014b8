"""The text of a PDF as a clerk reads it: NFC, every run of white space one space (lines wrap anywhere)."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def pages_text(pdf: bytes) -> list[str]:
    """One string per page."""
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
