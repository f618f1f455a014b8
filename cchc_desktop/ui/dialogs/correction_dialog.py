"""Correct a saved dossier (procedure, applicant details and date of birth, receipt time) with a reason.

The due date printed on the receipt moves only when the clerk ticks the box; the dialog shows what the
new due date would be before anything is saved. A dossier changed at another counter since the dialog
read it is not overwritten: the save is refused with who changed it, the dialog reads the dossier again
and keeps only what the clerk changed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.vn_format import clock_and_date
from cchc_desktop.services import catalogue
from cchc_desktop.services.corrections import (
    NO_BIRTH_DATE,
    Correction,
    CorrectionResult,
    correct_dossier,
)
from cchc_desktop.services.deadlines import due_for_procedure
from cchc_desktop.services.intake import dossier_by_code
from cchc_desktop.services.records import DossierRecord
from cchc_desktop.services.stale_dossier import DossierChangedError
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.date_fields import EARLIEST, DateTimeField, first_refused, with_message
from cchc_desktop.ui.intake.birth_date import BirthDateField

TITLE = "Sửa thông tin hồ sơ {code}"
LABEL_PROCEDURE = "Thủ tục:"
LABEL_NAME = "Họ tên người nộp:"
LABEL_ID = "Số định danh cá nhân:"
LABEL_BIRTH = "Ngày sinh:"
LABEL_PHONE = "Số điện thoại:"
LABEL_EMAIL = "Email:"
LABEL_ADDRESS = "Địa chỉ:"
LABEL_RECEIVED = "Thời gian nhận hồ sơ:"
LABEL_REASON = "Lý do sửa (bắt buộc):"
MOVE_DUE = "Tính lại hạn trả kết quả theo thông tin mới"
DUE_NOW = "Hạn đã hẹn: {due}"
DUE_PROPOSED = "Hạn tính lại: {due}"
ERROR_STYLE = "color: #b00020;"


def _as_it_is_now(workspace: Workspace, record: DossierRecord) -> DossierRecord:
    """The dossier as stored now: the caller's record (the intake tab's last save) may be older than a
    step recorded since, and the clerk corrects what is there."""
    try:
        return dossier_by_code(workspace, record.code)
    except UserFacingError:
        return record  # the save will say what is wrong


class CorrectionDialog(QDialog):
    def __init__(self, workspace: Workspace, record: DossierRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        record = self.record = _as_it_is_now(workspace, record)
        self.result_of_save: CorrectionResult | None = None
        self.setWindowTitle(TITLE.format(code=record.code))
        self.setMinimumWidth(640)
        self.procedures = {p.code: p for p in catalogue.procedures_in_force(workspace.db, date.today())}
        self.procedure = QComboBox()
        # A procedure's full name runs to thousands of pixels: the dialog keeps its width, the list elides.
        self.procedure.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.procedure.setMinimumContentsLength(60)
        for code, procedure in self.procedures.items():
            self.procedure.addItem(f"{code} — {procedure.name}", code)
        if record.procedure_code not in self.procedures:
            self.procedure.addItem(
                f"{record.procedure_code} — {record.procedure_name}", record.procedure_code
            )
        self.procedure.setCurrentIndex(self.procedure.findData(record.procedure_code))
        self.name = QLineEdit(record.applicant_name)
        self.id_number = QLineEdit(record.applicant_id_number)
        self.birth = BirthDateField()
        self.birth.set_day(record.applicant_birth_date)
        self.phone = QLineEdit(record.applicant_phone)
        self.email = QLineEdit(record.applicant_email)
        self.address = QLineEdit(record.applicant_address)
        # A dossier imported with an older receipt time can still be corrected as it is.
        earliest = min(EARLIEST, record.received_at.date())
        self.received = DateTimeField(record.received_at, minimum=earliest, calendar_popup=False)
        self.reason = QLineEdit()
        self.move_due = QCheckBox(MOVE_DUE)
        self.due_now = QLabel(DUE_NOW.format(due=clock_and_date(record.appointment_at)))
        self.due_proposed = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        for label, widget in (
            (LABEL_PROCEDURE, self.procedure),
            (LABEL_NAME, self.name),
            (LABEL_ID, self.id_number),
            (LABEL_BIRTH, with_message(self.birth)),
            (LABEL_PHONE, self.phone),
            (LABEL_EMAIL, self.email),
            (LABEL_ADDRESS, self.address),
            (LABEL_RECEIVED, with_message(self.received)),
            (LABEL_REASON, self.reason),
        ):
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu thay đổi")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.due_now)
        layout.addWidget(self.due_proposed)
        layout.addWidget(self.move_due)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.procedure.currentIndexChanged.connect(self._update_proposed_due)
        self.received.value_changed.connect(self._update_proposed_due)
        self._update_proposed_due()
        self.reason.setFocus()

    def _reload(self) -> None:
        """Read the dossier again; a field the clerk left as it was shows the new value, a changed one
        keeps what was typed, so saving again changes only what the clerk meant to."""
        old, new = self.record, dossier_by_code(self.workspace, self.record.code)
        for edit, name in (
            (self.name, "applicant_name"),
            (self.id_number, "applicant_id_number"),
            (self.phone, "applicant_phone"),
            (self.email, "applicant_email"),
            (self.address, "applicant_address"),
        ):
            if edit.text() == getattr(old, name):
                edit.setText(getattr(new, name))
        if self.procedure.currentData() == old.procedure_code:
            if self.procedure.findData(new.procedure_code) < 0:
                self.procedure.addItem(f"{new.procedure_code} — {new.procedure_name}", new.procedure_code)
            self.procedure.setCurrentIndex(self.procedure.findData(new.procedure_code))
        if self.received.value() == old.received_at:
            self.received.setValue(new.received_at)
        if self.birth.day() == old.applicant_birth_date and not self.birth.error():
            self.birth.set_day(new.applicant_birth_date)
        self.record = new
        self.due_now.setText(DUE_NOW.format(due=clock_and_date(new.appointment_at)))
        self._update_proposed_due()

    def _update_proposed_due(self) -> None:
        procedure = self.procedures.get(self.procedure.currentData())
        if procedure is None:
            self.due_proposed.setText("")
            return
        due = due_for_procedure(procedure, self.received.value(), self.workspace.calendar).due_at
        self.due_proposed.setText(DUE_PROPOSED.format(due=clock_and_date(due)))
        self.move_due.setEnabled(due != self.record.appointment_at)

    def correction(self) -> Correction:
        r = self.record

        def changed(new: str, old: str) -> str | None:
            return new if new.strip() != old else None

        received = self.received.value()
        birth = self.birth.day()
        # None: as it was; NO_BIRTH_DATE: the clerk emptied the field.
        birth_change = birth or NO_BIRTH_DATE if birth != r.applicant_birth_date else None
        return Correction(
            procedure_code=self.procedure.currentData()
            if self.procedure.currentData() != r.procedure_code
            else None,
            applicant_name=changed(self.name.text(), r.applicant_name),
            applicant_id_number=changed(self.id_number.text(), r.applicant_id_number),
            applicant_birth_date=birth_change,
            applicant_phone=changed(self.phone.text(), r.applicant_phone),
            applicant_email=changed(self.email.text(), r.applicant_email),
            applicant_address=changed(self.address.text(), r.applicant_address),
            received_at=received if received != r.received_at else None,
        )

    def save(self) -> None:
        if first_refused(self.birth, self.received):
            self.error.hide()  # the message is under the receipt time, which has the focus
            return
        try:
            self.result_of_save = correct_dossier(
                self.workspace,
                self.record.code,
                self.correction(),
                self.reason.text(),
                move_due=self.move_due.isChecked() and self.move_due.isEnabled(),
                actor=self.workspace.settings().clerk_name,
                expected_version=self.record.version,
            )
        except DossierChangedError as error:
            self.error.setText(error.message)
            self.error.show()
            self._reload()
            return
        except UserFacingError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.accept()
