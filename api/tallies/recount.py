"""The worker's recount of marked days: each day's tallies deleted and counted again from the
responses, then the marks it saw removed (a mark made meanwhile stays, for the next run).

One recount at a time: on PostgreSQL a transaction-scoped advisory lock (a second worker
finds it taken and leaves the work to the first); SQLite has one writer anyway.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from api.jobs import queue as jobs
from api.models import (
    Answer,
    AnswerTheme,
    Response,
    ResponseTally,
    StatementTally,
    TallyMark,
    ThemeTally,
)
from api.tallies import marks as tally_marks
from api.tallies import sources

RECOUNT = "tallies.recount"
DAYS_PER_RUN = 60
LOCK_KEY = 7_203_511  # any constant: this job's advisory lock


# The tallies' dimensions, in the order of their columns below.
DIMENSIONS = (
    Response.submitted_on,
    Response.team_id,
    Response.collection_point_id,
    Response.audience,
    Response.channel,
)
DIMENSION_NAMES = ["day", "team_id", "collection_point_id", "audience", "channel"]


def recount_day(session: Session, day: date) -> None:
    """Delete a day's tallies and count them again from its responses."""
    on_day = Response.submitted_on == day
    for model, query, columns in (
        (
            ResponseTally,
            sources.responses([*DIMENSIONS, Response.survey_id], on_day),
            ["survey_id", "responses"],
        ),
        (
            StatementTally,
            sources.statements([*DIMENSIONS, Response.survey_id, Answer.question_id], on_day),
            ["survey_id", "question_id", "answered", "agreed"],
        ),
        (
            ThemeTally,
            sources.themes([*DIMENSIONS, AnswerTheme.theme, AnswerTheme.polarity], on_day),
            ["theme", "polarity", "mentions"],
        ),
    ):
        session.execute(delete(model).where(model.day == day))
        session.execute(insert(model).from_select([*DIMENSION_NAMES, *columns], query))


def recount(session: Session, *, limit: int = DAYS_PER_RUN) -> int:
    """Recount up to `limit` marked days; how many. The caller commits."""
    if session.get_bind().dialect.name == "postgresql":
        taken = session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        if not taken:
            return 0
    marks = session.execute(
        select(TallyMark.id, TallyMark.day).order_by(TallyMark.id).limit(5000)
    ).all()
    days = sorted({day for _, day in marks})[:limit]
    for day in days:
        recount_day(session, day)
    done = [mark_id for mark_id, day in marks if day in set(days)]
    if done:
        session.execute(delete(TallyMark).where(TallyMark.id.in_(done)))
        tally_marks.forget_marked_days(session)
    return len(days)


def mark_everything(session: Session) -> int:
    """Mark every day with responses (after loading data by hand, straight into the tables):
    the next recounts rebuild all the tallies. How many days."""
    days = list(session.scalars(select(Response.submitted_on).distinct()))
    tally_marks.mark(session, days)
    return len(days)


@jobs.handler(RECOUNT)
def recount_job(session: Session, payload: dict[str, Any]) -> None:
    recount(session)
