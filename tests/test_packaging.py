"""The PyInstaller bundle builds, knows its version and opens its window (offscreen).

Building takes minutes, so it runs only with CCHC_TEST_BUNDLE=1 (the lead decides whether CI sets it).
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
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("CCHC_TEST_BUNDLE") != "1",
        reason="builds the PyInstaller bundle (minutes): set CCHC_TEST_BUNDLE=1 to run it",
    ),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
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
    executable = work / "dist" / "cchc" / ("cchc.exe" if sys.platform == "win32" else "cchc")
    assert executable.exists()
    return executable


def test_bundle_prints_its_version(bundle: Path) -> None:
    result = subprocess.run([str(bundle), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_bundle_opens_the_window_on_a_new_database(bundle: Path, tmp_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_DB": str(tmp_path / "x.sqlite3")}
    result = subprocess.run(
        [str(bundle), "--smoke"], capture_output=True, text=True, timeout=120, env=environment
    )
    assert result.returncode == 0, result.stderr
    assert "startup_ms=" in result.stdout
    assert (tmp_path / "x.sqlite3").exists()  # migrations and seeding ran from inside the bundle
