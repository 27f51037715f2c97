"""A response's feeling, from its free-text answers' sentiment: a reviewer's sentiment wins
over the analysis's, as a reviewer's themes do (api/responses/effective_themes.py).

A response is neutral when every answer is, positive or negative (or mixed) when that is the
only feeling other than neutral, and mixed when it has more than one; with no analysed words
it has none. The same rule in SQL (to filter) and in Python (to show)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from api.models import AnswerAnalysis, AnswerReview, Response
from api.models.enums import SentimentLabel


def answer_feeling(analysis: Any = AnswerAnalysis) -> ColumnElement[Any]:
    """An analysed answer's sentiment: the latest review's, else the analysis's. `analysis` is
    AnswerAnalysis or an alias of it."""
    reviewed = (
        select(AnswerReview.sentiment_label)
        .where(AnswerReview.answer_id == analysis.answer_id)
        .order_by(AnswerReview.reviewed_at.desc(), AnswerReview.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(reviewed, analysis.sentiment_label)


def _has(label: SentimentLabel) -> ColumnElement[bool]:
    # An alias of its own, so the EXISTS never correlates with a query that reads analyses.
    analysis = aliased(AnswerAnalysis)
    return exists().where(
        analysis.response_id == Response.id,
        analysis.empty.is_(False),
        answer_feeling(analysis) == label.value,
    )


def is_feeling(label: SentimentLabel) -> ColumnElement[bool]:
    """True for a response whose overall feeling is `label` (see overall below)."""
    positive, negative, mixed = (
        _has(SentimentLabel.positive),
        _has(SentimentLabel.negative),
        _has(SentimentLabel.mixed),
    )
    if label is SentimentLabel.mixed:
        return or_(mixed, and_(positive, negative))
    if label is SentimentLabel.neutral:
        return and_(_has(SentimentLabel.neutral), ~positive, ~negative, ~mixed)
    others = [_has(o) for o in SentimentLabel if o not in (label, SentimentLabel.neutral)]
    return and_(_has(label), *(~o for o in others))


def overall(labels: Iterable[str]) -> str | None:
    """One response's feeling from its answers' sentiment labels."""
    found = set(labels)
    if not found:
        return None
    kinds = found - {SentimentLabel.neutral.value}
    if not kinds:
        return SentimentLabel.neutral.value
    return kinds.pop() if len(kinds) == 1 else SentimentLabel.mixed.value
