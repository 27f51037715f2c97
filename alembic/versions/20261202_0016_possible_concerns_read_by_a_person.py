"""possible concerns read by a person within a working day

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEVELS = ("alert", "concern", "none")
SOURCES = ("child_request", "analysis", "both")


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def _sources_check(batch_op: object, values: tuple[str, ...]) -> None:
    listed = ", ".join(f"'{v}'" for v in values)
    batch_op.drop_constraint(  # type: ignore[attr-defined]
        batch_op.f("ck_safeguarding_alerts_alertsource"),  # type: ignore[attr-defined]
        type_="check",
    )
    batch_op.create_check_constraint(  # type: ignore[attr-defined]
        batch_op.f("ck_safeguarding_alerts_alertsource"),  # type: ignore[attr-defined]
        f"raised_by IN ({listed})",
    )


def upgrade() -> None:
    # What the analysis said about each answer: how soon a person reads it, and the model's
    # probability. Answers analysed before this were alert (flagged) or none.
    with op.batch_alter_table("answer_analyses", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "safeguarding_level",
                _enum("safeguardinglevel", *LEVELS),
                server_default="none",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("safeguarding_score", sa.Float(), nullable=True))
    op.execute(
        "UPDATE answer_analyses SET safeguarding_level = 'alert' WHERE safeguarding_flag = TRUE"
    )
    # A person reading a possible concern can raise it as an alert.
    with op.batch_alter_table("safeguarding_alerts", schema=None) as batch_op:
        _sources_check(batch_op, (*SOURCES, "concern_review"))

    op.create_table(
        "possible_concerns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("survey_id", sa.Integer(), nullable=True),
        sa.Column("collection_point_id", sa.Integer(), nullable=True),
        sa.Column(
            "audience", _enum("audience", "young_person", "parent_carer", "partner"), nullable=True
        ),
        sa.Column(
            "channel",
            _enum("channel", "web", "qr", "sms", "email", "import", "api"),
            nullable=True,
        ),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reason", _enum("concernreason", "model", "child_words"), nullable=False),
        sa.Column("status", _enum("concernstatus", "open", "read"), nullable=False),
        sa.Column("said_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_by_user_id", sa.Integer(), nullable=True),
        sa.Column("read_by_label", sa.String(length=254), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "outcome",
            _enum(
                "concernoutcome",
                "ordinary_feedback",
                "passed_to_worker",
                "raised_as_alert",
                "other",
            ),
            nullable=True,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["safeguarding_alerts.id"],
            name=op.f("fk_possible_concerns_alert_id_safeguarding_alerts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answers.id"],
            name=op.f("fk_possible_concerns_answer_id_answers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["collection_point_id"],
            ["collection_points.id"],
            name=op.f("fk_possible_concerns_collection_point_id_collection_points"),
        ),
        sa.ForeignKeyConstraint(
            ["read_by_user_id"],
            ["staff_users.id"],
            name=op.f("fk_possible_concerns_read_by_user_id_staff_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["responses.id"],
            name=op.f("fk_possible_concerns_response_id_responses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["surveys.id"], name=op.f("fk_possible_concerns_survey_id_surveys")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_possible_concerns_team_id_teams")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_possible_concerns")),
        sa.UniqueConstraint("answer_id", name=op.f("uq_possible_concerns_answer_id")),
        sa.UniqueConstraint("public_id", name=op.f("uq_possible_concerns_public_id")),
    )
    with op.batch_alter_table("possible_concerns", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_possible_concerns_due_at"), ["due_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_possible_concerns_response_id"), ["response_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_possible_concerns_status"), ["status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_possible_concerns_team_id"), ["team_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("possible_concerns")
    # Alerts a reader raised from a concern go back as raised by the analysis of the words.
    op.execute(
        "UPDATE safeguarding_alerts SET raised_by = 'analysis' WHERE raised_by = 'concern_review'"
    )
    with op.batch_alter_table("safeguarding_alerts", schema=None) as batch_op:
        _sources_check(batch_op, SOURCES)
    with op.batch_alter_table("answer_analyses", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_answer_analyses_safeguardinglevel"), type_="check"
        )
        batch_op.drop_column("safeguarding_score")
        batch_op.drop_column("safeguarding_level")
