"""caseload contacts for who we are not hearing

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Who we are not hearing (decision 46): every contact a case event named, invited or
    # not, as groups to count; never a number, an address or a reason in words.
    op.create_table(
        "case_contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_event_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("collection_point_id", sa.Integer(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "audience",
            sa.Enum(
                "young_person",
                "parent_carer",
                "partner",
                name="audience",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "language",
            sa.Enum(
                "en", "cy", name="language", native_enum=False, create_constraint=True, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "age_band",
            sa.Enum(
                "0-4",
                "5-7",
                "8-12",
                "13-17",
                "18+",
                name="ageband",
                native_enum=False,
                create_constraint=True,
                length=8,
            ),
            nullable=True,
        ),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_event_id"],
            ["case_events.id"],
            name=op.f("fk_case_contacts_case_event_id_case_events"),
        ),
        sa.ForeignKeyConstraint(
            ["collection_point_id"],
            ["collection_points.id"],
            name=op.f("fk_case_contacts_collection_point_id_collection_points"),
        ),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["invitations.id"],
            name=op.f("fk_case_contacts_invitation_id_invitations"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_case_contacts_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_contacts")),
    )
    with op.batch_alter_table("case_contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_contacts_case_event_id"), ["case_event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_case_contacts_invitation_id"), ["invitation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_case_contacts_occurred_at"), ["occurred_at"], unique=False
        )

    op.create_table(
        "case_contact_characteristics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_contact_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_contact_id"],
            ["case_contacts.id"],
            name=op.f("fk_case_contact_characteristics_case_contact_id_case_contacts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_contact_characteristics")),
        sa.UniqueConstraint(
            "case_contact_id",
            "name",
            name=op.f("uq_case_contact_characteristics_case_contact_id_name"),
        ),
    )
    with op.batch_alter_table("case_contact_characteristics", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_contact_characteristics_case_contact_id"),
            ["case_contact_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("case_contact_characteristics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_contact_characteristics_case_contact_id"))

    op.drop_table("case_contact_characteristics")
    with op.batch_alter_table("case_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_contacts_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_case_contacts_invitation_id"))
        batch_op.drop_index(batch_op.f("ix_case_contacts_case_event_id"))

    op.drop_table("case_contacts")
