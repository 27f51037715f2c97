"""equality answers: special-category answers kept apart from a response's answers

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "equality_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("choice", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["responses.id"],
            name=op.f("fk_equality_answers_response_id_responses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["survey_questions.id"],
            name=op.f("fk_equality_answers_question_id_survey_questions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equality_answers")),
    )
    op.create_index(
        op.f("ix_equality_answers_response_id"), "equality_answers", ["response_id"], unique=False
    )
    op.create_index(
        op.f("ix_equality_answers_question_id"), "equality_answers", ["question_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_equality_answers_question_id"), table_name="equality_answers")
    op.drop_index(op.f("ix_equality_answers_response_id"), table_name="equality_answers")
    op.drop_table("equality_answers")
