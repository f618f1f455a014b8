"""Background work for screens: run a plain callable on one worker thread, get the answer on the GUI thread.

Tasks run one at a time, in the order they were submitted (like Anki's single operation thread): the
documents renderer and the printer are never used by two threads at once, and a print queued after a
preview sees the preview's work done. The callable must not touch widgets; QPainter on a QPrinter or a
QImage is allowed (Qt documents both as thread-safe paint devices).

Errors: a `UserFacingError` goes to `on_error` only. Anything else is a bug: it goes to `on_error` too (so the
screen can leave its busy state) and then to `sys.excepthook`, which logs it and shows the crash dialog.

No QObject is made per task: the runner's own signals carry a task number, so nothing has to be deleted
while Qt may still deliver to it.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.ui.slow_ops import slow_op

log = logging.getLogger(__name__)

SuccessHandler = Callable[[Any], None]
ErrorHandler = Callable[[Exception], None]


class _Runnable(QRunnable):
    def __init__(self, runner: TaskRunner, number: int, name: str, work: Callable[[], object]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._runner = runner
        self._number = number
        self._name = name
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:
            if not isinstance(error, UserFacingError):
                log.error("background task %r failed", self._name, exc_info=error)
            self._answer(failed=True, value=error)
        else:
            self._answer(failed=False, value=result)

    def _answer(self, *, failed: bool, value: object) -> None:
        try:
            signal = self._runner._failed if failed else self._runner._succeeded
            signal.emit(self._number, value)
        except RuntimeError:
            # The screen was closed while the task ran (deleting its runner waits for the task): nobody is
            # left to answer, and a failure was already logged above.
            log.info("background task %r ended after its screen was closed", self._name)


class TaskRunner(QObject):
    """A single worker thread for one screen."""

    finished = Signal(int)  # the task number, after its handler ran (succeeded or failed)
    _succeeded = Signal(int, object)
    _failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._numbers = itertools.count(1)
        self._handlers: dict[int, tuple[SuccessHandler | None, ErrorHandler | None]] = {}
        # Queued to this object, which lives on the GUI thread: the worker only emits.
        self._succeeded.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.wait_until_idle)  # never tear the window down under a print

    def submit(
        self,
        name: str,
        work: Callable[[], object],
        on_success: SuccessHandler | None = None,
        on_error: ErrorHandler | None = None,
    ) -> int:
        """Run `work()` in the background; `on_success(result)` or `on_error(error)` on the GUI thread.
        Returns the task number that `finished` carries."""
        number = next(self._numbers)
        self._handlers[number] = (on_success, on_error)
        self._pool.start(_Runnable(self, number, name, work))
        return number

    @Slot(int, object)
    def _deliver_result(self, number: int, result: object) -> None:
        on_success, _on_error = self._handlers.pop(number, (None, None))
        try:
            if on_success is not None:
                on_success(result)
        finally:
            self.finished.emit(number)

    @Slot(int, object)
    def _deliver_error(self, number: int, error: object) -> None:
        _on_success, on_error = self._handlers.pop(number, (None, None))
        assert isinstance(error, Exception)
        try:
            if on_error is not None:
                on_error(error)
        finally:
            self.finished.emit(number)
            if not isinstance(error, UserFacingError):
                sys.excepthook(type(error), error, error.__traceback__)

    @property
    def busy(self) -> bool:
        """True while a submitted task has not been answered yet."""
        return bool(self._handlers)

    def wait_until_idle(self, msecs: int = -1) -> bool:
        """Block until the worker has finished its queue (the answers still come through the event loop)."""
        return self._pool.waitForDone(msecs)


def run_now_or_submit(
    runner: TaskRunner | None,
    name: str,
    work: Callable[[], Any],
    take: SuccessHandler,
    failed: ErrorHandler,
    *,
    wait: bool = False,
) -> None:
    """A table model's read: on `runner` in the background, or right here (no runner, or `wait`: the
    tests and the first fill of a small table), timed as a slow operation on the GUI thread would be.
    A UserFacingError goes to `failed` either way."""
    if runner is not None and not wait:
        runner.submit(name, work, take, failed)
        return
    try:
        with slow_op(name):
            take(work())
    except UserFacingError as error:
        failed(error)
