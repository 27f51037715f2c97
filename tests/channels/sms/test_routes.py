"""Twilio's webhooks: signed, stored once, answered at once, status only forward."""

import pytest
from sqlalchemy import func, select

from api.core.config import get_settings
from api.messaging import service as messages
from api.models import InboundMessage, Job, OptOut, OutboundMessage
from api.models.enums import Channel, Language, MessagePurpose, MessageStatus
from tests.twilio_fake import AUTH_TOKEN, FakeTwilio, inbound_params, signed, twilio_env

INBOUND = "/sms/twilio/inbound"


@pytest.fixture(autouse=True)
def twilio_settings(monkeypatch):
    twilio_env(monkeypatch, FakeTwilio(url="http://127.0.0.1:9"))
    yield
    get_settings.cache_clear()


def post_signed(client, path, params, **kwargs):
    return client.post(path, data=params, headers=signed(path, params, **kwargs))


def count(db, model):
    return db.scalar(select(func.count()).select_from(model))


def test_a_text_is_stored_and_answered_with_empty_twiml(client, db):
    response = post_signed(client, INBOUND, inbound_params("+447700900123", "5"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    assert response.text.endswith("<Response/>")
    [stored] = db.scalars(select(InboundMessage))
    assert stored.body == "5" and "447700900123" not in stored.sender_encrypted
    assert db.scalar(select(Job.kind)) == "sms.handle_inbound"


def test_a_retried_or_duplicated_text_changes_nothing(client, db):
    params = inbound_params("+447700900123", "5", sid="SM" + "a" * 32)
    for _ in range(3):
        assert post_signed(client, INBOUND, params).status_code == 200
    assert count(db, InboundMessage) == 1
    assert count(db, Job) == 1


def test_a_forged_signature_is_refused_and_nothing_is_stored(client, db):
    params = inbound_params("+447700900123", "STOP")
    forged = client.post(INBOUND, data=params, headers=signed(INBOUND, params, token="guess"))
    unsigned = client.post(INBOUND, data=params)
    tampered = client.post(
        INBOUND, data={**params, "Body": "START"}, headers=signed(INBOUND, params)
    )
    assert [forged.status_code, unsigned.status_code, tampered.status_code] == [403, 403, 403]
    assert count(db, InboundMessage) == 0


def test_the_signature_is_checked_against_the_public_url_not_the_internal_one(client, db):
    from twilio.request_validator import RequestValidator

    params = inbound_params("+447700900123", "5")
    internal = RequestValidator(AUTH_TOKEN).compute_signature("http://testserver" + INBOUND, params)
    response = client.post(INBOUND, data=params, headers={"X-Twilio-Signature": internal})
    assert response.status_code == 403


def test_unknown_fields_are_accepted(client, db):
    params = {**inbound_params("+447700900123", "4"), "SomethingNew": "x", "MediaUrl0": ""}
    assert post_signed(client, INBOUND, params).status_code == 200


def test_bad_requests_get_a_clear_4xx(client, db):
    no_sender = {k: v for k, v in inbound_params("+447700900123", "4").items() if k != "From"}
    assert post_signed(client, INBOUND, no_sender).status_code == 400
    as_json = client.post(INBOUND, json={"Body": "4"}, headers={"X-Twilio-Signature": "x"})
    assert as_json.status_code == 415
    huge = client.post(
        INBOUND,
        content=b"Body=" + b"a" * (10 * 1024 * 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert huge.status_code == 413
    assert count(db, InboundMessage) == 0


def test_welsh_and_emoji_arrive_intact(client, db):
    post_signed(client, INBOUND, inbound_params("+447700900123", "Cytuno'n gryf ŵ 🙂"))
    assert db.scalar(select(InboundMessage.body)) == "Cytuno'n gryf ŵ 🙂"


def test_without_twilio_configured_the_webhooks_are_not_there(client, db, monkeypatch):
    monkeypatch.setenv("YOUSAID_SMS_PROVIDER", "outbox")
    get_settings.cache_clear()
    params = inbound_params("+447700900123", "5")
    assert post_signed(client, INBOUND, params).status_code == 404


def _message(db):
    message = messages.queue(
        db,
        channel=Channel.sms,
        recipient="+447700900123",
        purpose=MessagePurpose.question,
        language=Language.en,
        body="1/9 ...",
    )
    message.status = MessageStatus.queued
    message.provider_id = "SM" + "b" * 32
    db.flush()
    return message


def status(client, message_id, state, **extra):
    path = f"/sms/twilio/status?m={message_id}"
    params = {"MessageSid": "SM" + "b" * 32, "MessageStatus": state, "AccountSid": "AC1", **extra}
    return post_signed(client, path, params)


def test_status_callbacks_arriving_out_of_order_only_move_forward(client, db):
    message = _message(db)
    for state in ("delivered", "sent", "queued"):
        assert status(client, message.id, state).status_code == 200
    db.expire_all()
    assert db.get(OutboundMessage, message.id).status is MessageStatus.delivered


def test_a_failed_status_with_21610_opts_the_number_out(client, db):
    message = _message(db)
    status(client, message.id, "undelivered", ErrorCode="21610")
    db.expire_all()
    assert db.get(OutboundMessage, message.id).status is MessageStatus.undelivered
    assert count(db, OptOut) == 1


def test_a_status_for_someone_elses_message_id_is_ignored(client, db):
    message = _message(db)
    path = f"/sms/twilio/status?m={message.id}"
    params = {"MessageSid": "SM" + "c" * 32, "MessageStatus": "failed"}
    assert post_signed(client, path, params).status_code == 200
    db.expire_all()
    assert db.get(OutboundMessage, message.id).status is MessageStatus.queued


def test_a_signed_text_with_a_nul_in_it_is_kept_not_refused(client, db):
    """Twilio does not resend a refused text: a NUL must not lose a person's words."""
    params = inbound_params("+447700900123", "help\x00 me", sid="SM" + "b" * 31 + "\x00")
    assert post_signed(client, INBOUND, params).status_code == 200
    [stored] = db.scalars(select(InboundMessage))
    assert stored.body.startswith("help") and stored.body.endswith(" me")
    assert "\x00" not in stored.body
    assert post_signed(client, INBOUND, params).status_code == 200  # Twilio's retry
    assert count(db, InboundMessage) == 1
