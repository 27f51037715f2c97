"""The safeguarding queue: new first, late ones marked, handled with notes; the words shown
only on asking, to roles with raw access, and every showing audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from api.answer_analysis import service as answer_analysis
from api.models import AuditEvent, SafeguardingAlert
from api.models.enums import AlertStatus, Role
from tests import factories
from tests.staff_pages import csrf_of, signed_in

DISCLOSURE = "My mum's boyfriend hits me and I am scared to go home <script>alert(1)</script>"


def raise_alert(db, team="north", text=DISCLOSURE) -> SafeguardingAlert:
    result = factories.response(
        db, team=team, answers=factories.parent_answers(one_thing_to_change=text)
    )
    answer_analysis.analyse_response(db, response_id=result.response.id)
    return db.scalar(
        select(SafeguardingAlert).where(SafeguardingAlert.response_id == result.response.id)
    )


def test_a_manager_sees_their_teams_alerts_new_first_and_late_marked(client, db):
    mine = raise_alert(db, "north")
    mine.raised_at = datetime.now(UTC) - timedelta(hours=3)
    raise_alert(db, "south")
    manager = factories.staff_user(db, Role.manager, teams=["north"])
    page = signed_in(client, manager.email).get("/staff/alerts").text
    assert page.count('href="/staff/alerts/') == 1 and mine.public_id in page
    assert "Late" in page and "hits me" not in page  # the queue never shows the words


def test_a_practitioner_cannot_open_the_queue(client, db):
    raise_alert(db)
    practitioner = factories.staff_user(db, Role.practitioner, teams=["north"])
    response = signed_in(client, practitioner.email).get("/staff/alerts")
    assert response.status_code == 403
    assert "Safeguarding alerts" not in client.get("/staff").text.split("<main")[0]


def test_the_words_are_shown_on_asking_escaped_and_audited(client, db):
    alert = raise_alert(db)
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    plain = client.get(f"/staff/alerts/{alert.public_id}").text
    assert "hits me" not in plain and "Show what they said" in plain
    audits = select(func.count()).where(AuditEvent.action == "alert.view_text")
    assert db.scalar(audits) == 0
    shown = client.get(f"/staff/alerts/{alert.public_id}?words=1").text
    assert "hits me" in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "<script>alert(1)" not in shown
    assert db.scalar(audits) == 1


def test_an_officer_acknowledges_then_refers_with_notes(client, db):
    alert = raise_alert(db)
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    page = client.get(f"/staff/alerts/{alert.public_id}")
    token = csrf_of(page.text)
    done = client.post(
        f"/staff/alerts/{alert.public_id}",
        data={"csrf_token": token, "status": "acknowledged", "note": "Called the duty team"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    referred = client.post(
        f"/staff/alerts/{alert.public_id}",
        data={"csrf_token": token, "status": "referred", "note": "MASH ref 123"},
    )
    assert referred.status_code == 200 and "now referred" in referred.text
    assert "MASH ref 123" in referred.text and "Called the duty team" in referred.text
    db.refresh(alert)
    assert alert.status is AlertStatus.referred


def test_a_move_that_is_not_allowed_or_forged_changes_nothing(client, db):
    alert = raise_alert(db)
    officer = factories.staff_user(db, Role.rights_team)
    signed_in(client, officer.email)
    token = csrf_of(client.get(f"/staff/alerts/{alert.public_id}").text)
    skip = client.post(
        f"/staff/alerts/{alert.public_id}", data={"csrf_token": token, "status": "closed"}
    )
    assert skip.status_code == 409 and "can move to acknowledged" in skip.text
    nonsense = client.post(
        f"/staff/alerts/{alert.public_id}", data={"csrf_token": token, "status": "gone"}
    )
    assert nonsense.status_code == 422
    forged = client.post(
        f"/staff/alerts/{alert.public_id}", data={"csrf_token": "x", "status": "acknowledged"}
    )
    assert forged.status_code == 403
    db.refresh(alert)
    assert alert.status is AlertStatus.new


def test_an_unknown_alert_is_a_friendly_404(client, db):
    officer = factories.staff_user(db, Role.rights_team)
    response = signed_in(client, officer.email).get("/staff/alerts/not-an-alert")
    assert response.status_code == 404 and "<h1>Not found</h1>" in response.text
