"""accounts, the hash-chained audit log, the dossier's assignee and the event's recording account

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

`account`: who signs in (Argon2id hash, roles, lockout). `audit_entry`: the append-only log, each entry
chained to the previous one by SHA-256 (domain/audit.py). `dossier.assignee`: the specialist's account the
dossier was last handed to. `dossier_event.recorded_by`: the account that recorded the event. Existing
rows get '' from the server defaults; the existing dossiers get their baseline audit entries when the
app first opens the database (services/audit.py), not here: the entries' hashes are the app's code.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.String(), nullable=False),
        sa.Column("position", sa.String(), nullable=False),
        sa.Column("password_hash", sa.String(), nullable=False),
        sa.Column("roles", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("user_name", sa.String(), nullable=False),
        sa.Column("counter", sa.String(length=60), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("object_kind", sa.String(length=20), nullable=False),
        sa.Column("object_key", sa.String(length=120), nullable=False),
        sa.Column("before", sa.String(), nullable=False),
        sa.Column("after", sa.String(), nullable=False),
        sa.Column("state_digest", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])
    op.create_index("ix_audit_entry_username", "audit_entry", ["username"])
    op.create_index("ix_audit_entry_action", "audit_entry", ["action"])
    op.create_index("ix_audit_entry_object", "audit_entry", ["object_kind", "object_key", "seq"])
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assignee", sa.String(length=60), server_default="", nullable=False))
        batch_op.create_index("ix_dossier_assignee", ["assignee"])
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_by", sa.String(length=60), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.drop_column("recorded_by")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_index("ix_dossier_assignee")
        batch_op.drop_column("assignee")
    op.drop_table("audit_entry")
    op.drop_table("account")
