"""staff users choose the staff pages' language

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Welsh Language Standards: a Welsh-speaking officer works in Welsh, and the choice is
    # remembered with the person, not the browser (decision 41). Empty until they choose: the
    # pages then follow the council's first language (YOUSAID_LANGUAGE_ORDER).
    with op.batch_alter_table("staff_users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=2), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), never a rebuilt table (see 0020).
    with op.batch_alter_table("staff_users", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("language")
