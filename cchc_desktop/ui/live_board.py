"""The live board: saves made at other counters (or by the command-line import) reach this window's
tracking tab and counts within about two seconds.

`services.live_changes` watches on a thread of its own (a long wait, so not the screens' task
runners); it only emits this object's signals, which Qt queues to the GUI thread. Bursts are merged:
the first notice starts a short timer and the notices that follow before it fires are absorbed, so an
import of a thousand dossiers, or a busy centre, refreshes a few times a second at most.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from cchc_desktop.services.live_changes import LiveChanges
from cchc_desktop.services.workspace import Workspace

log = logging.getLogger(__name__)

MERGE_MS = 300  # notices within this time of the first one cause one refresh
STOP_WAIT_SECONDS = 2.0


class LiveBoard(QObject):
    changed = Signal()  # merged: something was written elsewhere; refresh what is shown
    connection_changed = Signal(bool)  # the server's connection is open (True) or lost (False)
    _noticed = Signal()
    _connection = Signal(bool)

    def __init__(self, ws: Workspace, parent: QObject | None = None, *, listen: bool = True) -> None:
        super().__init__(parent)
        self.live = LiveChanges(ws.db, listen=listen)
        self._merge = QTimer(self)
        self._merge.setSingleShot(True)
        self._merge.setInterval(MERGE_MS)
        self._merge.timeout.connect(self.changed)
        # Emitted on the watching thread, delivered (queued) on the GUI thread this object lives on.
        self._noticed.connect(self._notice)
        self._connection.connect(self.connection_changed)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="live board", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop watching and wait for the thread (it notices within a quarter of a second)."""
        self.live.stop()
        self._merge.stop()
        if self._thread is not None:
            self._thread.join(STOP_WAIT_SECONDS)
            if self._thread.is_alive():
                log.warning("live board: the watching thread did not stop in time")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _watch(self) -> None:
        try:
            self.live.run(self._noticed.emit, self._connection.emit)
        except Exception:
            log.exception("live board: watching stopped by an unexpected error")

    def _notice(self) -> None:
        if not self._merge.isActive():
            self._merge.start()
