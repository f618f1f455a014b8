"""the counter on dossiers and events, the dossier's version

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

`dossier.counter`: the counter that took the dossier in; `dossier_event.counter`: the counter that
recorded the event; `dossier.version`: the optimistic lock (1, then +1 on every change of the row).
Existing rows get '' and 1 from the server defaults. On SQLite, adding a NOT NULL column with a
default is a plain ALTER TABLE ADD COLUMN: batch mode does not rebuild the tables.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("counter", sa.String(length=60), server_default="", nullable=False))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("counter", sa.String(length=60), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.drop_column("counter")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.drop_column("counter")
