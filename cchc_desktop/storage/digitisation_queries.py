"""SQL of the report's "số hóa hồ sơ" figures: which dossiers received in a period hold any live (not
deleted) attachment, with their received documents and the lines holding one.

Only those dossiers can be fully or partly digitised, so the report reads them alone and counts the
others as not digitised (received − full − partial), instead of reading every dossier of the period.
The query starts from the received-at range of the dossiers, the same one the statistics' "received in
the period" columns use (`statistics_queries.RECEIVED`), and probes each dossier's attachments through
their (dossier_id, document_index) index; several scans on one line fold into one line here.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from cchc_desktop.storage.tables import AttachmentRow, DossierRow


def scanned_received(session: Session, start: datetime, end: datetime) -> list[tuple[str, set[int]]]:
    """(documents_json, lines holding a live attachment) of each dossier received in [start, end) that
    has any; the lines are positions in its documents, from 0."""
    rows = session.execute(
        select(DossierRow.id, DossierRow.documents_json, AttachmentRow.document_index)
        .join(AttachmentRow, col(AttachmentRow.dossier_id) == col(DossierRow.id))
        .where(
            col(DossierRow.received_at) >= start,
            col(DossierRow.received_at) < end,
            col(AttachmentRow.deleted_at).is_(None),
        )
    )
    found: dict[int, tuple[str, set[int]]] = {}
    for dossier_id, documents_json, line in rows:
        found.setdefault(int(dossier_id), (str(documents_json), set()))[1].add(int(line))
    return list(found.values())
