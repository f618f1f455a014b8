"""Hệ thống → Danh mục thủ tục as the clerk uses it: searching without diacritics, the filters, editing a
procedure's time with its live due date, a new version from a date, retiring, importing a province's list
through its preview, a bad file's problems, export → import changes nothing, and the read-only view of
a user who may not edit the catalogue."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

from cchc_desktop.domain.deadlines import Duration, DurationUnit
from cchc_desktop.domain.roles import Role
from cchc_desktop.domain.text import fold
from cchc_desktop.services import catalogue
from cchc_desktop.services.accounts import AccountForm, add_account, sign_in
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.catalogue.date_prompt import DatePrompt
from cchc_desktop.ui.catalogue.entries_model import NAME, RETIRED_COLOUR, STATE
from cchc_desktop.ui.catalogue.import_preview import ImportPreviewDialog
from cchc_desktop.ui.catalogue.procedure_form import MAX_HEIGHT, ProcedureDialog
from cchc_desktop.ui.catalogue.window import CatalogueWindow
from tests.services.intake_helpers import request
from tests.ui.keyboard import replace_text, type_text

NOW = datetime(2026, 3, 2, 10, 5)  # a Monday
PROVINCE = Path(__file__).parents[1] / "services" / "data" / "catalogue" / "province-list.csv"
BAD_LIST = Path(__file__).parent / "data" / "catalogue" / "bad-list.csv"
SHOTS = Path("/tmp/shots")
Key = Qt.Key


def _window(qtbot, ws: Workspace, **choosers: object) -> CatalogueWindow:  # type: ignore[no-untyped-def]
    window = CatalogueWindow(ws, clock=lambda: NOW, **choosers)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _child(qtbot, parent: QWidget, kind: type[QWidget]) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: any(w.isVisible() for w in parent.findChildren(kind)))
    return next(w for w in parent.findChildren(kind) if w.isVisible())


def _search(window: CatalogueWindow, text: str) -> None:
    window.search.setFocus()
    replace_text(window.search, text)


def _choose(qtbot, window: CatalogueWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    _search(window, code)
    assert [row[0] for row in window.row_texts()] == [code]
    qtbot.mouseClick(
        window.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.table.visualRect(window.model.index(0, NAME)).center(),
    )
    assert window.current is not None and window.current.procedure.code == code


def _shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_search_without_diacritics_narrows_the_list(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    total = len(catalogue.catalogue_entries(workspace.db, NOW.date()))
    assert window.count.text().startswith(f"{total} thủ tục · ")

    type_text(window.search, "dang ky khai sinh")  # the clerk types without diacritics
    names = [row[NAME] for row in window.row_texts()]
    assert "Thủ tục đăng ký khai sinh" in names
    assert all({"dang", "ky", "khai", "sinh"} <= set(fold(name).split()) for name in names)
    assert len(names) < total
    assert window.count.text().startswith(f"{len(names)} / {total} thủ tục")

    replace_text(window.search, "chung thuc")
    names = [row[NAME] for row in window.row_texts()]
    assert names and all("chứng thực" in name.lower() for name in names)


def test_the_field_and_state_filters(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    entries = catalogue.catalogue_entries(workspace.db, NOW.date())
    window.field_filter.setCurrentIndex(window.field_filter.findText("Hộ tịch"))
    rows = window.row_texts()
    assert len(rows) == sum(e.procedure.field == "Hộ tịch" for e in entries) > 1
    assert {row[2] for row in rows} == {"Hộ tịch"}
    window.field_filter.setCurrentIndex(window.field_filter.findText("Bảo trợ xã hội"))

    window.state_filter.setCurrentIndex(window.state_filter.findText("Cần xác định thời hạn"))
    rows = window.row_texts()
    assert rows and {row[STATE] for row in rows} == {"Cần xác định thời hạn"}
    assert {row[3] for row in rows} == {"Cần xác định thời hạn"}
    assert {row[2] for row in rows} == {"Bảo trợ xã hội"}
    assert window.count.text() == f"{len(rows)} / {len(entries)} thủ tục · {len(rows)} cần xác định thời hạn"

    window.field_filter.setCurrentIndex(0)  # Tất cả lĩnh vực
    needs_time = [e for e in entries if e.procedure.needs_time]
    assert len(window.row_texts()) == len(needs_time)


def test_editing_the_time_reads_the_wording_shows_the_due_date_and_saves_a_version_from_the_date(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    _choose(qtbot, window, "1.004873")
    qtbot.keyClick(window.table, Key.Key_Return)
    form = _child(qtbot, window, ProcedureDialog)
    assert isinstance(form, ProcedureDialog)
    _shot(form, "catalogue-edit-dialog.png")
    assert form.height() <= MAX_HEIGHT and form.sizeHint().height() <= MAX_HEIGHT
    before = form.time.example.text()
    assert before.startswith("Nếu tiếp nhận bây giờ: hẹn trả ")

    form.time.wording.setFocus()
    form.time.wording.selectAll()
    type_text(form.time.wording, "05 ngày làm việc")

    assert form.time.unit.currentText() == "ngày làm việc" and form.time.value.value() == 5
    assert form.time.reading.text() == "Đã đọc: 05 ngày làm việc."
    # Monday 10:05 + 5 working days: the Monday after
    assert (
        form.time.example.text() == "Nếu tiếp nhận bây giờ: hẹn trả 10 giờ 05, Thứ Hai 09/03/2026" != before
    )
    form.from_day.setFocus()
    replace_text(form.from_day, "01042026")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not form.isVisible())
    assert window.last_message == "Đã lưu thủ tục 1.004873, áp dụng từ ngày 01/04/2026."
    old = catalogue.procedure_for(workspace.db, "1.004873", date(2026, 3, 31))
    row = window.row_texts()[0]
    assert row[3] == old.time_text != "05 ngày làm việc" and row[-1] == "01/04/2026"  # the next one dated
    replace_text(window.view_day, "01042026")
    assert window.row_texts()[0][3] == "05 ngày làm việc"
    new = catalogue.procedure_for(workspace.db, "1.004873", date(2026, 4, 1))
    assert (new.duration, new.duration_text) == (Duration(DurationUnit.WORKING_DAYS, 5), "05 ngày làm việc")
    assert old.duration == Duration(DurationUnit.WORKING_DAYS, 3)  # kept for the dossiers before
    assert window.changed


def test_unreadable_wording_is_told_in_orange_and_the_rule_stays_as_set(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    _choose(qtbot, window, "1.004873")
    form = window.edit()
    assert form is not None
    form.time.wording.setFocus()
    form.time.wording.selectAll()
    type_text(form.time.wording, "01 tháng")

    assert "01 tháng" in form.time.reading.text() and "#c25e00" in form.time.reading.styleSheet()
    assert form.time.unit.currentText() == "ngày làm việc" and form.time.value.value() == 3


def test_a_new_version_from_a_date_and_its_history(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    _choose(qtbot, window, "2.000815")
    qtbot.mouseClick(window.version_button, Qt.MouseButton.LeftButton)
    form = _child(qtbot, window, ProcedureDialog)
    assert isinstance(form, ProcedureDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.from_day)
    assert form.from_day.text() == "02/03/2026"  # today by default
    type_text(form.from_day, "15032026")
    form.fee_amount.setValue(5000)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())

    versions = catalogue.versions_of(workspace.db, "2.000815")
    assert [v.effective_from for v in versions] == [date(2025, 7, 1), date(2026, 3, 15)]
    assert versions[-1].fee_amount == 5000
    history = window.history()
    assert history is not None
    assert [row[0] for row in history.row_texts()] == ["01/07/2025", "15/03/2026"]


def test_a_refused_save_keeps_what_was_typed_and_names_the_field(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    _choose(qtbot, window, "1.004873")
    form = window.edit()
    assert form is not None
    name = form.name.text()
    form.name.setFocus()
    replace_text(form.name, " ")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.fields.text("name") == "Nhập tên thủ tục."

    replace_text(form.name, name)  # as it was: nothing changed
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.failure.text().startswith("Thủ tục không có thay đổi nào")
    assert form.name.text() == name and form.fields.text("name") == ""


def test_adding_a_procedure_of_a_new_field(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    form = window.add()
    assert form is not None
    type_text(form.code, "1.004873")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "đã có trong danh mục" in form.fields.text("code")

    replace_text(form.code, "DP-TN-01")
    form.name.setFocus()
    type_text(form.name, "Xác nhận đơn đề nghị hỗ trợ thiên tai")
    form.field.setFocus()
    type_text(form.field.lineEdit(), "Phòng chống thiên tai")
    form.time.wording.setFocus()
    type_text(form.time.wording, "05 ngày làm việc")
    qtbot.mouseClick(form.documents.add_button, Qt.MouseButton.LeftButton)
    form.documents.table.item(0, 0).setText("Đơn đề nghị hỗ trợ")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())

    assert "Phòng chống thiên tai" in catalogue.fields_in_use(workspace.db)
    saved = catalogue.procedure_for(workspace.db, "DP-TN-01", NOW.date())
    assert saved.documents[0].name == "Đơn đề nghị hỗ trợ" and saved.duration == Duration(
        DurationUnit.WORKING_DAYS, 5
    )
    assert window.field_filter.findText("Phòng chống thiên tai") > 0


def test_retiring_greys_the_row_and_intake_no_longer_offers_it(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    main_window.catalogue_action.trigger()
    window = _child(qtbot, main_window, CatalogueWindow)
    assert isinstance(window, CatalogueWindow)
    _choose(qtbot, window, "2.000908")
    qtbot.mouseClick(window.retire_button, Qt.MouseButton.LeftButton)
    prompt = _child(qtbot, window, DatePrompt)
    assert isinstance(prompt, DatePrompt)
    today = date.today().strftime("%d/%m/%Y")
    assert (
        prompt.asked.text() == f"Bãi bỏ thủ tục 2.000908 từ ngày {today}? Hồ sơ đã tiếp nhận vẫn giữ nguyên."
    )
    qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)

    assert window.row_texts()[0][STATE] == "Đã bãi bỏ"
    assert window.model.index(0, NAME).data(Qt.ItemDataRole.ForegroundRole) == RETIRED_COLOUR
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    picker = main_window.intake_tab.form.picker
    picker.setFocus()
    type_text(picker, "ban sao tu so goc")
    assert "2.000908" not in [picker.model.procedure_at(r).code for r in range(picker.model.rowCount())]


def test_the_import_preview_then_writing_it(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace, choose_open=lambda *_: str(PROVINCE))
    qtbot.mouseClick(window.import_button, Qt.MouseButton.LeftButton)
    prompt = _child(qtbot, window, DatePrompt)
    assert isinstance(prompt, DatePrompt)
    replace_text(prompt.day, "01042026")
    qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
    preview = _child(qtbot, window, ImportPreviewDialog)
    assert isinstance(preview, ImportPreviewDialog)
    _shot(preview, "catalogue-import-preview.png")

    plan = preview.plan
    tabs = [preview.tabs.tabText(i) for i in range(preview.tabs.count())]
    assert tabs[0] == "Mới (2)" and tabs[3] == "Cần xác định thời hạn (1)" and tabs[4] == "Lỗi (0)"
    assert tabs[2] == f"Bãi bỏ ({len(plan.retired)})" and len(plan.retired) > 90
    changes = dict(preview.change_rows())
    marriage = changes["1.004873 · Cấp Giấy xác nhận tình trạng hôn nhân"]
    wording = next(line for line in marriage if line[0] == "Thời hạn theo văn bản công bố")
    assert wording[2] == "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"
    assert preview.unreadable_table.item(0, 0).text() == "DD-01"
    assert "Tùy theo tính chất vụ việc" in preview.unreadable_table.item(0, 3).text()
    assert preview.write_button.isEnabled()

    qtbot.mouseClick(preview.write_button, Qt.MouseButton.LeftButton)
    expected = (
        f"Đã nhập: 2 mới, {len(plan.changed)} thay đổi, {len(plan.retired)} bãi bỏ; 1 cần xác định thời hạn."
    )
    qtbot.waitUntil(lambda: preview.last_message == expected)
    assert not preview.write_button.isEnabled()
    assert window.last_message == expected and window.changed
    replace_text(window.view_day, "01042026")
    codes = {row[0]: row for row in window.row_texts()}
    assert codes["XD-01"][3] == "15 ngày" and codes["DD-01"][STATE] == "Cần xác định thời hạn"
    assert codes["2.000908"][STATE] == "Đã bãi bỏ"


def test_a_bad_file_lists_its_row_problems_and_writes_nothing(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace, choose_open=lambda *_: str(BAD_LIST))
    prompt = window.start_import()
    assert prompt is not None
    qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
    preview = _child(qtbot, window, ImportPreviewDialog)
    assert isinstance(preview, ImportPreviewDialog)

    problems = [preview.problems_table.item(r, 0).text() for r in range(preview.problems_table.rowCount())]
    assert (
        problems[0].startswith("dòng 3: Mã thủ tục: ")
        and problems[1] == "dòng 4: Tên thủ tục: thiếu tên thủ tục"
    )
    assert preview.tabs.currentWidget() is preview.problems_table
    assert not preview.write_button.isEnabled()
    assert (
        preview.last_message
        == "Tệp có 2 lỗi (xem trang “Lỗi”); sửa tệp rồi nhập lại. Chưa có gì được ghi vào danh mục."
    )


def test_an_exported_list_imported_again_changes_nothing(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "danh-muc"  # typed without an extension: .xlsx
    window = _window(
        qtbot, workspace, choose_save=lambda *_: str(target), choose_open=lambda *_: str(target) + ".xlsx"
    )
    qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "danh-muc.xlsx"
    count = len(catalogue.catalogue_for_export(workspace.db, NOW.date()))
    assert written.is_file() and window.last_message == f"Đã xuất {count} thủ tục vào {written}."

    prompt = window.start_import()
    assert prompt is not None and prompt.value() == NOW.date()
    qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)
    preview = _child(qtbot, window, ImportPreviewDialog)
    assert isinstance(preview, ImportPreviewDialog)
    assert preview.last_message == "Danh mục đã giống tệp này: không có gì thay đổi, không cần ghi."
    assert preview.summary.text().startswith(
        f"Từ ngày 02/03/2026: 0 mới, 0 thay đổi, 0 bãi bỏ, {count} không đổi"
    )
    assert not preview.write_button.isEnabled()


@pytest.fixture
def clerk(workspace: Workspace) -> Workspace:
    add_account(
        workspace, AccountForm("quantri", "Quản Trị", "", frozenset({Role.ADMIN})), "mat-khau-quan-tri"
    )
    sign_in(workspace, "quantri", "mat-khau-quan-tri")
    add_account(
        workspace, AccountForm("tiepnhan", "Tiếp Nhận", "", frozenset({Role.RECEPTION})), "mat-khau-tiep-nhan"
    )
    sign_in(workspace, "tiepnhan", "mat-khau-tiep-nhan")
    return workspace


def test_a_user_without_the_catalogue_role_reads_but_cannot_change(qtbot, clerk: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, clerk)
    _shot(window, "catalogue-window.png")
    assert window.current is not None
    for button in (
        window.add_button,
        window.edit_button,
        window.version_button,
        window.retire_button,
        window.import_button,
    ):
        assert not button.isEnabled()
        assert button.toolTip().startswith("Tài khoản tiepnhan không có quyền: sửa danh mục thủ tục.")
    assert window.export_button.isEnabled() and window.history_button.isEnabled()
    qtbot.keyClick(window.table, Key.Key_Return)  # opens the versions, not the form
    assert not window.findChildren(ProcedureDialog)


def test_editing_a_version_a_dossier_was_received_under_asks_for_a_later_date(
    qtbot, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    save_intake(workspace, request(received_at=NOW), now=NOW)  # under 1.004873 as published 01/07/2025
    window = _window(qtbot, workspace)
    _choose(qtbot, window, "1.004873")
    form = window.edit()
    assert form is not None and form.from_day.text() == "01/07/2025"  # the version's own date
    form.fee_amount.setValue(20_000)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.isVisible() and form.failure.text().startswith("Đã có hồ sơ tiếp nhận theo phiên bản")
    assert form.fee_amount.value() == 20_000 and form.focusWidget() is form.from_day
    replace_text(form.from_day, "03032026")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert catalogue.procedure_for(workspace.db, "1.004873", date(2026, 3, 3)).fee_amount == 20_000
    assert catalogue.procedure_for(workspace.db, "1.004873", NOW.date()).fee_amount == 0


def test_a_file_that_is_not_a_list_is_told_without_a_preview(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "danh-muc.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    window = _window(qtbot, workspace, choose_open=lambda *_: str(broken))
    prompt = window.start_import()
    assert prompt is not None
    qtbot.mouseClick(prompt.ok_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.last_message.startswith("Lỗi: "))
    assert not window.findChildren(ImportPreviewDialog) and window.import_button.isEnabled()


def test_the_system_menu_offers_the_catalogue_to_everyone(qtbot, clerk: Workspace) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.main_window import MainWindow

    window = MainWindow(clerk)
    qtbot.addWidget(window, before_close_func=MainWindow.close_without_questions)
    action = window.catalogue_action
    assert action.text() == "Danh mục thủ tục…" and action in window.system_menu.actions()
    assert action.isVisible() and action.isEnabled()


def test_the_rule_set_by_hand_moves_the_example_due_date(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    _choose(qtbot, window, "1.004873")
    form = window.edit()
    assert form is not None
    time_rule = form.time
    time_rule.unit.setCurrentText("Cần xác định thời hạn")
    assert time_rule.example.text().startswith("Chưa có thời hạn: chưa tiếp nhận được hồ sơ")
    assert not time_rule.value.isEnabled() and not time_rule.cutoff.isEnabled()

    time_rule.unit.setCurrentText("Trong ngày")
    assert time_rule.cutoff.isEnabled() and time_rule.example.text().endswith("Thứ Hai 02/03/2026")
    time_rule.cutoff.setTime(QTime(10, 0))  # received at 10:05, after the cut-off: the next working day
    assert time_rule.example.text().endswith("Thứ Ba 03/03/2026")
    assert form.procedure().duration == Duration(DurationUnit.SAME_DAY, 0, time(10, 0))


def test_a_field_on_another_tab_is_flagged_there(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    _choose(qtbot, window, "1.004873")
    form = window.edit()
    assert form is not None
    form.legal_basis.setPlainText("x" * 20_001)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.isVisible() and form.fields.text("legal_basis") == "Tối đa 20000 ký tự."
    assert form.tabs.tabText(form.tabs.currentIndex()) == "Kết quả, căn cứ pháp lý"


def test_the_documents_are_added_moved_and_removed(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    _choose(qtbot, window, "2.000884")
    form = window.new_version()
    assert form is not None
    form.tabs.setCurrentIndex(form.tabs.indexOf(form.documents.parentWidget().parentWidget()))
    assert form.tabs.tabText(form.tabs.currentIndex()) == "Thành phần hồ sơ"
    editor = form.documents
    first = editor.documents()[0]
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    viewport = editor.table.viewport()
    direct = Qt.FindChildOption.FindDirectChildrenOnly  # not the spin boxes' own line edits
    qtbot.waitUntil(lambda: any(w.isVisible() for w in viewport.findChildren(QLineEdit, options=direct)))
    name_editor = next(w for w in viewport.findChildren(QLineEdit, options=direct) if w.isVisible())
    type_text(name_editor, "Giấy ủy quyền")
    qtbot.keyClick(name_editor, Key.Key_Return)  # the table takes the name after the event loop ran
    qtbot.waitUntil(lambda: editor.table.state() != QAbstractItemView.State.EditingState)
    last = editor.table.rowCount() - 1
    kind = editor.table.cellWidget(last, 1)
    kind.setCurrentText("bản sao")  # type: ignore[union-attr]
    editor.table.setCurrentCell(last, 0)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    documents = editor.documents()
    assert documents[-2].name == "Giấy ủy quyền" and documents[-2].kind == "bản sao"
    editor.table.setCurrentCell(0, 0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert first not in editor.documents()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())

    saved = catalogue.procedure_for(workspace.db, "2.000884", NOW.date())
    assert saved.documents == documents[1:]


def test_a_document_name_still_being_typed_is_saved(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace)
    _choose(qtbot, window, "2.000884")
    form = window.new_version()
    assert form is not None
    form.tabs.setCurrentIndex(form.tabs.indexOf(form.documents.parentWidget().parentWidget()))
    editor = form.documents
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    viewport = editor.table.viewport()
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    qtbot.waitUntil(lambda: any(w.isVisible() for w in viewport.findChildren(QLineEdit, options=direct)))
    name_editor = next(w for w in viewport.findChildren(QLineEdit, options=direct) if w.isVisible())
    type_text(name_editor, "Giấy ủy quyền")

    assert form.submit()  # Alt+L or Enter elsewhere, the cell not left
    saved = catalogue.procedure_for(workspace.db, "2.000884", NOW.date())
    assert saved.documents[-1].name == "Giấy ủy quyền"
