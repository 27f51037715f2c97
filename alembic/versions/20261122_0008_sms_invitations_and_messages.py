"""sms invitations and messages

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('opt_outs',
    sa.Column('contact_hash', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Enum('keyword', 'intent', 'provider', 'staff', name='optoutsource', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('language', sa.Enum('en', 'cy', name='language', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('opted_out_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('contact_hash', name=op.f('pk_opt_outs'))
    )
    op.create_table('send_slots',
    sa.Column('sender', sa.String(length=64), nullable=False),
    sa.Column('next_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sender', name=op.f('pk_send_slots'))
    )
    op.create_table('case_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=100), nullable=False),
    sa.Column('case_ref', sa.String(length=64), nullable=False),
    sa.Column('event', sa.String(length=64), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('outcome', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_case_events_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events')),
    sa.UniqueConstraint('event_id', name=op.f('uq_case_events_event_id'))
    )
    op.create_table('inbound_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.Enum('web', 'qr', 'sms', 'email', 'import', 'api', name='channel', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('sender_hash', sa.String(length=64), nullable=False),
    sa.Column('sender_encrypted', sa.Text(), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('invitation_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_inbound_messages_invitation_id_invitations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inbound_messages')),
    sa.UniqueConstraint('provider_id', name=op.f('uq_inbound_messages_provider_id'))
    )
    with op.batch_alter_table('inbound_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inbound_messages_invitation_id'), ['invitation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inbound_messages_sender_hash'), ['sender_hash'], unique=False)

    op.create_table('outbound_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.Enum('web', 'qr', 'sms', 'email', 'import', 'api', name='channel', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('purpose', sa.Enum('invitation', 'reminder', 'question', 'thanks', 'opt_out_confirmation', 'opt_in_confirmation', 'help', name='messagepurpose', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('language', sa.Enum('en', 'cy', name='language', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('recipient_encrypted', sa.Text(), nullable=True),
    sa.Column('recipient_hash', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('segments', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'dispatching', 'unknown', 'queued', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled', name='messagestatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('send_after', sa.DateTime(timezone=True), nullable=False),
    sa.Column('window_audience', sa.Enum('young_person', 'parent_carer', 'partner', name='audience', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('uses_window', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.String(length=64), nullable=True),
    sa.Column('error_code', sa.String(length=16), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('claimed_by', sa.String(length=100), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_outbound_messages_invitation_id_invitations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbound_messages')),
    sa.UniqueConstraint('provider_id', name=op.f('uq_outbound_messages_provider_id'))
    )
    with op.batch_alter_table('outbound_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbound_messages_invitation_id'), ['invitation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbound_messages_recipient_hash'), ['recipient_hash'], unique=False)
        batch_op.create_index('ix_outbound_messages_status_send_after', ['status', 'send_after'], unique=False)

    with op.batch_alter_table('invitations', schema=None) as batch_op:
        # No invitations existed before this revision (nothing wrote them), so NOT NULL is safe.
        batch_op.add_column(sa.Column('public_id', sa.String(length=36), nullable=False))
        batch_op.create_unique_constraint(batch_op.f('uq_invitations_public_id'), ['public_id'])
        batch_op.add_column(sa.Column('survey_version', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('case_event_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('contact_role', sa.Enum('parent', 'carer', 'young_person', 'partner', name='contactrole', native_enum=False, create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('mode', sa.Enum('conversational', 'link', name='invitationmode', native_enum=False, create_constraint=True, length=32), server_default='link', nullable=False))
        batch_op.add_column(sa.Column('phone_encrypted', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('email_encrypted', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('contact_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('question_index', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('reasked', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('answers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))
        batch_op.add_column(sa.Column('ended_reason', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('started_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('contact_erased_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_invitations_case_event_id'), ['case_event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_contact_hash'), ['contact_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitations_ended_at'), ['ended_at'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_invitations_case_event_id_case_events'), 'case_events', ['case_event_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_invitations_case_event_id_case_events'), type_='foreignkey')
        # The enums' CHECKs go before their columns, or SQLite's table copy still names them.
        batch_op.drop_constraint(batch_op.f('ck_invitations_invitationmode'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_invitations_contactrole'), type_='check')
        batch_op.drop_index(batch_op.f('ix_invitations_ended_at'))
        batch_op.drop_index(batch_op.f('ix_invitations_contact_hash'))
        batch_op.drop_index(batch_op.f('ix_invitations_case_event_id'))
        batch_op.drop_column('contact_erased_at')
        batch_op.drop_column('ended_at')
        batch_op.drop_column('reminded_at')
        batch_op.drop_column('started_at')
        batch_op.drop_column('ended_reason')
        batch_op.drop_column('answers')
        batch_op.drop_column('reasked')
        batch_op.drop_column('question_index')
        batch_op.drop_column('contact_hash')
        batch_op.drop_column('email_encrypted')
        batch_op.drop_column('phone_encrypted')
        batch_op.drop_column('mode')
        batch_op.drop_column('contact_role')
        batch_op.drop_column('case_event_id')
        batch_op.drop_column('survey_version')
        batch_op.drop_constraint(batch_op.f('uq_invitations_public_id'), type_='unique')
        batch_op.drop_column('public_id')

    with op.batch_alter_table('outbound_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_outbound_messages_status_send_after')
        batch_op.drop_index(batch_op.f('ix_outbound_messages_recipient_hash'))
        batch_op.drop_index(batch_op.f('ix_outbound_messages_invitation_id'))

    op.drop_table('outbound_messages')
    with op.batch_alter_table('inbound_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inbound_messages_sender_hash'))
        batch_op.drop_index(batch_op.f('ix_inbound_messages_invitation_id'))

    op.drop_table('inbound_messages')
    op.drop_table('case_events')
    op.drop_table('send_slots')
    op.drop_table('opt_outs')
