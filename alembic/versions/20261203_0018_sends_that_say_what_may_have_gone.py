"""texts and digests say when they were handed over (and so may have gone)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DIGEST_STATUSES = ("pending", "sent", "empty", "failed")
NEW_DIGEST_STATUSES = ("handing_over", "may_have_been_sent")


def _digest_status_check(batch_op: object, values: tuple[str, ...]) -> None:
    listed = ", ".join(f"'{v}'" for v in values)
    batch_op.drop_constraint(  # type: ignore[attr-defined]
        batch_op.f("ck_digests_digeststatus"),  # type: ignore[attr-defined]
        type_="check",
    )
    batch_op.create_check_constraint(  # type: ignore[attr-defined]
        batch_op.f("ck_digests_digeststatus"),  # type: ignore[attr-defined]
        f"status IN ({listed})",
    )


def upgrade() -> None:
    # A text claimed but never handed to the provider cannot have gone: released, not
    # unknown, when its worker stops or dies (decision 35).
    with op.batch_alter_table("outbound_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handed_at", sa.DateTime(timezone=True), nullable=True))
    # A digest handed to the mail server by a worker that died is not sent again silently.
    with op.batch_alter_table("digests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("handed_over_at", sa.DateTime(timezone=True), nullable=True)
        )
        _digest_status_check(batch_op, (*DIGEST_STATUSES, *NEW_DIGEST_STATUSES))


def downgrade() -> None:
    # A digest that may have been sent was, as far as the old schema can say, sent.
    op.execute(
        "UPDATE digests SET status = 'sent', sent_at = COALESCE(sent_at, handed_over_at)"
        " WHERE status = 'may_have_been_sent'"
    )
    op.execute("UPDATE digests SET status = 'pending' WHERE status = 'handing_over'")
    with op.batch_alter_table("digests", schema=None) as batch_op:
        _digest_status_check(batch_op, DIGEST_STATUSES)
        batch_op.drop_column("handed_over_at")
        batch_op.drop_column("message_id")
    with op.batch_alter_table("outbound_messages", schema=None) as batch_op:
        batch_op.drop_column("handed_at")
