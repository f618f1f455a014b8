"""The scanner folder: files the counter's scanner saves ("scan to folder") appear in a small panel once
the scanner has finished writing them, newest first, ready to attach to the selected paper.

`ScannerFolderWatcher` looks at the folder on a worker thread of its own (a network share may take
seconds to answer, a USB stick may be pulled out): when QFileSystemWatcher reports a change, and every
`poll_ms` besides, since it misses changes on network folders. Which files are complete is decided by
`services.scanner_files.survey`; this object only keeps the last survey, the files already attached
(`forget`) and tells the screens when the list they show changed.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.services.scanner_files import RECENT_DAYS, SeenFile, Survey, survey
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.strings import ACTION_SETTINGS, MENU_SYSTEM
from cchc_desktop.ui.tasks import TaskRunner

TITLE = "Thư mục máy quét: {name}"
TITLE_NONE = "Thư mục máy quét"
RECENT_NOTE = f"Bản quét lưu trong {RECENT_DAYS} ngày gần đây, mới nhất ở trên."
EMPTY = "Chưa có bản quét mới trong thư mục “{name}”. Bản quét hiện ở đây ngay khi máy quét lưu xong."
NO_FOLDER = (
    f"Chưa chọn thư mục máy quét: {MENU_SYSTEM.replace('&', '')} → {ACTION_SETTINGS} → "
    "“Thư mục máy quét” (đặt riêng cho máy này)."
)
MISSING = (
    "Không mở được thư mục máy quét “{path}” (ổ USB đã rút, mất kết nối mạng hoặc thư mục bị xóa?). "
    "Danh sách tự hiện lại khi thư mục có trở lại."
)
READING = "Đang đọc thư mục máy quét…"
COLUMNS = ("Tệp", "Lưu lúc", "Cỡ")
ATTACH = "Gắn vào giấy tờ đang chọn"
ATTACH_TIP = "Gắn các tệp đã chọn vào giấy tờ đang chọn (Enter hoặc bấm đúp vào tệp)"
WARNING_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #5f6b7a;"
PATH_ROLE = Qt.ItemDataRole.UserRole
WATCHED_FILES = 100  # the newest files get change notifications of their own (see _follow_folder)


class ScannerFolderWatcher(QObject):
    """The complete scan files of one folder (or none), kept up to date."""

    changed = Signal()  # the list of complete files changed, or the folder's state (chosen, missing)

    def __init__(
        self,
        folder: Path | None = None,
        parent: QObject | None = None,
        *,
        settle_ms: int = 1500,
        poll_ms: int = 500,
    ) -> None:
        super().__init__(parent)
        self._settle_seconds = settle_ms / 1000
        self._runner = TaskRunner(self)
        self._events = QFileSystemWatcher(self)
        self._events.directoryChanged.connect(self._on_event)
        self._events.fileChanged.connect(self._on_event)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._look)
        self._folder: Path | None = None
        self._survey: Survey | None = None
        self._generation = 0  # a survey answering for an older folder is dropped
        self._looking = False
        self._look_again = False
        self._forgotten: dict[Path, tuple[int, int]] = {}
        self._shown: tuple[object, ...] = ()
        self.set_folder(folder)

    def set_folder(self, folder: Path | None) -> None:
        """Watch `folder` (None: watch nothing); the list starts again empty."""
        if folder == self._folder and (folder is None or self._poll.isActive()):
            return
        self._generation += 1
        self._folder = folder
        self._survey = None
        self._forgotten.clear()
        watched = self._events.directories() + self._events.files()
        if watched:
            self._events.removePaths(watched)
        if folder is None:
            self._poll.stop()
        else:
            self._poll.start()
            self._look(force=True)
        self._tell()

    def folder(self) -> Path | None:
        return self._folder

    def stop(self, wait_ms: int = 2000) -> None:
        """Stop watching (a window closing) and wait for a look under way to end."""
        self.set_folder(None)
        self._runner.wait_until_idle(wait_ms)

    def missing(self) -> bool:
        """True when the folder is chosen but could not be listed the last time (gone, unplugged)."""
        return self._survey is not None and not self._survey.present

    def surveyed(self) -> bool:
        """True once the folder was looked at (the first look at a network folder may take a while)."""
        return self._survey is not None

    def complete_details(self) -> list[SeenFile]:
        """The complete files not attached yet, newest first, with their size and time."""
        if self._survey is None:
            return []
        return [
            seen
            for seen in self._survey.complete()
            if self._forgotten.get(seen.path) != (seen.size, seen.mtime_ns)
        ]

    def complete_files(self) -> list[Path]:
        return [seen.path for seen in self.complete_details()]

    def newest(self) -> Path | None:
        files = self.complete_details()
        return files[0].path if files else None

    def forget(self, path: Path) -> None:
        """`path` was attached: it leaves the list (the file stays on disk). A file saved again under the
        same name comes back."""
        for seen in self._survey.files.values() if self._survey is not None else ():
            if seen.path == path:
                self._forgotten[path] = (seen.size, seen.mtime_ns)
        self._tell()

    def look_now(self) -> None:
        """Look at the folder again at once, listing it whole."""
        self._look(force=True)

    def _on_event(self, _path: str) -> None:
        self._look(force=True)

    def _look(self, force: bool = False) -> None:
        folder = self._folder
        if folder is None or not self._poll.isActive():  # none chosen, or stopped by a fault
            return
        if self._looking:  # one survey at a time; the next one starts from its answer
            self._look_again = self._look_again or force
            return
        self._looking = True
        previous, settle = self._survey, self._settle_seconds
        self._runner.submit(
            "scanner folder",
            lambda: survey(folder, previous, settle_seconds=settle, force=force),
            functools.partial(self._take, self._generation),
            self._failed,
        )

    def _take(self, generation: int, result: object) -> None:
        self._looking = False
        if generation == self._generation and isinstance(result, Survey) and result is not self._survey:
            self._survey = result
            self._follow_folder(result)
            self._tell()
        if generation != self._generation or self._look_again:
            self._look_again = False
            self._look(force=True)

    def _failed(self, _error: Exception) -> None:
        """A bug (the folder's own troubles are a missing folder, not an error): the task runner has
        logged it and shown the crash dialog once; looking again every poll would show it again and
        again, so the watching stops until the folder is set again."""
        self._looking = False
        self._poll.stop()

    def _follow_folder(self, result: Survey) -> None:
        """Keep the change notifications on the folder while it is there (they end when it goes), and on
        its newest files: a scanner set to overwrite "scan.pdf" changes neither the folder nor its time on
        every system, and the folder's own notification does not cover a file's content on Linux."""
        path = str(result.folder)
        watched = path in self._events.directories()
        if result.present and not watched:
            self._events.addPath(path)
        elif not result.present and watched:
            self._events.removePath(path)
        newest = sorted(result.files.values(), key=lambda seen: -seen.mtime_ns)[:WATCHED_FILES]
        wanted = {str(seen.path) for seen in newest} if result.present else set()
        files = set(self._events.files())
        if files - wanted:
            self._events.removePaths(sorted(files - wanted))
        if wanted - files:
            self._events.addPaths(sorted(wanted - files))

    def _tell(self) -> None:
        shown = (
            self._folder,
            self.surveyed(),
            self.missing(),
            tuple((seen.path, seen.size, seen.mtime_ns) for seen in self.complete_details()),
        )
        if shown != self._shown:
            self._shown = shown
            self.changed.emit()


def size_text(size: int) -> str:
    """ "350 KB", "1,2 MB"."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def time_text(mtime_ns: int, today: date | None = None) -> str:
    """ "09:41" today, "16:05 03/12" another day."""
    moment = datetime.fromtimestamp(mtime_ns / 1_000_000_000)
    if moment.date() == (today or date.today()):
        return f"{moment:%H:%M}"
    return f"{moment:%H:%M %d/%m}"


def folder_name(folder: Path) -> str:
    return folder.name or str(folder)  # a drive's root ("E:\\") has no name


class ScannerFolderPanel(QWidget):
    """The folder's name, its complete files (name, time, size) and the attach button. Enter or a
    double-click attaches the selected files too; the newest file is selected when it arrives."""

    attach_requested = Signal(list)  # list[Path], oldest first: the order the pages were scanned in

    def __init__(self, watcher: ScannerFolderWatcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.watcher = watcher
        self.title = QLabel()
        self.title.setObjectName("scannerFolderTitle")
        self.title.setStyleSheet("font-weight: bold;")
        title_icon = QLabel()
        title_icon.setPixmap(icon("open").pixmap(16, 16))
        self.note = QLabel(RECENT_NOTE)
        self.note.setObjectName("scannerFolderNote")
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setWordWrap(True)
        self.state = QLabel()  # the empty list, the missing folder or the missing choice, said in words
        self.state.setObjectName("scannerFolderState")
        self.state.setWordWrap(True)
        self.state.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.files = QTreeWidget()
        self.files.setObjectName("scannerFolderFiles")
        self.files.setHeaderLabels(list(COLUMNS))
        self.files.setRootIsDecorated(False)
        self.files.setUniformRowHeights(True)
        self.files.setAlternatingRowColors(True)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.files.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.files.itemDoubleClicked.connect(lambda _item, _column: self.attach_selected())
        self.files.itemSelectionChanged.connect(self._update_button)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.files, self.attach_selected)
            # Set apart: PySide6 ignores `context=` in this constructor, and a window-wide Enter would take
            # the intake form's Enter (the next field, the save) whenever a scan is selected here.
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.attach_button = QPushButton(icon("attach"), ATTACH)
        self.attach_button.setObjectName("scannerFolderAttach")
        self.attach_button.setToolTip(ATTACH_TIP)
        self.attach_button.clicked.connect(self.attach_selected)

        heading = QHBoxLayout()
        heading.addWidget(title_icon)
        heading.addWidget(self.title, 1)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.attach_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.note)
        layout.addWidget(self.state, 1)  # in the list's place when there is no list
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        self._listed: set[Path] = set()
        watcher.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        folder = self.watcher.folder()
        self.title.setText(TITLE.format(name=folder_name(folder)) if folder is not None else TITLE_NONE)
        self.title.setToolTip(str(folder) if folder is not None else "")
        self.note.setVisible(folder is not None and not self.watcher.missing())
        details = self.watcher.complete_details()
        self._fill(details)
        self.state.setStyleSheet(WARNING_STYLE if self.watcher.missing() else NOTE_STYLE)
        if folder is None:
            self.state.setText(NO_FOLDER)
        elif self.watcher.missing():
            self.state.setText(MISSING.format(path=folder))
        elif not self.watcher.surveyed():
            self.state.setText(READING)
        else:
            self.state.setText(EMPTY.format(name=folder_name(folder)) if not details else "")
        self.state.setVisible(bool(self.state.text()))
        self.files.setVisible(bool(details))
        self._update_button()

    def _fill(self, details: list[SeenFile]) -> None:
        """The list again; the selection is kept, and a file new since the last fill is selected."""
        chosen = set(self.selected_files())
        arrived = [seen.path for seen in details if seen.path not in self._listed]
        self._listed = {seen.path for seen in details}
        if arrived:
            chosen = {arrived[0]}  # the newest arrival: what the clerk has just scanned
        today = date.today()
        self.files.clear()
        current: QTreeWidgetItem | None = None
        for seen in details:
            item = QTreeWidgetItem([seen.path.name, time_text(seen.mtime_ns, today), size_text(seen.size)])
            item.setData(0, PATH_ROLE, str(seen.path))
            item.setToolTip(0, seen.path.name)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.files.addTopLevelItem(item)
            if seen.path in chosen:
                item.setSelected(True)
                current = current or item
        if current is None and self.files.topLevelItemCount():
            current = self.files.topLevelItem(0)
            assert current is not None
            current.setSelected(True)
        if current is not None:
            self.files.setCurrentItem(current, 0, QItemSelectionModel.SelectionFlag.NoUpdate)

    def selected_files(self) -> list[Path]:
        """The selected files, oldest first."""
        items = [self.files.topLevelItem(row) for row in range(self.files.topLevelItemCount())]
        return [Path(item.data(0, PATH_ROLE)) for item in reversed(items) if item and item.isSelected()]

    def attach_selected(self) -> None:
        files = self.selected_files()
        if files:
            self.attach_requested.emit(files)

    def _update_button(self) -> None:
        self.attach_button.setEnabled(bool(self.selected_files()))
