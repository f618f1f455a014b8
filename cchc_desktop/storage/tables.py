"""SQLModel tables. Every change here needs an Alembic revision in `migrations/versions/`.

Times are stored as naive local datetimes (the counter's wall clock; Vietnam has no DST), hence the
explicit `sa_type=DateTime` (recent SQLModel defaults to timezone-aware columns).
Money is in whole đồng.
"""

from datetime import date, datetime

from sqlalchemy import DateTime, Index, LargeBinary
from sqlmodel import Field, SQLModel, UniqueConstraint


class SettingRow(SQLModel, table=True):
    """Key-value settings (agency names, identifier, signer ...); values are JSON text."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=100)
    value: str


class OfficeScheduleRow(SQLModel, table=True):
    """Office hours in force from `valid_from`; `sessions` is "07:30-11:30,13:30-17:00"."""

    __tablename__ = "office_schedule"

    id: int | None = Field(default=None, primary_key=True)
    valid_from: date = Field(unique=True)
    sessions: str


class CalendarOverrideRow(SQLModel, table=True):
    __tablename__ = "calendar_override"

    day: date = Field(primary_key=True)
    kind: str = Field(max_length=20)  # day_off | make_up_workday
    name: str
    legal_basis: str = ""


class ProcedureRow(SQLModel, table=True):
    """One version of a procedure, in force from `effective_from` until a later version of the same code;
    `active` false retires the procedure from that date; `duration_unit` '' = the time is still to be set."""

    __tablename__ = "procedure"
    __table_args__ = (UniqueConstraint("code", "effective_from"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, max_length=30)
    name: str
    field_name: str = Field(index=True)
    duration_unit: str = Field(max_length=20)  # working_days | same_day | calendar_days | working_hours | ''
    duration_value: int = 0
    cutoff: str = "15:00"
    max_extension_days: int = 0
    fee_amount: int = 0
    fee_text: str = ""
    resolving_body: str = ""
    effective_from: date
    active: bool = True
    duration_text: str = ""
    fee_exemptions: str = ""
    result_text: str = ""
    legal_basis: str = ""
    decision_text: str = ""


class ProcedureDocumentRow(SQLModel, table=True):
    """A paper the procedure requires; `kind` is bản chính / bản sao / bản chứng thực / bản photo."""

    __tablename__ = "procedure_document"

    id: int | None = Field(default=None, primary_key=True)
    procedure_id: int = Field(foreign_key="procedure.id", index=True, ondelete="CASCADE")
    position: int
    name: str
    kind: str
    count: int = 1
    required: bool = True


class DossierRow(SQLModel, table=True):
    __tablename__ = "dossier"
    # The tracking tab filters and sorts in SQL (storage/tracking_queries.py): (status, due_at) finds the
    # open dossiers and their urgency without touching closed ones; most sortable columns have an index so
    # a page of "every state" is read in order instead of sorting 200,000 rows (not the long procedure
    # names: 20 MB for a sort that takes 60 ms without it); the search index holds every searched column,
    # so a substring search reads it instead of the whole table.
    __table_args__ = (
        UniqueConstraint("register_volume", "register_row"),
        Index("ix_dossier_status_due_at", "status", "due_at"),
        Index("ix_dossier_current_holder", "current_holder"),
        Index("ix_dossier_channel", "channel"),
        Index("ix_dossier_search", "applicant_name_folded", "applicant_id_number", "applicant_phone", "code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=60)
    procedure_id: int | None = Field(default=None, foreign_key="procedure.id", index=True)
    procedure_code: str = Field(max_length=30)
    procedure_name: str
    field_name: str = Field(index=True)
    applicant_name: str
    applicant_name_folded: str = Field(index=True)
    applicant_id_number: str = Field(default="", index=True, max_length=20)
    applicant_phone: str = Field(default="", index=True, max_length=20)
    applicant_email: str = ""
    applicant_address: str = ""
    applicant_birth_date: date | None = None
    submitter_name: str = ""
    submitter_id_number: str = ""
    submitter_phone: str = ""
    submitter_address: str = ""
    authorisation_document: str = ""
    channel: str = Field(max_length=10)  # direct | online | postal
    result_delivery: str = Field(default="counter", max_length=10)  # counter | postal | online
    set_count: int = 1
    documents_json: str = "[]"
    received_at: datetime = Field(sa_type=DateTime, index=True)
    due_at: datetime = Field(sa_type=DateTime, index=True)
    original_due_at: datetime = Field(sa_type=DateTime)
    appointment_at: datetime = Field(sa_type=DateTime)
    status: str = Field(max_length=30)  # indexed with due_at (see __table_args__)
    status_at: datetime = Field(sa_type=DateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=DateTime, index=True)
    returned_at: datetime | None = Field(default=None, sa_type=DateTime)
    fee_amount: int = 0
    fee_exempt: bool = False
    fee_exempt_reason: str = ""
    payment_method: str = Field(default="none", max_length=10)  # cash | transfer | online | none
    register_volume: str = ""
    register_row: int | None = None
    resolving_body: str = ""
    current_holder: str = ""
    note: str = ""
    imported: bool = False
    # The counter that took the dossier in ("Quầy 2 – Hộ tịch"; "" before counters had names, or imported).
    counter: str = Field(default="", max_length=60, sa_column_kwargs={"server_default": ""})
    # Optimistic lock: 1 at intake, +1 on every change of the row (storage/dossier_versions.py). A screen
    # acts on the version it showed; a different one means another counter changed the dossier meanwhile.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    # The account (username) of the specialist the dossier was last handed to: their "Hồ sơ của tôi".
    assignee: str = Field(default="", max_length=60, index=True, sa_column_kwargs={"server_default": ""})


class DossierEventRow(SQLModel, table=True):
    """Append-only history of a dossier: intake, hand-overs, results, corrections, prints."""

    __tablename__ = "dossier_event"

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    at: datetime = Field(sa_type=DateTime)
    kind: str = Field(max_length=30)
    actor: str = ""
    giver: str = ""
    taker: str = ""
    note: str = ""
    data_json: str = "{}"
    # The counter that recorded the event.
    counter: str = Field(default="", max_length=60, sa_column_kwargs={"server_default": ""})
    # The signed-in account that recorded it ("" before accounts existed).
    recorded_by: str = Field(default="", max_length=60, sa_column_kwargs={"server_default": ""})


class AccountRow(SQLModel, table=True):
    """A person who signs in. `roles` is a comma-separated list of domain.roles.Role values; the password
    only as an Argon2id hash. `failed_attempts`/`locked_until` hold the lockout across counters."""

    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=60)
    full_name: str
    position: str = ""
    password_hash: str
    roles: str = ""
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=DateTime)
    created_at: datetime = Field(sa_type=DateTime)
    password_changed_at: datetime = Field(sa_type=DateTime)


class AuditEntryRow(SQLModel, table=True):
    """The append-only, hash-chained log (domain/audit.py). `seq` is given by the app (1, 2, 3 … under
    the write lock), never by the database, so a deleted entry leaves a gap the verification names."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_object", "object_kind", "object_key", "seq"),)

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    at: datetime = Field(sa_type=DateTime, index=True)
    username: str = Field(max_length=60, index=True)
    user_name: str = ""
    counter: str = Field(default="", max_length=60)
    action: str = Field(max_length=30, index=True)
    object_kind: str = Field(max_length=20)
    object_key: str = Field(max_length=120)
    before: str = ""
    after: str = ""
    state_digest: str = Field(default="", max_length=64)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class NumberSequenceRow(SQLModel, table=True):
    """Counters for dossier codes (per day) and register rows (per volume); bumped inside the saving
    transaction so a crash leaves no gap and two saves never share a number."""

    __tablename__ = "number_sequence"

    name: str = Field(primary_key=True, max_length=120)
    value: int = 0


# The server sorts and ranges text in the C collation (storage/sql_dialect.bytewise: SQLite's byte order,
# whatever locale the centre's database was created with); an index in the database's own collation cannot
# serve those, so the tracking sorts, filter lists and code look-ups read these instead. SQLite compares
# bytes anyway and does not get them.
BYTEWISE_INDEXED = ("code", "applicant_name_folded", "field_name", "current_holder")
for _column in BYTEWISE_INDEXED:
    Index(f"ix_dossier_{_column}_bytewise", DossierRow.__table__.c[_column].collate("C")).ddl_if(  # type: ignore[attr-defined]
        dialect="postgresql"
    )


class AttachmentBlobRow(SQLModel, table=True):
    """The bytes of an attached file, once per SHA-256 (the same scan attached twice is stored once).
    On a desk the bytes live in the attachments folder beside the database file (`data` NULL); on a centre
    server in `data`, so every counter reaches them (storage/attachment_store.py, docs/decisions.md).
    `purged_at`: the bytes were removed after every attachment of them was deleted and a backup had them."""

    __tablename__ = "attachment_blob"

    sha256: str = Field(primary_key=True, max_length=64)
    size_bytes: int
    data: bytes | None = Field(default=None, sa_type=LargeBinary)
    stored_at: datetime = Field(sa_type=DateTime)
    purged_at: datetime | None = Field(default=None, sa_type=DateTime)


class AttachmentRow(SQLModel, table=True):
    """A digitised paper of a dossier: one stored PDF on one of its document lines (`document_index`, the
    position in the dossier's documents from 0). Images attached together are one PDF (`kind` 'images',
    `source_names` one name per line). Deleting keeps the row (`deleted_at`, `deleted_by`) for the history."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_dossier_line", "dossier_id", "document_index"),)

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id")
    document_index: int
    sha256: str = Field(foreign_key="attachment_blob.sha256", index=True, max_length=64)
    file_name: str
    source_names: str = ""
    kind: str = Field(max_length=10)  # pdf | images
    pages: int
    size_bytes: int
    attached_at: datetime = Field(sa_type=DateTime)
    attached_by: str = Field(default="", max_length=60)
    counter: str = Field(default="", max_length=60)
    deleted_at: datetime | None = Field(default=None, sa_type=DateTime)
    deleted_by: str = Field(default="", max_length=60)
