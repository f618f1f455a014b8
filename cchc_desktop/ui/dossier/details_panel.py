"""The dossier's data as the clerk reads it, and the warnings it calls for."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.dossiers import CHANNEL_LABELS, RESULT_DELIVERY_LABELS, STATUS_LABELS
from cchc_desktop.domain.lifecycle import Action, extension_deadline, supplement_overdue
from cchc_desktop.domain.urgency import Urgency, time_left_text, urgency, urgency_bounds
from cchc_desktop.services.printing import fee_text
from cchc_desktop.services.records import DossierRecord, EventRecord
from cchc_desktop.ui.dossier import strings

NEAR_DUE = frozenset({Urgency.DUE_TODAY, Urgency.DUE_NEXT_DAY})


def _moment(value: datetime) -> str:
    return strings.MOMENT.format(value)


def alerts(
    record: DossierRecord,
    events: list[EventRecord],
    extended: bool,
    now: datetime,
    calendar: WorkingCalendar,
) -> list[str]:
    """Warnings for the clerk: due within a working day without an apology (Mẫu 04), overdue, or a
    supplement not brought within 15 days."""
    found: list[str] = []
    category = urgency(record.status, record.due_at, urgency_bounds(now, calendar))
    left = time_left_text(record.status, record.due_at, now, calendar)
    if not extended and category in NEAR_DUE:
        last_day = extension_deadline(record.due_at, calendar)
        advice = (
            strings.ALERT_EXTEND_BY.format(day=f"{last_day:%d/%m/%Y}")
            if now.date() <= last_day
            else strings.ALERT_EXTEND_TOO_LATE
        )
        found.append(f"{strings.ALERT_NEAR_DUE.format(due=_moment(record.due_at), left=left)} {advice}")
    elif not extended and category is Urgency.OVERDUE:
        found.append(strings.ALERT_OVERDUE.format(due=_moment(record.due_at), left=left))
    if category is Urgency.WAITING:
        requests = [e.at for e in events if e.kind == Action.REQUEST_SUPPLEMENT]
        if requests and supplement_overdue(requests[-1], now):
            found.append(strings.ALERT_SUPPLEMENT.format(requested=f"{requests[-1]:%d/%m/%Y}"))
    return found


class DetailsPanel(QWidget):
    """Label-value rows; the rows that do not apply (no extension, no submitter …) are hidden."""

    ROWS = (
        ("procedure", strings.LABEL_PROCEDURE),
        ("applicant", strings.LABEL_APPLICANT),
        ("address", strings.LABEL_ADDRESS),
        ("submitter", strings.LABEL_SUBMITTER),
        ("channel", strings.LABEL_CHANNEL),
        ("received", strings.LABEL_RECEIVED),
        ("due", strings.LABEL_DUE),
        ("appointment", strings.LABEL_APPOINTMENT),
        ("original_due", strings.LABEL_ORIGINAL_DUE),
        ("status", strings.LABEL_STATUS),
        ("holder", strings.LABEL_HOLDER),
        ("register", strings.LABEL_REGISTER),
        ("fee", strings.LABEL_FEE),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.layout_.setVerticalSpacing(4)
        self.values: dict[str, QLabel] = {}
        self.rows: dict[str, int] = {}
        for row, (key, caption) in enumerate(self.ROWS):
            value = QLabel()
            value.setObjectName(f"detail_{key}")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label = QLabel(caption)
            label.setStyleSheet("color: #5f6b7a;")
            self.layout_.addRow(label, value)
            self.values[key] = value
            self.rows[key] = row

    def text(self, key: str) -> str:
        """The row's text as shown (rich text); "" when the row is hidden."""
        return self.values[key].text() if self.layout_.isRowVisible(self.rows[key]) else ""

    def _set(self, key: str, html: str | None) -> None:
        self.layout_.setRowVisible(self.rows[key], html is not None)
        self.values[key].setText(html or "")

    def show_record(
        self, record: DossierRecord, now: datetime, calendar: WorkingCalendar, holder_unit: str = ""
    ) -> None:
        r, e = record, escape
        self._set(
            "procedure",
            strings.PROCEDURE_VALUE.format(
                name=e(r.procedure_name), code=e(r.procedure_code), field=e(r.field_name)
            ),
        )
        applicant = strings.APPLICANT_VALUE.format(
            name=e(r.applicant_name), id_number=e(r.applicant_id_number)
        )
        if r.applicant_phone:
            applicant += strings.PHONE_PART.format(phone=e(r.applicant_phone))
        self._set("applicant", applicant)
        self._set("address", e(r.applicant_address) or strings.NOBODY)
        self._set(
            "submitter",
            strings.SUBMITTER_VALUE.format(
                name=e(r.submitter_name),
                id_number=e(r.submitter_id_number),
                document=e(r.authorisation_document),
            )
            if r.submitter_name
            else None,
        )
        self._set(
            "channel",
            strings.CHANNEL_VALUE.format(
                channel=CHANNEL_LABELS[r.channel], delivery=RESULT_DELIVERY_LABELS[r.result_delivery]
            ),
        )
        received = _moment(r.received_at)
        self._set(
            "received",
            strings.RECEIVED_VALUE.format(moment=received, counter=e(r.counter)) if r.counter else received,
        )
        left = time_left_text(r.status, r.due_at, now, calendar)
        self._set(
            "due",
            strings.DUE_VALUE.format(moment=_moment(r.due_at), left=left) if left else _moment(r.due_at),
        )
        self._set("appointment", _moment(r.appointment_at) if r.appointment_at != r.due_at else None)
        self._set(
            "original_due",
            strings.ORIGINAL_DUE_VALUE.format(moment=_moment(r.original_due_at))
            if r.original_due_at != r.due_at
            else None,
        )
        self._set(
            "status", strings.STATUS_VALUE.format(status=STATUS_LABELS[r.status], moment=_moment(r.status_at))
        )
        holder = e(r.current_holder) + (
            strings.UNIT_SUFFIX.format(unit=e(holder_unit)) if holder_unit else ""
        )
        self._set("holder", holder if r.current_holder else None)
        self._set(
            "register",
            strings.REGISTER_VALUE.format(volume=e(r.register_volume), row=r.register_row)
            if r.register_row is not None
            else None,
        )
        self._set("fee", e(fee_text(r)))
