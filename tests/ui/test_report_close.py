"""Closing the window never loses typed work without asking: the dossier being entered, the report text."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cchc_desktop.services import report_texts
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.report.tab import ReportTab
from tests.ui.keyboard import type_text
from tests.ui.test_report_tab import settle


def open_report(qtbot, window: MainWindow) -> ReportTab:  # type: ignore[no-untyped-def]
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    tab = window.report_tab
    settle(qtbot, tab)
    assert tab.year is not None
    return tab


def edit(tab: ReportTab, text: str) -> None:
    tab.editor.select(0)
    tab.editor.editor.moveCursor(tab.editor.editor.textCursor().MoveOperation.End)
    type_text(tab.editor.editor, text)


def answer_the_question_with(button_text: str, seen: list[str]) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        button = next(b for b in box.buttons() if b.text() == button_text)
        button.click()

    QTimer.singleShot(0, click)


def test_closing_with_edited_text_offers_to_save_it(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_report(qtbot, main_window)
    edit(tab, " Xã đã số hóa toàn bộ sổ theo dõi.")
    seen: list[str] = []
    answer_the_question_with("Lưu rồi đóng", seen)

    main_window.close()

    qtbot.waitUntil(lambda: not main_window.isVisible())
    assert seen == [
        f"Nội dung báo cáo năm {tab.year} đã được sửa nhưng chưa lưu. Lưu trước khi đóng chương trình?"
    ]
    saved = report_texts.load_texts(main_window.workspace, tab.year)  # type: ignore[arg-type]
    assert saved is not None and "Xã đã số hóa toàn bộ sổ theo dõi." in str(saved)


def test_going_back_keeps_the_window_and_the_text(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = open_report(qtbot, main_window)
    edit(tab, " Còn viết tiếp.")
    seen: list[str] = []
    answer_the_question_with("Quay lại sửa", seen)

    main_window.close()

    qtbot.wait(50)
    assert seen and main_window.isVisible()
    assert tab.dirty and tab.editor.part_text(0).endswith("Còn viết tiếp.")
    assert report_texts.load_texts(main_window.workspace, tab.year) is None  # type: ignore[arg-type]

    answer_the_question_with("Đóng, không lưu", seen)
    main_window.close()
    qtbot.waitUntil(lambda: not main_window.isVisible())
    assert len(seen) == 2
    assert report_texts.load_texts(main_window.workspace, tab.year) is None  # type: ignore[arg-type]


def test_closing_without_edits_asks_nothing(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_report(qtbot, main_window)
    main_window.close()
    assert not main_window.isVisible()


def test_a_dossier_being_typed_is_not_dropped_without_asking(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    main_window.tabs.setCurrentIndex(1)
    type_text(main_window.intake_tab.form.applicant.name, "Trần Văn Bình")
    seen: list[str] = []
    answer_the_question_with("Quay lại nhập tiếp", seen)

    main_window.close()

    qtbot.wait(50)
    assert seen == ["Hồ sơ đang nhập của Trần Văn Bình chưa được lưu. Đóng chương trình sẽ bỏ hồ sơ này."]
    assert main_window.isVisible() and main_window.tabs.currentWidget() is main_window.intake_tab
    assert main_window.intake_tab.form.applicant.name.text() == "Trần Văn Bình"

    answer_the_question_with("Đóng, bỏ hồ sơ này", seen)
    main_window.close()
    qtbot.waitUntil(lambda: not main_window.isVisible())


def test_an_empty_intake_form_closes_without_a_question(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert not main_window.intake_tab.form.has_input()
    main_window.close()
    assert not main_window.isVisible()
