"""A dossier and its timeline as plain Vietnamese lines (for the command line and support copies)."""

from __future__ import annotations

from cchc_desktop.domain.dossiers import CHANNEL_LABELS, STATUS_LABELS
from cchc_desktop.domain.lifecycle import event_label
from cchc_desktop.services.records import DossierRecord, EventRecord

_MOMENT = "%d/%m/%Y %H:%M"


def event_line(event: EventRecord) -> str:
    parts = [f"{event.at:{_MOMENT}}  {event_label(event.kind)}"]
    if event.giver or event.taker:
        unit = event.data.get("taker_unit", "")
        parts.append(f"{event.giver or '…'} → {event.taker or '…'}" + (f" ({unit})" if unit else ""))
    elif event.actor:
        parts.append(event.actor)
    if event.data.get("result"):
        parts.append(str(event.data["result"]))
    if event.note:
        parts.append(event.note)
    return " — ".join(parts)


def dossier_lines(record: DossierRecord, events: list[EventRecord]) -> list[str]:
    lines = [
        f"Mã hồ sơ: {record.code}",
        f"Thủ tục: {record.procedure_code} — {record.procedure_name} ({record.field_name})",
        f"Người nộp: {record.applicant_name} — số định danh {record.applicant_id_number}"
        + (f" — điện thoại {record.applicant_phone}" if record.applicant_phone else ""),
        f"Địa chỉ: {record.applicant_address}",
        f"Hình thức nộp: {CHANNEL_LABELS[record.channel]}",
        f"Nhận hồ sơ: {record.received_at:{_MOMENT}}   Hạn giải quyết: {record.due_at:{_MOMENT}}",
    ]
    if record.appointment_at != record.due_at:
        lines.append(f"Hẹn trả (đã gia hạn): {record.appointment_at:{_MOMENT}}")
    if record.original_due_at != record.due_at:
        lines.append(f"Hạn ban đầu: {record.original_due_at:{_MOMENT}}")
    holder = f" — đang ở: {record.current_holder}" if record.current_holder else ""
    lines.append(f"Trạng thái: {STATUS_LABELS[record.status]}{holder}")
    if record.register_row is not None:
        lines.append(f"Sổ theo dõi: quyển {record.register_volume}, số thứ tự {record.register_row}")
    lines.append("Quá trình giải quyết:")
    lines.extend(f"  {event_line(event)}" for event in events)
    return lines
