"""`cchc agency`: a desk run from the command line is set up as the first-run dialog does it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.app import main

SET_UP = [
    "--commune", "Tân Hưng", "--province", "Hải Phòng", "--identifier", "000.17.22.H56",
    "--place", "Tân Hưng", "--clerk", "Lê Văn Tâm", "--signer", "Nguyễn Văn Hùng",
]  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], db_path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db_path), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_new_desk_shows_what_is_missing_and_printing_says_how_to_fill_it(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, db_path, "agency")
    assert code == 0
    assert "Tên xã: (chưa nhập)" in out
    assert "Chưa in được biểu mẫu: còn thiếu tên xã, tỉnh/thành phố, mã định danh cơ quan" in out
    code, _, err = run(capsys, db_path, "print", "daily", "--out", str(tmp_path / "ds.pdf"))
    assert code == 2
    assert "Trên dòng lệnh: cchc agency --commune" in err
    assert not (tmp_path / "ds.pdf").exists()


def test_setting_the_agency_lets_the_desk_print(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, db_path, "agency", *SET_UP)
    assert code == 0, out
    assert "Đã lưu thông tin cơ quan." in out
    assert "Mã định danh cơ quan: 000.17.22.H56" in out
    assert "Chưa in được" not in out
    code, _, err = run(
        capsys, db_path, "print", "daily", "--date", "2026-03-02", "--out", str(tmp_path / "ds.pdf")
    )
    assert code == 0, err
    assert (tmp_path / "ds.pdf").read_bytes().startswith(b"%PDF")
    # One field changed later keeps the others.
    code, out, _ = run(capsys, db_path, "agency", "--signer", "Trần Văn Bình")
    assert code == 0
    assert "Họ tên người ký: Trần Văn Bình" in out and "Tên xã: Tân Hưng" in out


def test_a_bad_identifier_is_refused_and_nothing_is_stored(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    bad = [value if value != "000.17.22.H56" else "000.17.22 H56" for value in SET_UP]
    code, _, err = run(capsys, db_path, "agency", *bad)
    assert code == 2
    assert "Mã định danh không được chứa khoảng trắng." in err
    _, out, _ = run(capsys, db_path, "agency")
    assert "Tên xã: (chưa nhập)" in out
