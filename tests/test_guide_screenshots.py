"""The guide's pictures come from packaging/guide_screenshots.py: it makes every picture the guide shows,
nothing else, small enough for the bundle."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide" / "huong-dan-su-dung.md"
SCRIPT = ROOT / "packaging" / "guide_screenshots.py"
MAX_WIDTH = 1000
MAX_TOTAL_BYTES = 1_500_000


def referenced_pictures() -> set[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return set(re.findall(r"!\[[^\]]*\]\(images/([^)\s]+)\)", text))


def test_the_script_makes_exactly_the_pictures_the_guide_shows(tmp_path: Path) -> None:
    out = tmp_path / "images"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=240,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]

    made = {path.name for path in out.glob("*.png")}
    assert made == referenced_pictures()
    for path in out.glob("*.png"):
        with Image.open(path) as picture:
            assert picture.mode == "P", path.name  # a palette PNG
            assert picture.width <= MAX_WIDTH, path.name
            assert picture.height > 100, path.name  # a window, not an empty grab


def test_the_committed_pictures_are_the_guide_s_and_stay_small() -> None:
    folder = GUIDE.parent / "images"
    committed = {path.name for path in folder.glob("*.png")}
    assert committed == referenced_pictures()
    assert sum(path.stat().st_size for path in folder.glob("*.png")) < MAX_TOTAL_BYTES
