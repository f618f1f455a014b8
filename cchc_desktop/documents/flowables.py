"""Flowables drawn by hand: the centred rule under the header lines and a seamless QR code."""

from __future__ import annotations

import functools

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.platypus import Flowable

RULE_THICKNESS = 0.6


class Rule(Flowable):  # type: ignore[misc]
    """A centred horizontal rule with explicit room above and below (spaces of flowables inside table
    cells are not reliable, and the rule must clear the descenders and dots of the line above)."""

    def __init__(self, width: float, above: float, below: float, thickness: float = RULE_THICKNESS) -> None:
        super().__init__()
        self.rule_width = width
        self.above = above
        self.below = below
        self.thickness = thickness
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.rule_width = min(self.rule_width, avail_width)
        self.width = self.rule_width
        return self.width, self.above + self.thickness + self.below

    def draw(self) -> None:
        y = self.below + self.thickness / 2
        self.canv.saveState()
        self.canv.setLineWidth(self.thickness)
        self.canv.setStrokeColor(colors.black)
        self.canv.line(0, y, self.rule_width, y)
        self.canv.restoreState()


@functools.lru_cache(maxsize=64)
def qr_modules(value: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of the QR code of `value`, error correction level M, as
    encoded by ReportLab's QrCodeWidget (encoding is pure Python and slow: cached)."""
    widget = QrCodeWidget(value, barLevel="M")
    widget.qr.make()
    return tuple(tuple(bool(cell) for cell in row) for row in widget.qr.modules)


class QrCode(Flowable):  # type: ignore[misc]
    """A QR code encoded by ReportLab's QrCodeWidget, drawn as one filled path so that viewers and
    printers show no hairline seams between the modules (the widget draws one rectangle per run)."""

    def __init__(self, value: str, symbol_size: float, quiet_modules: int = 2) -> None:
        super().__init__()
        self.value = value
        self.modules = qr_modules(value)
        count = len(self.modules)
        self.module_size = symbol_size / count
        self.quiet = quiet_modules
        self.width = self.height = (count + 2 * quiet_modules) * self.module_size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        size = self.module_size
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.height - (r + self.quiet + 1) * size
            c = 0
            while c < len(row):
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect((start + self.quiet) * size, y, (c - start) * size, size)
        self.canv.saveState()
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()
