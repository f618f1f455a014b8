"""The frame the slow dialogs share: "Đóng" at the end of a row of buttons, the message line, and Esc, which
closes an idle dialog and waits, or refuses, while work that must not be left runs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QDialog, QLayout, QLayoutItem, QPushButton, QVBoxLayout, QWidget

from cchc_desktop.services.exchange import ImportReport
from cchc_desktop.services.report_texts import ReportTexts
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs import import_dialog
from cchc_desktop.ui.dialogs.backup_dialog import BackupDialog
from cchc_desktop.ui.dialogs.daily_list_dialog import DailyListDialog
from cchc_desktop.ui.dialogs.export_dialog import ExportDialog
from cchc_desktop.ui.dialogs.import_dialog import ImportDialog
from cchc_desktop.ui.dialogs.register_dialog import RegisterDialog
from cchc_desktop.ui.dialogs.restore_dialog import RestoreDialog
from cchc_desktop.ui.dialogs.task_dialog import STRETCH, TaskDialog
from cchc_desktop.ui.report.usb_export_dialog import UsbExportDialog

TIMEOUT = 10_000
ESCAPE = Qt.Key.Key_Escape


def _usb_export(ws: Workspace) -> UsbExportDialog:
    stats = SimpleNamespace(period_to=date(2023, 12, 31))  # the dialog reads only the year
    texts = ReportTexts(opening=(), sections=(), closing="", recipients=())
    return UsbExportDialog(ws, stats, texts, list_drives=list)  # type: ignore[arg-type]


DIALOGS: dict[str, Callable[[Workspace], TaskDialog]] = {
    "backup": lambda ws: BackupDialog(ws, list_drives=list),
    "restore": lambda _ws: RestoreDialog(lambda _file: None),
    "import": ImportDialog,
    "export": ExportDialog,
    "register": RegisterDialog,
    "daily list": DailyListDialog,
    "report to USB": _usb_export,
}


def item(layout: QLayout, index: int) -> QLayoutItem:
    found = layout.itemAt(index)
    assert found is not None
    return found


def row_of(layout: QLayout | None, widget: QWidget) -> QBoxLayout | None:
    """The box layout (at any depth below `layout`) that holds `widget` itself."""
    assert layout is not None
    for index in range(layout.count()):
        entry = item(layout, index)
        if entry.widget() is widget:
            return layout if isinstance(layout, QBoxLayout) else None
        inner = entry.layout()
        found = row_of(inner, widget) if inner is not None else None
        if found is not None:
            return found
    return None


@pytest.mark.parametrize("name", DIALOGS)
def test_each_dialog_ends_a_row_with_close_and_esc_closes_it_when_idle(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, name: str
) -> None:
    dialog = DIALOGS[name](workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)
    row = row_of(dialog.layout(), dialog.close_button)
    assert row is not None and item(row, row.count() - 1).widget() is dialog.close_button
    assert dialog.close_button.text() == "Đóng" and not dialog.close_button.autoDefault()
    qtbot.keyClick(dialog, ESCAPE)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("name", list(DIALOGS))
def test_a_long_message_is_shown_whole(qtbot, workspace: Workspace, name: str) -> None:  # type: ignore[no-untyped-def]
    """A refusal listing twenty dossier codes wraps onto many lines: the dialog grows, nothing is cut off."""
    dialog = DIALOGS[name](workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)
    codes = ", ".join(f"000.17.22.H56-230103-{n:04d}" for n in range(1, 21))
    dialog.show_message(f"Chưa chuyển được: 20 mã hồ sơ đã có trên máy chủ: {codes}. Hãy kiểm tra lại.", True)
    message = dialog.message
    assert message.isVisible() and message.height() >= message.heightForWidth(message.width())


def test_the_row_puts_the_spare_width_where_it_is_told(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = TaskDialog("Thử", "testMessage")
    qtbot.addWidget(dialog)
    action = QPushButton("&Làm")
    spaced = dialog.button_row(STRETCH, action)
    assert item(spaced, 0).spacerItem() is not None and spaced.stretch(0) == 1
    assert [item(spaced, i).widget() for i in (1, 2)] == [action, dialog.close_button]

    other = TaskDialog("Thử", "testMessage")
    qtbot.addWidget(other)
    with_message = other.button_row(other.progress, other.message, QPushButton("&Làm"))
    assert [with_message.stretch(i) for i in range(with_message.count())] == [0, 1, 0, 0]


def test_the_message_line_remembers_and_colours_what_it_says(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = TaskDialog("Thử", "testMessage")
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(dialog.message)
    layout.addLayout(dialog.button_row(STRETCH))
    dialog.show()
    assert dialog.windowTitle() == "Thử" and dialog.message.objectName() == "testMessage"
    assert dialog.message.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    dialog.show_message("Đã lưu.")
    assert (
        dialog.last_message == dialog.message.text() == "Đã lưu." and "1e4620" in dialog.message.styleSheet()
    )
    dialog.show_message("Chưa lưu được.", error=True)
    assert "b00020" in dialog.message.styleSheet() and "bold" in dialog.message.styleSheet()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected

    plain = TaskDialog("Thử", "plainMessage", selectable_message=False)
    qtbot.addWidget(plain)
    assert not plain.message.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_esc_waits_while_the_import_writes(  # type: ignore[no-untyped-def]
    qtbot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_import(*_args: object, **_kwargs: object) -> ImportReport:
        release.wait(TIMEOUT / 1000)
        return ImportReport(rows=1, added=1, written=True)

    monkeypatch.setattr(import_dialog, "import_file", slow_import)
    dialog = ImportDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path, dialog.report = tmp_path / "nhap.csv", ImportReport(rows=1, added=1)
    assert dialog.start_import() and not dialog.close_button.isEnabled()
    qtbot.keyClick(dialog, ESCAPE)
    assert dialog.isVisible() and dialog.last_message == "Đang ghi dữ liệu; chờ ghi xong rồi đóng."
    release.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)
    assert dialog.close_button.isEnabled()
    qtbot.keyClick(dialog, ESCAPE)
    assert not dialog.isVisible()
