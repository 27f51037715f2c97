"""The person's word wins: one answer's themes and feeling as every view shows them.

The rule, kept here and nowhere else in Python: an answer a person has reviewed carries the
themes and feeling of its latest review; an answer nobody has reviewed carries the analysis's.
A review is what counts, not whether it left theme rows: a reviewer who says "no theme here"
leaves no `source="reviewer"` AnswerTheme rows, and that is still a person's word, so the
machine's tags must not come back. (Filters and exports count the same thing in SQL, from the
AnswerTheme rows a review rewrites: api/responses/effective_themes.py.)

The analysis's own suggestion is kept beside the effective themes, to be shown only on asking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.models import AnswerAnalysis, AnswerReview, StaffUser
from api.models.enums import SentimentLabel


@dataclass(frozen=True)
class Tag:
    id: str
    polarity: str
    # The words that raised it and how sure the analysis was; a person's tag has neither.
    evidence: tuple[str, ...] = ()
    confidence: float | None = None


@dataclass(frozen=True)
class Review:
    """The latest review of one answer, with the reviewer's name as colleagues know it."""

    by: str
    at: datetime
    themes: tuple[Tag, ...]
    sentiment: SentimentLabel
    note: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """What the analysis said."""

    themes: tuple[Tag, ...]
    sentiment: SentimentLabel
    sentiment_score: float


@dataclass(frozen=True)
class Effective:
    themes: tuple[Tag, ...]
    sentiment: SentimentLabel | None
    # The analysis's score, only while its label stands: a person gives a label, not a score.
    sentiment_score: float | None
    reviewed: Review | None = None
    suggested: Suggestion | None = None
    choices: dict[str, str] = field(default_factory=dict)


def suggestion(analysis: AnswerAnalysis) -> Suggestion:
    return Suggestion(
        themes=tuple(
            Tag(
                id=str(t["id"]),
                polarity=str(t["polarity"]),
                evidence=tuple(t.get("evidence") or ()),
                confidence=float(t["confidence"]) if t.get("confidence") is not None else None,
            )
            for t in analysis.themes
        ),
        sentiment=analysis.sentiment_label,
        sentiment_score=analysis.sentiment_score,
    )


def effective(analysis: AnswerAnalysis | None, review: Review | None) -> Effective | None:
    """Reviewer's themes if a person reviewed the answer, else the analysis's; None if neither."""
    suggested = suggestion(analysis) if analysis is not None else None
    if review is not None:
        return Effective(
            themes=review.themes,
            sentiment=review.sentiment,
            sentiment_score=None,
            reviewed=review,
            suggested=suggested,
            choices=_choices(review.themes),
        )
    if suggested is None:
        return None
    return Effective(
        themes=suggested.themes,
        sentiment=suggested.sentiment,
        sentiment_score=suggested.sentiment_score,
        suggested=suggested,
        choices=_choices(suggested.themes),
    )


def _choices(themes: Iterable[Tag]) -> dict[str, str]:
    """Theme id -> polarity, as the review form's radios hold them (worry or praise only)."""
    return {t.id: t.polarity for t in themes if t.polarity in ("positive", "negative")}


def _review(row: AnswerReview, name: str | None) -> Review:
    seen: dict[tuple[str, str], Tag] = {}
    for t in row.themes:
        seen.setdefault((t["id"], t["polarity"]), Tag(id=t["id"], polarity=t["polarity"]))
    return Review(
        by=name or row.reviewer_label,
        at=row.reviewed_at,
        themes=tuple(seen.values()),
        sentiment=row.sentiment_label,
        note=row.note,
    )


def latest_reviews(session: Session, answer_ids: Iterable[int]) -> dict[int, Review]:
    """Each answer's latest review (the latest one counts), by answer id."""
    ids = sorted(set(answer_ids))
    if not ids:
        return {}
    latest = (
        select(func.max(AnswerReview.id))
        .where(AnswerReview.answer_id.in_(ids))
        .group_by(AnswerReview.answer_id)
    )
    rows = session.execute(
        select(AnswerReview, StaffUser.display_name)
        .outerjoin(StaffUser, StaffUser.id == AnswerReview.reviewer_user_id)
        .where(AnswerReview.id.in_(latest))
    ).tuples()
    return {row.answer_id: _review(row, name) for row, name in rows}


def for_answers(
    session: Session, analyses: dict[int, AnswerAnalysis | None]
) -> dict[int, Effective | None]:
    """The effective themes of several answers at once (one query for their reviews)."""
    reviews = latest_reviews(session, analyses)
    return {answer_id: effective(a, reviews.get(answer_id)) for answer_id, a in analyses.items()}


def same_review(first: Review | None, second: Review | None) -> bool:
    """Two answers carry the same person's word (the same themes and feeling)."""
    if first is None or second is None:
        return first is second
    return (first.sentiment, _key(first.themes)) == (second.sentiment, _key(second.themes))


def _key(themes: Iterable[Tag]) -> frozenset[tuple[str, str]]:
    return frozenset((t.id, t.polarity) for t in themes)


def as_dicts(themes: Iterable[Tag]) -> list[dict[str, Any]]:
    return [{"id": t.id, "polarity": t.polarity} for t in themes]
