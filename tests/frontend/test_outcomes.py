"""The public "You said, we did": a plan or work in progress never reads as done."""

from __future__ import annotations

from html import unescape

from api.models.enums import Role
from tests import factories
from tests.api.actions.test_actions import ACTION, WELSH


def publish(client, headers, **changes) -> None:
    made = client.post("/api/v1/actions", json=ACTION | WELSH | changes, headers=headers).json()
    assert client.post(f"/api/v1/actions/{made['id']}/publish", headers=headers).status_code == 200


def test_each_action_says_how_far_it_has_got_in_both_languages(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.manager, ["front-door"])
    publish(client, headers, status="in_progress", due_on="2027-01-31")
    english = client.get("/you-said-we-did/front-door").text
    assert "<h2>We are doing</h2>" in english and "<h2>We did</h2>" not in english
    assert "To be done by 31 January 2027" in english
    welsh = unescape(client.get("/you-said-we-did/front-door?lang=cy").text)
    assert "<h2>Rydyn ni'n gwneud</h2>" in welsh
    assert "I'w wneud erbyn 31 Ionawr 2027" in welsh


def test_a_finished_action_says_we_did_and_no_due_date(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.manager, ["front-door"])
    publish(client, headers, status="done")
    page = client.get("/you-said-we-did").text
    assert "<h2>We did</h2>" in page and "To be done by" not in page


def test_a_planned_action_says_what_we_will_do(client, db):
    factories.team(db, "front-door")
    headers = factories.auth(db, Role.manager, ["front-door"])
    publish(client, headers)  # planned, due 31 December 2026
    page = client.get("/you-said-we-did").text
    assert "<h2>We will do</h2>" in page and "To be done by 31 December 2026" in page


def test_a_welsh_page_names_the_team_in_welsh_and_an_english_one_in_english(client, db):
    factories.team(db, "assessment").name_cy = "Tîm Asesu"
    db.flush()
    welsh = unescape(client.get("/you-said-we-did/assessment?lang=cy").text)
    assert "Dywedoch chi, gwnaethon ni: Tîm Asesu</h1>" in welsh
    english = client.get("/you-said-we-did/assessment?lang=en").text
    assert "You said, we did: Assessment</h1>" in english


def test_a_team_with_no_welsh_name_yet_keeps_its_english_one_in_welsh(client, db):
    factories.team(db, "front-door")
    welsh = unescape(client.get("/you-said-we-did/front-door?lang=cy").text)
    assert "Dywedoch chi, gwnaethon ni: Front Door</h1>" in welsh


def test_each_action_names_its_team_or_says_it_is_council_wide(client, db):
    factories.team(db, "front-door").name = "Front Door"
    headers = factories.auth(db, Role.admin)
    publish(client, headers, team="front-door")
    publish(client, headers, team=None)
    page = client.get("/you-said-we-did").text
    assert "Team: Front Door" in page and "Across the council" in page
    welsh = unescape(client.get("/you-said-we-did?lang=cy").text)
    # The team's Welsh name where it has one; until then its English name.
    assert "Tîm: Front Door" in welsh and "Ar draws y cyngor" in welsh
