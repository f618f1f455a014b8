"""A screen closed while its background task still runs: the task finishes, its answer is dropped, and
nothing is raised on the worker thread (the next screen's test used to fail on "Signal source has been
deleted")."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from cchc_desktop.ui.tasks import TaskRunner


def test_a_task_of_a_closed_screen_ends_quietly(qtbot) -> None:  # type: ignore[no-untyped-def]
    screen = QWidget()
    runner = TaskRunner(screen)
    started, done = threading.Event(), threading.Event()
    answers: list[object] = []

    def slow() -> str:
        started.set()
        threading.Event().wait(0.3)  # still working when the screen goes
        done.set()
        return "xong"

    runner.submit("chậm", slow, answers.append)
    assert started.wait(5)
    screen.deleteLater()  # the window is closed and deleted while the task runs; deleting waits for it
    qtbot.waitUntil(lambda: not isValid(runner))
    assert done.wait(5)
    qtbot.wait(50)  # an exception raised on the worker would reach pytest-qt's capture by now
    assert answers == []
