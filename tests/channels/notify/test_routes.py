"""Notify's callbacks: the bearer token checked, stored once, answered at once, a receipt
only ever moving a message forward."""

import uuid

import pytest
from sqlalchemy import func, select

from api.core.config import get_settings
from api.messaging import service as messages
from api.models import InboundMessage, Job, OutboundMessage
from api.models.enums import Channel, Language, MessagePurpose, MessageStatus
from tests.notify_fake import FakeNotify, bearer, notify_env, received_text

RECEIPTS = "/notify/receipts"
INBOUND = "/notify/inbound"


@pytest.fixture(autouse=True)
def notify_settings(monkeypatch):
    notify_env(monkeypatch, FakeNotify(url="http://127.0.0.1:9"))
    yield
    get_settings.cache_clear()


def count(db, model):
    return db.scalar(select(func.count()).select_from(model))


def handed_to_notify(db) -> tuple[OutboundMessage, dict]:
    message = messages.queue(
        db, channel=Channel.sms, recipient="+447700900123", purpose=MessagePurpose.invitation,
        language=Language.en, body="Tell us how it went",
    )  # fmt: skip
    message.status = MessageStatus.queued
    message.provider_id = str(uuid.uuid4())
    db.flush()
    body = {
        "id": message.provider_id,
        "reference": f"yousaid-message-{message.id}",
        "to": "+447700900123",
        "status": "delivered",
        "created_at": "2026-12-03T10:00:00.000000Z",
        "completed_at": "2026-12-03T10:00:05.000000Z",
        "sent_at": "2026-12-03T10:00:01.000000Z",
        "notification_type": "sms",
    }
    return message, body


def test_a_delivery_receipt_moves_the_message_to_delivered(client, db):
    message, body = handed_to_notify(db)
    response = client.post(RECEIPTS, json=body, headers=bearer())
    assert response.status_code == 204
    db.refresh(message)
    assert message.status is MessageStatus.delivered and message.error_code is None


@pytest.mark.parametrize(
    ("notify_status", "ours", "code"),
    [
        ("permanent-failure", MessageStatus.failed, "notify-permanent"),
        ("temporary-failure", MessageStatus.undelivered, "notify-temporary"),
        ("technical-failure", MessageStatus.failed, "notify-technical"),
    ],
)
def test_each_failure_is_mapped_onto_ours_with_what_notify_said(
    client, db, notify_status, ours, code
):
    message, body = handed_to_notify(db)
    client.post(RECEIPTS, json={**body, "status": notify_status}, headers=bearer())
    db.refresh(message)
    assert (message.status, message.error_code) == (ours, code)


def test_a_receipt_found_by_notify_id_when_the_reference_is_not_ours(client, db):
    message, body = handed_to_notify(db)
    client.post(RECEIPTS, json={**body, "reference": None}, headers=bearer())
    db.refresh(message)
    assert message.status is MessageStatus.delivered


def test_a_receipt_posted_twice_changes_nothing_the_second_time(client, db):
    message, body = handed_to_notify(db)
    failed = {**body, "status": "permanent-failure"}
    assert client.post(RECEIPTS, json=failed, headers=bearer()).status_code == 204
    db.refresh(message)
    first = (message.status, message.status_at, message.error_code)
    assert client.post(RECEIPTS, json=failed, headers=bearer()).status_code == 204
    late = client.post(RECEIPTS, json=body, headers=bearer())  # a delivered after the end
    assert late.status_code == 204
    db.refresh(message)
    assert (message.status, message.status_at, message.error_code) == first


def test_another_messages_notify_id_does_not_settle_ours(client, db):
    message, body = handed_to_notify(db)
    client.post(RECEIPTS, json={**body, "id": str(uuid.uuid4())}, headers=bearer())
    db.refresh(message)
    assert message.status is MessageStatus.queued


def test_a_forged_or_missing_token_gets_401_and_changes_nothing(client, db):
    message, body = handed_to_notify(db)
    forged = client.post(RECEIPTS, json=body, headers=bearer("guess"))
    missing = client.post(RECEIPTS, json=body)
    text_forged = client.post(INBOUND, json=received_text("+447700900123", "5"),
                              headers=bearer("guess"))  # fmt: skip
    assert [forged.status_code, missing.status_code, text_forged.status_code] == [401] * 3
    db.refresh(message)
    assert message.status is MessageStatus.queued
    assert count(db, InboundMessage) == 0


def test_a_received_text_is_stored_once_and_handled_by_the_worker(client, db):
    posted = received_text("+447700900123", "5")
    for _ in range(3):
        assert client.post(INBOUND, json=posted, headers=bearer()).status_code == 204
    [stored] = db.scalars(select(InboundMessage))
    assert stored.body == "5" and stored.provider_id == f"notify:{posted['id']}"
    assert "447700900123" not in (stored.sender_encrypted or "")
    assert count(db, Job) == 1


def test_bad_callbacks_get_a_clear_4xx(client, db):
    not_json = client.post(RECEIPTS, content=b"id=1", headers=bearer())
    a_list = client.post(RECEIPTS, json=[1], headers=bearer())
    no_status = client.post(RECEIPTS, json={"id": "x"}, headers=bearer())
    strange = client.post(RECEIPTS, json={"id": "x", "status": "lost"}, headers=bearer())
    no_number = client.post(INBOUND, json={"id": "x", "message": "5"}, headers=bearer())
    not_utf8 = client.post(INBOUND, content=b"\xff\xfe", headers=bearer())
    too_long = client.post(RECEIPTS, json={"id": "x" * 65, "status": "delivered"},
                           headers=bearer())  # fmt: skip
    deep = client.post(INBOUND, content=b"[" * 200_000, headers=bearer())
    answers = (not_json, a_list, no_status, strange, no_number, not_utf8, too_long, deep)
    assert [r.status_code for r in answers] == [400] * 8
    assert count(db, InboundMessage) == 0


def test_without_notify_the_callbacks_are_not_there(client, db, monkeypatch):
    monkeypatch.setenv("YOUSAID_SMS_PROVIDER", "outbox")
    get_settings.cache_clear()
    response = client.post(INBOUND, json=received_text("+447700900123", "5"), headers=bearer())
    assert response.status_code == 404


def test_a_reference_that_is_not_ours_or_too_large_falls_back_to_notifys_id(client, db):
    message, body = handed_to_notify(db)
    for reference in ("yousaid-message-99999999999", "someone-elses-7", "yousaid-message-x"):
        posted = {**body, "reference": reference, "status": "sending"}
        assert client.post(RECEIPTS, json=posted, headers=bearer()).status_code == 204
    client.post(RECEIPTS, json={**body, "reference": "yousaid-message-99999999999"},
                headers=bearer())  # fmt: skip
    db.refresh(message)
    assert message.status is MessageStatus.delivered
