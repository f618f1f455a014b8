"""The applicant (người nộp hồ sơ) and the optional authorised person who files for them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.identifiers import CitizenCardQr
from cchc_desktop.services.records import DossierRecord
from cchc_desktop.ui.intake import strings
from cchc_desktop.ui.intake.birth_date import BirthDateField
from cchc_desktop.ui.intake.field_errors import FieldErrors, add_field


def _line(placeholder: str = "", object_name: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setObjectName(object_name)
    return edit


class ApplicantForm(QGroupBox):
    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(strings.GROUP_APPLICANT, parent)
        self.name = _line(strings.NAME_PLACEHOLDER, "applicant_name")
        self.id_number = _line(strings.ID_PLACEHOLDER, "applicant_id_number")
        self.phone = _line(strings.PHONE_PLACEHOLDER, "applicant_phone")
        self.email = _line("", "applicant_email")
        self.address = _line(strings.ADDRESS_PLACEHOLDER, "applicant_address")
        self.birth = BirthDateField()
        self.birth.setToolTip(strings.BIRTH_TIP)
        self.scanned = QLabel()
        self.scanned.setObjectName("scannedDetails")
        self.scanned.hide()
        # Read from the ID card's QR code; used only for the gender check of the ID number.
        self.gender = ""

        grid = QGridLayout(self)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        add_field(grid, 0, 0, strings.NAME_LABEL, self.name, errors.wrap("applicant_name", self.name))
        id_column = QWidget()
        id_layout = QVBoxLayout(id_column)
        id_layout.setContentsMargins(0, 0, 0, 0)
        id_layout.setSpacing(1)
        id_layout.addWidget(errors.wrap("applicant_id_number", self.id_number))
        id_layout.addWidget(self.scanned)
        add_field(grid, 0, 2, strings.ID_LABEL, self.id_number, id_column)
        # The date of birth opens the second line, before the phone: the order of the ID card, and no
        # extra line (the intake tab must fit a 768-pixel screen).
        # Its message goes under the whole line, the field keeping its width for the phone.
        birth_row = QWidget()
        row = QHBoxLayout(birth_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.birth, 0, Qt.AlignmentFlag.AlignTop)
        phone_label = QLabel(strings.PHONE_LABEL)
        phone_label.setBuddy(self.phone)
        phone_label.setMinimumHeight(self.phone.sizeHint().height())
        row.addSpacing(8)
        row.addWidget(phone_label, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(errors.wrap("applicant_phone", self.phone), 1)
        birth = errors.wrap("applicant_birth_date", birth_row, marked=self.birth)
        add_field(grid, 1, 0, strings.BIRTH_LABEL, self.birth, birth)
        add_field(grid, 1, 2, strings.EMAIL_LABEL, self.email, errors.wrap("applicant_email", self.email))
        address = errors.wrap("applicant_address", self.address)
        add_field(grid, 2, 0, strings.ADDRESS_LABEL, self.address, address, span=3)
        self._grid = grid

    def add_notice(self, notice: QWidget) -> None:
        """A line under the fields, across the group (hidden while it has nothing to say)."""
        self._grid.addWidget(notice, 3, 0, 1, 4)

    def fields(self) -> list[QLineEdit]:
        """The fields in tab order (the date of birth included)."""
        return [self.name, self.id_number, self.birth, self.phone, self.email, self.address]

    def text_fields(self) -> list[QLineEdit]:
        return [self.name, self.id_number, self.phone, self.email, self.address]

    @property
    def birth_date(self) -> date | None:
        """The date of birth typed or read from the card; None when empty or not a day."""
        return self.birth.day()

    def has_input(self) -> bool:
        return any(edit.text().strip() for edit in self.text_fields()) or not self.birth.is_blank()

    def fill_from_card(self, card: CitizenCardQr) -> None:
        self.name.setText(card.full_name)
        self.id_number.setText(card.citizen_id)
        if card.address:
            self.address.setText(card.address)
            self.address.setCursorPosition(0)
        self.birth.set_day(card.birth_date)
        self.gender = card.gender
        self.scanned.setText(strings.SCANNED_GENDER.format(gender=card.gender) if card.gender else "")
        self.scanned.setVisible(bool(card.gender))

    def fill_from_record(self, record: DossierRecord) -> bool:
        """Fill the empty fields with a returning applicant's last details; True when any was filled."""
        filled = False
        for edit, value in (
            (self.name, record.applicant_name),
            (self.phone, record.applicant_phone),
            (self.email, record.applicant_email),
            (self.address, record.applicant_address),
        ):
            if value and not edit.text().strip():
                edit.setText(value)
                edit.setCursorPosition(0)
                filled = True
        if self.birth.is_blank() and record.applicant_birth_date is not None:
            self.birth.set_day(record.applicant_birth_date)
            filled = True
        return filled

    def clear(self) -> None:
        for edit in self.fields():
            edit.clear()
        self.gender = ""
        self.scanned.clear()
        self.scanned.hide()


class SubmitterForm(QWidget):
    """Closed until its box is ticked (Space): most citizens file for themselves."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QCheckBox(strings.GROUP_SUBMITTER)
        self.toggle.setObjectName("submitter")
        self.toggle.setToolTip(strings.SUBMITTER_TIP)
        self.name = _line("", "submitter_name")
        self.id_number = _line(strings.ID_PLACEHOLDER, "submitter_id_number")
        self.phone = _line("", "submitter_phone")
        self.address = _line("", "submitter_address")
        self.authorisation = _line(strings.AUTHORISATION_PLACEHOLDER, "authorisation_document")
        self.body = QFrame()
        self.body.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.body)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        for row, column, text, name, edit, span in (
            (0, 0, strings.SUBMITTER_NAME_LABEL, "submitter_name", self.name, 1),
            (0, 2, strings.SUBMITTER_ID_LABEL, "submitter_id_number", self.id_number, 1),
            (1, 0, strings.SUBMITTER_PHONE_LABEL, "submitter_phone", self.phone, 1),
            (1, 2, strings.SUBMITTER_ADDRESS_LABEL, "submitter_address", self.address, 1),
            (2, 0, strings.AUTHORISATION_LABEL, "authorisation_document", self.authorisation, 3),
        ):
            add_field(grid, row, column, text, edit, errors.wrap(name, edit), span)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.body)
        self.body.setVisible(False)
        self.toggle.toggled.connect(self.body.setVisible)

    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def expand(self) -> None:
        self.toggle.setChecked(True)

    def fields(self) -> list[QLineEdit]:
        return [self.name, self.id_number, self.phone, self.address, self.authorisation]

    def value(self, edit: QLineEdit) -> str:
        """The text of a field, or "" while the section is closed (its content is not part of the dossier)."""
        return edit.text() if self.is_open() else ""

    def clear(self) -> None:
        for edit in self.fields():
            edit.clear()
        self.toggle.setChecked(False)
