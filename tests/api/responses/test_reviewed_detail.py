"""GET /api/v1/responses/{id}: a reviewed answer returns its reviewer's themes and feeling,
who reviewed it and when, and the analysis's suggestion under its own key."""

from __future__ import annotations

from api.answer_analysis import service as answer_analysis
from api.models.enums import Role
from tests import factories

WELSH = "Roedd hi'n siarad gyda fi bob wythnos"


def analysed(db, text, team="front-door"):
    stored = factories.response(
        db, team=team, answers={"one_thing_to_change": text}, language="cy"
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    return stored


def free_text(client, headers, stored):
    detail = client.get(f"/api/v1/responses/{stored.public_id}", headers=headers)
    assert detail.status_code == 200
    return next(a for a in detail.json()["answers"] if a["question"] == "one_thing_to_change")


def test_a_corrected_welsh_answer_returns_the_reviewers_themes(client, db):
    stored = analysed(db, WELSH)
    officer = factories.auth(db, Role.rights_team)
    before = free_text(client, officer, stored)
    assert before["themes"] == [] and before["reviewed"] is None
    saved = client.post(
        "/api/v1/reviews",
        json={
            "response": stored.public_id,
            "question": "one_thing_to_change",
            "themes": [{"id": "communication", "polarity": "positive"}],
            "sentiment": "positive",
        },
        headers=officer,
    )
    assert saved.status_code == 201
    after = free_text(client, officer, stored)
    assert [(t["id"], t["polarity"]) for t in after["themes"]] == [("communication", "positive")]
    assert after["sentiment"] == {"label": "positive", "score": None}
    assert after["reviewed"]["by"] and after["reviewed"]["at"]
    assert after["suggested"]["themes"] == []
    assert after["suggested"]["sentiment"]["label"] == before["sentiment"]["label"]


def test_a_practitioner_sees_the_reviewers_themes_too(client, db):
    stored = analysed(db, "She never rings me back when she says she will")
    officer = factories.auth(db, Role.rights_team)
    client.post(
        "/api/v1/reviews",
        json={
            "response": stored.public_id,
            "question": "one_thing_to_change",
            "themes": [],
            "sentiment": "negative",
        },
        headers=officer,
    )
    practitioner = factories.auth(db, Role.practitioner, ["front-door"])
    shown = free_text(client, practitioner, stored)
    assert shown["themes"] == []  # "no theme" is the person's word, not a gap to fill
    assert shown["reviewed"] is not None
    assert shown["suggested"]["themes"]  # the analysis did tag it
    assert all(t["evidence"] is None for t in shown["suggested"]["themes"])  # no raw words


def test_an_unreviewed_answer_returns_the_analysis_and_no_reviewer(client, db):
    stored = analysed(db, "She never rings me back when she says she will")
    shown = free_text(client, factories.auth(db, Role.rights_team), stored)
    assert shown["reviewed"] is None
    assert [t["id"] for t in shown["themes"]] == [t["id"] for t in shown["suggested"]["themes"]]
