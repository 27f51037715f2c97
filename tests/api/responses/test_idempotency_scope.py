"""Idempotency keys belong to the caller's team: one team's key never meets another's, and a
409 never tells one team that another team used a key."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from api.models import Response
from api.models.enums import Role
from api.responses import intake
from tests import factories
from tests.api.responses.test_routes import body


@pytest.fixture
def two_teams(db):
    north = factories.auth(db, Role.manager, teams=["north"])
    south = factories.auth(db, Role.manager, teams=["south"])
    return north, south


def post(client, auth, key, **changes):
    return client.post(
        "/api/v1/responses", json=body(**changes), headers={**auth, "Idempotency-Key": key}
    )


def test_two_teams_using_one_key_each_store_their_own_response(client, db, two_teams):
    north, south = two_teams
    first = post(client, north, "case-42", team="north")
    other = post(
        client, south, "case-42", team="south", answers=factories.parent_answers(listened_to=1)
    )
    assert (first.status_code, other.status_code) == (201, 201)
    assert first.json()["id"] != other.json()["id"]
    assert db.scalar(select(func.count(Response.id))) == 2


def test_a_repeat_within_the_team_is_the_first_response_and_a_changed_body_409(
    client, db, two_teams
):
    north, _ = two_teams
    first = post(client, north, "case-42", team="north")
    again = post(client, north, "case-42", team="north")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    changed = post(
        client, north, "case-42", team="north", answers=factories.parent_answers(listened_to=1)
    )
    assert changed.status_code == 409
    assert db.scalar(select(func.count(Response.id))) == 1


def test_a_key_like_a_channels_own_cannot_take_a_form_or_invitations_place(client, db, two_teams):
    north, _ = two_teams
    assert post(client, north, "invitation:abc", team="north").status_code == 201
    stored = db.scalar(select(Response))
    assert stored.idempotency_key == f"api:team:{stored.team_id}:invitation:abc"


def test_a_key_too_long_to_keep_with_its_scope_is_kept_as_its_hash():
    scoped = intake.scoped_key(12345, "k" * 200)
    assert scoped is not None and scoped.startswith("api:team:12345:sha256:")
    assert len(scoped) <= intake.KEY_LENGTH
    assert intake.scoped_key(None, "k") == "api:council:k"
