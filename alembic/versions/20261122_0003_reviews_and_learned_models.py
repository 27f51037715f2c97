"""reviews and learned models

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('learned_models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trained_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reviewed_answers', sa.Integer(), nullable=False),
    sa.Column('parameters', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('metrics', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learned_models'))
    )
    with op.batch_alter_table('learned_models', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learned_models_active'), ['active'], unique=False)

    op.create_table('answer_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_user_id', sa.Integer(), nullable=True),
    sa.Column('reviewer_label', sa.String(length=254), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('themes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('sentiment_label', sa.Enum('positive', 'negative', 'mixed', 'neutral', name='sentimentlabel', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_answer_reviews_answer_id_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_user_id'], ['staff_users.id'], name=op.f('fk_answer_reviews_reviewer_user_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_reviews'))
    )
    with op.batch_alter_table('answer_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_reviews_answer_id'), ['answer_id'], unique=False)

    with op.batch_alter_table('answer_themes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=16), server_default='rules', nullable=False))

    with op.batch_alter_table('safeguarding_alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('not_a_disclosure', sa.Boolean(), server_default=sa.false(), nullable=False))




def downgrade() -> None:
    
    with op.batch_alter_table('safeguarding_alerts', schema=None) as batch_op:
        batch_op.drop_column('not_a_disclosure')

    with op.batch_alter_table('answer_themes', schema=None) as batch_op:
        batch_op.drop_column('source')

    with op.batch_alter_table('answer_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_reviews_answer_id'))

    op.drop_table('answer_reviews')
    with op.batch_alter_table('learned_models', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learned_models_active'))

    op.drop_table('learned_models')

