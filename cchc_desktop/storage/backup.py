"""Copies of a live database through SQLite's online backup API (never a plain file copy)."""

import os
import sqlite3
from datetime import datetime
from pathlib import Path


def backup_database(source: Path, target: Path) -> Path:
    """Write a consistent copy of `source` to `target` (through a temporary name) and verify it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                result = dst.execute("PRAGMA integrity_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
        if not result or result[0] != "ok":
            raise OSError(f"backup copy failed its integrity check: {result}")
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def timestamped_name(prefix: str, moment: datetime | None = None) -> str:
    moment = moment or datetime.now()
    return f"{prefix}-{moment:%Y%m%d-%H%M%S}.sqlite3"
