"""The status bar says "Đang chờ dữ liệu được giải phóng…" while a save waits for another program's
write (a second counter, an import run from the command line) to release the database."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QMainWindow

WAITING = "Đang chờ dữ liệu được giải phóng… (một người dùng hoặc chương trình khác đang ghi)"


class WaitingNotice(QObject):
    """Callable as `Database.on_waiting`, from the GUI thread or a worker thread."""

    _changed = Signal(bool)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._changed.connect(self._show)

    def __call__(self, waiting: bool) -> None:
        if QThread.currentThread() is self.thread():
            self._show(waiting)  # a save on the GUI thread: the event loop waits with it, paint now
        else:
            self._changed.emit(waiting)  # queued to the GUI thread

    def _show(self, waiting: bool) -> None:
        bar = self._window.statusBar()
        if waiting:
            bar.showMessage(WAITING)
            bar.repaint()
        elif bar.currentMessage() == WAITING:
            bar.clearMessage()
