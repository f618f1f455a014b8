"""the published catalogue's texts on each procedure version

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

A procedure version keeps what its province published beside the rule the app reads from it: the
processing time as written (`duration_text`), the fee exemptions, the result, the legal basis and the
publishing decision. `duration_unit` '' now means "the time is still to be set" (wording the app could not
read); no existing row has it. Existing rows get '' from the server defaults.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_COLUMNS = ("duration_text", "fee_exemptions", "result_text", "legal_basis", "decision_text")


def upgrade() -> None:
    with op.batch_alter_table("procedure", schema=None) as batch_op:
        for name in NEW_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("procedure", schema=None) as batch_op:
        for name in reversed(NEW_COLUMNS):
            batch_op.drop_column(name)
