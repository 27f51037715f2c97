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


def links(html: str, text: str) -> list[str]:
    """The hrefs of the links whose words start with `text`, unescaped."""
    import html as markup
    import re

    return [
        markup.unescape(href)
        for href, words in re.findall(r'<a href="([^"]+)"[^>]*>([^<]*)</a>', html)
        if words.strip().startswith(text)
    ]


STATE = "period=12m&team=north&q=rang&theme=communication"


def test_the_filters_ride_on_paging_each_response_and_the_export_link(client, db):
    for _ in range(27):
        respond(db, text="Nobody rang me back for weeks")
    respond(db, team="south", text="Nobody rang me back for weeks")
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    page = client.get(f"/staff/responses?{STATE}").text
    assert "27 responses" in page and "page 1 of 2" in page
    (next_page,) = links(page, "Next page")
    assert next_page == f"/staff/responses?{STATE}&page=2"
    (export,) = links(page, "Export these responses")
    assert export == f"/staff/export?{STATE}"
    second = client.get(next_page).text
    opened = [h for h in links(second, "") if h.startswith("/staff/responses/")]
    assert len(opened) == 2 and all(h.endswith(f"?{STATE}&page=2") for h in opened)
    # One form: the words, the period, the team and the theme go together.
    assert page.count("<form") == 3  # the filters, the language switch, and signing out
    assert 'value="rang"' in page and 'value="communication" selected' in page


def test_a_response_has_previous_next_and_back_to_the_same_list_page(client, db):
    ids = [respond(db, text="Nobody rang me back for weeks").public_id for _ in range(27)]
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    newest_first = ids[::-1]  # stored a moment apart: the list shows the newest first
    listed = client.get(f"/staff/responses?{STATE}&page=2").text
    first_on_page_2 = newest_first[25]
    assert f"/staff/responses/{first_on_page_2}?" in listed
    shown = client.get(f"/staff/responses/{first_on_page_2}?{STATE}&page=2").text
    assert links(shown, "Previous response") == [f"/staff/responses/{newest_first[24]}?{STATE}"]
    assert links(shown, "Next response") == [f"/staff/responses/{newest_first[26]}?{STATE}"]
    assert links(shown, "Back to responses") == [f"/staff/responses?{STATE}&page=2"]
    on_page_1 = client.get(f"/staff/responses/{newest_first[24]}?{STATE}").text
    assert links(on_page_1, "Back to responses") == [f"/staff/responses?{STATE}"]


def test_bad_filters_are_a_clear_page_not_an_error(client, db):
    response_id = respond(db).public_id
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    for url in (
        "/staff/responses?question=listened_to&rating=9",
        "/staff/responses?rating=1-2",
        "/staff/responses?feeling=cross",
        f"/staff/responses/{response_id}?reviewed=perhaps",
    ):
        response = client.get(url)
        assert response.status_code == 422, url
        assert "Check what you entered" in response.text and "filters" in response.text


def test_a_response_names_its_team_point_and_survey_not_their_slugs(client, db):
    response = respond(db, team="cin-cp")  # answered at "closure"
    manager = factories.staff_user(db, Role.manager, teams=["cin-cp"])
    signed_in(client, manager.email)
    page = client.get(f"/staff/responses/{response.public_id}").text
    summary = page.split('class="summary-list"')[1].split("</dl>")[0]
    assert "Cin Cp" in summary and ">cin-cp<" not in summary  # the stored name
    assert "Case closure" in summary and ">closure<" not in summary
    assert "Parents&#39; and carers&#39; survey" in summary


def test_two_teams_list_both_and_every_link_keeps_both(client, db):
    north, south = respond(db, text="Nobody rang me back"), respond(db, "south", "Nobody rang")
    west = respond(db, "west", text="Nobody rang me back either")
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    page = client.get("/staff/responses?period=12m&team=north&team=south").text
    assert north.public_id in page and south.public_id in page and west.public_id not in page
    # Both boxes ticked in the one form, and the fold names the two teams chosen.
    assert 'name="team" value="north" checked' in page
    assert 'name="team" value="south" checked' in page
    assert 'name="team" value="west" checked' not in page
    assert "North, South" in page
    (export,) = links(page, "Export these responses")
    assert export == "/staff/export?period=12m&team=north&team=south"
    opened = client.get(f"/staff/responses/{north.public_id}?period=12m&team=north&team=south")
    assert links(opened.text, "Back to responses") == [
        "/staff/responses?period=12m&team=north&team=south"
    ]


def test_other_filters_take_several_values_too(client, db):
    web = factories.response(db, team="north", channel="web", submitted_at=datetime.now(UTC))
    sms = factories.response(db, team="north", channel="sms", submitted_at=datetime.now(UTC))
    qr = factories.response(db, team="north", channel="qr", submitted_at=datetime.now(UTC))
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    page = client.get("/staff/responses?period=12m&channel=web&channel=sms").text
    shown = [r.response.public_id in page for r in (web, sms, qr)]
    assert shown == [True, True, False]
    assert 'name="channel" value="sms" checked' in page
    assert client.get("/staff/responses?channel=web&channel=fax").status_code == 422
