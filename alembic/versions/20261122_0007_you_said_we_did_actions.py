"""you said we did actions

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('you_said_en', sa.Text(), nullable=False),
    sa.Column('you_said_cy', sa.Text(), nullable=True),
    sa.Column('we_did_en', sa.Text(), nullable=False),
    sa.Column('we_did_cy', sa.Text(), nullable=True),
    sa.Column('themes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'in_progress', 'done', name='actionstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_actions_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actions')),
    sa.UniqueConstraint('public_id', name=op.f('uq_actions_public_id'))
    )
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actions_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_actions_team_id'), ['team_id'], unique=False)

    op.create_table('action_responses',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['actions.id'], name=op.f('fk_action_responses_action_id_actions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_action_responses_response_id_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('action_id', 'response_id', name=op.f('pk_action_responses'))
    )



def downgrade() -> None:
    
    op.drop_table('action_responses')
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actions_team_id'))
        batch_op.drop_index(batch_op.f('ix_actions_published_at'))

    op.drop_table('actions')

