"""Scans of the papers at intake: from the scanner folder (Ctrl+G: the newest file onto the selected
paper), a file picker, or files dropped on a paper. Files are read and combined on the tab's worker;
the scans wait in the checklist and are saved with the dossier in its one transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QToolButton, QWidget

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.services.scan_files import ACCEPTED_EXTENSIONS, PreparedScan, prepare_scans
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.intake import strings
from cchc_desktop.ui.intake.documents_model import DocumentsModel, DocumentsView
from cchc_desktop.ui.tasks import TaskRunner

NEWEST_SHORTCUT = "Ctrl+G"
SHORT_NAME = 60  # of a paper's name in the status line
PICKER_FILTER = "Bản quét (" + " ".join(f"*{ext}" for ext in ACCEPTED_EXTENSIONS) + ")"


class ScannerFolder(Protocol):
    """What the intake tab uses of the scanner-folder watcher."""

    @property
    def changed(self) -> Any: ...

    def newest(self) -> Path | None: ...

    def forget(self, path: Path) -> None: ...


class IntakeScans(QObject):
    # Emitted on the worker while files are read; delivered (queued) on the GUI thread: done, of all.
    progressed = Signal(int, int)

    def __init__(
        self,
        view: DocumentsView,
        runner: TaskRunner,
        status: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.model: DocumentsModel = view.checklist
        self.runner = runner
        self.status = status
        self.watcher: ScannerFolder | None = None
        self._from_folder: list[Path] = []  # scanner files waiting in the checklist: forgotten once saved
        self.pending = 0  # files being read on the worker
        self.bar = QWidget()
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.attach_button = self._button(strings.ATTACH_FILES, strings.ATTACH_FILES_TIP, "attach")
        self.attach_button.clicked.connect(self.pick_files)
        self.newest_button = self._button(
            strings.ATTACH_NEWEST, strings.ATTACH_NEWEST_NONE_TIP, "attach_newest"
        )
        self.newest_button.clicked.connect(self.attach_newest)
        self.clear_button = self._button(strings.CLEAR_SCANS, strings.CLEAR_SCANS_TIP, "remove")
        self.clear_button.clicked.connect(self.clear_current)
        for button in (self.attach_button, self.newest_button, self.clear_button):
            row.addWidget(button)
        self.newest_action = QAction(self)
        self.newest_action.setShortcut(QKeySequence(NEWEST_SHORTCUT))
        self.newest_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.newest_action.triggered.connect(self.attach_newest)
        parent.addAction(self.newest_action)
        view.files_dropped.connect(self.attach_files)
        self.progressed.connect(self._show_progress)
        self.refresh_newest()

    def _button(self, text: str, tip: str, icon_name: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setIcon(icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a stop of the form's Tab order
        button.setAutoRaise(True)
        return button

    def set_watcher(self, watcher: ScannerFolder | None) -> None:
        self.watcher = watcher
        if watcher is not None:
            watcher.changed.connect(self.refresh_newest)
        self.refresh_newest()

    def refresh_newest(self) -> None:
        newest = self.watcher.newest() if self.watcher is not None else None
        self.newest_button.setEnabled(newest is not None)
        self.newest_button.setToolTip(
            f"{strings.ATTACH_NEWEST_TIP}\n{newest.name}"
            if newest is not None
            else strings.ATTACH_NEWEST_NONE_TIP
        )

    def _current_row(self) -> int | None:
        row = self.view.currentIndex().row()
        if row < 0:
            self.status(strings.PICK_A_DOCUMENT)
            return None
        return row

    def pick_files(self) -> None:
        row = self._current_row()
        if row is None:
            return
        names, _filter = QFileDialog.getOpenFileNames(
            self.view, strings.ATTACH_FILES.replace("&", ""), "", PICKER_FILTER
        )
        if names:
            self.attach_files(row, [Path(name) for name in names])

    def attach_newest(self) -> None:
        newest = self.watcher.newest() if self.watcher is not None else None
        if newest is None:
            self.status(strings.ATTACH_NEWEST_NONE_TIP)
            return
        row = self._current_row()
        if row is not None:
            self.attach_files(row, [newest], from_folder=True)

    def attach_chosen(self, paths: list[Path]) -> None:
        """Files chosen in the scanner folder's panel, onto the selected paper."""
        row = self._current_row()
        if row is not None:
            self.attach_files(row, paths, from_folder=True)

    def clear_current(self) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            self.model.clear_scans(row)

    def attach_files(self, row: int, paths: list[Path], *, from_folder: bool = False) -> None:
        """Read `paths` on the worker, then put them on `row` (the checklist may have been reset by then:
        the scans are dropped if the paper is no longer the one they were meant for)."""
        if not paths:
            return
        document = self.model.document_on(row)
        self.pending += 1
        self.status(strings.PREPARING_SCANS.format(count=len(paths)))

        def take(result: object) -> None:
            self.pending -= 1
            assert isinstance(result, list)
            if self.model.document_on(row) != document:
                return
            scans: list[PreparedScan] = result
            self.model.add_scans(row, scans)
            if from_folder:
                self._from_folder.extend(paths)
            pages = sum(scan.pages for scan in scans)
            name = document.name if document else ""
            short = name if len(name) <= SHORT_NAME else name[: SHORT_NAME - 1].rstrip() + "…"
            self.status(strings.SCANS_ADDED.format(pages=pages, name=short))

        def failed(error: Exception) -> None:
            self.pending -= 1
            self.status(error.message if isinstance(error, UserFacingError) else strings.SCANS_UNEXPECTED)

        self.runner.submit("read scans", lambda: prepare_scans(paths, self.progressed.emit), take, failed)

    def _show_progress(self, done: int, total: int) -> None:
        if self.pending and done < total:
            self.status(strings.READING_SCANS.format(done=done, total=total))

    def saved(self) -> None:
        """The dossier with its scans is stored: the scanner files used leave the panel."""
        if self.watcher is not None:
            for path in self._from_folder:
                self.watcher.forget(path)
        self._from_folder.clear()
        self.refresh_newest()
