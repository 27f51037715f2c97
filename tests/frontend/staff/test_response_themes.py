"""A response's page shows an answer's themes as they stand: a reviewer's once reviewed, with
who and when, and what the analysis suggested only on asking."""

from __future__ import annotations

from api.accounts.scope import Scope
from api.models.enums import Role
from api.reviews import service as reviews
from api.reviews.schemas import ReviewCreate
from tests import factories
from tests.api.reviews.answers import QUESTION, answer
from tests.staff_pages import signed_in


def test_a_correction_shows_on_the_response_page_with_who_and_when(client, db):
    stored = answer(db, "Roedd hi'n garedig", themes=(), team="north")
    officer = factories.staff_user(db, Role.rights_team)
    reviews.review(
        db,
        Scope(role=Role.rights_team, label=officer.email, user_id=officer.id),
        correction=ReviewCreate(
            response=stored.public_id,
            question=QUESTION,
            themes=[{"id": "caring", "polarity": "positive"}],
            sentiment="positive",
        ),
    )
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    page = signed_in(client, practitioner.email).get(f"/staff/responses/{stored.public_id}").text
    themes = page[page.index("Roedd hi") :]
    assert "Kindness and care: praise" in themes and "feeling positive" in themes
    assert f"Reviewed by {officer.display_name} on" in themes
    assert "<summary>What the analysis suggested</summary>" in themes
    suggested = themes[themes.index("<summary>") : themes.index("</details>")]
    assert "No theme." in suggested and "feeling negative" in suggested


def test_an_unreviewed_answer_shows_the_analysis_and_no_reviewer(client, db):
    stored = answer(db, "She never rings back", team="north")
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get(f"/staff/responses/{stored.public_id}").text
    assert "Keeping in touch: worry" in page
    assert "Reviewed by" not in page and "What the analysis suggested" not in page
