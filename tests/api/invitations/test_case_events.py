"""POST /api/v1/case-events: who is invited, when and how, and who never is."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from api.core import crypto
from api.messaging import service as messages
from api.models import CaseEvent, Invitation, OutboundMessage
from api.models.enums import (
    Channel,
    InvitationMode,
    Language,
    MessagePurpose,
    OptOutSource,
    Role,
)
from tests import factories

PHONE = "07700 900123"
E164 = "+447700900123"


def _winter_friday() -> date:
    """A Friday at least a week ahead, in GMT (November or February), so a case event there
    is never in the past and local time is UTC: the tests read like a calendar."""
    day = datetime.now(UTC).date() + timedelta(days=7)
    while not (day.weekday() == 4 and day.month in (11, 2) and day.day <= 21):
        day += timedelta(days=1)
    return day


FRIDAY = _winter_friday()
MONDAY = FRIDAY + timedelta(days=3)
TUESDAY = FRIDAY + timedelta(days=4)


def event(**overrides):
    body = {
        "event_id": "mosaic-1001",
        "case_ref": "C-000123",
        "event": "case_closed",
        "team": "north-cin",
        "occurred_at": f"{FRIDAY}T16:00:00+00:00",
        "contacts": [{"role": "parent", "phone": PHONE, "language": "en"}],
    }
    body.update(overrides)
    return body


@pytest.fixture
def admin(db):
    factories.team(db, "north-cin")
    return factories.auth(db, Role.admin)


def post(client, admin, body):
    return client.post("/api/v1/case-events", json=body, headers=admin)


def test_a_parent_is_invited_to_answer_by_text(client, admin, db):
    response = post(client, admin, event())
    assert response.status_code == 202, response.text
    result = response.json()
    assert result["collection_point"] == "closure" and result["duplicate"] is False
    [contact] = result["contacts"]
    assert contact["result"] == "invited"
    assert contact["channel"] == "sms" and contact["mode"] == "conversational"
    # Two days after closure is Sunday 22nd: no Sundays, so Monday at nine.
    assert contact["send_after"].startswith(f"{MONDAY}T09:00:00")
    assert PHONE not in response.text and E164 not in response.text

    invitation = db.scalar(select(Invitation))
    assert invitation.phone_encrypted and E164 not in invitation.phone_encrypted
    assert crypto.decrypt(invitation.phone_encrypted) == E164
    message = db.scalar(select(OutboundMessage))
    assert message.purpose is MessagePurpose.invitation
    assert message.body.startswith("Demo Council: ") and "STOP" in message.body
    assert "1/10 " in message.body  # the first question comes with the invitation
    assert message.uses_window


def test_the_same_event_again_changes_nothing(client, admin, db):
    first = post(client, admin, event()).json()
    again = post(client, admin, event())
    assert again.status_code == 202
    assert again.json()["duplicate"] is True
    assert again.json()["contacts"] == first["contacts"]
    assert db.scalar(select(func.count()).select_from(Invitation)) == 1
    assert db.scalar(select(func.count()).select_from(OutboundMessage)) == 1


def test_the_same_event_id_with_a_different_body_is_a_conflict(client, admin):
    post(client, admin, event())
    response = post(client, admin, event(case_ref="C-999"))
    assert response.status_code == 409


def test_do_not_contact_always_wins(client, admin, db):
    contacts = [
        {"role": "parent", "phone": PHONE, "do_not_contact": True, "reason": "shared phone"},
        {"role": "young_person", "phone": "07700 900124", "do_not_contact": True},
    ]
    response = post(client, admin, event(contacts=contacts))
    assert [c["reason"] for c in response.json()["contacts"]] == ["do_not_contact"] * 2
    assert db.scalar(select(func.count()).select_from(Invitation)) == 0
    stored = db.scalar(select(CaseEvent))
    assert "shared phone" not in str(stored.outcome)  # the reason is read, never kept


def test_an_opted_out_number_is_not_invited(client, admin, db):
    messages.opt_out(
        db,
        contact_hash=crypto.contact_hash(E164),
        source=OptOutSource.keyword,
        language=Language.en,
    )
    response = post(client, admin, event())
    assert response.json()["contacts"][0]["reason"] == "opted_out"


def test_one_survey_per_number_in_thirty_days(client, admin):
    post(client, admin, event())
    response = post(client, admin, event(event_id="mosaic-1002", event="front_door_completed"))
    assert response.json()["contacts"][0]["reason"] == "recently_surveyed"
    # Even within one event: a parent and a carer sharing a phone get one survey.
    shared = [
        {"role": "parent", "phone": "07700 900200"},
        {"role": "carer", "phone": "07700900200"},
    ]
    results = post(client, admin, event(event_id="mosaic-1003", contacts=shared)).json()
    assert [c["result"] for c in results["contacts"]] == ["invited", "skipped"]


def test_partners_with_only_an_email_get_a_link_by_email(client, admin, db):
    contacts = [{"role": "partner", "email": "DSL@School.example.org"}]
    [contact] = post(client, admin, event(contacts=contacts)).json()["contacts"]
    assert contact["channel"] == "email" and contact["mode"] == "link"
    message = db.scalar(select(OutboundMessage))
    assert message.channel is Channel.email and message.subject
    assert "/i/" in message.body
    assert crypto.decrypt(message.recipient_encrypted) == "DSL@school.example.org"


def test_a_landline_cannot_take_a_text_but_an_email_still_works(client, admin):
    contacts = [
        {"role": "parent", "phone": "0113 496 0000"},
        {"role": "carer", "phone": "not a number"},
        {"role": "partner", "phone": "020 7946 0123", "email": "gp@health.example.org"},
    ]
    results = post(client, admin, event(contacts=contacts)).json()["contacts"]
    assert [c.get("reason") for c in results] == ["not_a_mobile", "invalid_phone", None]
    assert results[2]["channel"] == "email"


def test_young_people_get_a_link_outside_school_hours(client, admin, db):
    contacts = [{"role": "young_person", "phone": "07700 900300", "language": "cy"}]
    body = event(event="front_door_completed", occurred_at=f"{MONDAY}T08:00:00+00:00")
    [contact] = post(client, admin, {**body, "contacts": contacts}).json()["contacts"]
    assert contact["mode"] == "link"
    assert contact["send_after"].startswith(f"{TUESDAY}T15:30:00")  # after school, Tuesday
    invitation = db.scalar(select(Invitation))
    assert invitation.mode is InvitationMode.link and invitation.language is Language.cy
    message = db.scalar(select(OutboundMessage))
    assert "/i/" in message.body and "STOPIO" in message.body


def test_an_event_with_no_rule_invites_nobody(client, admin, db):
    results = post(client, admin, event(event="cp_plan_started")).json()
    assert results["collection_point"] is None
    assert results["contacts"][0]["reason"] == "event_not_surveyed"


@pytest.mark.parametrize(
    "change",
    [
        {"contacts": [{"role": "parent", "phone": PHONE, "do_not_contatc": True}]},
        {"case_ref": "Jane Smith"},
        {"team": "nowhere"},
        {"occurred_at": f"{FRIDAY}T16:00:00"},
        {"contacts": [{"role": "uncle", "phone": PHONE}]},
        {"contacts": [{"role": "parent"}]},
    ],
)
def test_bad_events_are_refused_whole(client, admin, db, change):
    response = post(client, admin, event(**change))
    assert response.status_code == 422, response.text
    assert db.scalar(select(func.count()).select_from(CaseEvent)) == 0


def test_only_an_integration_account_posts_events(client, db):
    factories.team(db, "north-cin")
    manager = factories.auth(db, Role.manager, teams=["north-cin"])
    assert client.post("/api/v1/case-events", json=event(), headers=manager).status_code == 403
    assert client.post("/api/v1/case-events", json=event()).status_code == 401


def test_a_send_time_in_the_past_becomes_the_next_open_moment(client, admin, db):
    old = event(occurred_at="2020-01-01T10:00:00+00:00")
    [contact] = post(client, admin, old).json()["contacts"]
    assert datetime.fromisoformat(contact["send_after"]) >= datetime.now(UTC) - timedelta(minutes=1)
