"""API idempotency keys scoped to the caller's team; stored texts keep no working link token

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-03

Data only, no schema change: rebuilding `responses` on SQLite would cascade-delete its answers
(foreign keys are on inside the migration's transaction), so the scope lives in the key.
"""

import hashlib
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The keys the channels make themselves stay as they are.
CHANNEL_PREFIXES = ("form:", "invitation:", "import:", "demo:", "api:")
KEY_LENGTH = 200
# A working personal link in a stored body, and the stand-in the sender replaces with the
# token as the message goes (api/invitations/links.py).
WORKING_LINK = re.compile(r"/i/[0-9a-f]{36}\b")
STORED_LINK = "/i/" + "token-added-when-sent".ljust(36, "-")
_SCOPED = re.compile(r"^api:(?:team:\d+|council):")

responses = sa.table(
    "responses", sa.column("id"), sa.column("team_id"), sa.column("idempotency_key")
)
messages = sa.table("outbound_messages", sa.column("id"), sa.column("body"))


def scoped_key(team_id: int | None, key: str) -> str:
    """As api/responses/intake.scoped_key wrote it on 2026-12-03."""
    scope = f"api:team:{team_id}:" if team_id is not None else "api:council:"
    if len(scope) + len(key) > KEY_LENGTH:
        return f"{scope}sha256:{hashlib.sha256(key.encode()).hexdigest()}"
    return scope + key


def upgrade() -> None:
    connection = op.get_bind()
    # Keys an API caller chose move into the scope the API now looks in (the team the
    # response is for), so a retry of an old request still finds its response.
    rows = connection.execute(
        sa.select(responses.c.id, responses.c.team_id, responses.c.idempotency_key).where(
            responses.c.idempotency_key.is_not(None)
        )
    ).all()
    moved = [
        {"row_id": row_id, "key": scoped_key(team_id, key)}
        for row_id, team_id, key in rows
        if not key.startswith(CHANNEL_PREFIXES)
    ]
    if moved:
        connection.execute(
            responses.update()
            .where(responses.c.id == sa.bindparam("row_id"))
            .values(idempotency_key=sa.bindparam("key")),
            moved,
        )
    bodies = connection.execute(
        sa.select(messages.c.id, messages.c.body).where(messages.c.body.like("%/i/%"))
    ).all()
    scrubbed = [
        {"message_id": message_id, "scrubbed": WORKING_LINK.sub(STORED_LINK, body)}
        for message_id, body in bodies
        if WORKING_LINK.search(body)
    ]
    if scrubbed:
        connection.execute(
            messages.update()
            .where(messages.c.id == sa.bindparam("message_id"))
            .values(body=sa.bindparam("scrubbed")),
            scrubbed,
        )


def downgrade() -> None:
    # Each key goes back to what its caller sent, unless another team's response took that
    # key first (the old code kept keys unique across everyone) or only its hash was kept.
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(responses.c.id, responses.c.idempotency_key)
        .where(responses.c.idempotency_key.like("api:%"))
        .order_by(responses.c.id)
    ).all()
    taken = set(
        connection.execute(
            sa.select(responses.c.idempotency_key).where(
                responses.c.idempotency_key.not_like("api:%")
            )
        ).scalars()
    )
    for row_id, key in rows:
        original = _SCOPED.sub("", key)
        if original == key or original.startswith("sha256:") or original in taken:
            continue
        taken.add(original)
        connection.execute(
            responses.update().where(responses.c.id == row_id).values(idempotency_key=original)
        )
    # Stored bodies keep the stand-in: messages still waiting would go without a working
    # link under the old sender (their invitations are unchanged).
