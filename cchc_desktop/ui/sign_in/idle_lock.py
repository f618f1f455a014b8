"""The idle lock: after N minutes without a key press or mouse input anywhere in the application, say so
(the window then covers itself with the sign-in dialog). An application event filter only stamps the
time of the last input; one single-shot timer checks when the delay may have run out."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
MS_PER_MINUTE = 60_000


class IdleLock(QObject):
    """`idle` is emitted once after `delay_ms` without input; `start()` arms it again (after a sign-in)."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.clock = clock
        self.delay_ms = 0
        self.minutes = 0  # as the clerk set it (the message names it)
        self._last_input = clock()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.set_delay_ms(minutes * MS_PER_MINUTE)

    def set_delay_ms(self, delay_ms: int) -> None:
        """0: never lock. Takes effect at the next `start()`."""
        self.delay_ms = max(0, delay_ms)

    def start(self) -> None:
        self._last_input = self.clock()
        if self.delay_ms <= 0:
            self.stop()
            return
        if not self._installed:
            app = QCoreApplication.instance()
            assert app is not None
            app.installEventFilter(self)
            self._installed = True
        self._timer.start(self.delay_ms)

    def stop(self) -> None:
        self._timer.stop()
        if self._installed:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last_input = self.clock()
        return False

    def _check(self) -> None:
        quiet_ms = (self.clock() - self._last_input) * 1000
        if quiet_ms + 1 < self.delay_ms:
            self._timer.start(max(1, round(self.delay_ms - quiet_ms)))
            return
        self.stop()
        self.idle.emit()
