"""Saves made elsewhere, as they happen: a loop for a worker thread that calls back when the data
changed (another counter saved or moved a dossier, the command-line import wrote) and when the
server's connection is lost or back.

On the server it waits for the change notices every write sends (`NoticeListener`); where the server
refuses LISTEN, and on the SQLite file (written by a second program: the command-line import), it reads
a change mark every `poll_seconds` (`ChangeMark`). A lost connection is opened again with back-off,
and a reconnection counts as a change (notices sent meanwhile were lost).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from cchc_desktop.storage.change_listener import (
    ChangeMark,
    ListenRefusedError,
    NoticeListener,
    WatchFailedError,
)
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.server_errors import ServerUnavailableError

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0  # the change mark costs microseconds (docs/decisions.md): a change shows within 2 s
LISTEN_STEP_SECONDS = 0.25  # one wait for notices; `stop()` takes effect within this
FIRST_RETRY_SECONDS = 1.0
LONGEST_RETRY_SECONDS = 15.0


def is_server_outage(error: BaseException) -> bool:
    """True for the server being unreachable or dropping the connection (the app reconnects by
    itself); the screens keep what was typed and try again."""
    return isinstance(error, ServerUnavailableError)


class LiveChanges:
    """`run()` on a worker thread until `stop()`; the callbacks are called on that thread."""

    def __init__(
        self,
        db: Database,
        *,
        listen: bool = True,
        poll_seconds: float = POLL_SECONDS,
        first_retry_seconds: float = FIRST_RETRY_SECONDS,
    ) -> None:
        self._db = db
        self._listen = listen and db.server is not None
        self._poll_seconds = poll_seconds
        self._first_retry = first_retry_seconds
        self._stopped = threading.Event()
        self._lost = False
        self._retry = first_retry_seconds

    @property
    def listening(self) -> bool:
        """True while notices are used, False while the change mark is polled."""
        return self._listen

    def stop(self) -> None:
        self._stopped.set()

    def run(self, on_change: Callable[[], None], on_connection: Callable[[bool], None]) -> None:
        """Call `on_change()` after writes made elsewhere; on a server also `on_connection(False)` once
        when its connection is lost and `on_connection(True)` whenever it is (again) open."""
        self._lost = False
        self._retry = self._first_retry
        while not self._stopped.is_set():
            try:
                self._watch(on_change, on_connection)
                return
            except ListenRefusedError:
                self._listen = False  # a pooler in transaction mode: poll the change mark instead
                continue
            except WatchFailedError:
                if not self._lost and self._db.server is not None:
                    on_connection(False)
                self._lost = True
            except Exception:  # a bug: logged, and the board keeps trying rather than stop for the day
                log.exception("watching for changes failed")
            if self._stopped.wait(self._retry):
                return
            self._retry = min(self._retry * 2, LONGEST_RETRY_SECONDS)

    def _watch(self, on_change: Callable[[], None], on_connection: Callable[[bool], None]) -> None:
        """Open a listener or a change mark and watch until stopped; raises when the connection fails."""
        server = self._db.server
        if self._listen and server is not None:
            listener = NoticeListener(self._db.engine)
            self._connected(on_change, on_connection)
            try:
                while not self._stopped.is_set():
                    if listener.wait(LISTEN_STEP_SECONDS):
                        on_change()
            finally:
                listener.close()
            return
        mark = ChangeMark(self._db.engine)
        self._connected(on_change, on_connection)
        try:
            while not self._stopped.wait(self._poll_seconds):
                if mark.changed():
                    on_change()
        finally:
            mark.close()

    def _connected(self, on_change: Callable[[], None], on_connection: Callable[[bool], None]) -> None:
        reconnected, self._lost, self._retry = self._lost, False, self._first_retry
        if self._db.server is not None:
            on_connection(True)
        if reconnected:
            log.info("change notices: connection open again")
            on_change()  # what was written while the connection was down sent no notice here
