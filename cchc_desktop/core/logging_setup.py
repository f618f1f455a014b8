"""Logging to a rotating file in the user log folder, with personal data masked (core.log_redaction).

The folder is created readable by the user only (0o700) and every log file, rotated ones too, 0o600.
"""

import contextlib
import logging
import logging.handlers
import os
from pathlib import Path

from cchc_desktop.core.log_redaction import PersonalDataFilter

LOG_FILE_NAME = "cchc.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)
        return stream


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's log records to `log_dir/cchc.log` (1 MB x 5 files); return the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    log_file = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_cchc", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = _PrivateRotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler.addFilter(PersonalDataFilter())  # nothing personal in a file sent to support
    file_handler._cchc = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    root.setLevel(level)
    return log_file
