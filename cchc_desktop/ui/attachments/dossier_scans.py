"""The dossier window's "Bản số hóa" tab: the received papers, each with the scans attached to it, a preview
of the selected scan, and attaching (picker, drag and drop, the scanner folder's newest file), printing,
opening in the system's PDF viewer and deleting.

Everything slow runs on the dialog's worker: reading and combining files, storing them, reading a stored
scan back (hash-checked, so a file changed on disk shows the service's message in the preview).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.digitisation import DIGITISED_LABELS
from cchc_desktop.domain.roles import Permission
from cchc_desktop.services import attachments
from cchc_desktop.services.attachments import Attachment, DossierScans, safe_file_name
from cchc_desktop.services.permissions import refusal_for
from cchc_desktop.services.scan_files import PreparedScan
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.attachments import strings
from cchc_desktop.ui.attachments.preparing import (
    accepted_paths,
    nothing_accepted_text,
    pick_scan_files,
    prepare_in_background,
    skipped_text,
)
from cchc_desktop.ui.dossier.timeline_model import account_names
from cchc_desktop.ui.file_drops import AcceptsFileDrops, accept_file_drags, take_dropped_files
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.pdf_preview import PdfPreview
from cchc_desktop.ui.printing import DocumentPrinterFactory, default_document_printer, print_pdf
from cchc_desktop.ui.tasks import TaskRunner

LINE_ROLE = Qt.ItemDataRole.UserRole  # on every item: the paper's position in the dossier (from 0)
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1  # on a scan's item: the attachment's id
NOT_SCANNED_COLOUR = "#8a5a00"
STATE_STYLE = "padding: 2px 0;"
TREE_WIDTH = 560  # of the tab's ~900 px: the papers' names are long, the preview fits a page's width
PREVIEW_WIDTH = 340


class ScanWatcher(Protocol):
    """What the tab uses of the scanner folder's watcher (ui/attachments/scanner_folder.py)."""

    changed: Any  # a Signal, emitted when the folder's files changed

    def newest(self) -> Path | None: ...

    def forget(self, path: Path) -> None: ...


@cache
def private_folder() -> Path:
    """A folder only this user can read (mkdtemp: 0o700) for the scans opened in another program;
    removed when the app ends (a file a viewer still holds open on Windows stays until the next clean-up
    of the temporary folder)."""
    folder = Path(tempfile.mkdtemp(prefix="cchc-ban-so-hoa-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def write_private_copy(name: str, data: bytes) -> Path:
    """`data` as `<private folder>/<name>`, readable by this user only (0o600)."""
    path = private_folder() / name
    try:
        if path.exists() and path.read_bytes() == data:
            return path  # opened before: a viewer may still hold it
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        path.chmod(0o600)
    except OSError as error:
        raise UserFacingError(strings.CANNOT_WRITE_TEMP.format(reason=error.strerror or error)) from error
    return path


def line_text(number: int, name: str, kind: str) -> str:
    return strings.LINE.format(number=number, name=name, kind=kind) if kind else f"{number}. {name}"


class ScanTree(AcceptsFileDrops, QTreeWidget):
    """The papers and their scans; files dropped on a paper (or on one of its scans) go to that paper."""

    files_dropped = Signal(object, object)  # list[Path], the paper's index or None (dropped below them)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = take_dropped_files(event)
        if not paths:
            return
        item = self.itemAt(event.position().toPoint())
        line = item.data(0, LINE_ROLE) if item is not None else None
        self.files_dropped.emit(paths, line)


class DeleteScanDialog(QDialog):
    """Asks before a scan is deleted, with the reason the audit log keeps (required)."""

    def __init__(self, attachment: Attachment, line: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deleteScanDialog")
        self.setWindowTitle(strings.DELETE_TITLE)
        question = QLabel(
            strings.DELETE_QUESTION.format(name=attachment.file_name, pages=attachment.pages, line=line)
        )
        question.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(strings.DELETE_REASON_PLACEHOLDER)
        self.reason.setMaxLength(250)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = self.buttons.addButton(strings.DELETE_CONFIRM, QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setIcon(icon("remove"))
        self.confirm.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.confirm.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(strings.DELETE_REASON, self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)


class DossierScansTab(QWidget):
    """The scans of one dossier. Results and errors go out as `message`, and into the tab's own status
    line unless `own_status` is False (the dossier window shows them in its status line)."""

    changed = Signal(str)  # the dossier's code, after a scan was attached or deleted
    message = Signal(str, bool)  # a Vietnamese message, whether it is an error
    state_read = Signal(str)  # how far the dossier is digitised ("Đã số hóa đủ" …), after each read

    def __init__(
        self,
        workspace: Workspace,
        code: str,
        runner: TaskRunner,
        *,
        printer_factory: DocumentPrinterFactory = default_document_printer,
        watcher: ScanWatcher | None = None,
        own_status: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.code = code.strip()
        self.runner = runner
        self.printer_factory = printer_factory
        self.watcher = watcher
        self.scans: DossierScans | None = None
        self.busy = False  # attaching: files being read or stored
        self.last_message = ""
        self._own_status = own_status
        self._previewed: int | None = None  # the attachment shown (or being read) in the preview
        self._names: dict[str, str] = {}
        self._build()
        self.setAcceptDrops(True)
        if watcher is not None:
            watcher.changed.connect(self._update_buttons)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.state = QLabel()
        self.state.setObjectName("scanState")
        self.state.setStyleSheet(STATE_STYLE)
        self.state.setWordWrap(True)
        self.tree = ScanTree()
        self.tree.setObjectName("scanTree")
        self.tree.setColumnCount(len(strings.COLUMNS))
        self.tree.setHeaderLabels(list(strings.COLUMNS))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(strings.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda _now, _before: self._selection_changed())
        self.tree.files_dropped.connect(self._dropped)
        self.preview = PdfPreview(strings.PREVIEW_EMPTY)
        self.preview.setObjectName("scanPreview")

        self.attach_button = self._button(strings.ATTACH, "open", self.pick_files)
        self.attach_button.setShortcut(QKeySequence(strings.ATTACH_SHORTCUT))
        self.newest_button = self._button(strings.NEWEST, "new", self.attach_newest)
        self.newest_button.setShortcut(QKeySequence(strings.NEWEST_SHORTCUT))
        self.print_button = self._button(strings.PRINT, "print", self.print_selected)
        self.open_button = self._button(strings.OPEN, "pdf", self.open_selected)
        self.delete_button = self._button(strings.DELETE, "remove", self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.attach_button, self.newest_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.print_button, self.open_button, self.delete_button):
            buttons.addWidget(button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.state)
        left_layout.addWidget(self.tree, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([TREE_WIDTH, PREVIEW_WIDTH])
        self.own_status = QLabel()  # used only when no `report` was given
        self.own_status.setWordWrap(True)
        self.own_status.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.own_status)

    def _button(self, text: str, icon_name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setAutoDefault(False)  # Enter in the dossier window keeps its default step
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ------------------------------------------------------------------ reading
    def refresh(self) -> bool:
        """Read the dossier's scans again; the selected paper (and scan) stay selected."""
        try:
            scans = attachments.scans_of(self.ws, self.code)
            with contextlib.suppress(UserFacingError):  # names are a nicety: usernames otherwise
                self._names = account_names(self.ws)
        except UserFacingError as error:
            self.report(error.message, True)
            return False
        line, attachment_id = self.selected_line(), self._selected_id()
        self.scans = scans
        self._fill(scans)
        self._select(line if line is not None else 0, attachment_id)
        self._update_buttons()
        return True

    def _fill(self, scans: DossierScans) -> None:
        documents = scans.dossier.documents
        lines = {a.document_index for a in scans.attachments if 0 <= a.document_index < len(documents)}
        if documents:
            self.state.setText(
                strings.STATE.format(
                    state=DIGITISED_LABELS[scans.state],
                    files=len(scans.attachments),
                    pages=sum(a.pages for a in scans.attachments),
                    lines=len(lines),
                    total=len(documents),
                )
            )
        else:
            self.state.setText(strings.STATE_EMPTY_LIST)
        self.state_read.emit(DIGITISED_LABELS[scans.state])
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            for index, item in enumerate(documents):
                on_line = scans.on_line(index)
                text = line_text(index + 1, item.name, item.kind)
                if not item.required:
                    text += strings.LINE_OPTIONAL
                if on_line:
                    text += strings.LINE_SCANNED.format(
                        files=len(on_line), pages=sum(a.pages for a in on_line)
                    )
                else:
                    text += strings.LINE_NOT_SCANNED
                line_item = QTreeWidgetItem([text])
                line_item.setData(0, LINE_ROLE, index)
                line_item.setToolTip(0, text)
                if not on_line:
                    line_item.setForeground(0, QBrush(QColor(NOT_SCANNED_COLOUR)))
                self.tree.addTopLevelItem(line_item)
                line_item.setFirstColumnSpanned(True)
                for attachment in on_line:
                    who = self._names.get(attachment.attached_by, attachment.attached_by)
                    scan_item = QTreeWidgetItem(
                        [
                            attachment.file_name,
                            str(attachment.pages),
                            strings.MOMENT.format(attachment.attached_at),
                            strings.WHO.format(name=who, counter=attachment.counter)
                            if attachment.counter
                            else who,
                        ]
                    )
                    scan_item.setData(0, LINE_ROLE, index)
                    scan_item.setData(0, ATTACHMENT_ROLE, attachment.id)
                    scan_item.setIcon(0, icon("pdf"))
                    scan_item.setToolTip(0, "\n".join(attachment.source_names) or attachment.file_name)
                    scan_item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    line_item.addChild(scan_item)
                line_item.setExpanded(True)
        finally:
            self.tree.blockSignals(False)

    def _items(self) -> list[QTreeWidgetItem]:
        """Every paper's item followed by its scans' items."""
        items: list[QTreeWidgetItem] = []
        root = self.tree.invisibleRootItem()
        for row in range(root.childCount()):
            line_item = root.child(row)
            if line_item is not None:
                items.append(line_item)
                items.extend(
                    c for i in range(line_item.childCount()) if (c := line_item.child(i)) is not None
                )
        return items

    def _select(self, line: int, attachment_id: int | None) -> None:
        """The scan `attachment_id` of paper `line`, else the paper, else the first paper."""
        items = self._items()
        on_line = [item for item in items if item.data(0, LINE_ROLE) == line]
        scan = [
            item
            for item in on_line
            if attachment_id is not None and item.data(0, ATTACHMENT_ROLE) == attachment_id
        ]
        candidates = scan or on_line or items
        if candidates:
            self.tree.setCurrentItem(candidates[0])
        self._selection_changed()

    # ------------------------------------------------------------------ selection
    def selected_line(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, LINE_ROLE) if item is not None else None
        return value if isinstance(value, int) else None

    def _selected_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, ATTACHMENT_ROLE) if item is not None else None
        return value if isinstance(value, int) else None

    def selected_attachment(self) -> Attachment | None:
        attachment_id = self._selected_id()
        if self.scans is None or attachment_id is None:
            return None
        return next((a for a in self.scans.attachments if a.id == attachment_id), None)

    def line_name(self, line: int) -> str:
        assert self.scans is not None
        item = self.scans.dossier.documents[line]
        return line_text(line + 1, item.name, item.kind)

    def _selection_changed(self) -> None:
        self._update_buttons()
        attachment = self.selected_attachment()
        if attachment is None:
            self._previewed = None
            self.preview.empty.setText(strings.PREVIEW_EMPTY)
            self.preview.clear()
            return
        if attachment.id == self._previewed:
            return  # shown (or being read) already
        self._previewed = attachment.id
        self.preview.clear()
        self.preview.empty.setText(strings.PREVIEW_READING)
        self.runner.submit(
            "read a scan",
            lambda: attachments.content_of(self.ws, self.code, attachment.id),
            lambda data: self._show(attachment, data),
            lambda error: self._not_shown(attachment, error),
        )

    def _show(self, attachment: Attachment, data: object) -> None:
        if self._previewed != attachment.id:
            return  # another scan was selected meanwhile
        assert isinstance(data, bytes)
        title = f"{attachment.file_name} · {attachment.pages} trang"
        if not self.preview.show_pdf(data, title):
            self.preview.empty.setText(strings.PREVIEW_UNREADABLE.format(name=attachment.file_name))

    def _not_shown(self, attachment: Attachment, error: Exception) -> None:
        if self._previewed != attachment.id:
            return
        self._previewed = None  # selecting it again tries again (the file may have been restored)
        message = _message(error)
        self.preview.clear()
        self.preview.empty.setText(message)
        self.report(message, True)

    def _update_buttons(self) -> None:
        line = self.selected_line()
        attachment = self.selected_attachment()
        assignee = self.scans.dossier.assignee if self.scans is not None else None
        intake = refusal_for(self.ws, Permission.INTAKE, assignee=assignee)
        attach_refusal = intake or (strings.BUSY if self.busy else None)
        if line is None:
            attach_refusal = attach_refusal or strings.CHOOSE_LINE
        self._gate(self.attach_button, strings.ATTACH_TIP, attach_refusal, strings.ATTACH_SHORTCUT)
        newest = self.watcher.newest() if self.watcher is not None else None
        if attach_refusal is None and self.watcher is None:
            attach_refusal = strings.NEWEST_NO_FOLDER
        elif attach_refusal is None and newest is None:
            attach_refusal = strings.NEWEST_NOTHING
        tip = strings.NEWEST_TIP.format(name=newest.name) if newest is not None else strings.NEWEST
        self._gate(self.newest_button, tip, attach_refusal, strings.NEWEST_SHORTCUT)
        chosen = None if attachment is not None else strings.CHOOSE_FILE
        printing = refusal_for(self.ws, Permission.PRINT, assignee=assignee)
        deleting = refusal_for(self.ws, Permission.CORRECT, assignee=assignee)
        self._gate(self.print_button, strings.PRINT_TIP, chosen or printing)
        self._gate(self.open_button, strings.OPEN_TIP, chosen)
        self._gate(self.delete_button, strings.DELETE_TIP, chosen or deleting)

    @staticmethod
    def _gate(button: QPushButton, tip: str, refusal: str | None, shortcut: str = "") -> None:
        """Enabled with its tip, or disabled with the reason as its tooltip."""
        button.setEnabled(refusal is None)
        text = tip if refusal is None else refusal
        button.setToolTip(strings.TIP_WITH_SHORTCUT.format(tip=text, shortcut=shortcut) if shortcut else text)

    # ------------------------------------------------------------------ attaching
    def pick_files(self) -> None:
        line = self.selected_line()
        if line is None or not self.attach_button.isEnabled():
            return
        paths = pick_scan_files(self, self.line_name(line))
        if paths:
            self.attach_files(paths, line)

    def attach_newest(self) -> None:
        line = self.selected_line()
        if self.watcher is None or line is None or not self.newest_button.isEnabled():
            return
        newest = self.watcher.newest()
        if newest is not None:
            self.attach_files([newest], line, from_watcher=True)

    def _dropped(self, paths: list[Path], line: int | None) -> None:
        self.attach_files(paths, line if line is not None else self.selected_line())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_file_drags(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = take_dropped_files(event)
        if paths:
            self.attach_files(paths, self.selected_line())

    def attach_files(self, paths: Sequence[Path], line: int | None, *, from_watcher: bool = False) -> bool:
        """Prepare `paths` on the worker, then store them on paper `line`; False when nothing started."""
        refusal = refusal_for(self.ws, Permission.INTAKE)
        if refusal is None and self.busy:
            refusal = strings.BUSY
        if refusal is None and (line is None or self.scans is None):
            refusal = strings.CHOOSE_LINE
        if refusal is not None:
            self.report(refusal, True)
            return False
        assert line is not None
        accepted, refused = accepted_paths(paths)
        if not accepted:
            self.report(nothing_accepted_text(refused), True)
            return False
        skipped = skipped_text(refused)
        self.busy = True
        self._select(line, None)
        self._update_buttons()
        prepare_in_background(
            self,
            self.runner,
            accepted,
            lambda scans: self._store(scans, line, skipped, accepted if from_watcher else []),
            self._attach_failed,
        )
        return True

    def _store(self, scans: list[PreparedScan], line: int, skipped: str, used: list[Path]) -> None:
        self.runner.submit(
            "attach scans",
            lambda: attachments.attach(self.ws, self.code, line, scans),
            lambda stored: self._attached(stored, line, skipped, used),
            lambda error: self._attach_failed(_message(error)),
        )

    def _attached(self, stored: object, line: int, skipped: str, used: list[Path]) -> None:
        assert isinstance(stored, list)
        self.busy = False
        if self.watcher is not None:
            for path in used:
                self.watcher.forget(path)
        newest = max(stored, key=lambda a: a.id) if stored else None
        self.refresh()
        if newest is not None:
            self._select(line, newest.id)
        done = strings.ATTACHED.format(
            files=len(stored), pages=sum(a.pages for a in stored), line=self.line_name(line)
        )
        self.report(f"{done} {skipped}".strip(), bool(skipped))
        self.changed.emit(self.code)

    def _attach_failed(self, message: str) -> None:
        self.busy = False
        self._update_buttons()
        self.report(message, True)

    # ------------------------------------------------------------------ the selected scan
    def print_selected(self) -> None:
        attachment = self.selected_attachment()
        if attachment is None or not self.print_button.isEnabled():
            return
        name = self._file_stem(attachment)
        factory = self.printer_factory
        title = f"{self.code} - {attachment.file_name}"

        def work() -> str:
            data = attachments.content_of(self.ws, self.code, attachment.id)
            target = print_pdf(data, factory(name), name=title)
            attachments.record_print(self.ws, self.code, attachment, target)
            return target

        self.report(strings.PRINTING.format(name=attachment.file_name), False)
        self.runner.submit(
            "print a scan",
            work,
            lambda _target: self.report(
                strings.PRINTED.format(name=attachment.file_name, pages=attachment.pages), False
            ),
            lambda error: self.report(_message(error), True),
        )

    def open_selected(self) -> None:
        attachment = self.selected_attachment()
        if attachment is None:
            return
        name = self._file_stem(attachment) + ".pdf"

        def work() -> Path:
            return write_private_copy(name, attachments.content_of(self.ws, self.code, attachment.id))

        self.runner.submit(
            "open a scan",
            work,
            lambda path: self._open(path, attachment),
            lambda e: self.report(_message(e), True),
        )

    def _open(self, path: object, attachment: Attachment) -> None:
        assert isinstance(path, Path)
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.report(strings.OPENED.format(name=attachment.file_name), False)
        else:
            self.report(strings.CANNOT_OPEN, True)

    def _file_stem(self, attachment: Attachment) -> str:
        stem = Path(safe_file_name(attachment.file_name, "ban-so-hoa")).stem
        return (
            f"{safe_file_name(self.code, 'ho-so')}-{attachment.document_index + 1:02d}-{attachment.id}-{stem}"
        )

    def delete_selected(self) -> DeleteScanDialog | None:
        """Ask for the reason (window-modal), then delete on the worker."""
        attachment = self.selected_attachment()
        if attachment is None or not self.delete_button.isEnabled():
            return None
        dialog = DeleteScanDialog(attachment, self.line_name(attachment.document_index), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._delete(attachment, dialog.reason.text()))
        dialog.open()
        return dialog

    def _delete(self, attachment: Attachment, reason: str) -> None:
        line = attachment.document_index
        self.runner.submit(
            "delete a scan",
            lambda: attachments.delete_attachment(self.ws, self.code, attachment.id, reason),
            lambda _none: self._deleted(attachment, line),
            lambda error: self.report(_message(error), True),
        )

    def _deleted(self, attachment: Attachment, line: int) -> None:
        self.refresh()
        self._select(line, None)
        self.report(strings.DELETED.format(name=attachment.file_name, line=self.line_name(line)), False)
        self.changed.emit(self.code)

    # ------------------------------------------------------------------ messages
    def report(self, message: str, error: bool = False) -> None:
        self.last_message = message
        self.message.emit(message, error)
        if not self._own_status:
            return
        self.own_status.setText(message)
        self.own_status.setStyleSheet("color: #b00020;" if error else "color: #1e4620;")
        self.own_status.setVisible(bool(message))


def _message(error: Exception) -> str:
    if isinstance(error, UserFacingError):
        return error.message
    return strings.UNEXPECTED.format(detail=type(error).__name__)
