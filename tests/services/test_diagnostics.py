from __future__ import annotations

import os
from pathlib import Path

from cchc_desktop.services.diagnostics import Diagnostics, diagnostics, log_tail, newest_backup
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from tests.services.intake_helpers import RECEIVED, request


def test_counts_the_dossiers_and_describes_the_database(workspace: Workspace, tmp_path: Path) -> None:
    for name in ("Nguyễn Thị Hoa", "Trần Văn Bình"):
        save_intake(workspace, request(applicant_name=name), now=RECEIVED)

    info = diagnostics(workspace, qt_version="6.9.9", log_dir=tmp_path / "no-logs")

    assert info.dossier_count == 2
    assert info.database == workspace.paths.label
    if workspace.paths.server is None:
        assert info.database_bytes == workspace.paths.database.stat().st_size > 0
        assert info.engine.startswith("SQLite 3.")
    else:
        assert info.database_bytes > 1_000_000  # the server's database on disk
        assert info.engine.startswith("PostgreSQL 1")
    assert info.qt_version == "6.9.9"
    assert info.database_size.endswith(" MB") and "," in info.database_size
    assert info.log_tail == ()
    text = info.as_text()
    assert f"Cơ sở dữ liệu: {workspace.paths.label} ({info.engine})" in text
    assert "Số hồ sơ: 2" in text
    assert "Qt: 6.9.9" in text


def test_the_newest_backup_is_the_last_one_written(workspace: Workspace) -> None:
    folder = workspace.paths.backups
    folder.mkdir(parents=True, exist_ok=True)
    older, newer = folder / "cchc-20260101-080000.sqlite3", folder / "cchc-20260301-080000.sqlite3"
    for path, stamp in ((older, 1_767_250_000), (newer, 1_772_350_000)):
        path.write_bytes(b"x")
        os.utime(path, (stamp, stamp))

    info = diagnostics(workspace)

    assert newest_backup(folder) == newer
    assert info.last_backup == newer
    assert info.last_backup_text.endswith("(cchc-20260301-080000.sqlite3)")


def test_no_backup_yet(workspace: Workspace, tmp_path: Path) -> None:
    assert newest_backup(tmp_path / "missing") is None
    info = diagnostics(workspace)
    if info.last_backup is None:
        assert info.last_backup_text == "chưa có"


def test_the_log_tail_is_the_last_50_lines(tmp_path: Path) -> None:
    log_file = tmp_path / "cchc.log"
    log_file.write_text("".join(f"dòng {n}\n" for n in range(1, 121)), encoding="utf-8")

    tail = log_tail(log_file)

    assert len(tail) == 50
    assert tail[0] == "dòng 71" and tail[-1] == "dòng 120"


def test_sizes_are_written_the_vietnamese_way() -> None:
    info = Diagnostics(
        app_version="0.1.0", python_version="3.11", qt_version="6", system="Linux", bundled=False,
        database="x", engine="SQLite 3", database_bytes=1_234_560_000, dossier_count=0, last_backup=None,
        last_backup_at=None, log_file=Path("cchc.log"), log_tail=(),
    )  # fmt: skip
    assert info.database_size == "1.234,6 MB"
