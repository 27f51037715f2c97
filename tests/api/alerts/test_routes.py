"""Handling an alert: new -> acknowledged -> referred or no further action -> closed."""

import pytest
from sqlalchemy import select

from api.answer_analysis import service as answer_analysis
from api.models import AuditEvent
from api.models.enums import Role
from tests import factories

DISCLOSURE = "I dont feel safe at home, dad hits me"


@pytest.fixture
def alert_id(db):
    stored = factories.response(
        db, team="front-door", survey="young-person", answers={"worries": DISCLOSURE}
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    from api.models import SafeguardingAlert

    return db.scalar(select(SafeguardingAlert.public_id))


def move(client, headers, alert_id, status, note=None):
    return client.post(
        f"/api/v1/alerts/{alert_id}/moves", json={"status": status, "note": note}, headers=headers
    )


def test_an_alert_moves_through_its_statuses_with_who_when_and_notes(client, db, alert_id):
    headers = factories.auth(db, Role.rights_team)
    assert move(client, headers, alert_id, "acknowledged").status_code == 200
    assert move(client, headers, alert_id, "referred", "Referred to MASH").status_code == 200
    closed = move(client, headers, alert_id, "closed", "Strategy discussion held").json()
    assert closed["status"] == "closed"
    assert [e["status"] for e in closed["history"]] == ["new", "acknowledged", "referred", "closed"]
    assert closed["history"][2]["note"] == "Referred to MASH"
    assert closed["history"][1]["by"].endswith("@council.example")


def test_an_alert_cannot_skip_or_go_back(client, db, alert_id):
    headers = factories.auth(db, Role.rights_team)
    skipped = move(client, headers, alert_id, "closed")
    assert skipped.status_code == 409
    assert "acknowledged" in skipped.json()["detail"]


def test_the_alert_itself_carries_no_words(client, db, alert_id):
    headers = factories.auth(db, Role.rights_team)
    alert = client.get(f"/api/v1/alerts/{alert_id}", headers=headers).json()
    # Phrases, not "dad" alone: a random UUID in the alert can contain those hex letters.
    for words in ("dad hits", "hits me", "feel safe"):
        assert words not in str(alert)
    assert alert["status"] == "new" and alert["minutes_since_raised"] >= 0


def test_reading_the_words_is_audited(client, db, alert_id):
    headers = factories.auth(db, Role.manager, ["front-door"])
    words = client.get(f"/api/v1/alerts/{alert_id}/text", headers=headers).json()
    assert words["text"] == DISCLOSURE
    event = db.scalar(select(AuditEvent).where(AuditEvent.action == "alert.view_text"))
    assert event.object_id == alert_id


def test_practitioners_do_not_handle_alerts(client, db, alert_id):
    headers = factories.auth(db, Role.practitioner, ["front-door"])
    assert client.get("/api/v1/alerts", headers=headers).status_code == 403
    assert client.get(f"/api/v1/alerts/{alert_id}/text", headers=headers).status_code == 403


def test_a_manager_of_another_team_does_not_see_the_alert(client, db, alert_id):
    headers = factories.auth(db, Role.manager, ["cin-cp"])
    assert client.get(f"/api/v1/alerts/{alert_id}", headers=headers).status_code == 404
    assert client.get("/api/v1/alerts", headers=headers).json() == []


def test_new_alerts_are_listed_first(client, db, alert_id):
    headers = factories.auth(db, Role.rights_team)
    listed = client.get("/api/v1/alerts", headers=headers).json()
    assert listed[0]["id"] == alert_id and listed[0]["status"] == "new"


def test_a_practitioner_sees_the_redacted_copy_with_themes(client, db):
    stored = factories.response(
        db,
        team="front-door",
        answers={"one_thing_to_change": "Sarah never rings back, call 07700 900123"},
    ).response
    answer_analysis.analyse_response(db, response_id=stored.id)
    headers = factories.auth(db, Role.practitioner, ["front-door"])
    answer = client.get(f"/api/v1/responses/{stored.public_id}", headers=headers).json()
    (free,) = [a for a in answer["answers"] if a["kind"] == "free_text"]
    assert free["text"] == "[name] never rings back, call [phone]"
    assert free["text_redacted"] and not free["text_withheld"]
    assert free["themes"] == [{"id": "communication", "polarity": "negative", "evidence": None}]


def test_closing_as_not_a_disclosure_is_recorded_for_learning(client, db, alert_id):
    headers = factories.auth(db, Role.rights_team)
    move(client, headers, alert_id, "acknowledged")
    wrong_move = client.post(
        f"/api/v1/alerts/{alert_id}/moves",
        json={"status": "referred", "not_a_disclosure": True},
        headers=headers,
    )
    assert wrong_move.status_code == 409
    answer = client.post(
        f"/api/v1/alerts/{alert_id}/moves",
        json={"status": "no_further_action", "note": "A story she wrote", "not_a_disclosure": True},
        headers=headers,
    ).json()
    assert answer["not_a_disclosure"] is True
    report = client.get("/api/v1/reviews/agreement", headers=headers).json()
    assert report["alerts_closed_as_not_a_disclosure"] == 1 and report["alerts_raised"] == 1


def test_an_alert_says_who_when_where_and_how_raised(client, db, alert_id):
    headers = factories.auth(db, Role.rights_team)
    alert = client.get(f"/api/v1/alerts/{alert_id}", headers=headers).json()
    assert alert["audience"] == "young_person" and alert["channel"] == "web"
    assert alert["raised_by"] == "analysis" and alert["said_at"] is not None
    assert alert["team"] == "Front Door" and alert["collection_point"]
    assert alert["owner"] is None and alert["case_ref"] is None
    assert "phone" not in alert and "text" not in alert
    listed = client.get("/api/v1/alerts", headers=headers).json()
    assert listed[0]["team"] == "Front Door"


def test_an_invited_persons_alert_carries_the_case_reference_not_the_number(client, db):
    from tests.api.alerts.alerting import PHONE, alert, invitation

    made = alert(db, team="front-door", invitation_id=invitation(db, team="front-door").id)
    headers = factories.auth(db, Role.rights_team)
    body = client.get(f"/api/v1/alerts/{made.public_id}", headers=headers)
    assert body.json()["case_ref"] == "CASE-4471"
    assert PHONE not in body.text and PHONE.replace(" ", "") not in body.text


def test_referring_a_new_alert_is_one_step_over_the_api(client, db, alert_id):
    headers = factories.auth(db, Role.rights_team)
    referred = move(client, headers, alert_id, "referred", "Referred to MASH")
    assert referred.status_code == 200
    history = [e["status"] for e in referred.json()["history"]]
    assert history == ["new", "acknowledged", "referred"]
