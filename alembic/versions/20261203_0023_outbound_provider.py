"""which provider a message was handed to

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A message whose answer was lost is settled by asking the provider it went to (Notify
    # finds it by our reference, decision 42): that must be the provider it was handed to,
    # not whichever one the settings name today.
    with op.batch_alter_table("outbound_messages", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("provider", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbound_messages", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("provider")
