"""Lists over many dossiers: the register Mẫu 07 for a period and the daily list (received today, due
on the next working day).

Both carry every listed citizen's name and address, so they need REGISTER, and each one that leaves the
app (a file written, a list printed) is an audit entry naming the list and where it went; a preview on
screen is not."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.files import write_file_atomically
from cchc_desktop.documents.data import DailyListData, DailyRow, FormHeader, RegisterData, RegisterRow
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.dossiers import RESULT_DELIVERY_LABELS, STATUS_LABELS, ResultDelivery
from cchc_desktop.domain.resolving_body import resolving_body_name
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.urgency import RUNNING_STATES
from cchc_desktop.services import audit_log
from cchc_desktop.services.permissions import require
from cchc_desktop.services.records import DossierRecord, record_of
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import dossier_repo

# "Phương thức nhận kết quả" of Mẫu 07: the register's short words for the choice made at intake (an import
# records "online" for a dossier submitted online).
REGISTER_DELIVERY = {
    ResultDelivery.COUNTER: "Trực tiếp",
    ResultDelivery.POSTAL: RESULT_DELIVERY_LABELS[ResultDelivery.POSTAL],
    ResultDelivery.ONLINE: "Trực tuyến",
}


def _start(day: date) -> datetime:
    return datetime.combine(day, time())


def register_data(ws: Workspace, date_from: date, date_to: date) -> RegisterData:
    require(ws, Permission.REGISTER)
    if date_to < date_from:
        raise InvalidInputError("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.")
    settings = ws.settings()
    settings.require_for_print()
    with ws.db.read() as tx:
        records = [
            record_of(r)
            for r in dossier_repo.received_between(tx, _start(date_from), _start(date_to) + timedelta(days=1))
        ]
    from cchc_desktop.documents.register import number_suffix

    volumes = sorted({r.register_volume for r in records if r.register_volume})
    return RegisterData(
        header=FormHeader(
            settings.parent_body,
            settings.unit_name,
            number_suffix(settings.unit_abbreviation),
            settings.place_name,
            date.today(),
        ),
        volume=", ".join(volumes) or settings.register_volume or str(date_from.year),
        date_from=date_from,
        date_to=date_to,
        rows=tuple(_register_row(record, settings.commune_name) for record in records),
    )


def _register_row(record: DossierRecord, commune_name: str) -> RegisterRow:
    """A dossier's row; one never entered in the register (imported) has no number of its own."""
    contact = ", ".join(part for part in (record.applicant_address, record.applicant_phone) if part)
    return RegisterRow(
        number=record.register_row,
        code=record.code,
        procedure_name=record.procedure_name,
        applicant_name=record.applicant_name,
        address_phone=contact,
        resolving_body=resolving_body_name(record.resolving_body, commune_name),
        received_at=record.received_at,
        appointment_at=record.appointment_at,
        returned_at=record.returned_at,
        delivery=REGISTER_DELIVERY[record.result_delivery],
    )


def register_pdf(ws: Workspace, date_from: date, date_to: date) -> bytes:
    from cchc_desktop.documents.register import render_register

    return render_register(register_data(ws, date_from, date_to))


def register_workbook(ws: Workspace, date_from: date, date_to: date) -> bytes:
    from cchc_desktop.documents.register_xlsx import register_xlsx

    return register_xlsx(register_data(ws, date_from, date_to))


def save_register(ws: Workspace, target: Path, date_from: date, date_to: date) -> Path:
    """Write the register of the period to `target` (.xlsx: the workbook, otherwise the PDF), atomically,
    with its audit entry."""
    data = (
        register_workbook(ws, date_from, date_to)
        if target.suffix.lower() == ".xlsx"
        else register_pdf(ws, date_from, date_to)
    )
    written = write_file_atomically(target, data)
    _record_output(
        ws,
        written,
        {"list": "register", "from": date_from, "to": date_to, "target": str(written)},
    )
    return written


def daily_list_data(ws: Workspace, day: date) -> DailyListData:
    require(ws, Permission.REGISTER)
    settings = ws.settings()
    settings.require_for_print()
    next_day = ws.calendar.next_working_day(day)
    with ws.db.read() as tx:
        received = [
            record_of(r)
            for r in dossier_repo.received_between(tx, _start(day), _start(day) + timedelta(days=1))
        ]
        due = [
            record_of(r)
            for r in dossier_repo.due_between(
                tx, _start(next_day), _start(next_day) + timedelta(days=1), [s.value for s in RUNNING_STATES]
            )
        ]
    return DailyListData(
        header=FormHeader(settings.parent_body, settings.unit_name, "", settings.place_name, day),
        day=day,
        next_working_day=next_day,
        received=tuple(
            DailyRow(r.code, r.procedure_name, r.applicant_name, r.received_at, due_at=r.appointment_at)
            for r in received
        ),
        due_next=tuple(
            DailyRow(
                r.code,
                r.procedure_name,
                r.applicant_name,
                r.due_at,
                r.current_holder,
                STATUS_LABELS[r.status],
            )
            for r in due
        ),
    )


def daily_list_pdf(ws: Workspace, day: date) -> bytes:
    from cchc_desktop.documents.daily_list import render_daily_list

    return render_daily_list(daily_list_data(ws, day))


def save_daily_list(ws: Workspace, target: Path, day: date, pdf: bytes | None = None) -> Path:
    """Write the daily list of `day` (the `pdf` already shown in the preview, or a new one) to `target`,
    atomically, with its audit entry."""
    require(ws, Permission.REGISTER)
    written = write_file_atomically(target, pdf if pdf is not None else daily_list_pdf(ws, day))
    _record_output(ws, written, {"list": "daily_list", "day": day, "target": str(written)})
    return written


def record_daily_list_printed(ws: Workspace, day: date, target: str) -> None:
    """Log that the daily list of `day` went to the printer (or PDF file) `target`."""
    require(ws, Permission.REGISTER)
    with ws.db.write() as tx:
        audit_log.record(
            tx,
            ws,
            AuditAction.REGISTER,
            ObjectKind.FILE,
            target,
            after={"list": "daily_list", "day": day, "target": target},
        )


def _record_output(ws: Workspace, written: Path, after: dict[str, object]) -> None:
    """The entry for a list written to a file; a file whose entry cannot be written is removed again
    (a list of citizens' data never leaves without its trace)."""
    try:
        with ws.db.write() as tx:
            audit_log.record(tx, ws, AuditAction.REGISTER, ObjectKind.FILE, str(written), after=after)
    except BaseException:
        written.unlink(missing_ok=True)
        raise
