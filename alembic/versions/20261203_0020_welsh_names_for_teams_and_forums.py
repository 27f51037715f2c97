"""teams and forums have Welsh names

Revision ID: 0020
Revises: 0017
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Welsh Language Standards: a Welsh page names a team in Welsh ("Dywedoch chi, gwnaethon ni:
    # Tîm Asesu", not "Assessment Team"). Collection points already have name_cy. Empty until
    # a council gives one: the pages then fall back to the English name.
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_cy", sa.String(length=200), nullable=True))
    with op.batch_alter_table("forums", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_cy", sa.String(length=200), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), never a rebuilt table: rebuilding `teams` with
    # foreign keys on fails (or cascades) once answers refer to it.
    with op.batch_alter_table("forums", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("name_cy")
    with op.batch_alter_table("teams", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("name_cy")
