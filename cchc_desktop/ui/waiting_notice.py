"""The status bar says "Đang chờ dữ liệu được giải phóng…" while a save waits for another program's
write (a second counter, an import run from the command line) to release the database, and whether the
centre server can be reached."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from cchc_desktop.ui import strings

BACK_SHOWN_MS = 10_000
LOST_STYLE = "color: #b00020; font-weight: bold;"
BACK_STYLE = "color: #1e4620;"
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


class ConnectionNotice(QObject):
    """The server's connection in the status bar: "Mất kết nối máy chủ dữ liệu, đang thử kết nối lại…"
    while reads, saves or the live board fail to reach it, "Đã kết nối lại máy chủ dữ liệu." for a few
    seconds once it answers again. A permanent widget, so the tabs' own messages do not hide it."""

    def __init__(self, window: QMainWindow, back_shown_ms: int = BACK_SHOWN_MS) -> None:
        super().__init__(window)
        self.lost = False
        self.label = QLabel()
        self.label.setObjectName("connectionNotice")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(back_shown_ms)
        self._hide_timer.timeout.connect(self.label.hide)

    @property
    def text(self) -> str:
        return self.label.text() if self.label.isVisible() else ""

    def set_connected(self, connected: bool) -> None:
        if not connected:
            self._hide_timer.stop()
            self.lost = True
            self.label.setText(strings.STATUS_SERVER_LOST)
            self.label.setToolTip(strings.STATUS_SERVER_LOST_TIP)
            self.label.setStyleSheet(LOST_STYLE)
            self.label.show()
        elif self.lost:
            self.lost = False
            self.label.setText(strings.STATUS_SERVER_BACK)
            self.label.setToolTip("")
            self.label.setStyleSheet(BACK_STYLE)
            self.label.show()
            self._hide_timer.start()
