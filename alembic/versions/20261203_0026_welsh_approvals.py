"""the Welsh language officer's approvals, string by string

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Welsh Language Standards: a council signs its Welsh off before it goes live, and must be
    # able to say who approved a string and when (issue 15).
    op.create_table(
        "welsh_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("approved_by_user_id", sa.Integer(), nullable=True),
        sa.Column("approved_by_name", sa.String(length=200), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_user_id"],
            ["staff_users.id"],
            name=op.f("fk_welsh_approvals_approved_by_user_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_welsh_approvals")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_welsh_approvals_fingerprint")),
    )


def downgrade() -> None:
    op.drop_table("welsh_approvals")
