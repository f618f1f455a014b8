"""Paragraph markup of the forms: escaping, dotted blanks, "label: value" lines, balanced line breaks."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape as _xml_escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from cchc_desktop.domain.vn_format import clock_and_date

DOTS = "……………"


def esc(text: str) -> str:
    """Text for Paragraph markup ("TN&TKQ" must not start an entity)."""
    return _xml_escape(text)


def unbreakable(markup: str) -> str:
    """Markup whose spaces never break a line ("Số định danh" must not split over two lines)."""
    return markup.replace(" ", "&nbsp;")


def or_dots(text: str, dots: str = DOTS) -> str:
    """The escaped value, or a dotted blank to fill in by hand."""
    return esc(text) if text else dots


def balanced_lines(text: str, font: str, size: float, width: float) -> str:
    """Escaped markup of `text`: one line if it fits, else two lines of similar width broken at a space
    ("TRUNG TÂM PHỤC VỤ<br/>HÀNH CHÍNH CÔNG" rather than a lone last word)."""
    words = text.split()
    if stringWidth(text, font, size) <= width or len(words) < 2:
        return esc(text)
    best: tuple[float, int] | None = None
    for cut in range(1, len(words)):
        widest = max(
            stringWidth(" ".join(words[:cut]), font, size), stringWidth(" ".join(words[cut:]), font, size)
        )
        if best is None or widest < best[0]:
            best = (widest, cut)
    assert best is not None
    if best[0] > width:
        return esc(text)
    cut = best[1]
    return f"{esc(' '.join(words[:cut]))}<br/>{esc(' '.join(words[cut:]))}"


def label_line(label: str, value: str, *, bold: bool = False) -> str:
    """ "Label: value" markup; an empty value prints dots to fill in by hand."""
    shown = or_dots(value)
    return f"{esc(label)} <b>{shown}</b>" if bold and value else f"{esc(label)} {shown}"


def label_pair(first: str, label: str, value: str) -> str:
    """A second "label: value" after the markup `first` on the same line; the label never breaks."""
    return f"{first}&nbsp;&nbsp;&nbsp; {unbreakable(esc(label))}&nbsp;{or_dots(value)}"


def moment_markup(moment: datetime) -> str:
    """ "10 giờ 05 phút, ngày 19 tháng 01 năm 2023", breaking only after the comma."""
    clock, _, day = clock_and_date(moment).partition(", ")
    return f"{unbreakable(clock)}, {unbreakable(day)}"


def text_markup(text: str) -> str:
    """Escaped free text (a reason, a list of returned papers) keeping the clerk's line breaks."""
    return "<br/>".join(esc(line) for line in text.splitlines())


def code_lines(code: str, font: str, size: float, width: float) -> list[str]:
    """A dossier code cut into lines no wider than `width`, only after a "-" ("000.00.00.H00-" /
    "260125-0001"): a Paragraph would cut a long code anywhere."""
    if stringWidth(code, font, size) <= width:
        return [code]
    lines: list[str] = []
    line = ""
    for part in code.replace("-", "-\n").split("\n"):
        if line and stringWidth(line + part, font, size) > width:
            lines.append(line)
            line = ""
        line += part
    lines.append(line)
    return lines
