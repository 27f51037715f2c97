"""You said, we did from the staff pages: written from a theme, published only with Welsh."""

from __future__ import annotations

from sqlalchemy import select

from api.models import Action
from api.models.enums import Role
from tests import factories
from tests.staff_pages import csrf_of, signed_in


def test_an_officer_writes_an_action_from_a_theme_and_publishes_it(client, db):
    factories.team(db, "north")
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    form = client.get("/staff/actions/new?theme=reliability")
    assert 'value="reliability" checked' in form.text
    token = csrf_of(form.text)
    fields = {
        "csrf_token": token,
        "team": "north",
        "you_said": "Workers did not come when they said <script>x</script>",
        "we_did": "Every visit is now confirmed by text the day before",
        "owner": "Front door team manager",
        "due_on": "2026-12-31",
        "status": "in_progress",
        "themes": "reliability",
    }
    created = client.post("/staff/actions/new", data=fields, follow_redirects=False)
    assert created.status_code == 303
    url = created.headers["location"].split("?")[0]
    no_welsh = client.post(url, data=fields | {"then": "publish", "we_did": "Changed"})
    assert no_welsh.status_code == 422
    assert "Add the Welsh of what people said before publishing" in no_welsh.text
    assert "Changed" in no_welsh.text  # what was typed is kept on the page ...
    assert db.scalar(select(Action.we_did_en)) == fields["we_did"]  # ... and nothing written
    # The Welsh typed into the same form is saved and published in one press.
    welsh = fields | {
        "you_said_cy": "Ni ddaeth gweithwyr pan ddywedon nhw",
        "we_did_cy": "Mae pob ymweliad yn cael ei gadarnhau",
        "then": "publish",
    }
    published = client.post(url, data=welsh)
    assert "Published: it is on the public pages now." in published.text
    assert db.scalar(select(Action.we_did_cy)) == welsh["we_did_cy"]
    assert "Save and stop publishing" in published.text
    public = client.get("/you-said-we-did").text
    assert "Every visit is now confirmed" in public and "<script>x" not in public
    listing = client.get("/staff/actions").text
    assert "&lt;script&gt;x&lt;/script&gt;" in listing and "Published" in listing


def test_missing_and_bad_fields_are_shown_and_nothing_is_saved(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    token = csrf_of(client.get("/staff/actions/new").text)
    response = client.post(
        "/staff/actions/new",
        data={"csrf_token": token, "you_said": "x" * 1001, "due_on": "soon", "themes": "nope"},
    )
    assert response.status_code == 422
    for message in ("Enter what we did", "Enter owner", "under 1,000", "due date"):
        assert message in response.text, message
    assert db.scalar(select(Action)) is None


def test_a_manager_writes_only_for_their_teams(client, db):
    factories.team(db, "south")
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    signed_in(client, manager.email)
    form = client.get("/staff/actions/new")
    assert 'value="south"' not in form.text and "Council-wide" not in form.text
    response = client.post(
        "/staff/actions/new",
        data={
            "csrf_token": csrf_of(form.text),
            "team": "south",
            "you_said": "a",
            "we_did": "b",
            "owner": "c",
        },
    )
    assert response.status_code == 422 and "not one of your teams" in response.text


def test_practitioners_do_not_write_actions(client, db):
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    assert signed_in(client, practitioner.email).get("/staff/actions").status_code == 403


def test_a_new_action_is_saved_and_published_in_one_press_only_with_its_welsh(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    token = csrf_of(client.get("/staff/actions/new").text)
    fields = {
        "csrf_token": token,
        "you_said": "Letters were hard to read",
        "we_did": "Letters are now in plain words",
        "owner": "Rights team",
        "then": "publish",
    }
    refused = client.post("/staff/actions/new", data=fields | {"you_said_cy": "Llythyrau"})
    assert refused.status_code == 422 and db.scalar(select(Action)) is None
    assert "Add the Welsh of what we did before publishing" in refused.text
    assert "Add the Welsh of what people said" not in refused.text  # that one was typed
    assert 'lang="cy" aria-describedby="you_said_cy-hint">Llythyrau</textarea>' in refused.text
    done = client.post(
        "/staff/actions/new",
        data=fields | {"you_said_cy": "Llythyrau", "we_did_cy": "Geiriau plaen"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and "published=1" in done.headers["location"]
    assert db.scalar(select(Action.published_at)) is not None
    stopped = client.post(
        done.headers["location"].split("?")[0],
        data=fields
        | {"you_said_cy": "Llythyrau", "we_did_cy": "Geiriau plaen", "then": "unpublish"},
    )
    assert "No longer on the public pages." in stopped.text
    assert db.scalar(select(Action.published_at)) is None
