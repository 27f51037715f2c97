"""Forums through the API and the seed file."""

import pytest
from sqlalchemy import select

from api.core import crypto
from api.forums import service as forums
from api.models import Forum
from api.models.enums import Role
from tests import factories


def body(**overrides):
    value = {
        "key": "north-managers",
        "name": "North team managers",
        "purpose": "Reliability and communication",
        "schedule": {"cadence": "weekly", "weekday": "mon", "at": "09:00"},
        "members": ["manager@council.example"],
        "teams_webhook_url": "https://council.webhook.office.com/webhookb2/secret",
        "rules": [{"teams": ["north-cin"], "themes": ["reliability"], "polarity": "negative"}],
    }
    value.update(overrides)
    return value


@pytest.fixture
def rights(db):
    factories.team(db, "north-cin")
    return factories.auth(db, Role.rights_team)


def test_the_rights_team_adds_a_forum_and_the_webhook_stays_secret(client, db, rights):
    created = client.post("/api/v1/forums", json=body(), headers=rights)
    assert created.status_code == 201, created.text
    assert created.json()["has_teams_webhook"] is True
    assert "secret" not in created.text
    row = db.scalar(select(Forum))
    assert "secret" not in str(row.definition) and "secret" not in row.teams_webhook_encrypted
    assert "secret" in crypto.decrypt(row.teams_webhook_encrypted)
    listed = client.get("/api/v1/forums", headers=rights).json()
    assert [f["key"] for f in listed] == ["north-managers"]


def test_a_forum_is_replaced_whole_but_keeps_its_key(client, db, rights):
    client.post("/api/v1/forums", json=body(), headers=rights)
    changed = client.put(
        "/api/v1/forums/north-managers", json=body(name="North managers"), headers=rights
    )
    assert changed.json()["name"] == "North managers"
    renamed = client.put("/api/v1/forums/north-managers", json=body(key="other"), headers=rights)
    assert renamed.status_code == 422


@pytest.mark.parametrize(
    "change",
    [
        {"rules": [{"teams": ["nowhere"]}]},
        {"rules": []},
        {"members": ["not an address"]},
        {"schedule": {"cadence": "daily"}},
        {"rules": [{"themes": ["reliability"], "colour": "red"}]},
    ],
)
def test_bad_forums_are_refused(client, rights, change):
    assert client.post("/api/v1/forums", json=body(**change), headers=rights).status_code == 422


def test_the_same_key_twice_is_a_conflict(client, rights):
    client.post("/api/v1/forums", json=body(), headers=rights)
    assert client.post("/api/v1/forums", json=body(), headers=rights).status_code == 409


def test_a_manager_sees_only_the_forums_they_are_in_and_cannot_add_one(client, db, rights):
    client.post("/api/v1/forums", json=body(), headers=rights)
    manager = factories.auth(db, Role.manager, teams=["north-cin"])
    assert client.get("/api/v1/forums", headers=manager).json() == []
    assert client.post("/api/v1/forums", json=body(key="x"), headers=manager).status_code == 403


def test_the_demo_seed_file_loads_once_and_keeps_api_edits(db):
    for slug in ("front-door", "assessment", "children-in-care"):
        factories.team(db, slug)
    added = forums.sync_file(db, forums.DEMO_FORUMS)
    assert len(added) == 5
    row = db.scalar(select(Forum).where(Forum.key == "restorative-huddle"))
    row.name = "Renamed by the API"
    assert forums.sync_file(db, forums.DEMO_FORUMS) == []
    assert db.scalar(select(Forum.name).where(Forum.key == "restorative-huddle")) == (
        "Renamed by the API"
    )


def test_a_member_sees_their_forum(client, db, rights):
    from api.accounts import service as accounts

    client.post("/api/v1/forums", json=body(), headers=rights)
    user = accounts.create_user(
        db, email="manager@council.example", role=Role.manager, team_slugs=["north-cin"]
    )
    token = accounts.create_token(db, user=user)
    listed = client.get("/api/v1/forums", headers={"Authorization": f"Bearer {token}"}).json()
    assert [f["key"] for f in listed] == ["north-managers"]


def test_a_webhook_that_is_not_microsofts_is_refused_saying_why(client, db, rights):
    refused = client.post(
        "/api/v1/forums",
        json=body(teams_webhook_url="https://169.254.169.254/latest/meta-data"),
        headers=rights,
    )
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["field"] == "teams_webhook_url"
    assert "not a numeric IP address" in error["message"]
    plain = client.post(
        "/api/v1/forums",
        json=body(teams_webhook_url="http://council.webhook.office.com/webhookb2/x"),
        headers=rights,
    )
    assert plain.status_code == 422 and "https://" in plain.text
    assert db.scalar(select(Forum)) is None


def test_a_forum_has_a_welsh_name_through_the_api(client, db, rights):
    created = client.post(
        "/api/v1/forums", json=body(name_cy="Rheolwyr timau'r Gogledd"), headers=rights
    )
    assert created.status_code == 201, created.text
    assert created.json()["name_cy"] == "Rheolwyr timau'r Gogledd"
    row = db.scalar(select(Forum))
    assert row.name_cy == "Rheolwyr timau'r Gogledd" and "name_cy" not in row.definition
