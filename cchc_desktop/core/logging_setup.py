"""Logging to a rotating file in the user log folder, with ID and phone numbers masked."""

import logging
import logging.handlers
from pathlib import Path

from cchc_desktop.core.log_redaction import PersonalDataFilter

LOG_FILE_NAME = "cchc.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's log records to `log_dir/cchc.log` (1 MB x 5 files); return the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_cchc", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    file_handler.addFilter(PersonalDataFilter())  # no ID or phone number in a file sent to support
    file_handler._cchc = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    root.setLevel(level)
    return log_file
