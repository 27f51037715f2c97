"""Forums from the dashboard: added and changed through the same definition as the API."""

from __future__ import annotations

from sqlalchemy import select

from api.forums import service as forums
from api.models import Forum
from api.models.enums import Role
from tests import factories
from tests.staff_pages import csrf_of, signed_in


def test_the_rights_team_adds_a_forum_that_hears_a_teams_worries(client, db):
    factories.team(db, "north")
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    form = client.get("/staff/forums/new")
    assert form.status_code == 200
    fields = {
        "csrf_token": csrf_of(form.text),
        "key": "north-huddle",
        "name": "North huddle <b>",
        "name_cy": "Cyfarfod byr y Gogledd",
        "purpose": "Reflect on worries",
        "cadence": "fortnightly",
        "weekday": "wed",
        "day_of_month": "1",
        "at": "10:30",
        "members": "a@council.example\nb@council.example",
        "active": "yes",
        "rule-0-teams": "north",
        "rule-0-themes": ["reliability", "communication"],
        "rule-0-polarity": "negative",
    }
    saved = client.post("/staff/forums/new", data=fields, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    row = db.scalar(select(Forum).where(Forum.key == "north-huddle"))
    definition = forums.definition_of(row)
    assert row.name_cy == definition.name_cy == "Cyfarfod byr y Gogledd"
    assert 'value="Cyfarfod byr y Gogledd"' in client.get("/staff/forums/north-huddle/edit").text
    assert definition.schedule.cadence == "fortnightly" and definition.schedule.weekday == "wed"
    assert definition.members == ["a@council.example", "b@council.example"]
    [rule] = definition.rules
    assert rule.teams == ["north"] and rule.polarity.value == "negative"
    index = client.get("/staff/digests").text
    assert "North huddle &lt;b&gt;" in index and "worries about doing what they said" in index


def test_a_forum_needs_a_rule_and_real_addresses_and_keeps_its_webhook(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    token = csrf_of(client.get("/staff/forums/new").text)
    base = {"csrf_token": token, "key": "x-forum", "name": "X", "cadence": "weekly"}
    no_rule = client.post("/staff/forums/new", data=base)
    assert no_rule.status_code == 422 and "at least one rule" in no_rule.text
    bad = client.post(
        "/staff/forums/new",
        data=base | {"members": "not an address", "rule-0-everything": "yes"},
    )
    assert bad.status_code == 422 and "Not email addresses" in bad.text
    ok = client.post(
        "/staff/forums/new",
        data=base
        | {
            "rule-0-everything": "yes",
            "teams_webhook_url": "https://council.webhook.office.com/webhookb2/abc",
            "active": "yes",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303
    edit = client.get("/staff/forums/x-forum/edit").text
    assert "webhook.office.com" not in edit and "A webhook is set" in edit
    renamed = client.post(
        "/staff/forums/x-forum/edit",
        data=base | {"name": "Renamed", "rule-0-everything": "yes", "active": "yes"},
        follow_redirects=False,
    )
    assert renamed.status_code == 303
    row = db.scalar(select(Forum).where(Forum.key == "x-forum"))
    assert row.name == "Renamed" and row.teams_webhook_encrypted is not None


def test_managers_do_not_edit_forums(client, db):
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    assert signed_in(client, manager.email).get("/staff/forums/new").status_code == 403


def test_a_forums_digest_language_is_chosen_in_the_editor(client, db):
    factories.team(db, "north")
    signed_in(client, factories.staff_user(db, Role.rights_team).email)
    form = client.get("/staff/forums/new")
    assert 'name="language" value="en" checked' in form.text
    fields = {
        "csrf_token": csrf_of(form.text),
        "key": "welsh-huddle",
        "name": "Huddle",
        "cadence": "weekly",
        "weekday": "mon",
        "at": "09:00",
        "members": "a@council.example",
        "active": "yes",
        "rule-0-everything": "yes",
        "language": "cy",
    }
    saved = client.post("/staff/forums/new", data=fields, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    row = db.scalar(select(Forum).where(Forum.key == "welsh-huddle"))
    assert forums.definition_of(row).language == "cy"


def test_what_the_forum_form_checks_is_said_in_welsh_to_a_welsh_reader(client, db):
    import html

    officer = factories.staff_user(db, Role.rights_team)
    officer.language = "cy"
    db.flush()
    signed_in(client, officer.email)
    token = csrf_of(client.get("/staff/forums/new").text)
    base = {"csrf_token": token, "key": "x-forum", "cadence": "weekly", "rule-0-everything": "yes"}
    long = client.post("/staff/forums/new", data=base | {"name": "X" * 500})
    said = html.unescape(long.text)
    assert long.status_code == 422
    assert "Enw: cadwch e o dan" in said and "String should have" not in said
    bad = html.unescape(
        client.post("/staff/forums/new", data=base | {"name": "X", "members": "nope"}).text
    )
    assert "Value error" not in bad and "Nid cyfeiriadau e-bost: nope" in bad
    assert "Enw: nid" not in bad  # the check is about the members, not the name
