"""Attachments of dossiers' document lines and the rows of their stored bytes (the bytes themselves:
storage/attachment_store.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import insert, update
from sqlmodel import Session, col, func, select

from cchc_desktop.storage.tables import AttachmentBlobRow, AttachmentRow, DossierRow


def blob_known(session: Session, sha256: str) -> AttachmentBlobRow | None:
    return session.get(AttachmentBlobRow, sha256)


def add_blob(session: Session, sha256: str, size_bytes: int, at: datetime) -> None:
    session.execute(insert(AttachmentBlobRow).values(sha256=sha256, size_bytes=size_bytes, stored_at=at))


def restore_blob(session: Session, sha256: str) -> None:
    """A purged blob attached again: its bytes are back."""
    session.execute(
        update(AttachmentBlobRow).where(col(AttachmentBlobRow.sha256) == sha256).values(purged_at=None)
    )


def add_attachment(session: Session, row: AttachmentRow) -> AttachmentRow:
    session.add(row)
    session.flush()
    return row


def attachments_of(session: Session, dossier_id: int, *, deleted: bool = False) -> list[AttachmentRow]:
    """The dossier's attachments by line, then in the order attached; deleted ones only if asked."""
    statement = select(AttachmentRow).where(col(AttachmentRow.dossier_id) == dossier_id)
    if not deleted:
        statement = statement.where(col(AttachmentRow.deleted_at).is_(None))
    statement = statement.order_by(col(AttachmentRow.document_index), col(AttachmentRow.id))
    return list(session.exec(statement))


def attachment_by_id(session: Session, attachment_id: int) -> AttachmentRow | None:
    return session.get(AttachmentRow, attachment_id)


def mark_deleted(session: Session, attachment_id: int, at: datetime, username: str) -> bool:
    changed = session.execute(
        update(AttachmentRow)
        .where(col(AttachmentRow.id) == attachment_id, col(AttachmentRow.deleted_at).is_(None))
        .values(deleted_at=at, deleted_by=username)
    )
    return bool(changed.rowcount)  # type: ignore[attr-defined]


def lines_with_attachments(session: Session, dossier_ids: Iterable[int]) -> dict[int, set[int]]:
    """For each dossier of `dossier_ids` that has any, the document lines holding a live attachment."""
    ids = list(dossier_ids)
    found: dict[int, set[int]] = {}
    for start in range(0, len(ids), 900):
        rows = session.execute(
            select(AttachmentRow.dossier_id, AttachmentRow.document_index)
            .where(col(AttachmentRow.dossier_id).in_(ids[start : start + 900]))
            .where(col(AttachmentRow.deleted_at).is_(None))
            .distinct()
        )
        for dossier_id, line in rows:
            found.setdefault(int(dossier_id), set()).add(int(line))
    return found


def unused_blobs(session: Session, among: Iterable[str] | None = None) -> list[str]:
    """Blobs not purged that no live attachment uses (limited to `among` when given)."""
    live = select(AttachmentRow.sha256).where(col(AttachmentRow.deleted_at).is_(None))
    statement = select(AttachmentBlobRow.sha256).where(
        col(AttachmentBlobRow.purged_at).is_(None), col(AttachmentBlobRow.sha256).not_in(live)
    )
    hashes = sorted(session.exec(statement))
    if among is None:
        return hashes
    wanted = set(among)
    return [sha256 for sha256 in hashes if sha256 in wanted]


def mark_purged(session: Session, sha256: str, at: datetime) -> None:
    session.execute(
        update(AttachmentBlobRow).where(col(AttachmentBlobRow.sha256) == sha256).values(purged_at=at)
    )


def kept_blobs(session: Session) -> list[tuple[str, int]]:
    """(hash, size) of every blob whose bytes are kept (not purged), in hash order."""
    rows = session.execute(
        select(AttachmentBlobRow.sha256, AttachmentBlobRow.size_bytes)
        .where(col(AttachmentBlobRow.purged_at).is_(None))
        .order_by(col(AttachmentBlobRow.sha256))
    )
    return [(str(sha256), int(size)) for sha256, size in rows]


def dossier_codes_using(
    session: Session, hashes: Iterable[str], *, live: bool = False
) -> dict[str, list[str]]:
    """For each hash, the codes of the dossiers whose attachments (deleted ones too, unless `live`) use it."""
    wanted = list(hashes)
    found: dict[str, list[str]] = {}
    for start in range(0, len(wanted), 900):
        statement = (
            select(AttachmentRow.sha256, DossierRow.code)
            .join(DossierRow, col(DossierRow.id) == col(AttachmentRow.dossier_id))
            .where(col(AttachmentRow.sha256).in_(wanted[start : start + 900]))
        )
        if live:
            statement = statement.where(col(AttachmentRow.deleted_at).is_(None))
        rows = session.execute(statement.distinct().order_by(col(DossierRow.code)))
        for sha256, code in rows:
            found.setdefault(str(sha256), []).append(str(code))
    return found


def lost_blobs(session: Session) -> list[str]:
    """Blobs whose bytes are gone (purged, or recorded lost by a backup) while a live attachment uses them."""
    statement = (
        select(AttachmentBlobRow.sha256)
        .join(AttachmentRow, col(AttachmentRow.sha256) == col(AttachmentBlobRow.sha256))
        .where(col(AttachmentBlobRow.purged_at).is_not(None), col(AttachmentRow.deleted_at).is_(None))
        .distinct()
        .order_by(col(AttachmentBlobRow.sha256))
    )
    return [str(sha256) for sha256 in session.exec(statement)]


def count_attachments(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(AttachmentRow)).one())
