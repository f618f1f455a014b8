"""Files dragged from the file manager onto a list: which drags to accept and which files were dropped."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent


def accept_file_drags(event: QDragEnterEvent | QDragMoveEvent) -> None:
    """A drag carrying files (URLs) may be dropped; anything else (text, a row of another list) not."""
    if event.mimeData().hasUrls():
        event.acceptProposedAction()
    else:
        event.ignore()


def local_files(urls: Iterable[QUrl]) -> list[Path]:
    """The local files among dropped URLs (a web link or a folder is left out)."""
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile()]


def take_dropped_files(event: QDropEvent) -> list[Path]:
    """The local files dropped, the drop accepted; none (and the drop refused) when it carried none."""
    paths = local_files(event.mimeData().urls())
    if paths:
        event.acceptProposedAction()
    else:
        event.ignore()
    return paths


class AcceptsFileDrops:
    """Mixed into a list view before its Qt class: it takes drags carrying files; its own `dropEvent`
    decides where they go."""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_file_drags(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        accept_file_drags(event)
