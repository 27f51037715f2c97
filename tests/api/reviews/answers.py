"""Answers with an analysis the test chooses (its themes, their confidence, whether a person
must read it), so the queue's order and grouping can be checked exactly."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.models import Answer, AnswerAnalysis, AnswerTheme, Response, SurveyQuestion
from api.models.enums import SentimentLabel
from tests import factories

QUESTION = "one_thing_to_change"


def answer(
    db: Session,
    text: str,
    *,
    team: str | None = "north",
    themes: tuple[tuple[str, str, float], ...] = (("communication", "negative", 0.6),),
    needs_review: bool = False,
    submitted_at: datetime | None = None,
    question: str = QUESTION,
    sentiment: SentimentLabel = SentimentLabel.negative,
    redacted: str | None = None,
    **fields: Any,
) -> Response:
    if submitted_at is not None:
        fields["submitted_at"] = submitted_at
    stored = factories.response(db, team=team, answers={question: text}, **fields).response
    answer_id = db.scalar(
        select(Answer.id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(Answer.response_id == stored.id, SurveyQuestion.key == question)
    )
    assert answer_id is not None
    db.add(
        AnswerAnalysis(
            answer_id=answer_id,
            response_id=stored.id,
            language="en",
            empty=False,
            sentiment_label=sentiment,
            sentiment_score=-0.5,
            themes=[
                {"id": t, "polarity": p, "evidence": ["words"], "confidence": c, "source": "rules"}
                for t, p, c in themes
            ],
            safeguarding_flag=False,
            safeguarding_categories=[],
            needs_review=needs_review,
            taxonomy_version=1,
            redacted_text=text if redacted is None else redacted,
        )
    )
    db.add_all(
        AnswerTheme(
            answer_id=answer_id,
            response_id=stored.id,
            theme=t,
            polarity=p,
            confidence=c,
            source="rules",
        )
        for t, p, c in themes
    )
    db.flush()
    return stored
