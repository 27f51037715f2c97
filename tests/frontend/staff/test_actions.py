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
    no_welsh = client.post(f"{url}/publish", data={"csrf_token": token, "published": "yes"})
    assert no_welsh.status_code == 422 and "Add the Welsh" in no_welsh.text
    welsh = fields | {
        "you_said_cy": "Ni ddaeth gweithwyr pan ddywedon nhw",
        "we_did_cy": "Mae pob ymweliad yn cael ei gadarnhau",
    }
    assert client.post(url, data=welsh, follow_redirects=False).status_code == 303
    published = client.post(f"{url}/publish", data={"csrf_token": token, "published": "yes"})
    assert "Published: it is on the public pages now." in published.text
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
