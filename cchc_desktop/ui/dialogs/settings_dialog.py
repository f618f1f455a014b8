"""Agency, counter and signer details, printing choices and office hours."""

from __future__ import annotations

import dataclasses
from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.counter_identity import load_counter_name
from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.domain.calendar import OfficeSchedule, Session
from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services.accounts import account_choices
from cchc_desktop.services.settings import REQUIRED_FOR_PRINT, AgencySettings, save_settings
from cchc_desktop.services.sign_in_settings import (
    MAX_IDLE_MINUTES,
    SignInSettings,
    load_sign_in_settings,
    offers_auto_sign_in,
    save_sign_in_settings,
)
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.attachments.scanner_setting import SETTING_LABEL, ScannerFolderSetting
from cchc_desktop.ui.date_fields import EARLIEST, DateField
from cchc_desktop.ui.feedback import with_message_below
from cchc_desktop.ui.slow_ops import slow_op

TITLE = "Thông tin cơ quan và giờ làm việc"
TEXT_FIELDS = {
    "commune_name": "Tên xã:",
    "province_name": "Tỉnh/thành phố:",
    "agency_identifier": "Mã định danh cơ quan:",
    "counter_name": "Tên quầy:",
    "counter_phone": "Điện thoại của quầy:",
    "clerk_name": "Công chức tiếp nhận:",
    "signer_authority": "Thẩm quyền ký (TM.):",
    "signer_title": "Chức vụ người ký:",
    "signer_name": "Họ tên người ký:",
    "place_name": "Địa danh (dòng ngày tháng):",
    "register_volume": "Quyển sổ theo dõi (trống = năm):",
}
UNIT_STYLES = {
    "new": "Trung tâm Phục vụ hành chính công (từ 01/7/2025)",
    "old": "Bộ phận tiếp nhận và trả kết quả",
}
SUPPLEMENT_MODES = {"restart": "Tính lại từ đầu khi nhận đủ hồ sơ", "pause": "Tạm dừng, cộng tiếp thời gian"}
CLASSIFICATION_RULES = {"session": "Theo buổi làm việc", "day": "Theo ngày"}
SCHEDULE_HEADERS = ["Áp dụng từ", "Buổi sáng", "Buổi chiều"]
ERROR_STYLE = "color: #b00020;"
INVALID_BORDER = "border: 1px solid #b00020;"
HINT_STYLE = "color: #555555;"
OWN_COUNTER_NAME = (
    "Máy này dùng tên quầy riêng “{name}” (Hệ thống → Máy chủ dữ liệu…); tên quầy ở đây chỉ dùng cho "
    "máy chưa đặt tên riêng."
)
IDLE_LABEL = "Tự khóa màn hình sau:"
IDLE_SUFFIX = " phút không sử dụng"
IDLE_NEVER = "Không tự khóa"
AUTO_LABEL = "Tự động đăng nhập khi mở:"
AUTO_NONE = "Không (luôn hỏi mật khẩu)"
AUTO_HINT = (
    "Chỉ nên chọn khi máy đặt ở nơi chỉ người đó dùng: ai mở phần mềm trên máy này cũng làm việc "
    "dưới tên tài khoản được chọn (mọi thao tác vẫn ghi vào nhật ký)."
)
PLACEHOLDERS = {
    "commune_name": "ví dụ: Tân Hưng (không ghi chữ “xã”)",
    "province_name": "ví dụ: Hải Phòng",
    "agency_identifier": "mã do tỉnh cấp, ví dụ: 000.17.22.H56",
    "place_name": "thường là tên xã, ví dụ: Tân Hưng",
    "clerk_name": "họ tên công chức nhận hồ sơ tại quầy",
    "signer_name": "họ tên người ký giấy tờ, báo cáo",
}


def starting_values(current: AgencySettings) -> dict[str, str]:
    """The text each agency field starts with: an old example agency starts empty, never shown as real."""
    blank = set(REQUIRED_FOR_PRINT) if current.is_old_example() else set()
    return {name: "" if name in blank else str(getattr(current, name)) for name in TEXT_FIELDS}


class AgencyFields(QGroupBox):
    """The agency's text fields (a chosen subset of `TEXT_FIELDS`) with a message under each; shared by
    the settings dialog and the first-run dialog, checked by `AgencySettings.validation_errors`."""

    def __init__(
        self, title: str, names: list[str], current: AgencySettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout(self)
        values = starting_values(current)
        for name in names:
            edit = QLineEdit(values[name])
            edit.setObjectName(name)
            edit.setPlaceholderText(PLACEHOLDERS.get(name, ""))
            holder, error = with_message_below(edit, f"error_{name}", ERROR_STYLE)
            label = QLabel(TEXT_FIELDS[name])
            label.setBuddy(edit)
            self.form.addRow(label, holder)
            self.inputs[name] = edit
            self.errors[name] = error

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.inputs.items()}

    def show_errors(self, errors: dict[str, str]) -> bool:
        """Show each field's message (clearing the others); focus the first wrong field. True when any."""
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))
            self.inputs[name].setStyleSheet(INVALID_BORDER if message else "")
        first = next((name for name in self.inputs if name in errors), None)
        if first is not None:
            self.inputs[first].setFocus(Qt.FocusReason.OtherFocusReason)
        return first is not None


class SignInSection:
    """The idle lock's delay and, on a database file, the account signed in automatically at start: two
    rows added to `form` (the rules' box; a box of their own would make the dialog taller than a
    1366×768 screen)."""

    def __init__(self, workspace: Workspace, form: QFormLayout) -> None:
        current = load_sign_in_settings(workspace.db)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idle_lock_minutes")
        self.idle_minutes.setRange(0, MAX_IDLE_MINUTES)
        self.idle_minutes.setSuffix(IDLE_SUFFIX)
        self.idle_minutes.setSpecialValueText(IDLE_NEVER)
        self.idle_minutes.setValue(current.idle_lock_minutes)
        form.addRow(IDLE_LABEL, self.idle_minutes)
        self.auto_account: QComboBox | None = None
        if offers_auto_sign_in(workspace):  # a centre server: everyone signs in, always
            combo = QComboBox()
            combo.setObjectName("auto_sign_in_username")
            combo.addItem(AUTO_NONE, "")
            for account in account_choices(workspace):
                combo.addItem(f"{account.full_name} ({account.username})", account.username)
            combo.setCurrentIndex(max(combo.findData(current.auto_sign_in_username), 0))
            combo.setToolTip(AUTO_HINT)
            form.addRow(AUTO_LABEL, combo)
            self.auto_account = combo

    def values(self) -> SignInSettings:
        username = self.auto_account.currentData() if self.auto_account is not None else ""
        return SignInSettings(self.idle_minutes.value(), str(username or ""))


class SettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(620)
        current = workspace.settings()
        agency = AgencyFields("Cơ quan, quầy và người ký", list(TEXT_FIELDS), current)
        self.agency = agency
        self.inputs = agency.inputs
        self.errors = agency.errors
        self.unit_style = self._combo(UNIT_STYLES, current.unit_style)
        agency.form.insertRow(0, "Tên đơn vị một cửa:", self.unit_style)
        self.counter_hint = self._own_counter_hint(agency)

        printing = QGroupBox(
            "In ấn, máy quét và quy tắc"
            if not workspace.has_accounts
            else "In ấn, máy quét, quy tắc và đăng nhập"
        )
        print_form = QFormLayout(printing)
        self.receipt_copies = QSpinBox()
        self.receipt_copies.setRange(1, 3)
        self.receipt_copies.setValue(current.receipt_copies)
        self.paper_size = self._combo({"A4": "A4", "A5": "A5"}, current.paper_size)
        self.supplement_mode = self._combo(SUPPLEMENT_MODES, current.supplement_mode)
        self.classification_rule = self._combo(CLASSIFICATION_RULES, current.classification_rule)
        print_form.addRow("Số liên giấy tiếp nhận:", self.receipt_copies)
        print_form.addRow("Khổ giấy tiếp nhận:", self.paper_size)
        print_form.addRow("Khi yêu cầu bổ sung hồ sơ:", self.supplement_mode)
        print_form.addRow("Đánh giá trước hạn/đúng hạn:", self.classification_rule)
        # this computer's own choice, like its counter name (core/scanner_folder.py)
        self.scanner_folder = ScannerFolderSetting()
        scanner_label = QLabel(SETTING_LABEL)
        scanner_label.setBuddy(self.scanner_folder.edit)
        print_form.addRow(scanner_label, self.scanner_folder)

        hours = QGroupBox("Giờ làm việc (mỗi buổi dạng 07:30-11:30)")
        self.schedule_table = QTableWidget(0, 3)
        self.schedule_table.setHorizontalHeaderLabels(SCHEDULE_HEADERS)
        self.schedule_table.horizontalHeader().setStretchLastSection(True)
        for schedule in calendar_service.load_schedules(workspace.db):
            self._add_schedule_row(schedule)
        self.add_schedule_button = QPushButton("Thêm lịch theo mùa")
        self.add_schedule_button.clicked.connect(self._add_new_schedule)
        self.schedule_error = QLabel()
        self.schedule_error.setStyleSheet(ERROR_STYLE)
        self.schedule_error.hide()
        hours_layout = QVBoxLayout(hours)
        hours_layout.addWidget(self.schedule_table)
        row = QHBoxLayout()
        row.addWidget(self.add_schedule_button)
        row.addStretch()
        hours_layout.addLayout(row)
        hours_layout.addWidget(self.schedule_error)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        # Only once accounts exist: before that nobody signs in, so nothing locks.
        self.sign_in = SignInSection(workspace, print_form) if workspace.has_accounts else None

        # The three groups scroll when the screen is lower than the dialog (a 1366×768 laptop once the
        # sign-in rows are there); the buttons stay in sight below them.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        for group in (agency, printing, hours):
            column.addWidget(group)
        self.groups = QScrollArea()
        self.groups.setObjectName("settingsScroll")
        self.groups.setWidgetResizable(True)
        self.groups.setFrameShape(QFrame.Shape.NoFrame)
        self.groups.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.groups)
        layout.addWidget(self.buttons)
        self._fit_to_screen(content, layout)

    def _fit_to_screen(self, content: QWidget, layout: QVBoxLayout) -> None:
        """As tall as the groups need, but never taller than the screen's free area."""
        margins = layout.contentsMargins()
        frame = margins.top() + margins.bottom() + layout.spacing()
        wanted = content.sizeHint().height() + self.buttons.sizeHint().height() + frame + 4
        screen = self.screen()
        room = screen.availableGeometry().height() - 60 if screen is not None else wanted
        room = min(room, 680)  # a 1366×768 screen at most: the groups scroll
        width = max(self.minimumWidth(), content.sizeHint().width() + 24)
        self.resize(width, max(320, min(wanted, room)))

    @staticmethod
    def _own_counter_hint(agency: AgencyFields) -> QLabel | None:
        """Under "Tên quầy", when this computer has a counter name of its own (which wins): say so."""
        own = load_counter_name()
        if not own:
            return None
        hint = QLabel(OWN_COUNTER_NAME.format(name=own))
        hint.setObjectName("counterHint")
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)
        field = agency.inputs["counter_name"]
        field.setToolTip(hint.text())
        form = agency.form
        row = next(
            row
            for row in range(form.rowCount())
            if (item := form.itemAt(row, QFormLayout.ItemRole.FieldRole)) is not None
            and item.widget() is field.parentWidget()
        )
        form.insertRow(row + 1, "", hint)
        return hint

    @staticmethod
    def _combo(options: dict[str, str], current: str) -> QComboBox:
        combo = QComboBox()
        for key, label in options.items():
            combo.addItem(label, key)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        return combo

    def _add_schedule_row(self, schedule: OfficeSchedule) -> None:
        row = self.schedule_table.rowCount()
        self.schedule_table.insertRow(row)
        # An older schedule already stored stays acceptable as it is.
        date_edit = DateField(schedule.valid_from, minimum=min(EARLIEST, schedule.valid_from))
        self.schedule_table.setCellWidget(row, 0, date_edit)
        sessions = [f"{s.start:%H:%M}-{s.end:%H:%M}" for s in schedule.sessions] + ["", ""]
        self.schedule_table.setItem(row, 1, QTableWidgetItem(sessions[0]))
        self.schedule_table.setItem(row, 2, QTableWidgetItem(sessions[1]))

    def _add_new_schedule(self) -> None:
        today = date.today()
        self._add_schedule_row(
            OfficeSchedule(today, (Session(time(7, 0), time(11, 30)), Session(time(13, 0), time(16, 30))))
        )

    def collected_settings(self) -> AgencySettings:
        return dataclasses.replace(
            AgencySettings(),
            **self.agency.values(),
            unit_style=self.unit_style.currentData(),
            receipt_copies=self.receipt_copies.value(),
            paper_size=self.paper_size.currentData(),
            supplement_mode=self.supplement_mode.currentData(),
            classification_rule=self.classification_rule.currentData(),
        )

    def collected_schedules(self) -> list[OfficeSchedule]:
        schedules = []
        for row in range(self.schedule_table.rowCount()):
            widget = self.schedule_table.cellWidget(row, 0)
            assert isinstance(widget, DateField)
            if not widget.check():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                raise InvalidInputError(f"Dòng {row + 1}: {widget.error()}")
            valid_from = widget.value()
            sessions = []
            for column in (1, 2):
                item = self.schedule_table.item(row, column)
                text = item.text().strip() if item else ""
                if text:
                    sessions.append(_parse_session(text, row + 1))
            try:
                schedules.append(OfficeSchedule(valid_from, tuple(sessions)))
            except ValueError:
                raise InvalidInputError(
                    f"Dòng {row + 1}: cần ít nhất một buổi, buổi sáng phải kết thúc trước buổi chiều."
                ) from None
        return schedules

    def save(self) -> None:
        settings = self.collected_settings()
        wrong = self.agency.show_errors(settings.validation_errors())
        try:
            schedules = self.collected_schedules()
            self.schedule_error.hide()
        except InvalidInputError as error:
            self.schedule_error.setText(error.message)
            self.schedule_error.show()
            return
        if not self.scanner_folder.check(focus=not wrong) or wrong:
            return
        try:
            with slow_op("settings save"):
                save_settings(self.workspace, settings, schedules)
            if self.sign_in is not None:
                save_sign_in_settings(self.workspace, self.sign_in.values())
        except UserFacingError as error:
            self.schedule_error.setText(error.message)
            self.schedule_error.show()
            return
        if not self.scanner_folder.save():
            return
        self.accept()


def _parse_session(text: str, row: int) -> Session:
    try:
        start, end = (part.strip() for part in text.split("-"))
        return Session(time.fromisoformat(start), time.fromisoformat(end))
    except ValueError:
        raise InvalidInputError(
            f"Dòng {row}: giờ làm việc {text!r} không đúng dạng 07:30-11:30 (giờ bắt đầu trước giờ kết thúc)."
        ) from None
