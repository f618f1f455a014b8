"""What the clerk sees when a command fails: one Vietnamese line, no personal data, no traceback."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

import pytest

from cchc_desktop.cli import commands
from cchc_desktop.core.logging_setup import LOG_FILE_NAME
from cchc_desktop.core.paths import default_log_dir
from tests.cli.running import run

SECRETS = ("Nguyễn Văn An", "030185001234", "0912345678", "C1234567")


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


REPORT_OUTPUTS = {"--json": "bc.json", "--pdf": "bc.pdf", "--docx": "bc.docx", "--xlsx": "bc.xlsx"}


def _report_argv(db_path: Path, folder: Path) -> list[str]:
    argv = ["--db", str(db_path), "report", "--from", "2026-01-01", "--to", "2026-12-31"]
    for option, name in REPORT_OUTPUTS.items():
        argv += [option, str(folder / name)]
    return argv


@pytest.fixture
def quick_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents as small stand-ins: these tests are about how they are written."""
    from cchc_desktop.services import report_export

    def render(_ws: object, _stats: object, files: object, **_options: object) -> dict[Path, bytes]:
        paths = [getattr(files, kind) for kind in ("pdf", "docx", "xlsx")]
        return {path: b"new " + path.suffix.encode() for path in paths if path is not None}

    monkeypatch.setattr(report_export, "render_report", render)


@pytest.mark.usefixtures("quick_documents")
def test_a_report_with_several_outputs_writes_all_or_none(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cchc_desktop.core import files

    folder = tmp_path / "usb"
    folder.mkdir()
    old = {name: b"old " + name.encode() for name in REPORT_OUTPUTS.values()}
    for name, data in old.items():
        (folder / name).write_bytes(data)
    real_write, written = files._write_synced, []

    def full_on_the_third_file(path: Path, data: bytes) -> None:
        written.append(path)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(files, "_write_synced", full_on_the_third_file)
    status, out, err = run(capsys, *_report_argv(db_path, folder))
    assert status == 1
    assert "Lỗi: Không đủ chỗ trống" in err and "Đã ghi" not in out
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == old
    monkeypatch.setattr(files, "_write_synced", real_write)
    assert run(capsys, *_report_argv(db_path, folder))[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(old)
    assert (folder / "bc.json").read_bytes().startswith(b"{")
    assert (folder / "bc.docx").read_bytes() == b"new .docx"


@pytest.mark.usefixtures("quick_documents")
def test_a_report_output_in_a_missing_folder_writes_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    argv = _report_argv(db_path, tmp_path)
    argv[argv.index("--xlsx") + 1] = str(tmp_path / "khong-co" / "bc.xlsx")
    status, out, err = run(capsys, *argv)
    assert status == 1 and "Đã ghi" not in out
    assert f"Lỗi: Thư mục {tmp_path / 'khong-co'} không tồn tại" in err
    assert not any(p.suffix in (".json", ".pdf", ".docx") for p in tmp_path.iterdir())
    assert not (tmp_path / "khong-co").exists()
