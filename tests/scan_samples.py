"""Scans as a counter's scanner writes them: JPEG, PNG, multi-page TIFF and PDF, made on the fly."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas


def jpeg(
    path: Path, colour: tuple[int, int, int] = (200, 30, 30), size: tuple[int, int] = (620, 877)
) -> Path:
    image = Image.new("RGB", size, colour)
    for x in range(0, size[0], 40):  # some detail, so the JPEG is not trivially small
        for y in range(0, size[1], 3):
            image.putpixel((x, y), (x % 255, y % 255, 90))
    image.save(path, "JPEG", quality=85)
    return path


def png(path: Path, shade: int = 90) -> Path:
    image = Image.new("L", (500, 700), shade)
    for x in range(0, 500, 7):
        image.putpixel((x, x % 700), 255 - shade)
    image.save(path, "PNG")
    return path


def tiff(path: Path, pages: int = 2) -> Path:
    frames = [Image.new("1", (800, 1100), (index % 2)) for index in range(pages)]
    frames[0].save(path, "TIFF", compression="group4", save_all=True, append_images=frames[1:])
    return path


def pdf(path: Path, pages: int = 2, text: str = "Bản quét giấy tờ") -> Path:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        canvas.drawString(72, 760, f"{text} - trang {number}")
        canvas.showPage()
    canvas.save()
    path.write_bytes(buffer.getvalue())
    return path
