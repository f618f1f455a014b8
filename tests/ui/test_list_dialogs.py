"""The daily list preview and the register saved as PDF and Excel, written safely."""

from __future__ import annotations

import errno
import io
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtWidgets import QWidget

from cchc_desktop.core import files
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.daily_list_dialog import DailyListDialog
from cchc_desktop.ui.dialogs.register_dialog import RegisterDialog
from cchc_desktop.ui.printing import pdf_file_printer
from tests.services.intake_helpers import request


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(unicodedata.normalize("NFC", " ".join(p.extract_text() for p in pages)).split())


class Chooser:
    """Stands in for the save-file dialog: answers with a path in `folder` and remembers the question."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path = folder / name
        self.asked: list[tuple[str, str]] = []

    def __call__(self, _parent: QWidget, _caption: str, suggested: str, file_filter: str) -> str:
        self.asked.append((suggested, file_filter))
        return str(self.path)


@pytest.fixture
def today_code(workspace: Workspace) -> str:
    now = datetime.now().replace(second=0, microsecond=0)
    return save_intake(workspace, request(received_at=now), now=now).record.code


def _daily(qtbot, workspace: Workspace, **options: object) -> DailyListDialog:  # type: ignore[no-untyped-def]
    dialog = DailyListDialog(workspace, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pdf is not None and not dialog.runner.busy, timeout=10_000)
    return dialog


def test_the_daily_list_previews_todays_dossiers(qtbot, workspace: Workspace, today_code: str) -> None:  # type: ignore[no-untyped-def]
    dialog = _daily(qtbot, workspace)
    assert dialog.chosen_day() == date.today()
    assert dialog.preview.page_count >= 1
    assert dialog.pdf is not None
    text = _text(dialog.pdf)
    assert "DANH SÁCH HỒ SƠ TRONG NGÀY" in text
    assert "Nguyễn Thị Hoa" in text
    assert today_code.split("-")[-1] in text  # the code may wrap inside its cell
    assert f"{date.today():%d/%m/%Y}" in dialog.preview.title.text()
    dialog.day.setValue(dialog.day.value() - timedelta(days=1))
    qtbot.waitUntil(lambda: dialog.pdf_day == dialog.chosen_day() and not dialog.runner.busy, timeout=10_000)
    assert dialog.pdf is not None and "Nguyễn Thị Hoa" not in _text(dialog.pdf)


def test_the_daily_list_prints_and_saves_in_the_background(
    qtbot, workspace: Workspace, today_code: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    chooser = Chooser(tmp_path, "danh-sach")
    printed = tmp_path / "printed.pdf"
    dialog = _daily(qtbot, workspace, choose_file=chooser, printer_factory=lambda: pdf_file_printer(printed))
    assert dialog.save_pdf()
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=10_000)
    saved = tmp_path / "danh-sach.pdf"
    assert saved.read_bytes() == dialog.pdf
    assert dialog.last_message == f"Đã lưu danh sách vào {saved}."
    assert chooser.asked[0][0].endswith(f"Danh-sach-ho-so_{date.today():%Y-%m-%d}.pdf")
    assert dialog.print_list()
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=10_000)
    assert printed.read_bytes() == dialog.pdf
    assert dialog.last_message == f"Đã in danh sách ngày {date.today():%d/%m/%Y}."


def _register(qtbot, workspace: Workspace, chooser: Chooser) -> RegisterDialog:  # type: ignore[no-untyped-def]
    dialog = RegisterDialog(workspace, choose_file=chooser)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_register_is_saved_as_pdf_and_excel(
    qtbot, workspace: Workspace, today_code: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pdf_chooser = Chooser(tmp_path, "so-theo-doi.pdf")
    dialog = _register(qtbot, workspace, pdf_chooser)
    assert dialog.date_from.value() == date(date.today().year, 1, 1)
    assert dialog.save(".pdf")
    assert dialog.progress.isVisible() and dialog.last_message == "Đang tạo sổ theo dõi hồ sơ…"
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert not dialog.progress.isVisible()
    pdf = pdf_chooser.path.read_bytes()
    assert today_code.split("-")[-1] in _text(pdf) and "Nguyễn Thị Hoa" in _text(pdf)
    assert dialog.last_message == f"Đã lưu sổ theo dõi hồ sơ vào {pdf_chooser.path}."

    dialog.choose_file = xlsx_chooser = Chooser(tmp_path, "so-theo-doi")  # the suffix is added
    assert dialog.save(".xlsx")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert xlsx_chooser.asked[0][1] == "Bảng tính Excel (*.xlsx)"
    workbook = load_workbook(tmp_path / "so-theo-doi.xlsx")
    cells = [str(cell.value) for row in workbook.active.iter_rows() for cell in row if cell.value is not None]
    assert today_code in cells


def test_a_failed_write_is_explained_and_leaves_no_file(
    qtbot, workspace: Workspace, today_code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def read_only(_source: object, _target: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.os, "replace", read_only)
    (tmp_path / "usb").mkdir()
    chooser = Chooser(tmp_path / "usb", "so-theo-doi.pdf")
    dialog = _register(qtbot, workspace, chooser)
    assert dialog.save(".pdf")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.last_message == (
        f"Chưa lưu được: Không có quyền ghi vào {tmp_path / 'usb'} (thư mục chỉ đọc?). Hãy chọn thư mục khác."
    )
    assert dialog.message.isVisible()
    assert list((tmp_path / "usb").iterdir()) == []
    assert dialog.pdf_button.isEnabled()


def test_a_reversed_period_is_refused_before_asking_for_a_file(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    chooser = Chooser(tmp_path, "x.pdf")
    dialog = _register(qtbot, workspace, chooser)
    dialog.date_to.setValue(dialog.date_from.value() - timedelta(days=1))
    assert not dialog.save(".pdf")
    assert dialog.last_message == "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."
    assert chooser.asked == []
