"""answers' review group key, stored

Revision ID: 0021
Revises: 0017
Create Date: 2026-12-03
"""

import hashlib
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# analysis.grouping as it is on 3 December 2026, frozen here so this migration gives the same
# keys whatever the code becomes (a change to the fold brings its own migration).
_TRAILING = " .,;:!?…"
_DROPPED = str.maketrans("", "", "'\u2019\"\u201c\u201d")
_SPACES = re.compile(r"[\s,]+")


def _group_key(text: str) -> str:
    folded = _SPACES.sub(" ", text.translate(_DROPPED)).lower().strip().rstrip(_TRAILING)
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:32]


def upgrade() -> None:
    # Theme review grouped identical answers by folding every answer's words in SQL on every
    # request (about 260 ms on the demo); the key is now computed once, when the analysis is
    # stored. Filled in here for the answers analysed before, a batch at a time.
    with op.batch_alter_table("answer_analyses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_key", sa.String(32), nullable=True))
    connection = op.get_bind()
    table = sa.table(
        "answer_analyses",
        sa.column("answer_id", sa.Integer),
        sa.column("redacted_text", sa.Text),
        sa.column("group_key", sa.String),
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(table.c.answer_id, table.c.redacted_text)
            .where(table.c.answer_id > last)
            .order_by(table.c.answer_id)
            .limit(2000)
        ).all()
        if not rows:
            break
        connection.execute(
            table.update()
            .where(table.c.answer_id == sa.bindparam("id"))
            .values(group_key=sa.bindparam("key")),
            [{"id": answer_id, "key": _group_key(text or "")} for answer_id, text in rows],
        )
        last = rows[-1][0]
    with op.batch_alter_table("answer_analyses", schema=None) as batch_op:
        batch_op.alter_column("group_key", existing_type=sa.String(32), nullable=False)
        batch_op.create_index("ix_answer_analyses_group_key", ["group_key"], unique=False)


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), never a rebuilt table (see 0020).
    with op.batch_alter_table("answer_analyses", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("ix_answer_analyses_group_key")
        batch_op.drop_column("group_key")
