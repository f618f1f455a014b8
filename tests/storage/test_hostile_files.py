"""Files that are not a sound CCHC Desk database: each is refused with a Vietnamese message and a
non-zero exit, and a file that is not ours is left byte for byte as it was (never switched to WAL)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cchc_desktop.app import main
from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.workspace import open_workspace
from cchc_desktop.storage import engine as engine_module

DATA = Path(__file__).parent / "data"
HOSTILE = DATA / "hostile"

CASES = [
    ("random.sqlite3", "bị hỏng hoặc không phải cơ sở dữ liệu"),
    ("text.sqlite3", "bị hỏng hoặc không phải cơ sở dữ liệu"),
    ("damaged.sqlite3", "bị hỏng hoặc không phải cơ sở dữ liệu"),
    ("other_program.sqlite3", "không phải cơ sở dữ liệu của CCHC Desk"),
    ("other_alembic.sqlite3", "không phải cơ sở dữ liệu của CCHC Desk"),
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("name", "reason"), CASES, ids=[name for name, _ in CASES])
def test_a_hostile_file_is_refused_and_left_as_it_was(
    name: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    database = folder / name
    shutil.copy(HOSTILE / name, database)
    before = database.read_bytes()
    code, err = _run(capsys, "--db", str(database), "report", "--from", "2026-01-01", "--to", "2026-01-31")
    assert code != 0
    assert err.startswith("Lỗi: ") and reason in err and "Traceback" not in err
    assert database.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [name]  # no -wal, -shm or -journal left


def test_a_folder_given_as_the_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data.sqlite3"
    folder.mkdir()
    code, err = _run(capsys, "--db", str(folder), "dossier", "X")
    assert code != 0
    assert "là một thư mục" in err and "Traceback" not in err
    assert list(folder.iterdir()) == []


def test_our_database_with_a_table_dropped_is_refused_unchanged(tmp_path: Path) -> None:
    database = tmp_path / "ours.sqlite3"
    shutil.copy(DATA / "rev_0002.sqlite3", database)
    with sqlite3.connect(database) as connection:
        connection.execute("DROP TABLE number_sequence")
    connection.close()
    before = database.read_bytes()
    with pytest.raises(UserFacingError) as error:
        open_workspace(resolve_paths(str(database)))
    assert "thiếu bảng number_sequence" in error.value.message
    assert database.read_bytes() == before


def test_a_damaged_page_inside_our_database_ends_in_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "ours.sqlite3"
    shutil.copy(HOSTILE / "damaged_page.sqlite3", database)
    code, err = _run(capsys, "--db", str(database), "report", "--from", "2026-01-01", "--to", "2026-01-31")
    assert code != 0
    assert "bị hỏng" in err and "Traceback" not in err


def test_a_database_on_read_only_media_is_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "ours.sqlite3"
    shutil.copy(DATA / "rev_0002.sqlite3", database)
    before = database.read_bytes()
    # The tests run as root, where file modes do not stop a write: open every connection as SQLite
    # opens a file on read-only media.
    real_connect = sqlite3.dbapi2.connect

    def read_only(*args: object, **kwargs: object) -> sqlite3.Connection:
        path = kwargs.pop("database", None) or args[0]
        if str(path) == str(database):
            kwargs["uri"] = True
            path = f"file:{database}?mode=ro"
        return real_connect(path, *args[1:], **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3.dbapi2, "connect", read_only)  # the module SQLAlchemy uses
    code, err = _run(capsys, "--db", str(database), "dossier", "000.00.00.H00-260105-0001")
    monkeypatch.undo()
    assert code != 0
    assert "chỉ cho phép đọc" in err and "Traceback" not in err
    assert database.read_bytes() == before


def test_the_busy_timeout_is_the_one_the_message_names() -> None:
    from cchc_desktop.storage.database import busy_message

    assert f"{engine_module.BUSY_TIMEOUT_MS // 1000} giây" in busy_message()
