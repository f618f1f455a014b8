"""Dates typed the way a clerk types them are taken exactly, or refused with a message: never rolled over.

The field is focused, its text selected (Ctrl+A or tabbing in) and the digits typed with their separators.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services import workflow
from cchc_desktop.services.intake import dossier_by_code, save_intake
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.date_fields import DateField, DateTimeField, with_message
from cchc_desktop.ui.dialogs.calendar_dialog import CalendarDialog
from cchc_desktop.ui.dialogs.correction_dialog import CorrectionDialog
from cchc_desktop.ui.dialogs.daily_list_dialog import DailyListDialog
from cchc_desktop.ui.dialogs.export_dialog import ExportDialog
from cchc_desktop.ui.dialogs.register_dialog import RegisterDialog
from cchc_desktop.ui.dialogs.settings_dialog import SettingsDialog
from cchc_desktop.ui.dossier.action_forms import HandOverForm
from cchc_desktop.ui.dossier.form_base import FormContext
from cchc_desktop.ui.main_window import MainWindow
from cchc_desktop.ui.report.period_bar import PeriodBar
from cchc_desktop.ui.tracking.filter_bar import FilterBar
from tests.services.intake_helpers import request
from tests.ui.test_intake_support import choose_procedure, fill_valid_applicant, prepare

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def shown(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()


def clerk_types(qtbot, field: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Into the field, select what it shows with Ctrl+A, type over it."""
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(field, Key.Key_A, CTRL)
    qtbot.keyClicks(field, text)


@pytest.fixture
def moment_field(qtbot) -> Iterator[DateTimeField]:  # type: ignore[no-untyped-def]
    holder = QWidget()
    field = DateTimeField(datetime(2026, 12, 4, 20, 10))
    QFormLayout(holder).addRow("Thời gian:", with_message(field))
    shown(qtbot, holder)
    yield field


@pytest.fixture
def day_field(qtbot) -> Iterator[DateField]:  # type: ignore[no-untyped-def]
    holder = QWidget()
    field = DateField(date(2026, 12, 4))
    QFormLayout(holder).addRow("Ngày:", with_message(field))
    shown(qtbot, holder)
    yield field


# ------------------------------------------------------------------ the field itself
def test_a_typed_moment_is_taken_exactly(qtbot, moment_field: DateTimeField) -> None:  # type: ignore[no-untyped-def]
    changes: list[datetime] = []
    moment_field.value_changed.connect(changes.append)
    clerk_types(qtbot, moment_field, "01/12/2026 08:00")
    assert moment_field.value() == datetime(2026, 12, 1, 8, 0)
    assert moment_field.error() == "" and not moment_field.message.isVisible()
    assert changes[-1] == datetime(2026, 12, 1, 8, 0)
    clerk_types(qtbot, moment_field, "020320261400")  # the separators may be left out
    assert moment_field.value() == datetime(2026, 3, 2, 14, 0)


def test_tabbing_in_selects_the_value_so_typing_replaces_it(qtbot, moment_field: DateTimeField) -> None:  # type: ignore[no-untyped-def]
    moment_field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(moment_field, "01/12/2026 08:00")
    assert moment_field.value() == datetime(2026, 12, 1, 8, 0)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026 08:00", "Ngày 31/02/2026 không có thật: tháng 2 năm 2026 có 28 ngày."),
        ("29/02/2026 08:00", "Ngày 29/02/2026 không có thật: tháng 2 năm 2026 có 28 ngày."),
        ("31/04/2026 08:00", "Ngày 31/04/2026 không có thật: tháng 4 năm 2026 có 30 ngày."),
        ("01/13/2026 08:00", "Ngày 01/13/2026 không có thật: tháng phải từ 01 đến 12."),
        ("01/12/2026 25:00", "Giờ 25:00 không hợp lệ (0-23 giờ, 0-59 phút)."),
        ("01/12/2026 12:60", "Giờ 12:60 không hợp lệ (0-23 giờ, 0-59 phút)."),
        (
            "01/12/1999 08:00",
            "Ngày 01/12/1999 nằm ngoài khoảng cho phép: chỉ nhận từ 01/01/2000 đến 31/12/2099.",
        ),
        (
            "01/01/2100 08:00",
            "Ngày 01/01/2100 nằm ngoài khoảng cho phép: chỉ nhận từ 01/01/2000 đến 31/12/2099.",
        ),
    ],
)
def test_an_impossible_moment_is_refused_beside_the_field_and_nothing_rolls_over(
    qtbot, moment_field: DateTimeField, typed: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    changes: list[datetime] = []
    moment_field.value_changed.connect(changes.append)
    clerk_types(qtbot, moment_field, typed)
    assert moment_field.error() == message
    assert moment_field.message.isVisible() and moment_field.message.text() == message
    assert moment_field.property("invalid") is True
    assert moment_field.text() == typed  # what was typed stays, to be corrected
    assert moment_field.value() == datetime(2026, 12, 4, 20, 10) and changes == []
    assert not moment_field.check()
    clerk_types(qtbot, moment_field, "28/02/2026 23:59")
    assert moment_field.value() == datetime(2026, 2, 28, 23, 59)
    assert moment_field.error() == "" and not moment_field.message.isVisible()
    assert not moment_field.property("invalid")


def test_the_29th_of_february_of_a_leap_year_is_a_day(qtbot, day_field: DateField) -> None:  # type: ignore[no-untyped-def]
    clerk_types(qtbot, day_field, "29/02/2028")
    assert day_field.value() == date(2028, 2, 29) and day_field.error() == ""
    clerk_types(qtbot, day_field, "29/02/2026")
    assert day_field.error() == "Ngày 29/02/2026 không có thật: tháng 2 năm 2026 có 28 ngày."
    assert day_field.value() == date(2028, 2, 29)


def test_an_incomplete_day_is_flagged_when_the_clerk_leaves_or_submits(qtbot, day_field: DateField) -> None:  # type: ignore[no-untyped-def]
    clerk_types(qtbot, day_field, "01/12/20")
    message = "Ngày chưa gõ đủ: gõ theo dạng dd/mm/yyyy, ví dụ 01/12/2026."
    assert day_field.error() == message
    assert not day_field.message.isVisible()  # still typing
    assert not day_field.check()
    assert day_field.message.isVisible() and day_field.message.text() == message
    assert day_field.value() == date(2026, 12, 4)
    qtbot.keyClicks(day_field, "26")
    assert day_field.value() == date(2026, 12, 1) and not day_field.message.isVisible()


def test_a_pasted_moment_is_read_like_a_typed_one(qtbot, moment_field: DateTimeField) -> None:  # type: ignore[no-untyped-def]
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("01/12/2026 08:00")
    clerk_types(qtbot, moment_field, "")
    qtbot.keyClick(moment_field, Key.Key_V, CTRL)
    assert moment_field.value() == datetime(2026, 12, 1, 8, 0)
    clipboard.setText("31/02/2026 08:00")
    qtbot.keyClick(moment_field, Key.Key_A, CTRL)
    qtbot.keyClick(moment_field, Key.Key_V, CTRL)
    assert moment_field.error().startswith("Ngày 31/02/2026 không có thật")
    assert moment_field.value() == datetime(2026, 12, 1, 8, 0)
    clipboard.setText(" 2/3/2026 9:05 ")  # copied from a letter, without leading zeros
    qtbot.keyClick(moment_field, Key.Key_A, CTRL)
    qtbot.keyClick(moment_field, Key.Key_V, CTRL)
    assert moment_field.value() == datetime(2026, 3, 2, 9, 5) and moment_field.error() == ""


def test_set_value_and_the_range(qtbot, day_field: DateField) -> None:  # type: ignore[no-untyped-def]
    day_field.setValue(date(2027, 1, 2))
    assert day_field.text() == "02/01/2027" and day_field.value() == date(2027, 1, 2)
    day_field.set_range(date(2027, 1, 5), date(2027, 12, 31))
    assert day_field.error() == (
        "Ngày 02/01/2027 nằm ngoài khoảng cho phép: chỉ nhận từ 05/01/2027 đến 31/12/2027."
    )


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_the_calendar_picks_a_day_and_keeps_the_time(qtbot, moment_field: DateTimeField) -> None:  # type: ignore[no-untyped-def]
    edited: list[bool] = []
    moment_field.user_edited.connect(lambda: edited.append(True))
    qtbot.keyClick(moment_field, Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = moment_field.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate() == QDate(2026, 12, 4)
    calendar.clicked.emit(QDate(2026, 12, 1))
    assert moment_field.value() == datetime(2026, 12, 1, 20, 10) and edited
    assert not calendar.isVisible()


# ------------------------------------------------------------------ each screen
def test_the_intake_saves_the_receipt_time_the_clerk_typed(
    qtbot, main_window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path, now=datetime(2026, 12, 1, 8, 10))
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    tab.form.receipt.received_at.set_moment(datetime(2026, 11, 28, 10, 0))  # typed earlier, to be corrected
    clerk_types(qtbot, tab.form.receipt.received_at, "01/12/2026 08:00")
    qtbot.keyClick(tab.form.receipt.received_at, Key.Key_S, CTRL)
    assert tab.last_saved is not None
    assert dossier_by_code(workspace, tab.last_saved.record.code).received_at == datetime(2026, 12, 1, 8, 0)


def test_the_intake_refuses_an_impossible_receipt_time_beside_the_field(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path, now=datetime(2026, 3, 2, 14, 5))
    choose_procedure(qtbot, tab, "khai sinh")
    fill_valid_applicant(tab)
    received_at = tab.form.receipt.received_at
    clerk_types(qtbot, received_at, "31/02/2026 08:00")
    qtbot.keyClick(received_at, Key.Key_S, CTRL)
    assert tab.last_saved is None
    message = "Ngày 31/02/2026 không có thật: tháng 2 năm 2026 có 28 ngày."
    assert tab.form.errors.shown() == {"received_at": message}
    assert tab.form.errors.label("received_at").isVisible()
    # No due date from the last good time while the field shows another one.
    assert tab.form.receipt.due.text() == "Hẹn trả: sửa thời gian nhận để tính ngày hẹn trả"
    clerk_types(qtbot, received_at, "02/03/2026 09:00")
    assert tab.form.errors.shown().get("received_at") != message
    assert tab.form.receipt.due.text().startswith("Hẹn trả: 17 giờ 00 phút, Thứ Hai 02/03/2026")


def test_the_tracking_filter_uses_the_typed_days(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = FilterBar()
    shown(qtbot, bar)
    bar.due_any.setChecked(False)
    clerk_types(qtbot, bar.due_from, "04/03/2026")
    clerk_types(qtbot, bar.due_to, "05/03/2026")
    chosen = bar.filter()
    assert (chosen.due_from, chosen.due_to) == (date(2026, 3, 4), date(2026, 3, 5))


def test_the_report_period_uses_the_typed_days(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = PeriodBar(date(2026, 3, 2))
    shown(qtbot, bar)
    clerk_types(qtbot, bar.date_from, "01/01/2023")
    clerk_types(qtbot, bar.date_to, "31/12/2023")
    assert bar.period == (date(2023, 1, 1), date(2023, 12, 31))


def test_an_action_form_records_the_typed_time(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    context = FormContext(
        workspace,
        dossier_by_code(workspace, code),
        tuple(workflow.events_of(workspace, code)),
        lambda: datetime(2026, 3, 3, 9, 0),
        "Tâm",
    )
    form = HandOverForm(context)
    shown(qtbot, form)
    form.taker.setText("Phạm Thị Thu")
    form.unit.setEditText("Công chức Tư pháp - Hộ tịch")
    clerk_types(qtbot, form.at, "02/03/2026 16:30")  # recorded the next morning
    form.submit()
    assert form.result_of_action is not None
    assert workflow.events_of(workspace, code)[-1].at == datetime(2026, 3, 2, 16, 30)


def test_the_export_range_uses_the_typed_days(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(workspace, today=lambda: date(2023, 1, 31))
    shown(qtbot, dialog)
    clerk_types(qtbot, dialog.date_from, "05/01/2023")
    clerk_types(qtbot, dialog.date_to, "20/01/2023")
    assert dialog.period() == (date(2023, 1, 5), date(2023, 1, 20))


def test_labels_stay_buddies_of_the_fields(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(workspace, today=lambda: date(2023, 1, 31))
    shown(qtbot, dialog)
    buddies = [label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    assert dialog.date_from in buddies and dialog.date_to in buddies


def test_an_action_form_with_an_impossible_time_is_not_saved(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    code = save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record.code
    events_before = workflow.events_of(workspace, code)
    context = FormContext(
        workspace,
        dossier_by_code(workspace, code),
        tuple(events_before),
        lambda: datetime(2026, 3, 3, 9, 0),
        "Tâm",
    )
    form = HandOverForm(context)
    shown(qtbot, form)
    form.taker.setText("Phạm Thị Thu")
    form.unit.setEditText("Công chức Tư pháp - Hộ tịch")
    clerk_types(qtbot, form.at, "02/03/2026 24:30")
    form.submit()
    assert form.result_of_action is None and form.isVisible()
    assert form.at.message.isVisible()
    assert form.at.message.text() == "Giờ 24:30 không hợp lệ (0-23 giờ, 0-59 phút)."
    assert workflow.events_of(workspace, code) == events_before


def test_the_export_refuses_an_impossible_day_before_asking_for_a_file(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def chooser(_parent: QWidget, _caption: str, suggested: str, _filter: str) -> str:
        asked.append(suggested)
        return ""

    dialog = ExportDialog(workspace, choose_file=chooser, today=lambda: date(2023, 1, 31))
    shown(qtbot, dialog)
    clerk_types(qtbot, dialog.date_from, "29/02/2023")
    assert not dialog.export()
    assert asked == []
    assert dialog.date_from.message.isVisible()
    assert dialog.date_from.message.text() == "Ngày 29/02/2023 không có thật: tháng 2 năm 2023 có 28 ngày."


def test_a_day_off_typed_in_the_calendar_dialog_is_that_day(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    before = calendar_service.list_overrides(workspace.db)
    dialog = CalendarDialog(workspace)
    shown(qtbot, dialog)
    clerk_types(qtbot, dialog.new_date, "31/02/2027")
    dialog.new_name.setText("Nghỉ đột xuất")
    dialog.add_override()
    assert calendar_service.list_overrides(workspace.db) == before
    assert dialog.new_date.message.text() == "Ngày 31/02/2027 không có thật: tháng 2 năm 2027 có 28 ngày."
    clerk_types(qtbot, dialog.new_date, "03/02/2027")
    dialog.add_override()
    added = [o.day for o in calendar_service.list_overrides(workspace.db) if o not in before]
    assert added == [date(2027, 2, 3)]


def test_an_office_hours_start_day_must_be_a_real_day(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(workspace)
    shown(qtbot, dialog)
    dialog._add_new_schedule()
    field = dialog.schedule_table.cellWidget(1, 0)
    assert isinstance(field, DateField)
    clerk_types(qtbot, field, "29/02/2027")
    with pytest.raises(InvalidInputError, match=r"^Dòng 2: Ngày 29/02/2027 không có thật"):
        dialog.collected_schedules()
    clerk_types(qtbot, field, "01/06/2027")
    assert dialog.collected_schedules()[1].valid_from == date(2027, 6, 1)


def test_a_corrected_receipt_time_is_the_typed_one(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    record = save_intake(workspace, request(), now=datetime(2026, 3, 2, 10, 10)).record
    dialog = CorrectionDialog(workspace, record)
    shown(qtbot, dialog)
    clerk_types(qtbot, dialog.received, "28/02/2026 16:45")
    assert dialog.correction().received_at == datetime(2026, 2, 28, 16, 45)
    clerk_types(qtbot, dialog.received, "28/02/2026 16:75")
    dialog.reason.setText("Gõ nhầm giờ")
    dialog.save()
    assert dialog.isVisible() and dialog.result_of_save is None
    assert dialog.received.message.text() == "Giờ 16:75 không hợp lệ (0-23 giờ, 0-59 phút)."


def test_the_register_and_the_daily_list_take_the_typed_days(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def chooser(_parent: QWidget, _caption: str, suggested: str, _filter: str) -> str:
        asked.append(suggested)
        return ""

    register = RegisterDialog(workspace, choose_file=chooser, today=lambda: date(2026, 3, 2))
    shown(qtbot, register)
    clerk_types(qtbot, register.date_from, "30/02/2026")
    assert not register.save(".pdf") and asked == []
    clerk_types(qtbot, register.date_from, "01/02/2026")
    register.save(".pdf")
    assert asked[0].endswith("So-theo-doi-ho-so_2026-02-01_2026-03-02.pdf")
    daily = DailyListDialog(workspace, today=lambda: date(2026, 3, 2))
    shown(qtbot, daily)
    qtbot.waitUntil(lambda: not daily.runner.busy, timeout=10_000)
    clerk_types(qtbot, daily.day, "27/02/2026")
    assert daily.chosen_day() == date(2026, 2, 27)
    qtbot.waitUntil(lambda: daily.pdf_day == date(2026, 2, 27) and not daily.runner.busy, timeout=10_000)
