"""C-collation indexes on the server for the tracking sorts and code look-ups

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

PostgreSQL only (storage/tables.py: BYTEWISE_INDEXED): the app orders dossier codes, names, fields and
holders in the C collation on the server, which the indexes in the database's collation cannot serve (an
"every state" page sorted by applicant read the whole table: 98-137 ms on 200,000 dossiers, 1 ms with
the index). SQLite compares bytes already; nothing changes there.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("code", "applicant_name_folded", "field_name", "current_holder")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in COLUMNS:
        op.create_index(f"ix_dossier_{column}_bytewise", "dossier", [sa.text(f'{column} COLLATE "C"')])


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in COLUMNS:
        op.drop_index(f"ix_dossier_{column}_bytewise", table_name="dossier")
