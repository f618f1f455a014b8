"""The PyInstaller bundle builds, stays under 150 MB on Linux, and does what a clerk does with it: opens
its window (offscreen), imports dossiers, prints forms, writes the report, backs up and restores.

Building takes a minute or more, so it runs only with CCHC_TEST_BUNDLE=1 (.ci/run sets it).
CCHC_TEST_BUNDLE_DIR=dist/cchc checks a bundle already built instead of building one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_desktop import __version__

ROOT = Path(__file__).resolve().parents[1]
LINUX = sys.platform.startswith("linux")
SIZE_LIMIT_MB = 150
APPLICANT = "Nguyễn Văn Ấn"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("CCHC_TEST_BUNDLE") != "1",
        reason="builds the PyInstaller bundle (minutes): set CCHC_TEST_BUNDLE=1 to run it",
    ),
]
# The exchange file of docs/exchange-format.md: a dossier received online, one at the counter.
EXCHANGE_CSV = (
    "\ufeffcode,procedure_code,applicant_name,applicant_id,phone,address,received_at,channel,fee,payment\n"
    f"X-1,2.000815,{APPLICANT},030185001234,0912345678,Thôn Đông,2026-03-02T09:00,online,4000,online\n"
    "X-2,2.000815,Trần Thị Bình,,,Xóm Thượng,2026-03-03T14:00,direct,0,none\n"
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle's folder (dist/cchc/)."""
    if given := os.environ.get("CCHC_TEST_BUNDLE_DIR"):
        return Path(given).resolve()
    if shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("PyInstaller is not installed: pip install -e '.[package]'")
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
            str(ROOT / "packaging" / "cchc.spec"),
        ],
        cwd=ROOT,
        check=True,
        timeout=1800,
    )  # fmt: skip
    return work / "dist" / "cchc"


@pytest.fixture(scope="module")
def executable(bundle: Path) -> Path:
    path = bundle / ("cchc.exe" if sys.platform == "win32" else "cchc")
    assert path.exists()
    return path


def _environment(home: Path) -> dict[str, str]:
    """Offscreen, with the user folders (log, settings) and the database under `home`."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_DB": str(home / "cchc.sqlite3")}
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        environment[variable] = str(home / variable.lower())
    return environment


class Clerk:
    """Runs `cchc …` from the bundle on one database, as a clerk would from a terminal."""

    def __init__(self, executable: Path, home: Path) -> None:
        self.executable = executable
        self.home = home
        self.environment = _environment(home)

    def run(self, *arguments: str, database: Path | str | None = None) -> str:
        """The command's output; the test fails with its error output when it does not exit 0."""
        options = ["--db", str(database)] if database else []
        result = subprocess.run(
            [str(self.executable), *options, *arguments],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=180,
            env=self.environment,
        )
        assert result.returncode == 0, f"cchc {' '.join(arguments)}: {result.stderr}"
        return result.stdout


@pytest.fixture(scope="module")
def clerk(executable: Path, tmp_path_factory: pytest.TempPathFactory) -> Clerk:
    """A database with the two dossiers of EXCHANGE_CSV, imported from the bundle; the agency is set up
    first (the first-run dialog's work: a new database prints nothing)."""
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.workspace import open_workspace
    from tests.agency import set_up_agency

    clerk = Clerk(executable, tmp_path_factory.mktemp("clerk"))
    workspace = open_workspace(resolve_paths(str(clerk.home / "cchc.sqlite3")))
    set_up_agency(workspace)
    workspace.close()
    source = clerk.home / "ho-so.csv"
    source.write_text(EXCHANGE_CSV, encoding="utf-8")
    assert "Đã nhập: 2 hồ sơ thêm mới" in clerk.run("import", str(source))
    return clerk


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """Where the clerk saves the files (a USB drive)."""
    (tmp_path / "usb").mkdir()
    return tmp_path / "usb"


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_bundle_prints_its_version(executable: Path) -> None:
    result = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_bundle_opens_the_window_on_a_new_database(executable: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(executable), "--smoke"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_environment(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "startup_ms=" in result.stdout
    assert (tmp_path / "cchc.sqlite3").exists()  # migrations and seeding ran from inside the bundle


def test_bundle_survives_a_day_of_qt_traffic(executable: Path, tmp_path: Path) -> None:
    """The Qt binding that ships is the one checked: 200,000 signals and 30,000 typed keys."""
    from tests.ui.test_soak import check_soak, run_soak

    check_soak(run_soak([str(executable), "--soak"], tmp_path))


@pytest.mark.skipif(not LINUX, reason="the size budget is the Linux bundle's")
def test_bundle_is_under_150_mb(bundle: Path) -> None:
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    total = sum(path.stat().st_size for path in files)
    biggest = sorted(files, key=lambda path: path.stat().st_size, reverse=True)[:8]
    listing = ", ".join(f"{path.relative_to(bundle)} {path.stat().st_size >> 20} MB" for path in biggest)
    assert total < SIZE_LIMIT_MB << 20, f"{total / 2**20:.0f} MB; the biggest files: {listing}"


def test_bundle_carries_the_user_guide_and_its_pictures(bundle: Path) -> None:
    """F1 opens docs/guide/huong-dan-su-dung.md from sys._MEIPASS/guide (core/resources.py guide_dir)."""
    import re

    guides = list(bundle.rglob("guide/huong-dan-su-dung.md"))
    assert len(guides) == 1, guides
    text = guides[0].read_text(encoding="utf-8")
    assert text == (ROOT / "docs" / "guide" / "huong-dan-su-dung.md").read_text(encoding="utf-8")
    pictures = set(re.findall(r"!\[[^\]]*\]\(images/([^)\s]+)\)", text))
    assert pictures
    assert {path.name for path in (guides[0].parent / "images").glob("*.png")} >= pictures


@pytest.mark.skipif(not LINUX, reason="the ICU data is trimmed on Linux only")
def test_bundle_icu_collates_and_names_in_vietnamese(bundle: Path) -> None:
    """The trimmed ICU data still has the Vietnamese collation, casing and time-zone names."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "check_icu.py"), str(bundle)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr  # and the ICU data loaded was the bundle's


def test_due_date_and_calendar_with_the_holidays(clerk: Clerk) -> None:
    due = clerk.run("due", "--procedure", "2.000815", "--received", "2026-03-06T16:45")
    assert due.strip().splitlines()[-1] == "2026-03-09T17:00"  # after 15:00 on a Friday: Monday
    calendar = clerk.run("calendar", "list", "--year", "2026")
    assert "2026-09-02" in calendar and "Quốc khánh" in calendar  # holiday names in Vietnamese


def test_receipt_pdf_names_the_applicant(clerk: Clerk, out_dir: Path) -> None:
    receipt = out_dir / "giay-tiep-nhan.pdf"
    clerk.run("print", "receipt", "X-1", "--out", str(receipt))
    text = _pdf_text(receipt)
    assert "GIẤY TIẾP NHẬN" in text
    assert APPLICANT in text and "X-1" in text


def test_control_slip_register_and_daily_list(clerk: Clerk, out_dir: Path) -> None:
    clerk.run("print", "control-slip", "X-1", "--out", str(out_dir / "phieu.pdf"))
    assert "PHIẾU KIỂM SOÁT" in _pdf_text(out_dir / "phieu.pdf")
    for name in ("so.pdf", "so.xlsx"):
        clerk.run(
            "print", "register", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(out_dir / name)
        )
    assert "Trần Thị Bình" in _pdf_text(out_dir / "so.pdf")
    clerk.run("print", "daily", "--date", "2026-03-02", "--out", str(out_dir / "ngay.pdf"))
    assert (out_dir / "ngay.pdf").stat().st_size > 0


def test_report_pdf_docx_xlsx(clerk: Clerk, out_dir: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    files = {kind: out_dir / f"bao-cao.{kind}" for kind in ("pdf", "docx", "xlsx", "json")}
    output = clerk.run(
        "report", "--from", "2026-01-01", "--to", "2026-12-31",
        *(argument for kind, path in files.items() for argument in (f"--{kind}", str(path))),
    )  # fmt: skip
    assert "Tổng số hồ sơ TTHC đã tiếp nhận trong năm 2026: 2" in output
    assert "cải cách hành chính" in _pdf_text(files["pdf"])
    assert any(
        "cải cách hành chính" in paragraph.text for paragraph in Document(str(files["docx"])).paragraphs
    )
    assert load_workbook(files["xlsx"]).sheetnames
    assert files["json"].stat().st_size > 0


def test_export_then_import_again_changes_nothing(clerk: Clerk, out_dir: Path) -> None:
    exported = out_dir / "trao-doi.xlsx"
    assert "Đã xuất 2 hồ sơ" in clerk.run("export", "--out", str(exported))
    assert "0 hồ sơ thêm mới, 0 cập nhật, 2 không thay đổi" in clerk.run("import", str(exported), "--dry-run")


def test_backup_restores_into_another_database(clerk: Clerk, out_dir: Path) -> None:
    assert "Đã sao lưu 2 hồ sơ" in clerk.run("backup", "--to", str(out_dir))
    (copy,) = out_dir.glob("*.sqlite3")
    other = clerk.home / "may-khac" / "cchc.sqlite3"
    other.parent.mkdir()  # an explicit --db folder is never created silently
    assert "Đã khôi phục 2 hồ sơ" in clerk.run("restore", str(copy), "--yes", database=other)
    assert APPLICANT in clerk.run("dossier", "X-1", database=other)


def test_bundle_works_on_a_centre_server(executable: Path, tmp_path: Path, postgres_server: object) -> None:
    """The frozen app reaches PostgreSQL: SQLAlchemy's dialect and psycopg's libpq wrapper are loaded by
    name, so a missing hidden import only shows here."""
    address = postgres_server.new_database()  # type: ignore[attr-defined]
    clerk = Clerk(executable, tmp_path)
    url = address.url(with_password=True)
    clerk.run("agency", "--commune", "Phú Lộc", "--province", "Huế", "--identifier", "H57.1",
              "--place", "Phú Lộc", "--clerk", "Lê Văn Bình", "--signer", "Trần Thị Hoa",
              database=url)  # fmt: skip
    assert "Phú Lộc" in clerk.run("agency", database=url)


def test_scans_attach_and_come_back_byte_for_byte(clerk: Clerk, out_dir: Path) -> None:
    """img2pdf (its internal engine, without pikepdf) and pypdf are in the bundle."""
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.intake import save_intake
    from cchc_desktop.services.workspace import open_workspace
    from tests import scan_samples
    from tests.agency import set_up_agency
    from tests.services.intake_helpers import RECEIVED, request

    database = out_dir.parent / "quay-so-hoa" / "cchc.sqlite3"  # its own file: the clerk's counts stay
    database.parent.mkdir()
    workspace = open_workspace(resolve_paths(str(database)))
    try:
        set_up_agency(workspace)
        code = save_intake(workspace, request(applicant_name="Phạm Văn Quét"), now=RECEIVED).record.code
    finally:
        workspace.close()
    photo = scan_samples.jpeg(out_dir / "to-khai.jpg")
    card = scan_samples.pdf(out_dir / "cccd.pdf")
    attached = clerk.run("attach", code, "--document", "1", str(photo), database=database)
    assert "Đã gắn 1 tệp (1 trang)" in attached
    clerk.run("attach", code, "--document", "2", str(card), database=database)
    extracted = out_dir / "ra"
    extracted.mkdir()
    clerk.run("attachments", code, "--extract", str(extracted), database=database)
    assert (extracted / "01-1-001-to-khai.jpg").read_bytes() == photo.read_bytes()
    assert (extracted / "02-2-cccd.pdf").read_bytes() == card.read_bytes()
