"""The responses API over HTTP: auth, scope, idempotency, and friendly failures."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.core.config import get_settings
from api.core.db import reset_engine
from api.main import create_app
from api.models import AuditEvent, Response
from api.models.enums import Role
from tests import factories


def body(**overrides):
    payload = {
        "survey": "parent-carer",
        "channel": "web",
        "collection_point": "closure",
        "team": "front-door",
        "answers": factories.parent_answers(),
    }
    payload.update(overrides)
    return payload


@pytest.fixture
def rights(db):
    factories.team(db, "front-door")
    factories.team(db, "cin-cp")
    return factories.auth(db, Role.rights_team)


def test_without_a_token_the_api_answers_401(client):
    answer = client.get("/api/v1/responses")
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"


def test_a_wrong_token_answers_401(client):
    answer = client.get("/api/v1/responses", headers={"Authorization": "Bearer ys_nope"})
    assert answer.status_code == 401


def test_create_then_repeat_with_the_same_key_gives_201_then_200(client, rights, db):
    headers = {**rights, "Idempotency-Key": "abc-123"}
    first = client.post("/api/v1/responses", json=body(), headers=headers)
    second = client.post("/api/v1/responses", json=body(), headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert db.scalar(select(func.count(Response.id))) == 1


def test_a_bad_submission_gets_422_with_a_message_per_field(client, rights, db):
    answer = client.post(
        "/api/v1/responses",
        json=body(team="nope", answers={"listened_to": 9, "most_helpful": 3}),
        headers=rights,
    )
    assert answer.status_code == 422
    fields = {e["field"]: e["message"] for e in answer.json()["errors"]}
    assert set(fields) == {"team", "answers.listened_to", "answers.most_helpful"}
    assert db.scalar(select(func.count(Response.id))) == 0


def test_a_boolean_is_not_taken_for_a_scale_answer(client, rights):
    answer = client.post(
        "/api/v1/responses", json=body(answers={"listened_to": True}), headers=rights
    )
    assert answer.status_code == 422


def test_malformed_json_gets_422_not_500(client, rights):
    answer = client.post(
        "/api/v1/responses",
        content=b'{"survey": "parent-carer", "answers": {',
        headers={**rights, "Content-Type": "application/json"},
    )
    assert answer.status_code == 422
    assert answer.json()["errors"]


def test_unknown_top_level_fields_are_refused(client, rights):
    answer = client.post("/api/v1/responses", json=body(name="Jo Bloggs"), headers=rights)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "name"


def test_a_ten_megabyte_body_gets_413(client, rights):
    huge = body(answers={"most_helpful": "x" * 10_000_000})
    answer = client.post("/api/v1/responses", json=huge, headers=rights)
    assert answer.status_code == 413


def test_a_streamed_body_over_the_limit_gets_413(client, rights):
    def chunks():
        for _ in range(20):
            yield b"x" * 100_000

    answer = client.post(
        "/api/v1/responses",
        content=chunks(),
        headers={**rights, "Content-Type": "application/json"},
    )
    assert answer.status_code == 413


def test_a_practitioner_cannot_submit(client, db):
    headers = factories.auth(db, Role.practitioner, ["front-door"])
    assert client.post("/api/v1/responses", json=body(), headers=headers).status_code == 403


def test_a_manager_submits_only_for_their_teams(client, db):
    factories.team(db, "cin-cp")
    headers = factories.auth(db, Role.manager, ["front-door"])
    assert client.post("/api/v1/responses", json=body(), headers=headers).status_code == 201
    refused = client.post("/api/v1/responses", json=body(team="cin-cp"), headers=headers)
    assert refused.status_code == 422


def test_a_manager_sees_only_their_teams_responses(client, db):
    mine = factories.response(db, team="front-door").response
    theirs = factories.response(db, team="cin-cp").response
    council_wide = factories.response(db).response
    headers = factories.auth(db, Role.manager, ["front-door"])
    listed = client.get("/api/v1/responses", headers=headers).json()["items"]
    assert [item["id"] for item in listed] == [mine.public_id]
    assert client.get(f"/api/v1/responses/{theirs.public_id}", headers=headers).status_code == 404
    assert (
        client.get(f"/api/v1/responses/{council_wide.public_id}", headers=headers).status_code
        == 404
    )


def test_a_practitioner_sees_answers_but_not_raw_free_text(client, db):
    stored = factories.response(db, team="front-door").response
    headers = factories.auth(db, Role.practitioner, ["front-door"])
    answer = client.get(f"/api/v1/responses/{stored.public_id}", headers=headers).json()
    free = [a for a in answer["answers"] if a["kind"] == "free_text"]
    assert free and all(a["text"] is None and a["text_withheld"] for a in free)
    scaled = {a["question"]: a["value"] for a in answer["answers"] if a["kind"] == "agreement"}
    assert scaled["listened_to"] == 5
    assert db.scalar(select(func.count(AuditEvent.id))) == 0


def test_every_view_of_raw_text_is_audited(client, db, rights):
    stored = factories.response(db, team="front-door").response
    answer = client.get(f"/api/v1/responses/{stored.public_id}", headers=rights).json()
    assert any(a["text"] == "Ring back when you say you will" for a in answer["answers"])
    event = db.scalar(select(AuditEvent))
    assert (event.action, event.object_id) == ("response.view_raw", stored.public_id)
    assert event.actor_label.endswith("@council.example")


def test_filters_and_cursor_pagination_walk_every_response_once(client, db, rights):
    for _ in range(5):
        factories.response(db, team="front-door", channel="sms")
    factories.response(db, team="front-door", channel="web")
    seen, cursor = [], None
    while True:
        params = {"channel": "sms", "limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/v1/responses", params=params, headers=rights).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 5


def test_a_filter_repeated_takes_either_value(client, db, rights):
    for team in ("north", "south", "west"):
        factories.response(db, team=team)
    page = client.get("/api/v1/responses?team=north&team=south", headers=rights).json()
    assert sorted(item["team"] for item in page["items"]) == ["north", "south"]


def test_a_forged_cursor_gets_422(client, rights):
    answer = client.get("/api/v1/responses", params={"cursor": "bm90LWEtY3Vyc29y"}, headers=rights)
    assert answer.status_code == 422


def test_surveys_teams_and_points_are_listed(client, rights):
    surveys = client.get("/api/v1/surveys", headers=rights).json()
    assert {s["key"] for s in surveys} >= {"parent-carer", "young-person", "partner-agency"}
    survey = client.get("/api/v1/surveys/young-person", headers=rights).json()
    asked, first = survey["questions"][:2]  # the newest version asks about safety first
    assert asked["key"] == "safe_now" and asked["kind"] == "choice"
    assert [o["value"] for o in asked["options"]] == ["yes_talk", "no", "rather_not_say"]
    assert first["text"]["en"]["after"] == "My worker listened to me"
    assert first["text"]["cy"]["during"]
    assert [o["value"] for o in first["options"]] == [1, 2, 3, 4, 5, "not_applicable"]
    points = client.get("/api/v1/collection-points", headers=rights).json()
    assert {"front_door", "closure"} <= {p["key"] for p in points}
    teams = client.get("/api/v1/teams", headers=rights).json()
    assert {"front-door", "cin-cp"} <= {t["slug"] for t in teams}


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert "/api/v1/responses" in spec["paths"]
    assert "/api/v1/reports/statements" in spec["paths"]


def test_when_the_database_is_down_intake_answers_503_with_retry_after(monkeypatch):
    monkeypatch.setenv("YOUSAID_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    get_settings.cache_clear()
    reset_engine()
    try:
        app = create_app()
        with TestClient(app, raise_server_exceptions=False) as client:
            answer = client.post(
                "/api/v1/responses", json=body(), headers={"Authorization": "Bearer ys_x"}
            )
        assert answer.status_code == 503
        assert answer.headers["retry-after"] == "5"
    finally:
        get_settings.cache_clear()
        reset_engine()


def test_a_client_cannot_link_a_response_to_an_invitation(client, rights):
    answer = client.post("/api/v1/responses", json=body(invitation_id=1), headers=rights)
    assert answer.status_code == 422


def test_a_name_is_shown_only_to_roles_with_raw_access_and_the_view_is_audited(client, db):
    stored = factories.response(
        db, team="front-door", respondent_name="Jo Bloggs", answers={"listened_to": 5}
    ).response
    practitioner = factories.auth(db, Role.practitioner, ["front-door"])
    seen = client.get(f"/api/v1/responses/{stored.public_id}", headers=practitioner).json()
    assert seen["named"] is True and seen["respondent_name"] is None
    manager = factories.auth(db, Role.manager, ["front-door"])
    seen = client.get(f"/api/v1/responses/{stored.public_id}", headers=manager).json()
    assert seen["respondent_name"] == "Jo Bloggs"
    assert db.scalar(select(AuditEvent.action)) == "response.view_raw"


def test_the_under_8s_survey_lists_its_three_faces(client, rights):
    survey = client.get("/api/v1/surveys/young-person-under-8", headers=rights).json()
    listened = next(q for q in survey["questions"] if q["key"] == "worker_listened")
    assert [(o["value"], o["en"]) for o in listened["options"]] == [
        (1, "Sad"),
        (3, "OK"),
        (5, "Happy"),
    ]
