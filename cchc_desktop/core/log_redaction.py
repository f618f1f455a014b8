"""Personal data out of the log file: ID numbers and phone numbers are masked in every record.

Masked: runs of exactly 9 or 12 digits (CMND, citizen ID) and phone numbers (0 and 9-10 more digits,
or +84 and 9-10 digits, with optional spaces, dots or hyphens between digits). A number keeps only
its last three digits, the separators are dropped: `030185001234` → `*********234`,
`0912 345 678` → `*******678`. Three digits are enough to tell two applicants apart while reading a
log and too few to find anybody. Another 9- or 12-digit number (a byte count) is masked too: better
one number too many than one ID in a file that is sent to support.
"""

from __future__ import annotations

import logging
import re

KEPT_DIGITS = 3
_PATTERN = re.compile(
    r"(?<![\d+])(?:\+84|0)(?:[ .-]?\d){9,10}(?!\d)"  # phone
    r"|(?<!\d)(?:\d{12}|\d{9})(?!\d)"  # CMND / citizen ID
)
_FORMATTER = logging.Formatter()


def _mask(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match[0].removeprefix("+84"))
    return "*" * (len(digits) - KEPT_DIGITS) + digits[-KEPT_DIGITS:]


def redact(text: str) -> str:
    return _PATTERN.sub(_mask, text)


class PersonalDataFilter(logging.Filter):
    """Masks the message (after its arguments are filled in), the traceback and the stack of a record.

    The record is changed in place, so handlers after this one see the masked text too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: let the handler report it as usual
            return True
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = _FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
