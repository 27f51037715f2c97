"""Possible concerns over the API: the list (team-scoped, never the words), one concern (its
words audited), recording the outcome; bad input is a clear 4xx, never a 500."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from api.models import AuditEvent, SafeguardingAlert
from api.models.enums import Role
from tests import factories
from tests.api.concerns.concerning import WORDS, concern, unsure

__all__ = ["unsure"]
pytestmark = pytest.mark.usefixtures("unsure")


def audits(db) -> int:
    return db.scalar(select(func.count()).where(AuditEvent.action == "concern.view_text")) or 0


def test_the_list_is_the_teams_and_holds_no_words(client, db):
    north = concern(db, team="north")
    concern(db, team="south")
    headers = factories.auth(db, Role.manager, teams=["north"])
    listed = client.get("/api/v1/concerns", headers=headers)
    assert listed.status_code == 200
    assert [c["id"] for c in listed.json()] == [north.public_id]
    assert WORDS not in listed.text and "text" not in listed.json()[0]
    assert listed.json()[0]["overdue"] is False and listed.json()[0]["status"] == "open"
    assert audits(db) == 0


def test_one_concern_has_its_words_and_each_showing_is_audited(client, db):
    made = concern(db)
    headers = factories.auth(db, Role.rights_team)
    for _ in range(2):
        shown = client.get(f"/api/v1/concerns/{made.public_id}", headers=headers)
        assert shown.status_code == 200 and shown.json()["text"] == WORDS
    assert audits(db) == 2


def test_another_teams_concern_is_not_found(client, db):
    made = concern(db, team="north")
    headers = factories.auth(db, Role.manager, teams=["south"])
    assert client.get(f"/api/v1/concerns/{made.public_id}", headers=headers).status_code == 404
    recorded = client.post(
        f"/api/v1/concerns/{made.public_id}/outcome",
        json={"outcome": "ordinary_feedback"},
        headers=headers,
    )
    assert recorded.status_code == 404 and audits(db) == 0


def test_a_practitioner_is_refused(client, db):
    made = concern(db, team="north")
    headers = factories.auth(db, Role.practitioner, teams=["north"])
    assert client.get("/api/v1/concerns", headers=headers).status_code == 403
    assert client.get(f"/api/v1/concerns/{made.public_id}", headers=headers).status_code == 403


def test_the_outcome_is_recorded_and_the_alert_raised(client, db):
    made = concern(db)
    headers = factories.auth(db, Role.rights_team)
    recorded = client.post(
        f"/api/v1/concerns/{made.public_id}/outcome",
        json={"outcome": "raised_as_alert", "note": "Rang the duty team\x00 too"},
        headers=headers,
    )
    assert recorded.status_code == 200, recorded.text
    body = recorded.json()
    assert body["status"] == "read" and body["outcome"] == "raised_as_alert"
    assert body["read_by"] and body["read_at"]
    assert body["note"] == "Rang the duty team too"
    assert body["alert_id"] == db.scalar(select(SafeguardingAlert.public_id))
    again = client.post(
        f"/api/v1/concerns/{made.public_id}/outcome",
        json={"outcome": "other"},
        headers=headers,
    )
    assert again.status_code == 409


@pytest.mark.parametrize(
    "body",
    [{}, {"outcome": "shrug"}, {"outcome": "other", "note": "x" * 5001}, {"outcome": 10**400}],
)
def test_a_bad_outcome_is_refused_clearly(client, db, body):
    made = concern(db)
    headers = factories.auth(db, Role.rights_team)
    response = client.post(f"/api/v1/concerns/{made.public_id}/outcome", json=body, headers=headers)
    assert response.status_code == 422


@pytest.mark.parametrize("path", ["nope", "%00", "9" * 400, "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_id_is_not_found(client, db, path):
    headers = factories.auth(db, Role.rights_team)
    assert client.get(f"/api/v1/concerns/{path}", headers=headers).status_code == 404


@pytest.mark.parametrize(
    "query", ["page=0", "page=99999999999999999999", "per_page=1000", "status=x"]
)
def test_bad_list_parameters_are_refused(client, db, query):
    headers = factories.auth(db, Role.rights_team)
    assert client.get(f"/api/v1/concerns?{query}", headers=headers).status_code == 422
