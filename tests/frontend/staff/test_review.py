"""Theme review: the rights team accepts or corrects; corrections replace the themes."""

from __future__ import annotations

from sqlalchemy import select

from api.answer_analysis import service as answer_analysis
from api.models import AnswerReview, AnswerTheme
from api.models.enums import Role
from tests import factories
from tests.staff_pages import csrf_of, signed_in


def respond(db, text):
    result = factories.response(
        db,
        team="north",
        answers=factories.parent_answers(one_thing_to_change=text, most_helpful=""),
    )
    answer_analysis.analyse_response(db, response_id=result.response.id)
    return result.response


def test_only_the_rights_team_and_admins_review(client, db):
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    assert signed_in(client, manager.email).get("/staff/review").status_code == 403


def test_untagged_answers_come_first_and_can_be_accepted(client, db):
    respond(db, "She never came when she said she would")
    untagged = respond(db, "The biscuits were <b>nice</b>")
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff/review").text
    assert page.index("biscuits") < page.index("never came")
    assert "&lt;b&gt;nice&lt;/b&gt;" in page
    accepted = client.post(
        "/staff/review",
        data={
            "csrf_token": csrf_of(page),
            "response": untagged.public_id,
            "question": "one_thing_to_change",
        },
        follow_redirects=False,
    )
    assert accepted.headers["location"] == "/staff/review?done=1"
    assert "biscuits" not in client.get("/staff/review").text  # reviewed: off the queue


def test_a_correction_replaces_the_themes(client, db):
    response = respond(db, "She never came when she said she would")
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    url = f"/staff/review/{response.public_id}/one_thing_to_change"
    form = client.get(url)
    assert form.status_code == 200 and 'value="negative" checked' in form.text
    missing = client.post(url, data={"csrf_token": csrf_of(form.text), "theme-caring": "positive"})
    assert missing.status_code == 422 and "Choose how the answer feels" in missing.text
    saved = client.post(
        url,
        data={
            "csrf_token": csrf_of(form.text),
            "theme-reliability": "negative",
            "theme-communication": "negative",
            "sentiment": "negative",
            "note": "Also about not ringing",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    themes = db.scalars(
        select(AnswerTheme.theme).where(AnswerTheme.response_id == response.id)
    ).all()
    assert sorted(themes) == ["communication", "reliability"]
    review = db.scalar(select(AnswerReview))
    assert review.reviewer_label == officer.email and review.note == "Also about not ringing"
