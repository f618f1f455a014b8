from __future__ import annotations

from collections.abc import Iterator

import pytest

from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.main_window import MainWindow


@pytest.fixture
def main_window(qtbot, workspace: Workspace) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(workspace)
    # pytest-qt closes it before this fixture's teardown; a test may leave a dossier half typed
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.tracking_tab.filled)  # its list and counts come from its worker
    yield window
