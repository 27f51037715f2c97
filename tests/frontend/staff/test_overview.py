"""The Overview page, for each role."""

from __future__ import annotations

from datetime import UTC, datetime

from api.models.enums import Role
from tests import factories
from tests.staff_pages import signed_in


def respond(db, team, n):
    for _ in range(n):
        factories.response(
            db,
            team=team,
            submitted_at=datetime.now(UTC),
            answers=factories.parent_answers(),
        )


def test_a_manager_sees_their_teams_figures_and_filters(client, db):
    respond(db, "north", 3)
    respond(db, "south", 12)
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    page = signed_in(client, manager.email).get("/staff").text
    assert '<span class="headline-number">3</span> responses' in page
    assert 'value="north"' in page and 'value="south"' not in page  # only their teams to pick
    assert "your teams only" in page


def test_the_rights_team_sees_everything_with_charts_and_tables(client, db):
    respond(db, "north", 3)
    respond(db, "south", 12)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff?period=3m").text
    assert '<span class="headline-number">15</span> responses' in page
    assert page.count('<svg class="chart"') >= 2 and page.count("<table") >= 2
    assert "Theme review" in page  # the rights team's own page is in the menu


def test_a_bad_filter_is_a_page_that_says_so(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff?audience=aliens")
    assert page.status_code == 422 and "Some filters could not be used" in page.text


def test_the_overview_names_surveys_as_the_digest_does(client, db):
    respond(db, "north", 12)
    officer = factories.staff_user(db, Role.rights_team)
    page = signed_in(client, officer.email).get("/staff?period=3m").text
    assert "Parents&#39; and carers&#39; survey" in page and "Parent carer" not in page
