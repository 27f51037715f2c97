"""The surveys page: every question in both languages, and what each text costs."""

from __future__ import annotations

from api.models.enums import Role
from tests import factories
from tests.staff_pages import signed_in


def test_a_survey_shows_its_questions_in_both_languages_and_its_texts_costs(client, db):
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    signed_in(client, practitioner.email)
    index = client.get("/staff/surveys").text
    assert '/staff/surveys/parent-carer/1"' in index and '/staff/surveys/parent-carer/2"' in index
    page = client.get("/staff/surveys/parent-carer/1").text
    assert "I felt listened to and understood" in page and 'lang="cy"' in page
    assert "Are you worried about a child&#39;s safety right now?" in (
        client.get("/staff/surveys/parent-carer/2").text
    )
    newest = client.get("/staff/surveys/parent-carer/3").text  # texts are costed for the newest
    # v3: at the front door ("while we work with you") in the present, at closure as before.
    assert "I feel listened to and understood" in newest
    assert "I felt listened to and understood" in newest
    assert "GSM-7" in newest and "Segments" in newest
    assert client.get("/staff/surveys/parent-carer/99").status_code == 404
