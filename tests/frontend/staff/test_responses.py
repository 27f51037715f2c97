"""Responses on the staff pages: practitioners see redacted words, others raw and audited;
search finds words, never names."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from api.answer_analysis import service as answer_analysis
from api.models import AuditEvent
from api.models.enums import Role
from tests import factories
from tests.staff_pages import signed_in

TEXT = "Sarah Jones never rang back on 07700 900123 <script>alert(1)</script>, so frustrating"


def respond(db, team="north", text=TEXT):
    result = factories.response(
        db,
        team=team,
        submitted_at=datetime.now(UTC),
        answers=factories.parent_answers(one_thing_to_change=text, most_helpful=""),
        respondent_name="Sarah Jones",
    )
    answer_analysis.analyse_response(db, response_id=result.response.id)
    return result.response


def raw_views(db) -> int:
    return db.scalar(select(func.count()).where(AuditEvent.action == "response.view_raw"))


def test_a_practitioner_sees_only_redacted_words_and_no_name(client, db):
    response = respond(db)
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    signed_in(client, practitioner.email)
    listing = client.get("/staff/responses").text
    page = client.get(f"/staff/responses/{response.public_id}").text
    for text in (listing, page):
        assert "07700 900123" not in text and "Sarah" not in text
        assert "<script>alert(1)" not in text
    assert "Names and numbers removed" in page
    assert raw_views(db) == 0


def test_a_manager_sees_the_raw_words_escaped_and_the_view_is_audited(client, db):
    response = respond(db)
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    listing = client.get("/staff/responses").text
    assert "07700 900123" not in listing and raw_views(db) == 0  # the list is redacted
    page = client.get(f"/staff/responses/{response.public_id}").text
    assert "07700 900123" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Sarah Jones" in page and raw_views(db) == 1


def test_another_teams_response_is_not_found(client, db):
    response = respond(db, team="south")
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    assert client.get(f"/staff/responses/{response.public_id}").status_code == 404
    assert response.public_id not in client.get("/staff/responses").text


def test_search_finds_words_but_not_names_and_filters_by_theme(client, db):
    respond(db)
    respond(db, text="My worker was kind and really listened to us")
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    assert "2 responses" in client.get("/staff/responses").text
    assert "1 response," in client.get("/staff/responses?q=frustrating").text
    assert "0 responses" in client.get("/staff/responses?q=Sarah").text
    assert "0 responses" in client.get("/staff/responses?q=07700").text
    assert "1 response," in client.get("/staff/responses?theme=listened_to").text
    assert "0 responses" in client.get("/staff/responses?q=%25_%5C").text  # LIKE's wildcards
    assert client.get("/staff/responses?theme=nonsense").status_code == 422


def test_a_response_names_its_team_point_and_survey_not_their_slugs(client, db):
    response = respond(db, team="cin-cp")  # answered at "closure"
    manager = factories.staff_user(db, Role.manager, teams=["cin-cp"])
    signed_in(client, manager.email)
    page = client.get(f"/staff/responses/{response.public_id}").text
    summary = page.split('class="summary-list"')[1].split("</dl>")[0]
    assert "Cin Cp" in summary and ">cin-cp<" not in summary  # the stored name
    assert "Case closure" in summary and ">closure<" not in summary
    assert "Parents&#39; and carers&#39; survey" in summary
