"""The subject access page: admins only; a lookup shows counts, never echoes a bad key as
markup; both downloads; erasure only after the box is ticked; each step audited."""

from __future__ import annotations

import json

from sqlalchemy import select

from api.models import AuditEvent, Invitation
from api.models.enums import AlertStatus, Role
from tests import factories
from tests.api.alerts.alerting import alert
from tests.api.retention.people import PHONE, answered, invited
from tests.staff_pages import csrf_of, signed_in


def admin(client, db):
    boss = factories.staff_user(db, Role.admin)
    signed_in(client, boss.email)
    return csrf_of(client.get("/staff/subject-access").text)


def test_only_admins_may_use_it(client, db):
    for role in (Role.rights_team, Role.manager):
        officer = factories.staff_user(db, role, teams=["north"])
        signed_in(client, officer.email)
        assert client.get("/staff/subject-access").status_code == 403
        client.cookies.clear()


def test_a_lookup_by_number_shows_what_is_held_and_is_audited(client, db):
    parent = invited(db)
    answered(db, parent)
    token = admin(client, db)
    page = client.post(
        "/staff/subject-access", data={"csrf_token": token, "kind": "phone", "value": PHONE}
    )
    assert page.status_code == 200
    assert "What we hold" in page.text and "Download the readable copy" in page.text
    assert "/staff/subject-access?" not in page.text  # the number never goes in a link
    assert db.scalar(select(AuditEvent.action).where(AuditEvent.action == "subject_access.lookup"))


def test_a_bad_key_is_a_422_page_with_the_reason_and_no_markup(client, db):
    token = admin(client, db)
    page = client.post(
        "/staff/subject-access",
        data={"csrf_token": token, "kind": "phone", "value": "<script>x</script>"},
    )
    assert page.status_code == 422 and "Enter a mobile number" in page.text
    assert "<script>x</script>" not in page.text
    forged = client.post(
        "/staff/subject-access", data={"csrf_token": token, "kind": "shoe", "value": "9"}
    )
    assert forged.status_code == 422


def test_both_downloads_are_attachments(client, db):
    invited(db)
    token = admin(client, db)
    for fmt, kind in (("html", "text/html"), ("json", "application/json")):
        got = client.post(
            "/staff/subject-access/export",
            data={"csrf_token": token, "kind": "phone", "value": PHONE, "format": fmt},
        )
        assert got.status_code == 200 and got.headers["content-type"].startswith(kind)
        assert got.headers["content-disposition"].startswith("attachment;")
        assert got.headers["cache-control"] == "no-store"
    assert json.loads(got.text)["counts"]["invitations"] == 1


def test_erasure_asks_first_and_needs_the_box_ticked(client, db):
    parent = invited(db)
    token = admin(client, db)
    form = {"csrf_token": token, "kind": "phone", "value": PHONE}
    asked = client.post("/staff/subject-access/erase", data=form)
    assert asked.status_code == 200 and "cannot be undone" in asked.text
    unticked = client.post("/staff/subject-access/erase", data={**form, "confirm": ""})
    assert "Tick the box" in unticked.text
    assert db.get(Invitation, parent.id).phone_encrypted is not None
    done = client.post("/staff/subject-access/erase", data={**form, "confirm": ["", "erase"]})
    assert done.status_code == 200 and "Erased" in done.text
    db.expire_all()
    assert db.get(Invitation, parent.id).phone_encrypted is None


def test_erasure_is_refused_while_an_alert_is_open(client, db):
    parent = invited(db)
    raised = alert(db, invitation_id=parent.id)
    assert raised.status is AlertStatus.new
    token = admin(client, db)
    refused = client.post(
        "/staff/subject-access/erase",
        data={"csrf_token": token, "kind": "phone", "value": PHONE, "confirm": "erase"},
    )
    assert refused.status_code == 409 and "still open" in refused.text
