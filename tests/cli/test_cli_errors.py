"""What the clerk sees when a command fails: one Vietnamese line, no personal data, no traceback."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import pytest

from cchc_desktop.app import main
from cchc_desktop.cli import commands
from cchc_desktop.core.logging_setup import LOG_FILE_NAME
from cchc_desktop.core.paths import default_log_dir

SECRETS = ("Nguyễn Văn An", "030185001234", "0912345678", "C1234567")


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if getattr(h, "_cchc", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_unexpected_error_is_one_masked_line_and_a_masked_traceback_in_the_log(
    capsys: pytest.CaptureFixture[str], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_ws: object, _args: argparse.Namespace, _out: TextIO) -> None:
        raise RuntimeError("hồ sơ của Nguyễn Văn An, CCCD 030185001234, ĐT 0912345678, hộ chiếu C1234567")

    monkeypatch.setitem(commands.COMMANDS, "dossier", broken)
    status, out, err = run(capsys, "--db", str(db_path), "dossier", "X")
    log_file = default_log_dir() / LOG_FILE_NAME
    assert status == 1
    assert out == ""
    assert err.splitlines() == [
        "Lỗi không mong muốn: RuntimeError: hồ sơ của [họ tên], CCCD *********234, ĐT *******678, "
        f"hộ chiếu ****567. Chi tiết trong nhật ký: {log_file}"
    ]
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "in broken" in logged
    for secret in SECRETS:
        assert secret not in err
        assert secret not in logged


def test_ctrl_c_exits_130_quietly(
    capsys: pytest.CaptureFixture[str], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(_ws: object, _args: argparse.Namespace, _out: TextIO) -> None:
        raise KeyboardInterrupt

    monkeypatch.setitem(commands.COMMANDS, "dossier", interrupted)
    assert run(capsys, "--db", str(db_path), "dossier", "X") == (130, "", "")


def test_a_clerk_error_line_is_masked_too(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    status, _, err = run(capsys, "--db", str(db_path), "dossier", "030185001234")
    assert status == 2
    assert err.startswith("Lỗi: ") and "*********234" in err
    assert "030185001234" not in err


@pytest.mark.parametrize("command", ["due", "calendar"])
def test_a_database_in_a_missing_folder_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    database = tmp_path / "khong-co" / "cchc.sqlite3"
    argv = {
        "due": ["due", "--procedure", "2.000815", "--received", "2026-01-05T10:00"],
        "calendar": ["calendar", "list", "--year", "2026"],
    }[command]
    status, out, err = run(capsys, "--db", str(database), *argv)
    assert status == 1
    assert out == ""
    assert f"Lỗi: Thư mục {database.parent} không tồn tại" in err
    assert not database.parent.exists()


def test_the_environment_variable_is_checked_the_same_way(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCHC_DB", str(tmp_path / "khong-co" / "cchc.sqlite3"))
    status, _, err = run(capsys, "backup", "--to", str(tmp_path))
    assert status == 1
    assert "không tồn tại" in err
    assert not (tmp_path / "khong-co").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["calendar", "list", "--year", "0"],
        ["calendar", "list", "--year", "-5"],
        ["calendar", "list", "--year", "10000"],
        ["due", "--procedure", "2.000815", "--received", "9999-01-04T10:00"],
    ],
)
def test_a_year_out_of_range_says_which_years_work(
    capsys: pytest.CaptureFixture[str], db_path: Path, argv: list[str]
) -> None:
    status, out, err = run(capsys, "--db", str(db_path), *argv)
    assert status == 2
    assert out == ""
    assert "chỉ từ 1901 đến 2099" in err
    assert "Traceback" not in err
