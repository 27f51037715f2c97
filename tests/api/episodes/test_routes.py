"""/api/v1/episodes: the list, one episode side by side, and the agreement figure."""

from __future__ import annotations

from api.models.enums import Role
from tests import factories
from tests.api.episodes.test_episodes import episode  # noqa: F401 - the fixture


def test_a_manager_lists_and_reads_an_episode(client, db, episode):  # noqa: F811
    headers = factories.auth(db, Role.manager, ["north-cin"])
    [listed] = client.get("/api/v1/episodes", headers=headers).json()
    assert listed["id"] == episode.public_id and listed["voices"] == ["young_person", "parent"]
    detail = client.get(f"/api/v1/episodes/{episode.public_id}", headers=headers).json()
    topics = {t["topic"]: t for t in detail["topics"]}
    assert topics["involved_in_plans"]["verdict"] == "differ"
    assert detail["not_answered"] == ["Parent"]
    agreement = client.get("/api/v1/episodes/agreement", headers=headers).json()
    assert {a["topic"] for a in agreement} >= {"listened", "involved_in_plans"}


def test_a_practitioner_is_refused_and_another_team_finds_nothing(client, db, episode):  # noqa: F811
    practitioner = factories.auth(db, Role.practitioner, ["north-cin"])
    assert client.get("/api/v1/episodes", headers=practitioner).status_code == 403
    other = factories.auth(db, Role.manager, ["south-cin"])
    assert client.get(f"/api/v1/episodes/{episode.public_id}", headers=other).status_code == 404
    assert client.get("/api/v1/episodes/nonsense", headers=other).status_code == 404
