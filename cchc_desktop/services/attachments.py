"""Digitised papers: scans attached to a dossier's document lines, read back, deleted, extracted.

Attaching needs INTAKE, deleting CORRECT, reading VIEW_DOSSIERS (a specialist: only their dossiers),
extracting to files EXPORT (recorded). Each action is one transaction with its audit entry: ATTACH and
DETACH entries are on the dossier, naming the line, the file and its hash. A deleted attachment keeps its
row and its bytes until a backup has them (`purge_backed_up`, called after each backup).
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cchc_desktop.core.errors import InvalidInputError, NotFoundError, UserFacingError
from cchc_desktop.core.files import write_files_atomically
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.digitisation import Digitised, digitised_state
from cchc_desktop.domain.roles import Permission
from cchc_desktop.services import audit_log
from cchc_desktop.services.audit_log import Entry
from cchc_desktop.services.permissions import require, require_view
from cchc_desktop.services.records import DossierRecord, record_of
from cchc_desktop.services.scan_files import PreparedScan
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import attachment_repo, attachment_store, dossier_repo
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.tables import AttachmentRow, DossierRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    id: int
    document_index: int  # from 0, in the dossier's documents
    document_name: str
    sha256: str
    file_name: str
    source_names: tuple[str, ...]
    kind: str
    pages: int
    size_bytes: int
    attached_at: datetime
    attached_by: str
    counter: str
    deleted_at: datetime | None = None
    deleted_by: str = ""


@dataclass(frozen=True)
class DossierScans:
    """A dossier with its attachments, for the dossier window and the CLI."""

    dossier: DossierRecord
    attachments: tuple[Attachment, ...]

    def on_line(self, index: int) -> tuple[Attachment, ...]:
        return tuple(a for a in self.attachments if a.document_index == index)

    @property
    def state(self) -> Digitised:
        return digitised_state(self.dossier.documents, {a.document_index for a in self.attachments})


def _attachment(row: AttachmentRow, documents: Sequence[str]) -> Attachment:
    assert row.id is not None
    index = row.document_index
    return Attachment(
        id=row.id,
        document_index=index,
        document_name=documents[index] if 0 <= index < len(documents) else f"Giấy tờ {index + 1}",
        sha256=row.sha256,
        file_name=row.file_name,
        source_names=tuple(name for name in row.source_names.split("\n") if name),
        kind=row.kind,
        pages=row.pages,
        size_bytes=row.size_bytes,
        attached_at=row.attached_at,
        attached_by=row.attached_by,
        counter=row.counter,
        deleted_at=row.deleted_at,
        deleted_by=row.deleted_by,
    )


def _dossier_row(ws: Workspace, tx: object, code: str) -> DossierRow:
    row = dossier_repo.by_code(tx, code.strip())  # type: ignore[arg-type]
    if row is None or row.id is None:
        raise NotFoundError(f"Không tìm thấy hồ sơ mã {code.strip()}.")
    return row


def _viewable(ws: Workspace, tx: object, row: DossierRow) -> None:
    dossier_id = row.id
    assert dossier_id is not None
    require_view(
        ws,
        row.code,
        row.assignee,
        lambda: dossier_repo.recorded_a_step(tx, dossier_id, ws.actor.username),  # type: ignore[arg-type]
    )


def check_line(record: DossierRecord, document_index: int) -> None:
    count = len(record.documents)
    if count == 0:
        raise InvalidInputError(
            f"Hồ sơ {record.code} không có giấy tờ nào trong danh mục đã nhận, nên chưa gắn được bản số hóa."
        )
    if not 0 <= document_index < count:
        raise InvalidInputError(
            f"Hồ sơ {record.code} có {count} giấy tờ; số thứ tự giấy tờ phải từ 1 đến {count}."
        )


def attach(ws: Workspace, code: str, document_index: int, scans: Sequence[PreparedScan]) -> list[Attachment]:
    """Store `scans` on line `document_index` (from 0) of the dossier `code`, in one transaction."""
    require(ws, Permission.INTAKE)
    created: list[Path] = []
    try:
        with ws.db.write() as tx:
            row = _dossier_row(ws, tx, code)
            record = record_of(row)
            check_line(record, document_index)
            attached = add_scans(ws, tx, row, document_index, scans, created)
            names = [item.name for item in record.documents]
            return [_attachment(item, names) for item in attached]
    except BaseException:
        remove_created(created)
        raise


def add_scans(
    ws: Workspace,
    tx: object,
    row: DossierRow,
    document_index: int,
    scans: Sequence[PreparedScan],
    created: list[Path],
) -> list[AttachmentRow]:
    """Inside the caller's transaction (attaching, or saving a new dossier): the bytes stored, the rows
    and one ATTACH entry per scan. New files of a desk are added to `created`, for the caller to remove if
    the transaction fails."""
    assert row.id is not None
    now = datetime.now()
    rows: list[AttachmentRow] = []
    entries: list[Entry] = []
    for scan in scans:
        blob = attachment_repo.blob_known(tx, scan.sha256)  # type: ignore[arg-type]
        if blob is None:
            attachment_repo.add_blob(tx, scan.sha256, len(scan.data), now)  # type: ignore[arg-type]
        elif blob.purged_at is not None:
            attachment_repo.restore_blob(tx, scan.sha256)  # type: ignore[arg-type]
        if blob is None or blob.purged_at is not None or ws.db.server is None:
            path = attachment_store.put(ws.db, tx, scan.sha256, scan.data)  # type: ignore[arg-type]
            if path is not None:
                created.append(path)
        attachment = attachment_repo.add_attachment(
            tx,  # type: ignore[arg-type]
            AttachmentRow(
                dossier_id=row.id,
                document_index=document_index,
                sha256=scan.sha256,
                file_name=scan.file_name[:250],
                source_names="\n".join(name[:250] for name in scan.source_names),
                kind=scan.kind,
                pages=scan.pages,
                size_bytes=len(scan.data),
                attached_at=now,
                attached_by=ws.actor.username,
                counter=ws.counter,
            ),
        )
        rows.append(attachment)
        entries.append(
            Entry(
                ObjectKind.DOSSIER,
                row.code,
                None,
                {
                    "attachment": attachment.id,
                    "document": document_index + 1,
                    "file": attachment.file_name,
                    "pages": scan.pages,
                    "bytes": len(scan.data),
                    "sha256": scan.sha256,
                },
            )
        )
    audit_log.append(tx, ws.actor, ws.counter, AuditAction.ATTACH, entries)  # type: ignore[arg-type]
    return rows


def remove_created(created: Iterable[Path]) -> None:
    for path in created:
        with contextlib.suppress(OSError):
            path.chmod(0o600)
            path.unlink(missing_ok=True)


def scans_of(ws: Workspace, code: str, *, deleted: bool = False) -> DossierScans:
    """The dossier and its attachments (deleted ones too when asked), for someone who may read it."""
    require(ws, Permission.VIEW_DOSSIERS)
    with ws.db.read() as tx:
        row = _dossier_row(ws, tx, code)
        _viewable(ws, tx, row)
        assert row.id is not None
        record = record_of(row)
        names = [item.name for item in record.documents]
        rows = attachment_repo.attachments_of(tx, row.id, deleted=deleted)
        return DossierScans(record, tuple(_attachment(item, names) for item in rows))


def content_of(ws: Workspace, code: str, attachment_id: int) -> bytes:
    """The stored PDF of one attachment of `code`, checked against its hash."""
    require(ws, Permission.VIEW_DOSSIERS)
    with ws.db.read() as tx:
        row = _dossier_row(ws, tx, code)
        _viewable(ws, tx, row)
        attachment = attachment_repo.attachment_by_id(tx, attachment_id)
        if attachment is None or attachment.dossier_id != row.id:
            raise NotFoundError(f"Hồ sơ {row.code} không có bản số hóa số {attachment_id}.")
        data = attachment_store.get(ws.db, tx, attachment.sha256)
    if data is None:
        raise UserFacingError(
            f"Không tìm thấy tệp bản số hóa “{attachment.file_name}” của hồ sơ {row.code} trong kho lưu trữ. "
            + REPAIR_ADVICE
        )
    if attachment_store.sha256_of(data) != attachment.sha256:
        log.error("attachment %d of a dossier does not match its hash", attachment_id)
        raise UserFacingError(
            f"Tệp bản số hóa “{attachment.file_name}” của hồ sơ {row.code} đã bị thay đổi ngoài phần mềm "
            "(không khớp mã băm SHA-256). " + REPAIR_ADVICE
        )
    return data


def record_print(ws: Workspace, code: str, attachment: Attachment, printer: str = "") -> None:
    """A scan of the citizen's papers went to a printer: recorded like a printed form (PRINT)."""
    require(ws, Permission.PRINT)
    after: dict[str, object] = {
        "attachment": attachment.id,
        "file": attachment.file_name,
        "pages": attachment.pages,
    }
    if printer:
        after["printer"] = printer
    with ws.db.write() as tx:
        audit_log.append(
            tx, ws.actor, ws.counter, AuditAction.PRINT, [Entry(ObjectKind.DOSSIER, code, None, after)]
        )


REPAIR_ADVICE = "Hãy khôi phục từ bản sao lưu gần nhất (Hệ thống → Khôi phục) hoặc gắn lại bản quét, và báo cho người quản trị."


def delete_attachment(ws: Workspace, code: str, attachment_id: int, reason: str = "") -> None:
    """Delete an attachment (CORRECT): hidden from the dossier, kept in the history and on disk until
    a backup has it."""
    require(ws, Permission.CORRECT)
    with ws.db.write() as tx:
        row = _dossier_row(ws, tx, code)
        attachment = attachment_repo.attachment_by_id(tx, attachment_id)
        if attachment is None or attachment.dossier_id != row.id or attachment.deleted_at is not None:
            raise NotFoundError(f"Hồ sơ {row.code} không có bản số hóa số {attachment_id} (đã xóa?).")
        attachment_repo.mark_deleted(tx, attachment_id, datetime.now(), ws.actor.username)
        audit_log.append(
            tx,
            ws.actor,
            ws.counter,
            AuditAction.DETACH,
            [
                Entry(
                    ObjectKind.DOSSIER,
                    row.code,
                    {
                        "attachment": attachment_id,
                        "document": attachment.document_index + 1,
                        "file": attachment.file_name,
                        "sha256": attachment.sha256,
                    },
                    {"reason": reason.strip()} if reason.strip() else None,
                )
            ],
        )


def purge_backed_up(db: Database, backed_up: Iterable[str]) -> int:
    """Remove the bytes of blobs that no live attachment uses and that are among `backed_up` (the hashes a
    backup just carried). Returns how many were purged."""
    with db.write() as tx:
        hashes = attachment_repo.unused_blobs(tx, backed_up)
        now = datetime.now()
        for sha256 in hashes:
            attachment_store.purge(db, tx, sha256)
            attachment_repo.mark_purged(tx, sha256, now)
    if hashes:
        log.info("purged %d deleted attachments after a backup had them", len(hashes))
    return len(hashes)


_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


def safe_file_name(name: str, fallback: str) -> str:
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned[:120] or fallback


def extract(ws: Workspace, code: str, folder: Path) -> list[Path]:
    """Write the dossier's attachments into `folder` (EXPORT, recorded): a PDF as it was attached, byte for
    byte; images as the page images they were (a JPEG's very bytes, other images as PNG of the same pixels).
    All files or none."""
    require(ws, Permission.EXPORT)
    scans = scans_of(ws, code)
    if not folder.is_dir():
        raise UserFacingError(f"Thư mục {folder} không tồn tại. Hãy chọn một thư mục có sẵn hoặc tạo trước.")
    files: dict[Path, bytes] = {}
    for attachment in scans.attachments:
        data = content_of(ws, scans.dossier.code, attachment.id)
        prefix = f"{attachment.document_index + 1:02d}-{attachment.id}"
        if attachment.kind == "pdf":
            name = safe_file_name(attachment.file_name, "ban-so-hoa.pdf")
            if not name.lower().endswith(".pdf"):
                name += ".pdf"
            files[folder / f"{prefix}-{name}"] = data
            continue
        for number, (extension, image) in enumerate(page_images(data), start=1):
            source = (
                attachment.source_names[number - 1]
                if len(attachment.source_names) == attachment.pages
                else ""
            )
            stem = Path(safe_file_name(source, "")).stem or f"trang-{number:03d}"
            files[folder / f"{prefix}-{number:03d}-{stem}{extension}"] = image
    if not files:
        return []
    written = write_files_atomically(files)
    with ws.db.write() as tx:
        audit_log.append(
            tx,
            ws.actor,
            ws.counter,
            AuditAction.EXPORT,
            [
                Entry(
                    ObjectKind.DOSSIER,
                    scans.dossier.code,
                    None,
                    {"attachments": len(scans.attachments), "folder": str(folder)},
                )
            ],
        )
    return written


def page_images(pdf: bytes) -> list[tuple[str, bytes]]:
    """(extension, bytes) of the image on each page of a PDF made of images: a JPEG's stream as it is (the
    very bytes scanned: img2pdf embeds them unchanged), any other image decoded to PNG of the same pixels."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    images: list[tuple[str, bytes]] = []
    for page in reader.pages:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        raw = {}
        if xobjects is not None:
            for name, reference in xobjects.get_object().items():
                stream = reference.get_object()
                if stream.get("/Subtype") == "/Image" and stream.get("/Filter") == "/DCTDecode":
                    raw[name] = stream.get_data()
        for image in page.images:
            key = "/" + Path(image.name).stem
            if key in raw:
                images.append((".jpg", raw[key]))
                continue
            extension = Path(image.name).suffix.lower() or ".png"
            images.append((".jpg" if extension == ".jpeg" else extension, image.data))
    return images
