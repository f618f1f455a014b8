"""The dossier window's "Bản số hóa" tab: attaching by the picker, by dropping files on a paper and from
the scanner folder, the preview, printing, opening elsewhere, deleting with a reason, a scan changed on
disk, and a big batch prepared while the window keeps running."""

from __future__ import annotations

import stat
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QProgressDialog,
    QPushButton,
    QTreeWidgetItem,
    QWidget,
)

from cchc_desktop.domain.audit import AuditAction
from cchc_desktop.domain.roles import Role
from cchc_desktop.services import attachments
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in
from cchc_desktop.services.audit_view import AuditFilter, page
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.scan_files import PreparedScan, prepare_scans
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.attachments import preparing
from cchc_desktop.ui.attachments.dossier_scans import DeleteScanDialog, DossierScansTab
from cchc_desktop.ui.attachments.preparing import prepare_in_background
from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog
from cchc_desktop.ui.printing import document_files_in, pdf_files_in
from cchc_desktop.ui.tasks import TaskRunner
from tests import scan_samples
from tests.services.intake_helpers import request
from tests.services.scan_tamper import change_one_byte
from tests.ui.keyboard import type_text

NOW = datetime(2026, 3, 2, 10, 10)
TUESDAY = datetime(2026, 3, 3, 9, 0)
PASSWORD = "mat-khau-1"


@pytest.fixture
def code(workspace: Workspace) -> str:
    return save_intake(workspace, request(), now=NOW).record.code


@pytest.fixture
def printed(tmp_path: Path) -> Path:
    folder = tmp_path / "printed"
    folder.mkdir()
    return folder


@pytest.fixture
def open_dialog(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, code: str, tmp_path: Path, printed: Path
) -> Callable[[], DossierDetailDialog]:
    def make() -> DossierDetailDialog:
        dialog = DossierDetailDialog(
            workspace,
            code,
            printer_factory=pdf_files_in(tmp_path),
            clock=lambda: TUESDAY,
            scan_printer_factory=document_files_in(printed),
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.tabs.setCurrentWidget(dialog.scans_tab)
        return dialog

    return make


def idle(qtbot, tab: DossierScansTab) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not tab.busy and not tab.runner.busy, timeout=20_000)


def line_item(tab: DossierScansTab, line: int) -> QTreeWidgetItem:
    item = tab.tree.topLevelItem(line)
    assert item is not None
    return item


def click(qtbot, tab: DossierScansTab, item: QTreeWidgetItem) -> None:  # type: ignore[no-untyped-def]
    rect = tab.tree.visualItemRect(item)
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.tree.currentItem() is item


def scans_under(tab: DossierScansTab, line: int) -> list[tuple[str, str]]:
    item = line_item(tab, line)
    return [(item.child(i).text(0), item.child(i).text(1)) for i in range(item.childCount())]


def attach_now(ws: Workspace, code: str, line: int, files: list[Path]) -> list[PreparedScan]:
    scans = prepare_scans(files)
    attachments.attach(ws, code, line, scans)
    return scans


def drop(widget: QWidget, point: QPoint, files: list[Path]) -> None:
    """As a file manager's drag ends on `widget` at `point`: the drag enters (which picks the widget
    taking it), then the files are dropped."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files])
    action, button, keys = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, action, mime, button, keys)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(point), action, mime, button, keys))


def test_files_picked_for_each_paper_show_under_it_with_their_pages_and_the_state_changes(
    qtbot, open_dialog: Callable[[], DossierDetailDialog], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog()
    tab = dialog.scans_tab
    assert "Chưa số hóa" in tab.state.text()
    assert dialog.tabs.tabText(1) == "Bản số hóa · Chưa số hóa"
    assert line_item(tab, 0).text(0).endswith("chưa số hóa")
    picked: list[list[Path]] = [
        [scan_samples.jpeg(tmp_path / "to-khai-1.jpg"), scan_samples.png(tmp_path / "to-khai-2.png")],
        [scan_samples.pdf(tmp_path / "cccd.pdf", pages=3), tmp_path / "ghi-chu.docx"],
    ]
    titles: list[str] = []

    def picker(_parent: QWidget, title: str, _folder: str, filters: str) -> tuple[list[str], str]:
        assert filters.startswith("Bản quét (*.pdf *.jpg")
        titles.append(title)
        return [str(path) for path in picked.pop(0)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(picker))
    click(qtbot, tab, line_item(tab, 0))
    qtbot.mouseClick(tab.attach_button, Qt.MouseButton.LeftButton)
    idle(qtbot, tab)
    assert titles == [
        "Chọn bản quét để gắn vào “1. Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (bản chính)”"
    ]
    assert scans_under(tab, 0) == [("to-khai-1.pdf", "2")]
    assert "Số hóa một phần" in tab.state.text()
    assert dialog.last_status.startswith("Đã gắn 1 tệp (2 trang) vào “1. Tờ khai")

    click(qtbot, tab, line_item(tab, 1))
    qtbot.mouseClick(tab.attach_button, Qt.MouseButton.LeftButton)
    idle(qtbot, tab)
    assert scans_under(tab, 0) == [("to-khai-1.pdf", "2")]
    assert scans_under(tab, 1) == [("cccd.pdf", "3")]
    assert line_item(tab, 1).text(0).endswith("1 tệp, 3 trang")
    assert "Đã số hóa đủ" in tab.state.text()
    assert dialog.tabs.tabText(1) == "Bản số hóa · Đã số hóa đủ"
    assert "Bỏ qua 1 tệp không phải PDF, JPEG, PNG hoặc TIFF: “ghi-chu.docx”." in dialog.last_status
    # The paper attached to stays selected, on its new scan.
    assert tab.selected_line() == 1 and tab.selected_attachment() is not None


def test_files_dropped_on_a_paper_go_to_that_paper_and_elsewhere_to_the_selected_one(
    qtbot, open_dialog: Callable[[], DossierDetailDialog], tmp_path: Path
) -> None:
    dialog = open_dialog()
    tab = dialog.scans_tab
    assert tab.selected_line() == 0
    second = tab.tree.visualItemRect(line_item(tab, 1)).center()
    drop(tab.tree.viewport(), second, [scan_samples.tiff(tmp_path / "giay-to.tif", pages=2)])
    idle(qtbot, tab)
    assert scans_under(tab, 1) == [("giay-to.pdf", "2")]
    assert scans_under(tab, 0) == []
    assert line_item(tab, 0).text(0).endswith("chưa số hóa")

    click(qtbot, tab, line_item(tab, 0))
    drop(tab.state, QPoint(5, 5), [scan_samples.pdf(tmp_path / "to-khai.pdf", pages=1)])
    idle(qtbot, tab)
    assert scans_under(tab, 0) == [("to-khai.pdf", "1")]


def test_the_selected_scan_is_shown_and_prints_to_the_same_pages(
    qtbot,
    open_dialog: Callable[[], DossierDetailDialog],
    workspace: Workspace,
    code: str,
    tmp_path: Path,
    printed: Path,
) -> None:
    attach_now(workspace, code, 1, [scan_samples.pdf(tmp_path / "cccd.pdf", pages=3)])
    attach_now(
        workspace, code, 0, [scan_samples.jpeg(tmp_path / "a.jpg"), scan_samples.png(tmp_path / "b.png")]
    )
    dialog = open_dialog()
    tab = dialog.scans_tab
    assert not tab.print_button.isEnabled()
    assert tab.print_button.toolTip() == "Chọn một tệp bản quét trong danh sách trước"
    click(qtbot, tab, line_item(tab, 1).child(0))
    qtbot.waitUntil(lambda: tab.preview.page_count == 3)
    assert tab.preview.title.text() == "cccd.pdf · 3 trang"
    click(qtbot, tab, line_item(tab, 0).child(0))
    qtbot.waitUntil(lambda: tab.preview.page_count == 2)

    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_status.startswith("Đã in"))
    assert dialog.last_status == "Đã in tệp “a.pdf” (2 trang)."
    [file] = printed.iterdir()
    document = QPdfDocument()
    document.load(str(file))
    assert document.pageCount() == 2
    document.close()
    [entry] = page(workspace, AuditFilter(action=AuditAction.PRINT.value))
    assert entry.object_key == code and "a.pdf" in entry.after_text and "Số trang: 2" in entry.after_text


def test_opening_elsewhere_writes_a_private_copy_for_the_system_viewer(
    qtbot,
    open_dialog: Callable[[], DossierDetailDialog],
    workspace: Workspace,
    code: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paper = scan_samples.pdf(tmp_path / "cccd.pdf", pages=1)
    attach_now(workspace, code, 1, [paper])
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    dialog = open_dialog()
    tab = dialog.scans_tab
    click(qtbot, tab, line_item(tab, 1).child(0))
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened))
    copy = Path(opened[0].toLocalFile())
    assert copy.read_bytes() == paper.read_bytes()
    assert copy.name.endswith("-02-1-cccd.pdf")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    assert dialog.last_status == "Đã mở tệp “cccd.pdf” bằng phần mềm xem PDF của máy."


def test_deleting_asks_for_a_reason_then_the_paper_is_not_digitised_and_the_log_has_it(
    qtbot, open_dialog: Callable[[], DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:
    attach_now(workspace, code, 0, [scan_samples.pdf(tmp_path / "to-khai.pdf", pages=2)])
    dialog = open_dialog()
    tab = dialog.scans_tab
    click(qtbot, tab, line_item(tab, 0).child(0))
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    asking = tab.findChild(DeleteScanDialog)
    assert asking is not None and asking.isVisible()
    assert not asking.confirm.isEnabled()  # no reason yet
    type_text(asking.reason, "Quét nhầm giấy tờ")
    qtbot.mouseClick(asking.confirm, Qt.MouseButton.LeftButton)
    idle(qtbot, tab)
    assert line_item(tab, 0).text(0).endswith("chưa số hóa")
    assert line_item(tab, 0).childCount() == 0
    assert "Chưa số hóa" in tab.state.text()
    assert dialog.last_status == (
        "Đã xóa tệp “to-khai.pdf” khỏi “1. Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (bản chính)”."
    )
    [entry] = page(workspace, AuditFilter(action=AuditAction.DETACH.value))
    assert entry.object_key == code and "Quét nhầm giấy tờ" in entry.after_text


def test_a_clerk_without_the_right_sees_why_delete_and_attach_are_off(
    qtbot, open_dialog: Callable[[], DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:
    attach_now(workspace, code, 0, [scan_samples.pdf(tmp_path / "to-khai.pdf", pages=1)])
    add_account(workspace, AccountForm("quantri", "Nguyễn Văn Quản", "", frozenset({Role.ADMIN})), PASSWORD)
    sign_in(workspace, "quantri", PASSWORD)
    add_account(workspace, AccountForm("lanhdao", "Trần Văn Lãnh", "", frozenset({Role.LEADER})), PASSWORD)
    sign_in(workspace, "lanhdao", PASSWORD)
    dialog = open_dialog()
    tab = dialog.scans_tab
    click(qtbot, tab, line_item(tab, 0).child(0))
    assert not tab.delete_button.isEnabled()
    assert not tab.attach_button.isEnabled()
    assert tab.delete_button.toolTip().startswith(
        "Tài khoản lanhdao không có quyền: sửa thông tin hồ sơ đã tiếp nhận."
    )
    assert tab.attach_button.toolTip().startswith("Tài khoản lanhdao không có quyền: tiếp nhận")
    assert tab.print_button.isEnabled()  # a leader may print
    assert tab.delete_selected() is None
    idle(qtbot, tab)


def test_closing_the_window_while_a_scan_is_read_waits_for_the_answer(
    qtbot, open_dialog: Callable[[], DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:
    attach_now(workspace, code, 0, [scan_samples.jpeg(tmp_path / f"{n}.jpg") for n in range(8)])
    dialog = open_dialog()
    dialog.delete_when_closed()
    tab = dialog.scans_tab
    runner = dialog.runner
    click(qtbot, tab, line_item(tab, 0).child(0))
    assert runner.busy
    with qtbot.waitSignal(dialog.destroyed, timeout=10_000):
        dialog.close()


def test_a_scan_changed_on_disk_shows_the_message_not_a_crash(
    qtbot, open_dialog: Callable[[], DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:
    [scan] = attach_now(workspace, code, 1, [scan_samples.pdf(tmp_path / "cccd.pdf", pages=2)])
    change_one_byte(workspace, scan.sha256)
    dialog = open_dialog()
    tab = dialog.scans_tab
    click(qtbot, tab, line_item(tab, 1).child(0))
    qtbot.waitUntil(lambda: "đã bị thay đổi ngoài phần mềm" in dialog.last_status)
    assert dialog.last_status.startswith("Tệp bản số hóa “cccd.pdf” của hồ sơ")
    assert tab.preview.empty.text() == dialog.last_status
    assert tab.preview.page_count == 0


class FakeWatcher(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.files: list[Path] = []
        self.forgotten: list[Path] = []

    def newest(self) -> Path | None:
        return self.files[0] if self.files else None

    def forget(self, path: Path) -> None:
        self.forgotten.append(path)
        self.files.remove(path)
        self.changed.emit()


def test_the_newest_scan_of_the_scanner_folder_attaches_with_ctrl_g(
    qtbot, workspace: Workspace, code: str, tmp_path: Path
) -> None:
    runner = TaskRunner()
    watcher = FakeWatcher()
    tab = DossierScansTab(workspace, code, runner, watcher=watcher)
    qtbot.addWidget(tab)
    tab.refresh()
    tab.show()
    qtbot.waitExposed(tab)
    assert not tab.newest_button.isEnabled()
    assert tab.newest_button.toolTip() == "Thư mục máy quét chưa có tệp mới nào (Ctrl+G)"
    newest = scan_samples.pdf(tmp_path / "scan-0001.pdf", pages=1)
    watcher.files.append(newest)
    watcher.changed.emit()
    assert tab.newest_button.isEnabled()
    assert tab.newest_button.toolTip() == "Gắn tệp “scan-0001.pdf” vừa quét vào giấy tờ đang chọn (Ctrl+G)"
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    qtbot.keyClick(tab, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: scans_under(tab, 0) == [("scan-0001.pdf", "1")])  # a button's shortcut clicks it
    idle(qtbot, tab)
    assert watcher.forgotten == [newest]
    assert not tab.newest_button.isEnabled()
    assert (
        tab.last_message
        == "Đã gắn 1 tệp (1 trang) vào “1. Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (bản chính)”."
    )
    runner.wait_until_idle()


def test_without_a_scanner_folder_the_quick_attach_says_so(
    open_dialog: Callable[[], DossierDetailDialog],
) -> None:
    dialog = open_dialog()
    tab = dialog.scans_tab
    assert not tab.newest_button.isEnabled()
    assert tab.newest_button.toolTip().startswith("Chưa chọn thư mục máy quét")


def test_fifty_pages_are_prepared_while_the_window_keeps_running(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow_disk(files: list[Path], progress: Callable[[int, int], None]) -> list[PreparedScan]:
        """As from a slow USB stick or network folder: each file takes a few milliseconds more."""

        def slowly(done: int, total: int) -> None:
            time.sleep(0.004)
            progress(done, total)

        return prepare_scans(files, slowly)

    monkeypatch.setattr(preparing, "prepare_scans", slow_disk)
    files = [scan_samples.jpeg(tmp_path / f"trang-{n:02d}.jpg", colour=(n * 5, 90, 120)) for n in range(50)]
    window = QWidget()
    qtbot.addWidget(window)
    runner = TaskRunner(window)
    ticks: list[int] = []
    shown: list[str] = []

    def tick() -> None:
        ticks.append(1)
        progress = window.findChild(QProgressDialog)
        if progress is not None and progress.labelText() not in shown:
            shown.append(progress.labelText())

    timer = QTimer(window)
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    ready: list[list[PreparedScan]] = []
    ticks_when_ready: list[int] = []

    def on_ready(scans: list[PreparedScan]) -> None:
        ticks_when_ready.append(len(ticks))
        ready.append(scans)

    prepare_in_background(window, runner, files, on_ready, pytest.fail)
    assert ready == []  # returned at once: the work is on the worker
    qtbot.waitUntil(lambda: bool(ready), timeout=60_000)
    timer.stop()
    assert [scan.pages for scan in ready[0]] == [50]
    assert ticks_when_ready[0] >= 10  # the event loop ran while the pages were read
    assert len(shown) >= 10  # the count moved on screen
    assert shown[-1] == "Đang đọc và ghép bản quét: 50/50 tệp…"
    assert window.findChild(QProgressDialog) is None or not window.findChild(QProgressDialog).isVisible()


def test_cancel_stops_reading_the_files(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def slow_disk(files: list[Path], progress: Callable[[int, int], None]) -> list[PreparedScan]:
        def slowly(done: int, total: int) -> None:
            time.sleep(0.05)
            progress(done, total)

        return prepare_scans(files, slowly)

    monkeypatch.setattr(preparing, "prepare_scans", slow_disk)
    files = [scan_samples.pdf(tmp_path / f"{n}.pdf", pages=1) for n in range(40)]
    window = QWidget()
    qtbot.addWidget(window)
    runner = TaskRunner(window)
    errors: list[str] = []
    prepare_in_background(window, runner, files, pytest.fail, errors.append)
    qtbot.waitUntil(lambda: (found := window.findChild(QProgressDialog)) is not None and found.isVisible())
    progress = window.findChild(QProgressDialog)
    assert progress is not None and not progress.isModal()
    [cancel] = progress.findChildren(QPushButton)
    assert cancel.text() == "Hủy"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors == ["Đã hủy gắn bản quét; chưa có tệp nào được lưu."]
    runner.wait_until_idle()


def test_a_file_that_is_not_a_scan_is_refused_in_vietnamese(
    qtbot, open_dialog: Callable[[], DossierDetailDialog], tmp_path: Path
) -> None:
    dialog = open_dialog()
    tab = dialog.scans_tab
    fake = tmp_path / "anh.jpg"
    fake.write_bytes(b"not an image at all")
    assert tab.attach_files([fake], 0)
    idle(qtbot, tab)
    assert dialog.last_status.startswith("Tệp “anh.jpg” không phải PDF, JPEG, PNG hoặc TIFF")
    assert scans_under(tab, 0) == []
    assert not tab.attach_files([tmp_path / "bang.xlsx"], 0)
    assert dialog.last_status == (
        "Không có tệp nào là PDF, JPEG, PNG hoặc TIFF (“bang.xlsx”). Hãy chọn bản quét đúng định dạng."
    )


def test_a_scan_attached_at_another_counter_shows_when_the_window_refreshes(
    open_dialog: Callable[[], DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:
    dialog = open_dialog()
    tab = dialog.scans_tab
    attach_now(workspace, code, 1, [scan_samples.pdf(tmp_path / "cccd.pdf", pages=1)])
    assert dialog.refresh()
    assert scans_under(tab, 1) == [("cccd.pdf", "1")]


def test_a_refresh_keeps_the_keyboard_on_the_scans(
    qtbot, open_dialog: Callable[[], DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:
    dialog = open_dialog()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    tab = dialog.scans_tab
    tab.tree.setFocus()
    attach_now(workspace, code, 0, [scan_samples.pdf(tmp_path / "to-khai.pdf", pages=1)])
    assert dialog.refresh()  # as on a change notice from another counter
    assert QApplication.focusWidget() is tab.tree
    assert scans_under(tab, 0) == [("to-khai.pdf", "1")]


def test_the_window_fits_a_small_screen_and_the_tab_reads_well(
    qtbot, open_dialog: Callable[[], DossierDetailDialog], workspace: Workspace, code: str, tmp_path: Path
) -> None:
    attach_now(
        workspace,
        code,
        0,
        [scan_samples.jpeg(tmp_path / "to-khai.jpg"), scan_samples.png(tmp_path / "b.png")],
    )
    dialog = open_dialog()
    assert dialog.minimumSizeHint().height() <= 700
    dialog.resize(1180, 700)
    tab = dialog.scans_tab
    click(qtbot, tab, line_item(tab, 0).child(0))
    qtbot.waitUntil(lambda: tab.preview.page_count == 2)
    for button in (
        tab.attach_button,
        tab.newest_button,
        tab.print_button,
        tab.open_button,
        tab.delete_button,
    ):
        assert button.width() >= button.sizeHint().width(), button.text()
    qtbot.wait(300)  # the view draws its pages in the background
    dialog.grab().save(str(tmp_path / "dossier_scans.png"))
