"""Every icon the screens ask for draws a glyph, from the one icon font the app loads."""

from __future__ import annotations

import pytest
import qtawesome
from PySide6.QtGui import QColor

from cchc_desktop.ui import icons


@pytest.mark.parametrize("name", sorted(icons._NAMES))
def test_every_icon_draws_something(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    image = icons.icon(name).pixmap(24, 24).toImage()
    assert not image.isNull()
    assert any(image.pixelColor(x, y).alpha() > 0 for x in range(24) for y in range(24))


def test_urgency_icons_keep_their_colour(qapp) -> None:  # type: ignore[no-untyped-def]
    image = icons.icon("overdue").pixmap(32, 32).toImage()
    opaque = [
        image.pixelColor(x, y) for x in range(32) for y in range(32) if image.pixelColor(x, y).alpha() == 255
    ]
    assert QColor("#c62828") in opaque


def test_only_the_font_awesome_solid_font_is_loaded(qapp) -> None:  # type: ignore[no-untyped-def]
    icons.icon("save")
    assert icons._icon_font().fontname.keys() == {"fa6s"}
    assert qtawesome._resource["iconic"] is None  # qtawesome's own instance would load all twelve fonts
