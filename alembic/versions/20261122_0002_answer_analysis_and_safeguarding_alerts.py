"""answer analysis and safeguarding alerts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('answer_analyses',
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('empty', sa.Boolean(), nullable=False),
    sa.Column('sentiment_label', sa.Enum('positive', 'negative', 'mixed', 'neutral', name='sentimentlabel', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('sentiment_score', sa.Float(), nullable=False),
    sa.Column('themes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('safeguarding_flag', sa.Boolean(), nullable=False),
    sa.Column('safeguarding_categories', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('needs_review', sa.Boolean(), nullable=False),
    sa.Column('taxonomy_version', sa.Integer(), nullable=False),
    sa.Column('redacted_text', sa.Text(), nullable=False),
    sa.Column('analysed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_answer_analyses_answer_id_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_answer_analyses_response_id_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('answer_id', name=op.f('pk_answer_analyses'))
    )
    with op.batch_alter_table('answer_analyses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_analyses_response_id'), ['response_id'], unique=False)

    op.create_table('answer_themes',
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('polarity', sa.Enum('positive', 'negative', name='themepolarity', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_answer_themes_answer_id_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_answer_themes_response_id_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('answer_id', 'theme', 'polarity', name=op.f('pk_answer_themes'))
    )
    with op.batch_alter_table('answer_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_themes_response_id'), ['response_id'], unique=False)

    op.create_table('safeguarding_alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('categories', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.Enum('new', 'acknowledged', 'referred', 'no_further_action', 'closed', name='alertstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('raised_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answers.id'], name=op.f('fk_safeguarding_alerts_answer_id_answers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_safeguarding_alerts_response_id_responses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_safeguarding_alerts_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safeguarding_alerts')),
    sa.UniqueConstraint('answer_id', name=op.f('uq_safeguarding_alerts_answer_id')),
    sa.UniqueConstraint('public_id', name=op.f('uq_safeguarding_alerts_public_id'))
    )
    with op.batch_alter_table('safeguarding_alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safeguarding_alerts_response_id'), ['response_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safeguarding_alerts_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_safeguarding_alerts_team_id'), ['team_id'], unique=False)

    op.create_table('alert_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alert_id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=254), nullable=False),
    sa.Column('status', sa.Enum('new', 'acknowledged', 'referred', 'no_further_action', 'closed', name='alertstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['actor_user_id'], ['staff_users.id'], name=op.f('fk_alert_events_actor_user_id_staff_users')),
    sa.ForeignKeyConstraint(['alert_id'], ['safeguarding_alerts.id'], name=op.f('fk_alert_events_alert_id_safeguarding_alerts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_events'))
    )
    with op.batch_alter_table('alert_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_events_alert_id'), ['alert_id'], unique=False)




def downgrade() -> None:
    
    with op.batch_alter_table('alert_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_events_alert_id'))

    op.drop_table('alert_events')
    with op.batch_alter_table('safeguarding_alerts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safeguarding_alerts_team_id'))
        batch_op.drop_index(batch_op.f('ix_safeguarding_alerts_status'))
        batch_op.drop_index(batch_op.f('ix_safeguarding_alerts_response_id'))

    op.drop_table('safeguarding_alerts')
    with op.batch_alter_table('answer_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_themes_response_id'))

    op.drop_table('answer_themes')
    with op.batch_alter_table('answer_analyses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_analyses_response_id'))

    op.drop_table('answer_analyses')

