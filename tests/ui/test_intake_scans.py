"""Scanning the papers at the counter: a file dropped on a paper, the newest scanner file with Ctrl+G,
the picker; the scans wait in the checklist and are saved with the dossier."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from cchc_desktop.core.scanner_folder import save_scanner_folder
from cchc_desktop.domain.digitisation import Digitised
from cchc_desktop.services import attachments
from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog
from cchc_desktop.ui.intake.documents_model import NAME, SCANS
from cchc_desktop.ui.main_window import MainWindow
from tests import scan_samples
from tests.ui.test_intake_support import choose_procedure, fill_valid_applicant, prepare, press, wait_idle


class FakeFolder(QObject):
    changed = Signal()

    def __init__(self, newest: Path | None) -> None:
        super().__init__()
        self.file = newest
        self.forgotten: list[Path] = []

    def newest(self) -> Path | None:
        return self.file

    def forget(self, path: Path) -> None:
        self.forgotten.append(path)


def _drop(view, row: int, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    """Files dragged from the file manager onto `row`: enter, move, drop, as the window system sends them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    point = view.visualRect(view.model().index(row, NAME)).center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(
        view.viewport(), QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys)
    )
    QApplication.sendEvent(
        view.viewport(), QDragMoveEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys)
    )
    QApplication.sendEvent(
        view.viewport(), QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, keys)
    )


def test_scans_dropped_and_taken_from_the_scanner_folder_are_saved_with_the_dossier(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "tinh trang hon nhan")
    model, view = tab.form.documents, tab.form.documents_view
    form_page = scan_samples.jpeg(tmp_path / "to-khai.jpg")
    form_back = scan_samples.png(tmp_path / "to-khai-2.png")
    _drop(view, 0, [form_page, form_back])
    qtbot.waitUntil(lambda: model.index(0, SCANS).data() == "2 trang", timeout=10_000)
    assert "Đã gắn 2 trang vào “Hộ chiếu/Thẻ căn cước công dân" in main_window.statusBar().currentMessage()

    (tmp_path / "scanner").mkdir()
    card = scan_samples.pdf(tmp_path / "scanner" / "cccd.pdf", pages=1)
    folder = FakeFolder(card)
    # The window starts its own watcher 250 ms after showing: wait for it, then stand in for it.
    qtbot.waitUntil(lambda: main_window.scanner is not None, timeout=5_000)
    tab.scans.set_watcher(folder)
    assert tab.scans.newest_button.isEnabled()
    view.setFocus()
    press(qtbot, Qt.Key.Key_Down)  # the second paper
    press(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.index(1, SCANS).data() == "1 trang", timeout=10_000)

    fill_valid_applicant(tab)
    saved = tab.save()
    assert saved is not None
    wait_idle(qtbot, tab)
    found = attachments.scans_of(tab.ws, saved.record.code)
    assert [(a.document_index, a.kind, a.pages) for a in found.attachments] == [
        (0, "images", 2),
        (1, "pdf", 1),
    ]
    assert found.state is Digitised.FULL
    assert folder.forgotten == [card]
    assert model.rowCount() == 0  # a new, empty form


def test_a_broken_scan_is_refused_with_its_name_and_the_paper_stays_unscanned(
    qtbot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "tinh trang hon nhan")
    broken = tmp_path / "scan-loi.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_args: ([str(broken)], ""))
    tab.form.documents_view.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    qtbot.mouseClick(tab.scans.attach_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab)
    assert main_window.statusBar().currentMessage() == "Tệp PDF “scan-loi.pdf” bị hỏng hoặc chưa ghi xong."
    assert tab.form.documents.index(1, SCANS).data() == ""


def test_fifty_pages_are_read_while_the_window_keeps_working(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "tinh trang hon nhan")
    pages = [scan_samples.jpeg(tmp_path / f"trang-{n:02d}.jpg", size=(1240, 1754)) for n in range(50)]
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    messages: list[str] = []
    main_window.statusBar().messageChanged.connect(messages.append)
    _drop(tab.form.documents_view, 1, pages)
    assert tab.scans.pending == 1  # the drop returned at once: the files are read on the worker
    qtbot.waitUntil(lambda: tab.form.documents.index(1, SCANS).data() == "50 trang", timeout=60_000)
    timer.stop()
    assert len(ticks) >= 5  # the event loop ran while the pages were read
    assert any(message.startswith("Đang đọc tệp quét ") for message in messages)


def test_the_scanner_folder_feeds_the_intake_checklist_and_the_dossier_window(
    qtbot, workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The window watches this computer's scanner folder: its panel above the receipt preview lists a
    finished scan, the panel's button puts it on the selected paper, and a dossier window gets the folder."""
    folder = tmp_path / "may-quet"
    folder.mkdir()
    save_scanner_folder(folder)
    window = MainWindow(workspace)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.scanner is not None, timeout=5_000)
    tab = prepare(window, tmp_path)
    panel = tab.scanner_panel
    assert panel.isVisible()
    scan = scan_samples.pdf(folder / "scan0001.pdf", pages=2)
    qtbot.waitUntil(lambda: panel.files.topLevelItemCount() == 1, timeout=15_000)
    assert panel.selected_files() == [scan]  # the newest arrival is selected in the panel
    # Enter still belongs to the form (the panel's Enter only works in its own list).
    choose_procedure(qtbot, tab, "tinh trang hon nhan")
    assert tab.form.picker.procedure is not None
    tab.form.documents_view.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.form.documents.index(1, SCANS).data() == "2 trang", timeout=10_000)
    fill_valid_applicant(tab)
    saved = tab.save()
    assert saved is not None
    wait_idle(qtbot, tab)
    qtbot.waitUntil(lambda: panel.files.topLevelItemCount() == 0, timeout=5_000)  # attached: off the list
    assert scan.exists()  # but still on disk
    window.open_dossier(saved.record.code)
    dialog = next(d for d in window.findChildren(DossierDetailDialog) if d.isVisible())
    assert dialog.scans_tab.watcher is window.scanner
    dialog.close()
