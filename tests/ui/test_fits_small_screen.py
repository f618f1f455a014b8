"""Every window fits a 1366×768 laptop screen (700 px left under the taskbar and title bar), as shown with
the app's default font: the main window with each tab, and every window the walk reaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.main_window import MainWindow
from tests.ui.every_window import POPUP_NOISE, SeenWindow, walk_app

SCREEN_WIDTH = 1366
USABLE_HEIGHT = 700


def too_big(seen: SeenWindow) -> str | None:
    """Why `seen` does not fit. The main window is sized by its own resize(), never by its layout's
    wish, so its minimum (the report tab's included) is what must fit; a dialog opens at its wish."""
    if seen.height > USABLE_HEIGHT:
        return f"shown {seen.height} px high"
    if seen.minimum_width > SCREEN_WIDTH or seen.minimum_height > USABLE_HEIGHT:
        return f"cannot shrink below {seen.minimum_width}×{seen.minimum_height} px"
    if seen.kind != "MainWindow" and seen.hint_height > USABLE_HEIGHT:
        return f"asks for {seen.hint_height} px high"
    return None


@pytest.mark.qt_log_ignore(*POPUP_NOISE)
def test_every_window_fits_a_1366_by_768_screen(
    main_window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:
    walk = walk_app(main_window, workspace, tmp_path)

    too_tall = [f"{seen.name} ({seen.kind}): {why}" for seen in walk.seen if (why := too_big(seen))]
    assert not too_tall, "does not fit a 1366×768 screen:\n" + "\n".join(too_tall)
