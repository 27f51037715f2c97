"""episodes: one point of a child's journey, every voice about it

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-03
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "episodes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=36), nullable=False),
        sa.Column("case_ref", sa.String(length=64), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("collection_point_id", sa.Integer(), nullable=True),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["collection_point_id"],
            ["collection_points.id"],
            name=op.f("fk_episodes_collection_point_id_collection_points"),
        ),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_episodes_team_id_teams")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episodes")),
        sa.UniqueConstraint("public_id", name=op.f("uq_episodes_public_id")),
        sa.UniqueConstraint(
            "case_ref",
            "event",
            "team_id",
            "occurred_on",
            name=op.f("uq_episodes_case_ref_event_team_id_occurred_on"),
        ),
    )
    op.create_index(op.f("ix_episodes_team_id"), "episodes", ["team_id"], unique=False)
    # ALTER TABLE ... ADD COLUMN ... REFERENCES on SQLite too, never a rebuilt table: rebuilding
    # `invitations` with foreign keys on fails once responses and texts refer to it.
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in ("case_events", "invitations"):
        if sqlite:
            op.execute(f"ALTER TABLE {table} ADD COLUMN episode_id INTEGER REFERENCES episodes (id)")
        else:
            op.add_column(table, sa.Column("episode_id", sa.Integer(), nullable=True))
            op.create_foreign_key(
                op.f(f"fk_{table}_episode_id_episodes"), table, "episodes", ["episode_id"], ["id"]
            )
        op.create_index(op.f(f"ix_{table}_episode_id"), table, ["episode_id"], unique=False)
    _episodes_for_events_already_received()


def _episodes_for_events_already_received() -> None:
    """Case events received before episodes existed join theirs, as new ones do. The day is
    the council's (UK) calendar day, as api/episodes/service.py takes it."""
    bind = op.get_bind()
    zone = ZoneInfo("Europe/London")
    events = bind.execute(
        sa.text("SELECT id, case_ref, event, team_id, occurred_at FROM case_events")
    ).all()
    points = dict(bind.execute(sa.text("SELECT key, id FROM collection_points")).all())
    rules_point = _event_points()
    keys: dict[tuple[str, str, int, object], int] = {}
    for event_id, case_ref, event, team_id, occurred_at in events:
        moment = occurred_at if isinstance(occurred_at, datetime) else datetime.fromisoformat(
            str(occurred_at)
        )
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        day = moment.astimezone(zone).date()
        key = (case_ref, event, team_id, day)
        if key not in keys:
            keys[key] = bind.execute(
                sa.text(
                    "INSERT INTO episodes (public_id, case_ref, event, team_id, "
                    "collection_point_id, occurred_on, created_at) VALUES (:p, :c, :e, :t, :cp, "
                    ":d, :now) RETURNING id"
                ),
                {
                    "p": str(uuid.uuid4()),
                    "c": case_ref,
                    "e": event,
                    "t": team_id,
                    "cp": points.get(rules_point.get(event, "")),
                    "d": day,
                    "now": datetime.now(UTC),
                },
            ).scalar_one()
        bind.execute(
            sa.text("UPDATE case_events SET episode_id = :e WHERE id = :i"),
            {"e": keys[key], "i": event_id},
        )
    bind.execute(
        sa.text(
            "UPDATE invitations SET episode_id = (SELECT episode_id FROM case_events "
            "WHERE case_events.id = invitations.case_event_id) WHERE case_event_id IS NOT NULL"
        )
    )


def _event_points() -> dict[str, str]:
    """Event -> collection point, from the shipped invitation rules (read, not imported)."""
    from pathlib import Path

    import yaml

    path = Path(__file__).parents[2] / "api" / "invitations" / "rules.yaml"
    try:
        return dict(yaml.safe_load(path.read_text(encoding="utf-8")).get("events", {}))
    except (OSError, AttributeError):
        return {}


def downgrade() -> None:
    for table in ("invitations", "case_events"):
        op.drop_index(op.f(f"ix_{table}_episode_id"), table_name=table)
        with op.batch_alter_table(table, schema=None, recreate="never") as batch_op:
            if op.get_bind().dialect.name != "sqlite":
                batch_op.drop_constraint(f"fk_{table}_episode_id_episodes", type_="foreignkey")
            batch_op.drop_column("episode_id")
    op.drop_index(op.f("ix_episodes_team_id"), table_name="episodes")
    op.drop_table("episodes")
