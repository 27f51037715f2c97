"""The person's word wins: one rule for what an answer's themes and feeling are."""

from __future__ import annotations

from datetime import UTC, datetime

from api.accounts.scope import Scope
from api.models import AnswerAnalysis
from api.models.enums import Role, SentimentLabel
from api.reviews import effective
from api.reviews import service as reviews
from api.reviews.schemas import ReviewCreate
from tests import factories
from tests.api.reviews.answers import QUESTION, answer


def machine(themes=(("communication", "negative"),), sentiment=SentimentLabel.negative):
    return AnswerAnalysis(
        themes=[
            {"id": t, "polarity": p, "evidence": ["rang"], "confidence": 0.7} for t, p in themes
        ],
        sentiment_label=sentiment,
        sentiment_score=-0.4,
    )


def person(themes=(("reliability", "negative"),), sentiment=SentimentLabel.mixed):
    return effective.Review(
        by="Sam Officer",
        at=datetime(2026, 3, 1, tzinfo=UTC),
        themes=tuple(effective.Tag(id=t, polarity=p) for t, p in themes),
        sentiment=sentiment,
    )


def test_an_unreviewed_answer_carries_the_analysis_themes():
    shown = effective.effective(machine(), None)
    assert [(t.id, t.polarity) for t in shown.themes] == [("communication", "negative")]
    assert shown.sentiment is SentimentLabel.negative and shown.sentiment_score == -0.4
    assert shown.reviewed is None


def test_a_reviewed_answer_carries_the_reviewers_themes_and_keeps_the_suggestion_apart():
    shown = effective.effective(machine(), person())
    assert [(t.id, t.polarity) for t in shown.themes] == [("reliability", "negative")]
    assert shown.sentiment is SentimentLabel.mixed and shown.sentiment_score is None
    assert shown.reviewed.by == "Sam Officer"
    assert [t.id for t in shown.suggested.themes] == ["communication"]


def test_a_review_saying_no_theme_is_still_the_persons_word():
    shown = effective.effective(machine(), person(themes=()))
    assert shown.themes == () and shown.reviewed is not None


def test_no_analysis_and_no_review_has_no_themes_to_show():
    assert effective.effective(None, None) is None


def test_the_latest_review_counts_and_names_the_reviewer(db):
    stored = answer(db, "She never rings back")
    officer = factories.staff_user(db, Role.rights_team)
    scope = Scope(role=Role.rights_team, label=officer.email, user_id=officer.id)
    for theme, sentiment in (("communication", "negative"), ("reliability", "mixed")):
        reviews.review(
            db,
            scope,
            correction=ReviewCreate(
                response=stored.public_id,
                question=QUESTION,
                themes=[{"id": theme, "polarity": "negative"}],
                sentiment=sentiment,
            ),
        )
    (latest,) = effective.latest_reviews(
        db, [reviews.answer_id_of(db, scope, response=stored.public_id, question=QUESTION)]
    ).values()
    assert [t.id for t in latest.themes] == ["reliability"]
    assert latest.sentiment is SentimentLabel.mixed
    assert latest.by == officer.display_name
