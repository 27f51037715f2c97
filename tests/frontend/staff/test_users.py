"""Teams and users: only admins; a new person gets a temporary password once; deactivating
signs them out; a reset unlocks."""

from __future__ import annotations

import re

from sqlalchemy import select

from api.models import AuditEvent, StaffUser, Team
from api.models.enums import Role
from tests import factories
from tests.staff_pages import csrf_of, sign_in, signed_in


def test_only_admins_manage_people(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    assert signed_in(client, officer.email).get("/staff/users").status_code == 403


def test_an_admin_adds_a_practitioner_who_must_choose_a_password(client, db):
    factories.team(db, "north")
    boss = factories.staff_user(db, Role.admin)
    signed_in(client, boss.email)
    token = csrf_of(client.get("/staff/users").text)
    no_team = client.post(
        "/staff/users",
        data={"csrf_token": token, "email": "new@council.example", "role": "practitioner"},
    )
    assert no_team.status_code == 422 and "choose at least one" in no_team.text
    added = client.post(
        "/staff/users",
        data={
            "csrf_token": token,
            "email": "New@Council.example",
            "display_name": "Nia <i>New</i>",
            "role": "practitioner",
            "teams": "north",
        },
    )
    assert added.status_code == 200 and "&lt;i&gt;New&lt;/i&gt;" in added.text
    temporary = re.search(r"<code>([^<]+)</code>", added.text).group(1)
    again = client.post(
        "/staff/users",
        data={"csrf_token": token, "email": "new@council.example", "role": "admin"},
    )
    assert again.status_code == 422 and "already a user" in again.text
    client.cookies.clear()
    first = sign_in(client, "new@council.example", password=temporary)
    assert first.headers["location"] == "/staff/password"
    assert db.scalar(select(AuditEvent).where(AuditEvent.action == "user.created"))


def test_deactivating_signs_a_person_out_and_a_reset_unlocks(client, db):
    person = factories.staff_user(db, Role.manager, teams=["north"])
    other = client.__class__(client.app)
    signed_in(other, person.email)
    boss = factories.staff_user(db, Role.admin)
    signed_in(client, boss.email)
    form = client.get(f"/staff/users/{person.id}")
    token = csrf_of(form.text)
    saved = client.post(
        f"/staff/users/{person.id}",
        data={"csrf_token": token, "role": "manager", "teams": "north"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert other.get("/staff", follow_redirects=False).status_code == 303  # signed out
    client.post(
        f"/staff/users/{person.id}",
        data={"csrf_token": token, "role": "manager", "teams": "north", "active": "yes"},
    )
    for _ in range(5):
        sign_in(other, person.email, password="wrong")
    assert "locked" in client.get(f"/staff/users/{person.id}").text
    reset = client.post(f"/staff/users/{person.id}/reset", data={"csrf_token": token})
    temporary = re.search(r"<code>([^<]+)</code>", reset.text).group(1)
    assert sign_in(other, person.email, password=temporary).status_code == 303


def test_an_admin_cannot_demote_themselves_and_adds_teams(client, db):
    boss = factories.staff_user(db, Role.admin)
    signed_in(client, boss.email)
    token = csrf_of(client.get("/staff/users").text)
    demoted = client.post(
        f"/staff/users/{boss.id}", data={"csrf_token": token, "role": "manager", "teams": ""}
    )
    assert demoted.status_code == 422
    assert db.get(StaffUser, boss.id).role is Role.admin
    bad = client.post("/staff/teams", data={"csrf_token": token, "slug": "Not OK!", "name": "x"})
    assert bad.status_code == 422 and "lower-case" in bad.text
    good = client.post(
        "/staff/teams",
        data={
            "csrf_token": token,
            "slug": "early-help",
            "name": "Early help",
            "service_area": "early_help",
        },
    )
    assert "Team Early help added." in good.text
    assert db.scalar(select(Team.name).where(Team.slug == "early-help")) == "Early help"


def test_an_admin_gives_a_team_its_welsh_name_when_adding_it_and_later(client, db):
    boss = factories.staff_user(db, Role.admin)
    signed_in(client, boss.email)
    token = csrf_of(client.get("/staff/users").text)
    client.post(
        "/staff/teams",
        data={
            "csrf_token": token,
            "slug": "early-help",
            "name": "Early help",
            "name_cy": "Help cynnar",
            "service_area": "early_help",
        },
    )
    team = db.scalar(select(Team).where(Team.slug == "early-help"))
    assert (team.name, team.name_cy) == ("Early help", "Help cynnar")
    renamed = client.post(
        "/staff/teams/early-help/welsh-name",
        data={"csrf_token": token, "name_cy": "Cymorth cynnar"},
    )
    assert "Welsh name of Early help saved." in renamed.text
    assert 'value="Cymorth cynnar"' in renamed.text
    db.refresh(team)
    assert team.name_cy == "Cymorth cynnar"
    too_long = client.post(
        "/staff/teams/early-help/welsh-name", data={"csrf_token": token, "name_cy": "x" * 201}
    )
    assert too_long.status_code == 422
    nobody = client.post("/staff/teams/no-such/welsh-name", data={"csrf_token": token})
    assert nobody.status_code == 422
