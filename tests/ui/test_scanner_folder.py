"""The scanner folder as the clerk meets it: a scan shows up in the panel once the scanner has finished
writing it (never half written), temporary and hidden files never show, an unplugged folder says so and
comes back, and the folder is chosen for this computer in the settings dialog."""

from __future__ import annotations

import itertools
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from cchc_desktop.core.scanner_folder import load_scanner_folder, save_scanner_folder
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.attachments import scanner_folder
from cchc_desktop.ui.attachments.scanner_folder import ScannerFolderPanel, ScannerFolderWatcher
from cchc_desktop.ui.dialogs.settings_dialog import SettingsDialog
from tests import scan_samples
from tests.ui.keyboard import replace_text

SETTLE_MS = 400
POLL_MS = 100
PAUSE_MS = 300  # shorter than the settle time: the scanner is still writing
PIECES_SETTLE_MS = 600  # with a margin over the pauses, for a machine busy with other work


@pytest.fixture
def watch(qtbot) -> Iterator[Callable[..., ScannerFolderWatcher]]:  # type: ignore[no-untyped-def]
    made: list[ScannerFolderWatcher] = []

    def make(folder: Path | None, settle_ms: int = SETTLE_MS) -> ScannerFolderWatcher:
        watcher = ScannerFolderWatcher(folder, settle_ms=settle_ms, poll_ms=POLL_MS)
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.stop()


def sample(kind: str, folder: Path) -> bytes:
    """The bytes of a real scan of `kind`, made outside the watched folder."""
    folder.mkdir(exist_ok=True)
    maker = {
        "pdf": scan_samples.pdf,
        "jpg": scan_samples.jpeg,
        "png": scan_samples.png,
        "tif": scan_samples.tiff,
    }
    return maker[kind](folder / f"sample.{kind}").read_bytes()


def write_in_pieces(path: Path, pieces: list[bytes], pause_ms: int = PAUSE_MS) -> list[float]:
    """Write the pieces one by one, `pause_ms` apart, on a thread of their own (as a network scanner
    does, whatever the window is busy with); returns the moments each piece was written, filled as
    they are (all three within about a second)."""
    written: list[float] = []

    def write() -> None:
        for index, piece in enumerate(pieces):
            if index:
                time.sleep(pause_ms / 1000)
            with path.open("ab" if index else "wb") as file:
                file.write(piece)
            written.append(time.monotonic())

    threading.Thread(target=write, name="scanner writing", daemon=True).start()
    return written


def thirds(data: bytes) -> list[bytes]:
    third = len(data) // 3
    return [data[:third], data[third : 2 * third], data[2 * third :]]


def looks_whole_each_time(data: bytes) -> list[bytes]:
    """A PDF whose every piece ends with %%EOF (a scanner appending pages as incremental updates): only
    the settle time tells that the scanner is still at it."""
    return [data, b"\n% page 2\n%%EOF\n", b"\n% page 3\n%%EOF\n"]


@pytest.mark.parametrize(
    ("kind", "split"),
    [("jpg", thirds), ("pdf", thirds), ("pdf", looks_whole_each_time)],
    ids=["jpeg-in-thirds", "pdf-in-thirds", "pdf-whole-looking-pieces"],
)
def test_a_scan_written_in_pieces_appears_once_after_its_last_piece(  # type: ignore[no-untyped-def]
    qtbot, watch, tmp_path: Path, kind: str, split: Callable[[bytes], list[bytes]]
) -> None:
    folder = tmp_path / "scanner"
    folder.mkdir()
    watcher = watch(folder, settle_ms=PIECES_SETTLE_MS)
    seen: list[tuple[float, list[tuple[Path, int]]]] = []
    watcher.changed.connect(
        lambda: seen.append((time.monotonic(), [(s.path, s.size) for s in watcher.complete_details()]))
    )
    pieces = split(sample(kind, tmp_path / "made"))
    scan = folder / f"scan0001.{kind}"
    written = write_in_pieces(scan, pieces)

    qtbot.waitUntil(lambda: scan in watcher.complete_files(), timeout=5000)
    qtbot.wait(2 * PIECES_SETTLE_MS)  # the list stays as it is

    assert len(written) == 3
    assert max(later - earlier for earlier, later in itertools.pairwise(written)) < PIECES_SETTLE_MS / 1000
    present = [scan in [path for path, _size in files] for _moment, files in seen]
    first = present.index(True)
    assert all(present[first:])  # it appeared once and stayed
    assert seen[first][0] >= written[-1] + PIECES_SETTLE_MS / 1000 - 0.02  # after the last piece settled
    shown_sizes = {size for _moment, files in seen for path, size in files if path == scan}
    assert shown_sizes == {sum(len(piece) for piece in pieces)}  # never offered half written
    assert watcher.complete_files() == [scan]


@pytest.mark.parametrize("kind", ["pdf", "jpg", "png", "tif"])
def test_a_scan_that_stays_unfinished_never_appears(qtbot, watch, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "scanner"
    folder.mkdir()
    data = sample(kind, tmp_path / "made")
    # the scanner stopped (paper jam, network gone)
    unfinished = data[: data.rindex(b"%%EOF")] if kind == "pdf" else data[: len(data) * 2 // 3]
    (folder / f"cut.{kind}").write_bytes(unfinished)
    watcher = watch(folder)
    qtbot.wait(50)
    (folder / "good.pdf").write_bytes(sample("pdf", tmp_path / "made"))

    qtbot.waitUntil(lambda: watcher.complete_files() == [folder / "good.pdf"], timeout=5000)
    qtbot.wait(3 * SETTLE_MS)
    assert watcher.complete_files() == [folder / "good.pdf"]

    (folder / f"cut.{kind}").write_bytes(data)  # scanned again, whole
    qtbot.waitUntil(lambda: folder / f"cut.{kind}" in watcher.complete_files(), timeout=2500)


def test_hidden_temporary_and_other_files_are_left_out(qtbot, watch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "scanner"
    folder.mkdir()
    pdf = sample("pdf", tmp_path / "made")
    names = [".scan.pdf", "~$scan.pdf", "scan.pdf.tmp", "scan.tmp", "scan.part", "scan.pdf.crdownload"]
    names += ["scan.pdf.part", "ghi chú.txt", "Thumbs.db"]
    for name in names:
        (folder / name).write_bytes(pdf)
    (folder / "subfolder.pdf").mkdir()
    (folder / "Giấy khai sinh.PDF").write_bytes(pdf)
    watcher = watch(folder)

    qtbot.waitUntil(lambda: bool(watcher.complete_files()), timeout=5000)
    qtbot.wait(3 * SETTLE_MS)
    assert watcher.complete_files() == [folder / "Giấy khai sinh.PDF"]


def test_only_the_last_seven_days_are_listed(qtbot, watch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "scanner"
    folder.mkdir()
    pdf = sample("pdf", tmp_path / "made")
    for name, days in (("last_month.pdf", 30), ("eight_days.pdf", 8), ("six_days.pdf", 6)):
        (folder / name).write_bytes(pdf)
        moment = time.time() - days * 86400
        os.utime(folder / name, (moment, moment))
    watcher = watch(folder)
    panel = ScannerFolderPanel(watcher)
    qtbot.addWidget(panel)

    qtbot.waitUntil(lambda: bool(watcher.complete_files()), timeout=5000)
    qtbot.wait(2 * SETTLE_MS)
    assert watcher.complete_files() == [folder / "six_days.pdf"]
    assert "7 ngày gần đây" in panel.note.text()


def test_newest_is_the_newest_complete_file_and_attached_files_leave_the_list(  # type: ignore[no-untyped-def]
    qtbot, watch, tmp_path: Path
) -> None:
    folder = tmp_path / "scanner"
    folder.mkdir()
    older, newer = folder / "scan0001.pdf", folder / "scan0002.jpg"
    older.write_bytes(sample("pdf", tmp_path / "made"))
    os.utime(older, (time.time() - 120, time.time() - 120))
    newer.write_bytes(sample("jpg", tmp_path / "made"))
    watcher = watch(folder)
    assert watcher.newest() is None

    qtbot.waitUntil(lambda: len(watcher.complete_files()) == 2, timeout=5000)
    assert watcher.complete_files() == [newer, older]
    assert watcher.newest() == newer

    # a newer file still being written is not the newest yet
    writing = folder / "scan0003.pdf"
    writing.write_bytes(sample("pdf", tmp_path / "made")[:500])
    qtbot.wait(3 * SETTLE_MS)
    assert watcher.newest() == newer

    with qtbot.waitSignal(watcher.changed, timeout=1000):
        watcher.forget(newer)
    assert watcher.newest() == older
    assert newer.exists()
    qtbot.wait(3 * POLL_MS)
    assert watcher.complete_files() == [older]

    # scanned again under the same name: seen at once, not at the next full listing of the folder
    newer.write_bytes(sample("jpg", tmp_path / "made") + b"\x00")
    qtbot.waitUntil(lambda: watcher.newest() == newer, timeout=2500)


def test_an_unplugged_folder_says_so_and_comes_back(qtbot, watch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "usb" / "SCAN"
    folder.mkdir(parents=True)
    (folder / "a.pdf").write_bytes(sample("pdf", tmp_path / "made"))
    watcher = watch(folder)
    panel = ScannerFolderPanel(watcher)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: watcher.complete_files() == [folder / "a.pdf"], timeout=5000)
    assert panel.files.isVisible()

    shutil.rmtree(tmp_path / "usb")
    qtbot.waitUntil(watcher.missing, timeout=5000)
    assert watcher.complete_files() == []
    assert watcher.newest() is None
    assert "Không mở được thư mục máy quét" in panel.state.text()
    assert str(folder) in panel.state.text()
    assert panel.state.isVisible() and not panel.files.isVisible()
    assert not panel.attach_button.isEnabled()

    folder.mkdir(parents=True)
    qtbot.waitUntil(lambda: not watcher.missing(), timeout=5000)
    assert "Chưa có bản quét mới" in panel.state.text()
    (folder / "b.jpg").write_bytes(sample("jpg", tmp_path / "made"))
    qtbot.waitUntil(lambda: watcher.complete_files() == [folder / "b.jpg"], timeout=5000)
    assert panel.files.isVisible() and not panel.state.isVisible()
    assert panel.files.topLevelItem(0).text(0) == "b.jpg"


def test_the_panel_attaches_what_the_clerk_picks_in_scanning_order(qtbot, watch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Máy quét"
    folder.mkdir()
    pages = []
    for number in (1, 2, 3):
        page = folder / f"trang {number}.jpg"
        page.write_bytes(sample("jpg", tmp_path / "made"))
        moment = time.time() - 60 + number
        os.utime(page, (moment, moment))
        pages.append(page)
    watcher = watch(folder)
    panel = ScannerFolderPanel(watcher)
    qtbot.addWidget(panel)
    panel.resize(420, 260)
    panel.show()
    qtbot.waitUntil(lambda: panel.files.topLevelItemCount() == 3, timeout=5000)
    assert panel.title.text() == "Thư mục máy quét: Máy quét"
    assert [panel.files.topLevelItem(row).text(0) for row in range(3)] == [
        "trang 3.jpg",
        "trang 2.jpg",
        "trang 1.jpg",
    ]
    panel.grab().save("/tmp/scanner_panel.png")

    # the newest is selected: Enter attaches it
    requested: list[list[Path]] = []
    panel.attach_requested.connect(requested.append)
    panel.files.setFocus()
    qtbot.keyClick(panel.files, Qt.Key.Key_Return)
    assert requested == [[pages[2]]]

    # all three by the button: oldest first, the order the pages were scanned in
    panel.files.selectAll()
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    assert requested[-1] == pages

    # a double-click on a file attaches it
    item = panel.files.topLevelItem(2)
    panel.files.clearSelection()
    rect = panel.files.visualItemRect(item)
    qtbot.mouseClick(panel.files.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.files.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert requested[-1] == [pages[0]]

    # once attached, the files leave the list; a new scan arriving is selected at once
    for page in pages:
        watcher.forget(page)
    assert panel.files.isHidden()
    assert "Chưa có bản quét mới trong thư mục “Máy quét”" in panel.state.text()
    assert not panel.attach_button.isEnabled()
    (folder / "scan0004.pdf").write_bytes(sample("pdf", tmp_path / "made"))
    qtbot.waitUntil(lambda: panel.files.topLevelItemCount() == 1, timeout=5000)
    assert panel.selected_files() == [folder / "scan0004.pdf"]
    assert panel.attach_button.isEnabled()


def test_without_a_folder_the_panel_says_where_to_choose_one(qtbot, watch) -> None:  # type: ignore[no-untyped-def]
    watcher = watch(None)
    panel = ScannerFolderPanel(watcher)
    qtbot.addWidget(panel)
    assert "Chưa chọn thư mục máy quét: Hệ thống → Thông tin cơ quan" in panel.state.text()
    assert watcher.complete_files() == [] and watcher.newest() is None
    assert not panel.attach_button.isEnabled()


# ------------------------------------------------------------------ the setting, in the settings dialog


def _settings(qtbot, workspace: Workspace) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save(qtbot, dialog: SettingsDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_the_folder_chosen_in_the_settings_is_this_computers(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "Scan"
    folder.mkdir()
    asked: list[str] = []

    def pick(_parent, title: str, _start: str) -> str:  # type: ignore[no-untyped-def]
        asked.append(title)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", pick)
    dialog = _settings(qtbot, workspace)
    setting = dialog.scanner_folder
    assert setting.edit.text() == ""
    assert "Riêng cho máy này" in setting.hint.text()
    qtbot.mouseClick(setting.choose_button, Qt.MouseButton.LeftButton)
    assert asked and setting.edit.text() == str(folder)
    _save(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert load_scanner_folder() == folder

    again = _settings(qtbot, workspace)
    assert again.scanner_folder.edit.text() == str(folder)
    replace_text(again.scanner_folder.edit, "")  # emptied: no scanner folder on this computer
    qtbot.keyClick(again.scanner_folder.edit, Qt.Key.Key_Backspace)
    assert again.scanner_folder.edit.text() == ""
    _save(qtbot, again)
    assert again.result() == SettingsDialog.DialogCode.Accepted
    assert load_scanner_folder() is None


def test_a_folder_typed_wrong_is_explained_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = _settings(qtbot, workspace)
    setting = dialog.scanner_folder
    replace_text(setting.edit, "Scan")
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert setting.error.isVisible() and "đường dẫn đầy đủ" in setting.error.text()
    assert load_scanner_folder() is None

    replace_text(setting.edit, str(tmp_path / "khong-co"))
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert f"Không thấy thư mục “{tmp_path / 'khong-co'}” trên máy này" in setting.error.text()
    assert load_scanner_folder() is None

    (tmp_path / "khong-co").mkdir()
    replace_text(setting.edit, f'"{tmp_path / "khong-co"}"')  # pasted with Explorer's quotes
    _save(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert load_scanner_folder() == tmp_path / "khong-co"


def test_a_saved_folder_on_an_unplugged_stick_does_not_stop_the_settings(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:
    save_scanner_folder(tmp_path / "usb" / "SCAN")  # not there now
    dialog = _settings(qtbot, workspace)
    assert dialog.scanner_folder.edit.text() == str(tmp_path / "usb" / "SCAN")
    replace_text(dialog.inputs["signer_name"], "Lê Văn Cường")
    _save(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert load_scanner_folder() == tmp_path / "usb" / "SCAN"


def test_a_fault_in_looking_is_reported_once_not_at_every_poll(  # type: ignore[no-untyped-def]
    qtbot, watch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    looks: list[Path] = []
    real_survey = scanner_folder.survey

    def faulty_after_the_first(folder: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        looks.append(folder)
        if len(looks) == 1:
            return real_survey(folder, *args, **kwargs)
        raise RuntimeError("a bug")

    monkeypatch.setattr(scanner_folder, "survey", faulty_after_the_first)
    with qtbot.capture_exceptions() as exceptions:
        watcher = watch(tmp_path)
        qtbot.waitUntil(lambda: len(looks) == 2, timeout=2000)
        qtbot.wait(3 * POLL_MS)
        assert str(tmp_path) in watcher._events.directories()
        (tmp_path / "scan0001.pdf").write_bytes(b"%PDF-1.4")  # a change notice: no look either
        qtbot.wait(3 * POLL_MS)
    assert looks == [tmp_path, tmp_path]
    assert [type(error) for _kind, error, _trace in exceptions] == [RuntimeError]  # the crash dialog, once
