"""A ReportLab drawing as a PNG, painted with Pillow: the DOCX takes pictures, not vector drawings, and
ReportLab 4+ renders bitmaps only through the optional rlPyCairo package, which the app does not ship.

Only the shapes the report's charts use are painted: groups (with their transforms), rectangles, lines,
polylines, polygons and strings in the report's fonts (Liberation Serif, through Pillow's FreeType); an
unknown shape raises rather than silently missing from the picture.
"""

from __future__ import annotations

import io
import math
from functools import cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import (
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
    UserNode,
    mmult,
)
from reportlab.lib.colors import Color

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.documents import fonts

Transform = tuple[float, float, float, float, float, float]
IDENTITY: Transform = (1, 0, 0, 1, 0, 0)
ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


NO_FREETYPE = (
    "Không vẽ được ảnh biểu đồ cho tệp Word vì thiếu thành phần vẽ chữ (FreeType) của phần mềm. Hãy bỏ "
    "chọn “Kèm trang biểu đồ” để xuất báo cáo, và báo cho bộ phận hỗ trợ cài lại phần mềm."
)


@cache
def _font(name: str, pixels: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(str(fonts.font_file(name)), pixels)
    except ImportError as error:  # a build of Pillow without its FreeType extension
        raise UserFacingError(NO_FREETYPE) from error


def _rgb(colour: Color | None) -> tuple[int, int, int] | None:
    if colour is None:
        return None
    return (round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255))


class _Painter:
    def __init__(self, drawing: Drawing, dpi: int) -> None:
        self.scale = dpi / 72
        self.height = drawing.height
        size = (math.ceil(drawing.width * self.scale), math.ceil(drawing.height * self.scale))
        self.image = Image.new("RGB", size, "white")
        self.draw = ImageDraw.Draw(self.image)

    def point(self, t: Transform, x: float, y: float) -> tuple[float, float]:
        """Drawing points (origin bottom left) to pixels (origin top left)."""
        a, b, c, d, e, f = t
        px, py = a * x + c * y + e, b * x + d * y + f
        return px * self.scale, (self.height - py) * self.scale

    def node(self, node: object, t: Transform) -> None:
        if isinstance(node, UserNode):
            node = node.provideNode()
        if isinstance(node, Group):
            inner = mmult(t, node.transform) if node.transform != IDENTITY else t
            for child in node.contents:
                self.node(child, inner)
        elif isinstance(node, Rect):
            self.rect(node, t)
        elif isinstance(node, Line):
            self.lines([(node.x1, node.y1), (node.x2, node.y2)], node, t)
        elif isinstance(node, Polygon):
            corners = [self.point(t, *pair) for pair in zip(node.points[::2], node.points[1::2], strict=True)]
            self.draw.polygon(corners, fill=_rgb(node.fillColor), outline=_rgb(node.strokeColor))
        elif isinstance(node, PolyLine):
            self.lines(list(zip(node.points[::2], node.points[1::2], strict=True)), node, t)
        elif isinstance(node, String):
            self.string(node, t)
        else:
            raise TypeError(f"cannot paint {type(node).__name__}")

    def rect(self, rect: Rect, t: Transform) -> None:
        if rect.width == 0 or rect.height == 0:
            return
        (x0, y0), (x1, y1) = (
            self.point(t, rect.x, rect.y),
            self.point(t, rect.x + rect.width, rect.y + rect.height),
        )
        box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        stroke = _rgb(rect.strokeColor) if rect.strokeWidth else None
        self.draw.rectangle(box, fill=_rgb(rect.fillColor), outline=stroke)

    def lines(self, points: list[tuple[float, float]], shape: Line | PolyLine, t: Transform) -> None:
        colour = _rgb(shape.strokeColor)
        if colour is None or not shape.strokeWidth:
            return
        width = max(1, round(shape.strokeWidth * self.scale))
        self.draw.line([self.point(t, x, y) for x, y in points], fill=colour, width=width)

    def string(self, string: String, t: Transform) -> None:
        if not string.text:
            return
        font = _font(string.fontName, max(1, round(string.fontSize * self.scale)))
        x, y = self.point(t, string.x, string.y)
        anchor = ANCHORS.get(string.textAnchor, "ls")
        fill = _rgb(string.fillColor) or (0, 0, 0)
        angle = math.degrees(math.atan2(t[1], t[0]))
        if abs(angle) < 0.5:
            self.draw.text((x, y), string.text, font=font, fill=fill, anchor=anchor)
            return
        # Turned text: drawn on its own transparent image, turned, then laid on with its anchor in place.
        left, top, right, bottom = (round(edge) for edge in font.getbbox(string.text, anchor=anchor))
        pad = 2
        label = Image.new("RGBA", (right - left + 2 * pad, bottom - top + 2 * pad), (0, 0, 0, 0))
        ImageDraw.Draw(label).text((pad - left, pad - top), string.text, font=font, fill=fill, anchor=anchor)
        turned = label.rotate(angle, expand=True)  # counter-clockwise about the image's centre
        # The anchor's offset from the centre, turned the same way, from the turned image's centre.
        dx, dy = pad - left - label.width / 2, pad - top - label.height / 2
        radians = math.radians(angle)
        ax = turned.width / 2 + dx * math.cos(radians) + dy * math.sin(radians)
        ay = turned.height / 2 - dx * math.sin(radians) + dy * math.cos(radians)
        self.image.paste(turned, (round(x - ax), round(y - ay)), turned)


def drawing_png(drawing: Drawing, dpi: int = 150) -> bytes:
    """The drawing as PNG bytes at `dpi` dots per inch."""
    painter = _Painter(drawing, dpi)
    for child in drawing.contents:
        painter.node(child, drawing.transform)
    buffer = io.BytesIO()
    painter.image.save(buffer, format="PNG", dpi=(dpi, dpi), optimize=True)
    return buffer.getvalue()
