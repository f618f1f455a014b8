"""Attaching scans without blocking the window: files picked or dropped are filtered by their extension,
then read, checked and combined (`services.scan_files.prepare_scans`) on the screen's worker, with a
modeless progress dialog counting the files; the answer comes back on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.services.scan_files import ACCEPTED_EXTENSIONS, PreparedScan, prepare_scans
from cchc_desktop.ui.attachments import strings
from cchc_desktop.ui.tasks import TaskRunner

SHOW_PROGRESS_AFTER_MS = 400  # a photo or two is ready before a dialog would flash


class PreparingCancelledError(UserFacingError):
    """The clerk pressed Hủy while the files were read: nothing was prepared."""

    def __init__(self) -> None:
        super().__init__(strings.CANCELLED)


def accepted_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(files with an accepted extension, the others), each in the order given."""
    accepted: list[Path] = []
    refused: list[Path] = []
    for path in paths:
        (accepted if path.suffix.lower() in ACCEPTED_EXTENSIONS else refused).append(path)
    return accepted, refused


def skipped_text(refused: Sequence[Path]) -> str:
    """What the clerk is told about files left out ("" when none were)."""
    if not refused:
        return ""
    return strings.SKIPPED.format(count=len(refused), names=_names(refused))


def nothing_accepted_text(refused: Sequence[Path]) -> str:
    return strings.NOTHING_ACCEPTED.format(names=_names(refused))


def _names(paths: Sequence[Path]) -> str:
    shown = ", ".join(f"“{path.name}”" for path in paths[:3])
    return shown + (f" và {len(paths) - 3} tệp khác" if len(paths) > 3 else "")


def pick_scan_files(parent: QWidget, line: str, folder: str = "") -> list[Path]:
    """The file picker: scans first, every file on request; [] when cancelled."""
    names, _chosen = QFileDialog.getOpenFileNames(
        parent,
        strings.PICK_TITLE.format(line=line),
        folder,
        f"{strings.PICK_FILTER};;{strings.PICK_FILTER_ALL}",
    )
    return [Path(name) for name in names]


class _Progress(QObject):
    """Carries the worker's progress to the dialog on the GUI thread, and the Hủy button back."""

    advanced = Signal(int, int)

    def __init__(self, dialog: QProgressDialog, files: int) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.files = files
        self.cancelled = threading.Event()
        self.advanced.connect(self._show, Qt.ConnectionType.QueuedConnection)
        dialog.canceled.connect(self.cancelled.set)

    def report(self, done: int, total: int) -> None:
        """Called on the worker by `prepare_scans`; stops it at the next file once cancelled."""
        if self.cancelled.is_set():
            raise PreparingCancelledError
        self.advanced.emit(done, total)

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        if self.dialog.wasCanceled():
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total - 1))  # reaching the maximum would close it before the end
        # `total` counts combining the images as one more step: the clerk is told about files.
        self.dialog.setLabelText(strings.PREPARING.format(done=min(done, self.files), total=self.files))


def prepare_in_background(
    parent: QWidget,
    runner: TaskRunner,
    paths: Sequence[Path],
    on_ready: Callable[[list[PreparedScan]], None],
    on_error: Callable[[str], None],
) -> None:
    """Read and combine `paths` on `runner`; `on_ready(scans)` or `on_error(Vietnamese message)` on the
    GUI thread. The progress dialog (a child of `parent`, shown when the work takes a moment) is
    modeless: the window stays usable."""
    files = list(paths)
    dialog = QProgressDialog(
        strings.PREPARING_START.format(total=len(files)), strings.CANCEL, 0, max(len(files), 1), parent
    )
    dialog.setObjectName("preparingScans")
    dialog.setWindowTitle(strings.PREPARING_TITLE)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    progress = _Progress(dialog, len(files))

    def finish() -> None:
        dialog.reset()  # also stops the timer that would show it later
        dialog.hide()
        dialog.deleteLater()

    def ready(result: object) -> None:
        finish()
        assert isinstance(result, list)
        on_ready(result)

    def failed(error: Exception) -> None:
        finish()
        message = (
            error.message
            if isinstance(error, UserFacingError)
            else strings.UNEXPECTED.format(detail=type(error).__name__)
        )
        on_error(message)

    runner.submit("prepare scans", lambda: prepare_scans(files, progress.report), ready, failed)
