"""What support needs to know about this installation: versions, the database, the last backup and
the end of the log, masked again (core.log_redaction): lines written by an older version were masked by
older rules, and this text is pasted into a message to support."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path

from cchc_desktop import __version__
from cchc_desktop.core.log_redaction import redact
from cchc_desktop.core.logging_setup import LOG_FILE_NAME
from cchc_desktop.core.paths import default_log_dir
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import dossier_repo
from cchc_desktop.storage.server_probe import engine_facts

LOG_TAIL_LINES = 50
NO_BACKUP = "chưa có"
_VIETNAMESE_DIGITS = str.maketrans({",": ".", ".": ","})  # 1,234.5 → 1.234,5


@dataclass(frozen=True)
class Diagnostics:
    app_version: str
    python_version: str
    qt_version: str
    system: str
    bundled: bool
    database: str  # the file's path, or "máy chủ user@host:port/db" (never a password)
    engine: str  # "SQLite 3.45.1", "PostgreSQL 15.10"
    database_bytes: int
    dossier_count: int
    last_backup: Path | None
    last_backup_at: datetime | None
    log_file: Path
    log_tail: tuple[str, ...]

    @property
    def database_size(self) -> str:
        """Megabytes the Vietnamese way: "352,4 MB"."""
        return f"{self.database_bytes / 1_000_000:,.1f}".translate(_VIETNAMESE_DIGITS) + " MB"

    @property
    def last_backup_text(self) -> str:
        if self.last_backup is None or self.last_backup_at is None:
            return NO_BACKUP
        return f"{self.last_backup_at:%H:%M %d/%m/%Y} ({self.last_backup.name})"

    def summary_lines(self) -> list[str]:
        return [
            f"Phiên bản: CCHC Desk {self.app_version}",
            f"Python: {self.python_version}; Qt: {self.qt_version}",
            f"Hệ điều hành: {self.system}" + (" (bản đóng gói)" if self.bundled else " (mã nguồn)"),
            f"Cơ sở dữ liệu: {self.database} ({self.engine})",
            f"Dung lượng: {self.database_size}",
            f"Số hồ sơ: {group_thousands(self.dossier_count)}",
            f"Sao lưu gần nhất: {self.last_backup_text}",
        ]

    def as_text(self) -> str:
        """Everything, as plain text to paste into a message to support."""
        tail = list(self.log_tail) or ["(trống)"]
        return "\n".join([*self.summary_lines(), "", f"Nhật ký ({self.log_file}), cuối:", *tail]) + "\n"


def diagnostics(ws: Workspace, qt_version: str | None = None, log_dir: Path | None = None) -> Diagnostics:
    """`qt_version` comes from the screen (only the UI imports Qt); without it, the installed
    PySide6 package's version."""
    with ws.db.read() as session:
        count = dossier_repo.count_dossiers(session)
    facts = engine_facts(ws.db)
    backup = newest_backup(ws.paths.backups)
    log_file = (log_dir or default_log_dir()) / LOG_FILE_NAME
    return Diagnostics(
        app_version=__version__,
        python_version=platform.python_version(),
        qt_version=qt_version or _package_version("PySide6-Essentials", "PySide6"),
        system=f"{platform.system()} {platform.release()} ({platform.machine()})",
        bundled=bool(getattr(sys, "frozen", False)),
        database=ws.paths.label,
        engine=facts.engine,
        database_bytes=facts.size_bytes,
        dossier_count=count,
        last_backup=backup,
        last_backup_at=datetime.fromtimestamp(backup.stat().st_mtime) if backup else None,
        log_file=log_file,
        log_tail=log_tail(log_file),
    )


def newest_backup(folder: Path) -> Path | None:
    if not folder.is_dir():
        return None
    files = [path for path in folder.iterdir() if path.is_file()]
    return max(files, key=lambda path: path.stat().st_mtime, default=None)


def log_tail(log_file: Path, lines: int = LOG_TAIL_LINES) -> tuple[str, ...]:
    try:
        text = log_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    return tuple(redact(line) for line in text.splitlines()[-lines:])


def _package_version(*names: str) -> str:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "?"
