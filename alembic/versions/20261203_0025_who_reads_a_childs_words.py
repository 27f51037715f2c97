"""answers' visibility: who a child chose may read their words

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Null for every answer stored before: nobody was asked, so they read as they did. Written
    # out because Alembic's add_column leaves out an enum's CHECK; both engines take a column
    # constraint in ADD COLUMN, so SQLite need not copy the table (answers is the biggest).
    op.execute(
        "ALTER TABLE answers ADD COLUMN visibility VARCHAR(32) CONSTRAINT ck_answers_visibility"
        " CHECK (visibility IN ('worker', 'rights_team', 'service'))"
    )


def downgrade() -> None:
    with op.batch_alter_table("answers", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("visibility")
