"""Reading a clerk's scans into what is stored: 50 A4 pages scanned at 200 dpi as JPEG (about 370 KB each)
combined into one PDF, and a 50-page PDF kept as it came, beside the floor of reading the same files and
hashing them.

    python -m bench.scans [--pages 50] [--repeats 5]

The work runs on the window's worker (the window keeps working; tests drive it); this says how long the
clerk waits for the "N trang" in the checklist.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from bench.common import machine  # noqa: E402
from cchc_desktop.services.scan_files import prepare_scans  # noqa: E402

A4_200_DPI = (1654, 2339)


def scanned_page(path: Path, number: int) -> Path:
    """A page as a scanner makes it: paper-white with lines of dark text-like strokes and some noise."""
    image = Image.effect_noise(A4_200_DPI, 3).convert("RGB")
    draw = ImageDraw.Draw(image)
    for line in range(60):
        y = 150 + line * 34
        draw.rectangle((140, y, 140 + (line * 97 + number * 31) % 1300, y + 14), fill=(40, 40, 40))
    image.save(path, "JPEG", quality=85)
    return path


def pdf_of_pages(path: Path, pages: int) -> Path:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        canvas.drawString(72, 760, f"Trang {number}")
        canvas.showPage()
    canvas.save()
    path.write_bytes(buffer.getvalue())
    return path


def timed(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def floor(paths: list[Path]) -> None:
    for path in paths:
        hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pages = [scanned_page(Path(folder) / f"trang-{n:03d}.jpg", n) for n in range(args.pages)]
        size = sum(page.stat().st_size for page in pages)
        document = pdf_of_pages(Path(folder) / "ho-so.pdf", args.pages)
        print(machine())
        print(f"{args.pages} JPEG pages, {size / args.pages / 1000:.0f} KB each on average")
        combined = timed(lambda: prepare_scans(pages), args.repeats)
        kept = timed(lambda: prepare_scans([document]), args.repeats)
        bare = timed(lambda: floor(pages), args.repeats)
        print(f"{'images combined into one PDF':40} {combined:8.0f} ms")
        print(f"{'a 50-page PDF kept as it came':40} {kept:8.0f} ms")
        print(f"{'floor: read and hash the JPEG files':40} {bare:8.0f} ms")


if __name__ == "__main__":
    main()
