"""The intake form's date of birth (typed like every date, filled by the ID card) and its warning that the
citizen already has an open dossier of the same procedure, typed the way a clerk types."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog
from cchc_desktop.ui.intake.tab import IntakeTab
from cchc_desktop.ui.main_window import MainWindow
from tests.ui.keyboard import replace_text, type_text
from tests.ui.test_intake_support import QR_SCAN, choose_procedure, fill_valid_applicant, prepare, press

Key = Qt.Key
ID = "030190012345"


def _birth_message(tab: IntakeTab) -> str:
    return tab.form.errors.message("applicant_birth_date")


def _leave_birth(qtbot, tab: IntakeTab) -> None:  # type: ignore[no-untyped-def]
    assert tab.form.applicant.birth.hasFocus()
    press(qtbot, Key.Key_Tab)


def test_the_date_of_birth_is_typed_after_the_id_number_and_saved(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    applicant = tab.form.applicant
    applicant.id_number.setFocus()
    press(qtbot, Key.Key_Tab)  # the next field after the ID number is the date of birth
    assert applicant.birth.hasFocus()
    assert applicant.birth.displayText() == "__/__/____"  # empty until typed: it is optional
    qtbot.keyClicks(applicant.birth, "12051990")  # digits only: the slashes are skipped
    assert applicant.birth.displayText() == "12/05/1990"
    press(qtbot, Key.Key_Tab)
    assert applicant.phone.hasFocus()
    saved = tab.save()
    assert saved is not None and saved.record.applicant_birth_date == date(1990, 5, 12)
    # The form is emptied for the next citizen, the date of birth too.
    assert applicant.birth.displayText() == "__/__/____" and applicant.birth_date is None


def test_a_dossier_without_a_date_of_birth_is_saved(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    applicant = tab.form.applicant
    applicant.birth.setFocus()
    _leave_birth(qtbot, tab)  # leaving it empty is not a mistake
    assert _birth_message(tab) == ""
    saved = tab.save()
    assert saved is not None and saved.record.applicant_birth_date is None


def test_a_wrong_date_of_birth_is_said_under_the_field_and_stops_the_save(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)  # today is 02/03/2026
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    birth = tab.form.applicant.birth
    birth.setFocus()
    qtbot.keyClicks(birth, "03032026")  # tomorrow
    _leave_birth(qtbot, tab)
    assert _birth_message(tab) == "Ngày sinh 03/03/2026 ở sau hôm nay (02/03/2026): kiểm tra lại ngày sinh."
    assert tab.save() is None
    assert birth.hasFocus()  # the first field to fix
    qtbot.keyClicks(birth, "31121899")
    _leave_birth(qtbot, tab)
    assert _birth_message(tab) == "Ngày sinh 31/12/1899 trước năm 1900: kiểm tra lại năm sinh."
    birth.setFocus()
    qtbot.keyClicks(birth, "3102")  # an unfinished, impossible day
    _leave_birth(qtbot, tab)
    assert _birth_message(tab).startswith("Ngày chưa gõ đủ: gõ theo dạng dd/mm/yyyy")
    assert tab.save() is None
    assert "applicant_birth_date" in tab.form.errors.shown()
    qtbot.keyClicks(birth, "31022000")
    assert _birth_message(tab) == "Ngày 31/02/2000 không có thật: tháng 2 năm 2000 có 29 ngày."
    # Emptied again: optional, so the dossier saves (the century of the ID number is not checked).
    press(qtbot, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Key.Key_Delete)
    assert _birth_message(tab) == ""
    saved = tab.save()
    assert saved is not None and saved.record.applicant_birth_date is None


def test_the_typed_date_of_birth_checks_the_id_number(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)  # 030190…: born in 1990
    tab.form.applicant.birth.setFocus()
    qtbot.keyClicks(tab.form.applicant.birth, "12052001")
    assert tab.save() is None
    assert "không khớp với ngày sinh 12/05/2001" in tab.form.errors.message("applicant_id_number")


def test_the_card_scan_fills_the_date_of_birth_and_a_returning_citizen_gets_it_back(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    choose_procedure(qtbot, tab, "khai sinh")
    applicant = tab.form.applicant
    applicant.name.setFocus()
    type_text(applicant.name, QR_SCAN)
    press(qtbot, Key.Key_Return)
    assert applicant.birth.displayText() == "12/05/1990"
    assert applicant.scanned.text() == "Theo thẻ căn cước: giới tính Nữ"
    # The clerk may correct what the card gave.
    applicant.birth.setFocus()
    qtbot.keyClicks(applicant.birth, "13051990")
    applicant.phone.setText("0912345678")
    saved = tab.save()
    assert saved is not None and saved.record.applicant_birth_date == date(1990, 5, 13)
    qtbot.waitUntil(lambda: not tab.runner.busy)

    applicant.id_number.setFocus()
    type_text(applicant.id_number, ID)
    press(qtbot, Key.Key_Tab)
    qtbot.waitUntil(lambda: applicant.birth.displayText() == "13/05/1990")  # from the last dossier
    assert applicant.name.text() == "Nguyễn Thị Ánh Dương"


def _saved_dossier(qtbot, tab: IntakeTab, procedure: str = "khai sinh") -> str:  # type: ignore[no-untyped-def]
    choose_procedure(qtbot, tab, procedure)
    fill_valid_applicant(tab)
    saved = tab.save()
    assert saved is not None
    qtbot.waitUntil(lambda: not tab.runner.busy)
    return saved.record.code


def _type_id_and_leave(qtbot, tab: IntakeTab, number: str) -> None:  # type: ignore[no-untyped-def]
    tab.form.applicant.id_number.setFocus()
    type_text(tab.form.applicant.id_number, number)
    press(qtbot, Key.Key_Tab)


def test_the_same_citizen_and_procedure_still_open_is_warned_of_and_can_be_opened(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    first = _saved_dossier(qtbot, tab)
    notice = tab.form.open_notice
    choose_procedure(qtbot, tab, "khai sinh")
    _type_id_and_leave(qtbot, tab, ID)
    qtbot.waitUntil(notice.isVisible)  # looked up on the tab's worker
    assert notice.text() == (
        f"Công dân này đã có hồ sơ <b>{first}</b> cùng thủ tục chưa trả kết quả (tiếp nhận 02/03/2026, "
        f'Đã tiếp nhận). Vẫn có thể tiếp nhận hồ sơ mới. <a href="{first}">Mở hồ sơ {first}</a>'
    )
    notice.linkActivated.emit(first)  # the clerk clicks the link
    qtbot.waitUntil(lambda: bool(_dossier_windows(main_window)))
    assert [window.code for window in _dossier_windows(main_window)] == [first]
    for window in _dossier_windows(main_window):
        window.close()

    # Another procedure: nothing to say; back to the same one: said again.
    choose_procedure(qtbot, tab, "tinh trang hon nhan")
    qtbot.waitUntil(lambda: not tab.runner.busy)
    assert not notice.isVisible()
    choose_procedure(qtbot, tab, "khai sinh")
    qtbot.waitUntil(notice.isVisible)
    # A warning, not a block: the second dossier is saved, and the strip says it once more.
    tab.form.applicant.name.setText("Nguyễn Thị Ánh Dương")
    saved = tab.save()
    assert saved is not None and saved.record.code != first
    assert f"Lưu ý: Công dân này đã có hồ sơ <b>{first}</b>" in tab.strip.text()
    assert not notice.isVisible()  # the form was emptied


def test_no_warning_for_another_citizen_and_none_left_after_the_number_is_edited(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    _saved_dossier(qtbot, tab)
    notice = tab.form.open_notice
    choose_procedure(qtbot, tab, "khai sinh")
    _type_id_and_leave(qtbot, tab, "001090000111")
    qtbot.waitUntil(lambda: not tab.runner.busy)
    assert not notice.isVisible()
    tab.form.applicant.id_number.setFocus()
    replace_text(tab.form.applicant.id_number, ID)
    press(qtbot, Key.Key_Tab)
    qtbot.waitUntil(notice.isVisible)
    tab.form.applicant.id_number.setFocus()
    press(qtbot, Key.Key_Backspace)  # the number is being changed: the warning was about the old one
    assert not notice.isVisible()


def test_a_scanned_card_is_checked_at_once(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path)
    first = _saved_dossier(qtbot, tab)
    choose_procedure(qtbot, tab, "khai sinh")
    tab.form.applicant.name.setFocus()
    type_text(tab.form.applicant.name, QR_SCAN)
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(tab.form.open_notice.isVisible)
    assert first in tab.form.open_notice.text()


def _dossier_windows(window: MainWindow) -> list[DossierDetailDialog]:
    QApplication.processEvents()
    return [d for d in window.findChildren(DossierDetailDialog) if d.isVisible()]
