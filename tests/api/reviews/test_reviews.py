"""The rights team corrects the analysis; corrections stick, are measured and are learned."""

import pytest
from sqlalchemy import select

from api.answer_analysis import service as answer_analysis
from api.core.config import get_settings
from api.models import AnswerTheme, AuditEvent, LearnedModel
from api.models.enums import Role
from api.reviews import learning
from tests import factories


def analysed(db, text, *, question="one_thing_to_change", survey="parent-carer", **kw):
    stored = factories.response(db, survey=survey, answers={question: text}, **kw).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    return stored


def review(client, headers, response, themes, sentiment="negative", question="one_thing_to_change"):
    return client.post(
        "/api/v1/reviews",
        json={
            "response": response.public_id,
            "question": question,
            "sentiment": sentiment,
            "themes": [{"id": t, "polarity": p} for t, p in themes],
        },
        headers=headers,
    )


def test_a_correction_replaces_the_automatic_themes_and_survives_reanalysis(client, db):
    stored = analysed(db, "the plan was never shared with us", team="front-door")
    headers = factories.auth(db, Role.rights_team)
    answer = review(client, headers, stored, [("communication", "negative")])
    assert answer.status_code == 201
    answer_analysis.analyse_response(db, response_id=stored.id)
    rows = {(t.theme, t.polarity, t.source) for t in db.scalars(select(AnswerTheme))}
    assert rows == {("communication", "negative", "reviewer")}


def test_only_the_rights_team_reviews(client, db):
    stored = analysed(db, "she never rings back", team="front-door")
    for role, teams in ((Role.manager, ["front-door"]), (Role.practitioner, ["front-door"])):
        headers = factories.auth(db, role, teams)
        assert review(client, headers, stored, []).status_code == 403


def test_an_unknown_theme_or_answer_is_refused(client, db):
    stored = analysed(db, "she never rings back")
    headers = factories.auth(db, Role.rights_team)
    assert review(client, headers, stored, [("parking", "negative")]).status_code == 422
    assert review(client, headers, stored, [], question="most_helpful").status_code == 404


def test_the_queue_puts_what_the_analysis_could_not_tag_first_and_is_audited(client, db):
    analysed(db, "she never rings back")
    welsh = analysed(db, "Roedd hi'n siarad gyda fi bob wythnos")
    analysed(db, "Nothing")
    headers = factories.auth(db, Role.rights_team)
    queue = client.get("/api/v1/reviews/queue", headers=headers).json()
    assert queue[0]["response"] == welsh.public_id and queue[0]["needs_review"]
    assert "Nothing" not in [item["text"] for item in queue]  # empty answers need no review
    assert db.scalar(select(AuditEvent.action)) == "reviews.view_queue"


def test_reviewed_answers_leave_the_queue(client, db):
    stored = analysed(db, "she never rings back")
    headers = factories.auth(db, Role.rights_team)
    review(client, headers, stored, [("communication", "negative")])
    assert client.get("/api/v1/reviews/queue", headers=headers).json() == []


def test_agreement_reports_precision_recall_and_kappa(client, db):
    headers = factories.auth(db, Role.rights_team)
    right = analysed(db, "she never rings back")
    wrong = analysed(db, "we were never told what the plan was")
    review(client, headers, right, [("communication", "negative")])
    review(client, headers, wrong, [("communication", "negative")], sentiment="negative")
    report = client.get("/api/v1/reviews/agreement", headers=headers).json()
    assert report["reviewed_answers"] == 2
    communication = next(t for t in report["themes"] if t["theme"] == "communication")
    assert communication["recall"] == 0.5 and communication["precision"] == 1.0
    assert report["sentiment_agreement"] == 1.0


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setenv("YOUSAID_LEARNING_MIN_REVIEWS", "12")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_enough_reviews_train_a_model_whose_suggestions_join_the_rules(client, db, small_threshold):
    headers = factories.auth(db, Role.rights_team)
    # The council's own way of saying its workers were hard to reach, which no rule knows.
    for n in range(8):
        stored = analysed(db, f"the duty desk was a brick wall every time number {n}")
        review(client, headers, stored, [("communication", "negative")])
    for n in range(6):
        stored = analysed(db, f"lovely lady and very kind to us {n}")
        review(client, headers, stored, [("caring", "positive")], sentiment="positive")
    model = learning.train_model(db)
    assert model is not None and model.active and model.model_npz
    assert model.metrics["labels"]["communication:negative"] == 8
    assert model.metrics["reviewed_answers"] == 14
    fresh = analysed(db, "honestly the duty desk is a brick wall")
    themes = {
        (t.theme, t.source)
        for t in db.scalars(select(AnswerTheme).where(AnswerTheme.response_id == fresh.id))
    }
    assert ("communication", "council") in themes


def test_training_waits_for_enough_reviews(db):
    assert learning.train_model(db) is None
    assert db.scalar(select(LearnedModel)) is None


def test_the_worker_does_not_retrain_away_a_model_that_learned_from_a_file(
    client, db, small_threshold
):
    from tests.analysis.test_council_evaluation import items

    headers = factories.auth(db, Role.rights_team)
    for n in range(12):
        stored = analysed(db, f"lovely lady and very kind to us {n}")
        review(client, headers, stored, [("caring", "positive")], sentiment="positive")
    from_file = learning.train_model(db, labelled=items())
    assert from_file is not None
    assert (from_file.metrics["labelled_file_answers"], from_file.reviewed_answers) == (56, 12)
    learning.learn(db, {})
    assert db.scalars(select(LearnedModel).where(LearnedModel.active)).one().id == from_file.id


def test_the_api_saves_one_review_on_identical_answers_when_asked(client, db):
    headers = factories.auth(db, Role.rights_team)
    first, *_ = (analysed(db, text) for text in ("She never rings back", "she never rings back!"))
    body = {
        "response": first.public_id,
        "question": "one_thing_to_change",
        "sentiment": "negative",
        "themes": [{"id": "communication", "polarity": "negative"}],
    }
    assert client.post("/api/v1/reviews", json=body, headers=headers).json()["answers"] == 1
    both = client.post("/api/v1/reviews", json=body | {"identical": True}, headers=headers)
    assert both.status_code == 201 and both.json()["answers"] == 2
