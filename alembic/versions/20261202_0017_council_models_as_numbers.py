"""a council's model is a base model kept as npz bytes

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    # The council's model is now an analysis.base_model.BaseModel (themes and sentiment, the
    # shipped model's trainer), kept as the .npz bytes BaseModel.to_bytes writes. The old JSON
    # theme models cannot be read as one: they stay for the record (when, on how many, their
    # metrics) but are no longer active, and `parameters` may be empty from now on. A council
    # that had one runs `yousaid learn` once (the worker also retrains every 50 reviews).
    with op.batch_alter_table("learned_models", schema=None) as batch_op:
        batch_op.add_column(sa.Column("model_npz", sa.LargeBinary(), nullable=True))
        batch_op.alter_column("parameters", existing_type=JSON, nullable=True)
    op.execute("UPDATE learned_models SET active = FALSE")


def downgrade() -> None:
    # The old code reads only JSON parameters: the npz models go with their column.
    op.execute("DELETE FROM learned_models WHERE parameters IS NULL")
    with op.batch_alter_table("learned_models", schema=None) as batch_op:
        batch_op.alter_column("parameters", existing_type=JSON, nullable=False)
        batch_op.drop_column("model_npz")
