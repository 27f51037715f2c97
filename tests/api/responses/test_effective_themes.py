"""The themes that count: a reviewer's where a person reviewed the answer, else the
machine's; the same rule for every query that reads answer_themes (both backends)."""

from __future__ import annotations

from sqlalchemy import select

from api.answer_analysis import service as answer_analysis
from api.models import Answer, AnswerTheme, SurveyQuestion
from api.models.enums import Role, SentimentLabel
from api.responses import effective_themes
from api.reviews import service as reviews
from api.reviews.schemas import ReviewCreate, ThemeChoice
from tests import factories

OFFICER = factories.scope_of(Role.rights_team)


def respond(db, text):
    stored = factories.response(
        db, answers=factories.parent_answers(one_thing_to_change=text, most_helpful="")
    )
    answer_analysis.analyse_response(db, response_id=stored.response.id)
    return stored.response


def counted(db, response) -> set[tuple[str, str]]:
    return {
        (theme, polarity.value)
        for response_id, _, theme, polarity in db.execute(effective_themes.select_effective())
        if response_id == response.id
    }


def review(db, response, themes):
    reviews.review(
        db,
        OFFICER,
        correction=ReviewCreate(
            response=response.public_id,
            question="one_thing_to_change",
            themes=[ThemeChoice(id=t, polarity=p) for t, p in themes],
            sentiment=SentimentLabel.negative,
        ),
    )


def test_the_machines_themes_count_until_a_person_reviews_the_answer(db):
    response = respond(db, "Nobody rang me back for weeks")
    assert counted(db, response) == {("communication", "negative")}
    review(db, response, [("reliability", "negative")])
    assert counted(db, response) == {("reliability", "negative")}


def test_a_machines_row_beside_a_reviewers_never_counts(db):
    response = respond(db, "Nobody rang me back for weeks")
    review(db, response, [("reliability", "negative")])
    answer_id = db.scalar(
        select(Answer.id)
        .join(SurveyQuestion, SurveyQuestion.id == Answer.question_id)
        .where(Answer.response_id == response.id, SurveyQuestion.key == "one_thing_to_change")
    )
    # As a tagger that ignored the review would leave it.
    db.add(
        AnswerTheme(
            answer_id=answer_id,
            response_id=response.id,
            theme="timeliness",
            polarity="negative",
            confidence=0.9,
            source="model",
        )
    )
    db.flush()
    assert counted(db, response) == {("reliability", "negative")}


def test_a_review_that_removes_every_theme_leaves_none(db):
    response = respond(db, "Nobody rang me back for weeks")
    review(db, response, [])
    assert counted(db, response) == set()
