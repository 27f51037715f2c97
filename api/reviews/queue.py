"""The review queue in SQL: identical answers grouped, least certain first over every unreviewed
answer in scope, and how many are left.

Identical means the same folded words (analysis.grouping: "Nothing.", "nothing" and
"NOTHING !" are one answer, and so are "She's great, thanks" and "shes great thanks") to the
same question (the same words can mean the opposite to "what helped?" and to "what should
change?"). The fold is computed once, when the analysis is stored, as
AnswerAnalysis.group_key, so grouping, ordering and counting all happen in the database on an
indexed column, not by folding every answer's text on every request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from api.accounts.scope import Scope
from api.models import (
    Answer,
    AnswerAnalysis,
    AnswerReview,
    AnswerTheme,
    Response,
    SurveyQuestion,
    Team,
)


def group_key() -> Any:
    """The column that says which answers are one (benchmarks/review_queue.py puts the old
    fold in SQL in its place to measure the difference)."""
    return AnswerAnalysis.group_key


def _unreviewed() -> ColumnElement[bool]:
    return ~exists().where(AnswerReview.answer_id == AnswerAnalysis.answer_id)


def _lowest_confidence() -> Any:
    # An unreviewed answer's AnswerTheme rows are the analysis's own (a review replaces them).
    return (
        select(func.min(AnswerTheme.confidence))
        .where(AnswerTheme.answer_id == AnswerAnalysis.answer_id)
        .scalar_subquery()
    )


def _reviewable(scope: Scope, *columns: Any) -> Select[Any]:
    """Analysed answers with words in them, within the reader's teams."""
    return (
        select(*columns)
        .select_from(AnswerAnalysis)
        .join(Answer, Answer.id == AnswerAnalysis.answer_id)
        .join(Response, Response.id == AnswerAnalysis.response_id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(
            AnswerAnalysis.empty.is_(False),
            scope.team_filter(Response.team_id),
            # A child's words kept from this reader are kept from their queue too.
            scope.words_filter(Answer.visibility),
        )
    )


@dataclass(frozen=True)
class Progress:
    left: int
    total: int
    # Distinct answers (groups of identical ones) still to review.
    groups_left: int


def progress(session: Session, scope: Scope) -> Progress:
    """How many answers in scope are still unreviewed, of how many; counted in SQL."""
    total = session.scalar(_reviewable(scope, func.count()))
    left = session.scalar(_reviewable(scope, func.count()).where(_unreviewed()))
    # Only the group's key: the confidence the ordering needs would cost a subquery a row.
    keys = (
        _reviewable(
            scope,
            SurveyQuestion.key.label("question"),
            group_key().label("key"),
        )
        .where(_unreviewed())
        .subquery()
    )
    groups = select(keys.c.question).group_by(keys.c.question, keys.c.key).subquery()
    groups_left = session.scalar(select(func.count()).select_from(groups))
    return Progress(left=left or 0, total=total or 0, groups_left=groups_left or 0)


@dataclass(frozen=True)
class Group:
    question: str
    key: str
    size: int
    # The answer shown for the group: its earliest.
    answer_id: int


def _answers_unreviewed(scope: Scope) -> Any:
    return (
        _reviewable(
            scope,
            SurveyQuestion.key.label("question"),
            group_key().label("key"),
            AnswerAnalysis.answer_id.label("answer_id"),
            case((AnswerAnalysis.needs_review, 1), else_=0).label("needs"),
            _lowest_confidence().label("lowest"),
            Response.submitted_at.label("submitted_at"),
        )
        .where(_unreviewed())
        .subquery()
    )


def groups(session: Session, scope: Scope, *, limit: int) -> list[Group]:
    """Unreviewed answers grouped by their words, least certain first: one a person must read
    (Welsh the analysis could not tag), then ones with no theme, then the lowest confidence;
    among equals the newest first."""
    answers = _answers_unreviewed(scope)
    needs = func.max(answers.c.needs)
    tagged = func.min(case((answers.c.lowest.is_(None), 0), else_=1))
    lowest = func.min(func.coalesce(answers.c.lowest, 0.0))
    first = func.min(answers.c.answer_id)
    rows = session.execute(
        select(answers.c.question, answers.c.key, func.count(), first)
        .group_by(answers.c.question, answers.c.key)
        .order_by(
            needs.desc(),
            tagged.asc(),
            lowest.asc(),
            func.max(answers.c.submitted_at).desc(),
            first.asc(),
        )
        .limit(limit)
    ).tuples()
    return [Group(question=q, key=k, size=n, answer_id=a) for q, k, n, a in rows]


def ordered_answers(session: Session, scope: Scope, *, limit: int) -> list[int]:
    """Unreviewed answer ids one by one, in the queue's order (for the API's queue)."""
    answers = _answers_unreviewed(scope)
    return list(
        session.scalars(
            select(answers.c.answer_id)
            .order_by(
                answers.c.needs.desc(),
                case((answers.c.lowest.is_(None), 0), else_=1).asc(),
                func.coalesce(answers.c.lowest, 0.0).asc(),
                answers.c.submitted_at.desc(),
                answers.c.answer_id.asc(),
            )
            .limit(limit)
        )
    )


def group_of(session: Session, scope: Scope, answer_id: int) -> tuple[str, str] | None:
    """The (question, folded words) group an answer belongs to, if it is in scope."""
    row = session.execute(
        _reviewable(scope, SurveyQuestion.key, group_key()).where(
            AnswerAnalysis.answer_id == answer_id
        )
    ).first()
    return None if row is None else (row[0], row[1])


def groups_named(
    session: Session, scope: Scope, answers: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The groups of the answers named by (response, question), in scope; unknown ones ignored."""
    if not answers:
        return []
    rows = session.execute(
        _reviewable(scope, SurveyQuestion.key, group_key()).where(
            or_(
                *(
                    and_(Response.public_id == response, SurveyQuestion.key == question)
                    for response, question in answers
                )
            )
        )
    ).tuples()
    return [(q, k) for q, k in rows]


def next_group(
    session: Session, scope: Scope, *, skipped: Sequence[tuple[str, str]]
) -> tuple[Group | None, bool]:
    """The next group to review, passing over the skipped ones; when only skipped ones are left
    they come back, in the queue's order. True when it is one that came back."""
    skip = set(skipped)
    for group in groups(session, scope, limit=len(skip) + 1):
        if (group.question, group.key) not in skip:
            return group, False
    if not skip:
        return None, False
    again = groups(session, scope, limit=1)
    return (again[0], True) if again else (None, False)


@dataclass(frozen=True)
class Member:
    answer_id: int
    response_id: int
    submitted_on: date
    team: str | None
    audience: str
    submitted_at: datetime


def members(session: Session, scope: Scope, *, question: str, key: str) -> list[Member]:
    """Every answer in scope in one group, reviewed or not."""
    rows = session.execute(
        _reviewable(
            scope,
            AnswerAnalysis.answer_id,
            AnswerAnalysis.response_id,
            Response.submitted_on,
            Team.name,
            Response.audience,
            Response.submitted_at,
        )
        .outerjoin(Team, Team.id == Response.team_id)
        .where(
            SurveyQuestion.key == question,
            group_key() == key,
        )
        .order_by(AnswerAnalysis.answer_id)
    ).tuples()
    return [
        Member(
            answer_id=a,
            response_id=r,
            submitted_on=d,
            team=t,
            audience=str(getattr(u, "value", u)),
            submitted_at=s,
        )
        for a, r, d, t, u, s in rows
    ]
