"""Where to write: a plugged-in USB stick from the list, or any folder.

The backup and the report export dialogs both show this part: the label and the list of removable
drives (`removable_drives`), "Tìm lại ổ" and "Chọn thư mục khác…" beside it, and a hint under it while
no stick is plugged in. Each dialog passes its own texts and decides what to write where the clerk points.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.ui.dialogs.buttons import action_button
from cchc_desktop.ui.dialogs.import_dialog import documents_folder
from cchc_desktop.ui.dialogs.removable_drives import removable_drives
from cchc_desktop.ui.icons import icon

# (parent, caption, start folder) → the chosen folder, "" when cancelled
FolderChooser = Callable[[QWidget, str, str], str]
DriveLister = Callable[[], list[Path]]


def existing_directory(parent: QWidget, caption: str, folder: str) -> str:
    return QFileDialog.getExistingDirectory(parent, caption, folder)


@dataclass(frozen=True)
class DrivePickerTexts:
    drives_label: str
    no_drives: str
    refresh: str
    other: str
    choose_title: str  # caption of the folder dialog behind `other`
    refresh_tip: str = ""
    other_tip: str = ""


class DrivePicker(QWidget):
    """The drive list and its two buttons; the owner calls `refresh` once its own widgets are ready."""

    target_changed = Signal(object)  # the selected drive (Path), or None when the list is empty
    target_chosen = Signal(object)  # a drive double-clicked or a folder picked (Path): write there now

    def __init__(
        self,
        texts: DrivePickerTexts,
        choose_folder: FolderChooser = existing_directory,
        list_drives: DriveLister = removable_drives,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.texts = texts
        self.choose_folder = choose_folder
        self.list_drives = list_drives
        drives_label = QLabel(texts.drives_label)
        self.drives = QListWidget()
        drives_label.setBuddy(self.drives)
        self.drives.itemDoubleClicked.connect(lambda _item: self._choose_selected())
        self.drives.currentRowChanged.connect(lambda _row: self.target_changed.emit(self.selected_drive()))
        self.no_drives = QLabel(texts.no_drives)
        self.no_drives.setWordWrap(True)
        self.refresh_button = action_button(texts.refresh, texts.refresh_tip, "refresh", self.refresh)
        self.other_button = action_button(texts.other, texts.other_tip, "open", self.choose_other_folder)

        side = QVBoxLayout()
        side.addWidget(self.refresh_button)
        side.addWidget(self.other_button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.drives, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # lines up with the rest of the dialog
        layout.addWidget(drives_label)
        layout.addLayout(middle)
        layout.addWidget(self.no_drives)

    def selected_drive(self) -> Path | None:
        item = self.drives.currentItem()
        return None if item is None else Path(item.data(Qt.ItemDataRole.UserRole))

    def refresh(self) -> None:
        """List the drives plugged in now and select the first one."""
        self.drives.clear()
        for drive in self.list_drives():
            item = QListWidgetItem(icon("save"), str(drive))
            item.setData(Qt.ItemDataRole.UserRole, str(drive))
            self.drives.addItem(item)
        self.no_drives.setVisible(self.drives.count() == 0)
        if self.drives.count():
            self.drives.setCurrentRow(0)
            self.drives.setFocus()
        self.target_changed.emit(self.selected_drive())

    def choose_other_folder(self) -> Path | None:
        """Ask for any folder; a chosen one is announced with `target_chosen`."""
        chosen = self.choose_folder(self.window(), self.texts.choose_title, str(documents_folder()))
        if not chosen:
            return None
        folder = Path(chosen)
        self.target_chosen.emit(folder)
        return folder

    def _choose_selected(self) -> None:
        drive = self.selected_drive()
        if drive is not None:
            self.target_chosen.emit(drive)

    def set_busy(self, busy: bool) -> None:
        """While the owner writes, the list stays readable but its buttons wait."""
        self.refresh_button.setEnabled(not busy)
        self.other_button.setEnabled(not busy)
