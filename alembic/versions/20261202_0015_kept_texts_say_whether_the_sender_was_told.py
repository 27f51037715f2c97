"""kept texts say whether the sender was told the number is not watched

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Whether the sender of this text was sent the "this number is not watched" reply: it goes
    # at most once a day, to a text outside a survey or a reply that was not an answer, and the
    # staff page says truthfully which texts had it.
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "told_not_watched", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
    op.execute(
        "UPDATE inbound_messages SET told_not_watched = TRUE WHERE outcome = 'kept_replied'"
    )


def downgrade() -> None:
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.drop_column("told_not_watched")
