"""Taking the words out of answers, for retention and for erasure alike. What is counted
(scores, choices, themes, feelings) stays, so published figures never move."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from analysis import grouping
from api.models import Answer, AnswerAnalysis, AnswerReview

EMPTY_KEY = grouping.group_key("")


def without_evidence(themes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A theme list with the words that matched it taken out (they are the person's words)."""
    return [{**theme, "evidence": []} for theme in themes]


def keep_only_redacted(session: Session, answer_ids: Sequence[int]) -> int:
    """The raw words become the redacted copy (names, numbers, addresses taken out). Every
    reader of an answer (pages, exports, re-analysis) then sees only the redacted words."""
    rows = session.execute(
        select(AnswerAnalysis.answer_id, AnswerAnalysis.redacted_text).where(
            AnswerAnalysis.answer_id.in_(answer_ids)
        )
    ).all()
    for answer_id, redacted in rows:
        session.execute(update(Answer).where(Answer.id == answer_id).values(text=redacted))
    return len(rows)


def remove(session: Session, answer_ids: Sequence[int]) -> int:
    """Every copy of the words goes: the answer's, the redacted one, the themes' evidence and
    a reviewer's note about them. The answer row, its themes and its feeling stay."""
    if not answer_ids:
        return 0
    session.execute(update(Answer).where(Answer.id.in_(answer_ids)).values(text=None))
    for analysis in session.scalars(
        select(AnswerAnalysis).where(AnswerAnalysis.answer_id.in_(answer_ids))
    ):
        analysis.redacted_text = ""
        analysis.group_key = EMPTY_KEY
        analysis.themes = without_evidence(analysis.themes)
    session.execute(
        update(AnswerReview)
        .where(AnswerReview.answer_id.in_(answer_ids), AnswerReview.note.is_not(None))
        .values(note=None)
    )
    session.flush()
    return len(answer_ids)
