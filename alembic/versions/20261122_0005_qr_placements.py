"""qr placements

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op



revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('qr_placements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('survey_key', sa.String(length=64), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('collection_point_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.Enum('en', 'cy', name='language', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['collection_point_id'], ['collection_points.id'], name=op.f('fk_qr_placements_collection_point_id_collection_points')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_qr_placements_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_qr_placements')),
    sa.UniqueConstraint('code', name=op.f('uq_qr_placements_code'))
    )
    with op.batch_alter_table('qr_placements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qr_placements_team_id'), ['team_id'], unique=False)

    op.create_table('qr_scans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('placement_id', sa.Integer(), nullable=False),
    sa.Column('scanned_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['placement_id'], ['qr_placements.id'], name=op.f('fk_qr_scans_placement_id_qr_placements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_qr_scans'))
    )
    with op.batch_alter_table('qr_scans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qr_scans_placement_id'), ['placement_id'], unique=False)

    with op.batch_alter_table('form_drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('placement_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_form_drafts_placement_id'), ['placement_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_form_drafts_placement_id_qr_placements'), 'qr_placements', ['placement_id'], ['id'], ondelete='SET NULL')




def downgrade() -> None:
    
    with op.batch_alter_table('form_drafts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_form_drafts_placement_id_qr_placements'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_form_drafts_placement_id'))
        batch_op.drop_column('placement_id')

    with op.batch_alter_table('qr_scans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_qr_scans_placement_id'))

    op.drop_table('qr_scans')
    with op.batch_alter_table('qr_placements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_qr_placements_team_id'))

    op.drop_table('qr_placements')

