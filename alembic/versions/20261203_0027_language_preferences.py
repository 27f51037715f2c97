"""a person's language preference, recorded once and used for every later message

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    # Welsh Language Standards: a language preference is asked for and recorded, used for
    # every later message, and when it is unknown correspondence goes in both languages.
    op.create_table(
        "contact_languages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_hash", sa.String(length=64), nullable=False),
        sa.Column("language", _enum("language", "en", "cy"), nullable=False),
        sa.Column("source", _enum("languagesource", "case_event", "form", "reply"), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_languages")),
        sa.UniqueConstraint("contact_hash", name=op.f("uq_contact_languages_contact_hash")),
    )
    # Invitations made before this knew their language (the case system's, English unless it
    # said): they stay as they were.
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language_known", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("invitations", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("language_known")
    op.drop_table("contact_languages")
