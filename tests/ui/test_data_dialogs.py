"""The data dialogs: import (check first, then write), export, backup to a folder, restore from a file."""

from __future__ import annotations

import csv
import errno
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget

from cchc_desktop.core import files
from cchc_desktop.core.errors import NotFoundError
from cchc_desktop.services import exchange
from cchc_desktop.services.backup import backup_to
from cchc_desktop.services.intake import dossier_by_code
from cchc_desktop.services.restore import RestoreResult, check_backup_file
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs import import_dialog
from cchc_desktop.ui.dialogs.backup_dialog import BackupDialog
from cchc_desktop.ui.dialogs.export_dialog import ExportDialog
from cchc_desktop.ui.dialogs.import_dialog import PROBLEM_COLOUR, WARNING_COLOUR, ImportDialog
from cchc_desktop.ui.dialogs.removable_drives import mounted_folders, removable_drives
from cchc_desktop.ui.dialogs.restore_dialog import RestoreDialog
from tests.services.test_exchange import GOOD, write_csv

TIMEOUT = 10_000


class Chooser:
    """Stands in for a file dialog: answers `answer` and remembers the questions."""

    def __init__(self, answer: Path | str) -> None:
        self.answer = str(answer)
        self.asked: list[tuple[str, ...]] = []

    def __call__(self, _parent: QWidget, caption: str, *rest: str) -> str:
        self.asked.append((caption, *rest))
        return self.answer


def _idle(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT)


def _import_dialog(qtbot, workspace: Workspace, file: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(workspace, choose_file=Chooser(file))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _bad_rows() -> list[dict[str, str]]:
    rows = [dict(row) for row in GOOD]
    rows[0]["phone"] = "12345"  # line 2
    rows[2]["applicant_name"] = ""  # line 4
    return rows


# ------------------------------------------------------------------ import
def test_a_good_file_is_checked_then_imported(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _import_dialog(qtbot, workspace, write_csv(tmp_path / "in.csv", GOOD))
    assert dialog.choose_and_check()
    _idle(qtbot, dialog)
    assert dialog.summary.text() == "3 dòng: 3 thêm mới, 0 cập nhật, 1 cảnh báo"
    assert dialog.import_button.isEnabled()
    assert dialog.model.rowCount() == 1 and dialog.model.is_warning(0)
    assert dialog.model.index(0, 0).data() == "3"
    assert dialog.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).name() == WARNING_COLOUR
    with pytest.raises(NotFoundError):
        dossier_by_code(workspace, GOOD[0]["code"])  # the check wrote nothing
    with qtbot.waitSignal(dialog.imported, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert dialog.last_message == "Đã nhập: 3 hồ sơ thêm mới, 0 cập nhật, 1 cảnh báo."
    assert not dialog.import_button.isEnabled()
    for row in GOOD:
        assert dossier_by_code(workspace, row["code"]).applicant_name == row["applicant_name"]


def test_a_bad_file_lists_its_problems_and_cannot_be_imported(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = _import_dialog(qtbot, workspace, write_csv(tmp_path / "bad.csv", _bad_rows()))
    dialog.choose_and_check()
    _idle(qtbot, dialog)
    model = dialog.model
    rows = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    assert rows == [("2", "số điện thoại (phone)"), ("4", "người nộp (applicant_name)")]
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole).name() == PROBLEM_COLOUR
    assert dialog.summary.text() == "3 dòng: 2 lỗi, 0 cảnh báo"
    assert not dialog.import_button.isEnabled()
    assert dialog.last_message == "Tệp có 2 lỗi; sửa các dòng trên rồi chọn lại tệp. Chưa có gì được ghi."
    assert not dialog.start_import()
    for row in GOOD:
        with pytest.raises(NotFoundError):
            dossier_by_code(workspace, row["code"])


def test_cancelling_the_check_writes_nothing(
    qtbot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.csv"
    template = GOOD[0]
    with open(big, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(template))
        writer.writeheader()
        for n in range(4500):
            writer.writerow({**template, "code": f"000.17.22.H56-230105-{n + 1:04d}"})
    gate = threading.Event()
    real_import = import_dialog.import_file

    def gated(*args, **kwargs):  # type: ignore[no-untyped-def]
        assert gate.wait(TIMEOUT / 1000)  # the clerk clicks "Hủy" before the first progress report
        return real_import(*args, **kwargs)

    monkeypatch.setattr(import_dialog, "import_file", gated)
    dialog = _import_dialog(qtbot, workspace, big)
    dialog.choose_and_check()
    assert dialog.cancel_button.isVisible() and dialog.progress.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    _idle(qtbot, dialog)
    assert dialog.last_message == "Đã hủy nhập dữ liệu; chưa có gì được ghi."
    assert not dialog.import_button.isEnabled() and not dialog.progress.isVisible()
    assert dialog.report is None
    with pytest.raises(NotFoundError):
        dossier_by_code(workspace, template["code"])


def test_the_problems_model_passes_the_model_tester(
    qtbot, qtmodeltester, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = _bad_rows()
    rows[1]["procedure_code"] = "9.999999"  # keeps its warning next to the problems
    dialog = _import_dialog(qtbot, workspace, write_csv(tmp_path / "bad.csv", rows))
    dialog.choose_and_check()
    _idle(qtbot, dialog)
    assert dialog.model.rowCount() == 2
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount(dialog.model.index(0, 0)) == 0
    assert dialog.model.data(QModelIndex()) is None
    assert dialog.model.headerData(2, Qt.Orientation.Horizontal) == "Vấn đề"


# ------------------------------------------------------------------ export
def test_export_writes_a_csv_and_says_how_many(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exchange.import_file(workspace, write_csv(tmp_path / "in.csv", GOOD))
    chooser = Chooser(tmp_path / "out")
    dialog = ExportDialog(workspace, choose_file=chooser, today=lambda: date(2023, 1, 31))
    qtbot.addWidget(dialog)
    dialog.date_from.setValue(dialog.date_from.value() + timedelta(days=4))  # 05/01/2023
    assert dialog.period() == (date(2023, 1, 5), date(2023, 1, 31))
    assert dialog.export()
    _idle(qtbot, dialog)
    target = tmp_path / "out.csv"
    assert dialog.last_message == f"Đã xuất 3 hồ sơ ra {target}."
    assert chooser.asked[0][1].endswith("cchc-ho-so_2023-01-05_2023-01-31.csv")
    with open(target, encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    assert codes == [row["code"] for row in GOOD]
    dialog.date_from.setValue(dialog.date_from.value() + timedelta(days=1))  # from 06/01: one dossier
    dialog.export()
    _idle(qtbot, dialog)
    assert dialog.last_message.startswith("Đã xuất 1 hồ sơ")
    dialog.all_dossiers.setChecked(True)
    assert not dialog.date_from.isEnabled() and dialog.period() == (None, None)


def test_export_errors_are_shown_in_red(
    qtbot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def disk_full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    (tmp_path / "usb").mkdir()
    dialog = ExportDialog(workspace, choose_file=Chooser(tmp_path / "usb" / "out"))
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(1)
    dialog.all_dossiers.setChecked(True)
    assert dialog.export()
    _idle(qtbot, dialog)
    target = tmp_path / "usb" / "out.xlsx"
    assert dialog.last_message.startswith(f"Chưa xuất được: Không đủ chỗ trống để ghi {target}.")
    assert "b00020" in dialog.message.styleSheet()
    assert not target.exists() and dialog.export_button.isEnabled()
    dialog.all_dossiers.setChecked(False)
    dialog.date_to.setValue(dialog.date_from.value() - timedelta(days=1))
    assert not dialog.export()
    assert dialog.last_message == "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."


# ------------------------------------------------------------------ backup
def test_backup_to_a_folder_reports_the_file(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "usb"
    folder.mkdir()
    dialog = BackupDialog(
        workspace,
        choose_folder=Chooser(folder),
        list_drives=lambda: [folder],
        now=lambda: datetime(2024, 5, 6, 9, 30),
    )
    qtbot.addWidget(dialog)
    assert dialog.picker.drives.count() == 1 and dialog.backup_button.isEnabled()
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    (made,) = list(folder.iterdir())
    assert made.name.startswith("cchc-sao-luu-") and made.suffix == ".sqlite3"
    assert dialog.last_message.startswith(f"Đã sao lưu 0 hồ sơ vào {made} (")
    assert "lúc 09:30 ngày 06/05/2024" in dialog.last_message
    check_backup_file(made)


def test_backup_to_a_missing_folder_says_why(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chooser = Chooser(tmp_path / "pulled")
    dialog = BackupDialog(workspace, choose_folder=chooser, list_drives=list)
    qtbot.addWidget(dialog)
    assert not dialog.backup_button.isEnabled() and not dialog.picker.no_drives.isHidden()
    qtbot.mouseClick(dialog.picker.other_button, Qt.MouseButton.LeftButton)
    assert [caption for caption, *_ in chooser.asked] == ["Chọn thư mục để sao lưu"]
    _idle(qtbot, dialog)
    assert dialog.last_message.startswith("Chưa sao lưu được: Không tìm thấy thư mục")
    assert "b00020" in dialog.message.styleSheet()


def test_removable_drives_are_the_mount_points_under_the_roots(tmp_path: Path) -> None:
    media, run_media = tmp_path / "media", tmp_path / "run" / "media"
    stick = media / "USB1"
    user_stick = media / "an" / "KINGSTON"
    bare = media / "an" / "PULLED"  # the folder a pulled stick leaves behind
    fedora = run_media / "an" / "SANDISK"
    for folder in (stick, user_stick, bare, fedora):
        folder.mkdir(parents=True)
    mounts = {stick, user_stick, fedora}
    found = removable_drives(
        "linux", roots=(media, run_media, tmp_path / "absent"), is_mount=mounts.__contains__
    )
    assert found == [stick, user_stick, fedora]
    assert mounted_folders([tmp_path / "absent"]) == []
    types = {"D": 2, "E": 3, "F": 2}
    assert removable_drives("win32", drive_type=lambda root: types.get(root[0], 1)) == [
        Path("D:\\"),
        Path("F:\\"),
    ]


# ------------------------------------------------------------------ restore
@pytest.fixture
def good_backup(workspace: Workspace, tmp_path: Path) -> Path:
    folder = tmp_path / "backups-out"
    folder.mkdir()
    return backup_to(workspace.paths, folder).path


def _restore_dialog(qtbot, perform, file: Path) -> RestoreDialog:  # type: ignore[no-untyped-def]
    dialog = RestoreDialog(perform, choose_file=Chooser(file))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_and_check()
    _idle(qtbot, dialog)
    return dialog


def test_a_damaged_backup_is_refused_in_red(qtbot, good_backup: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    damaged = tmp_path / "damaged.sqlite3"
    data = good_backup.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])
    called: list[Path] = []
    dialog = _restore_dialog(qtbot, called.append, damaged)
    assert "bị hỏng" in dialog.details.text() and "b00020" in dialog.details.styleSheet()
    assert not dialog.confirm.isEnabled() and not dialog.restore_button.isEnabled()
    dialog.confirm.setChecked(True)
    assert not dialog.restore_button.isEnabled()
    assert not dialog.restore() and called == []


def test_a_good_backup_is_restored_by_the_callable_once_confirmed(qtbot, good_backup: Path) -> None:  # type: ignore[no-untyped-def]
    called: list[Path] = []
    previous = good_backup.with_name("truoc-khoi-phuc-x.sqlite3")

    def perform(file: Path) -> RestoreResult:
        called.append(file)
        return RestoreResult(check_backup_file(file), previous, False, None, 0.1)

    dialog = _restore_dialog(qtbot, perform, good_backup)
    assert dialog.details.text().startswith(
        f"Tệp sao lưu {good_backup}: 0 hồ sơ, hồ sơ nhận gần nhất: không có"
    )
    assert dialog.confirm.isEnabled() and not dialog.restore_button.isEnabled()
    dialog.confirm.setChecked(True)
    assert dialog.restore_button.isEnabled()
    with (
        qtbot.waitSignal(dialog.restore_starting, timeout=TIMEOUT),
        qtbot.waitSignal(dialog.restore_finished, timeout=TIMEOUT) as finished,
    ):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, dialog)
    assert called == [good_backup]
    assert isinstance(finished.args[0], RestoreResult)
    assert dialog.last_message.splitlines() == [
        f"Đã khôi phục 0 hồ sơ từ {good_backup}.",
        f"Dữ liệu trước khi khôi phục được lưu ở {previous}; để hoàn tác: khôi phục lại từ tệp đó "
        "(Hệ thống → Khôi phục từ bản sao lưu).",
    ]
    assert not dialog.restore_button.isEnabled()


def test_export_labels_show_no_ampersand_and_alt_t_reaches_the_first_date(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    dialog = ExportDialog(workspace, choose_file=Chooser(tmp_path / "out"), today=lambda: date(2023, 1, 31))
    qtbot.addWidget(dialog)
    labels = {label.text(): label for label in dialog.findChildren(QLabel)}
    assert labels["&Từ ngày:"].buddy() is dialog.date_from  # shown as "Từ ngày:" with T underlined
    assert labels["Đế&n ngày:"].buddy() is dialog.date_to


def test_a_file_already_imported_is_shown_as_unchanged(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_csv(tmp_path / "in.csv", GOOD)
    exchange.import_file(workspace, source)
    dialog = _import_dialog(qtbot, workspace, source)
    assert dialog.choose_and_check()
    _idle(qtbot, dialog)
    assert dialog.summary.text() == "3 dòng: 0 thêm mới, 0 cập nhật, 3 không thay đổi, 1 cảnh báo"


def test_a_file_that_cannot_be_read_is_named_with_what_to_do(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    hostile = Path(__file__).resolve().parents[1] / "services" / "data" / "hostile" / "not_a_zip.xlsx"
    dialog = _import_dialog(qtbot, workspace, hostile)
    dialog.choose_and_check()
    _idle(qtbot, dialog)
    assert dialog.last_message.startswith("Lỗi: Tệp not_a_zip.xlsx không phải bảng tính Excel (.xlsx)")
    assert "lỗi không mong muốn" not in dialog.last_message
    assert not dialog.import_button.isEnabled()


def test_on_a_server_a_second_box_restores_while_other_counters_are_connected(
    qtbot, good_backup: Path
) -> None:  # type: ignore[no-untyped-def]
    called: list[tuple[str, Path]] = []
    dialog = RestoreDialog(
        lambda file: called.append(("waits", file)),
        choose_file=Chooser(good_backup),
        perform_forced=lambda file: called.append(("forced", file)),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_and_check()
    _idle(qtbot, dialog)
    assert dialog.force.isVisible() and not dialog.force.isChecked()
    assert dialog.force.text().startswith("Khôi phục cả khi quầy khác còn mở phần mềm")
    dialog.confirm.setChecked(True)
    dialog.force.setChecked(True)
    assert dialog.restore()
    _idle(qtbot, dialog)
    assert called == [("forced", good_backup)]
    plain = _restore_dialog(qtbot, called.append, good_backup)
    assert not plain.force.isVisible()  # a desk has no other counters to wait for
