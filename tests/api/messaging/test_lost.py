"""A text whose answer from Notify was lost is settled by asking Notify for our reference:
found, it is recorded and never sent again; not there, it cannot have gone and goes again."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import sessionmaker

from api.core.config import get_settings
from api.messaging import lost
from api.messaging import service as messages
from api.messaging.dispatch import Dispatcher
from api.models import OutboundMessage
from api.models.enums import Channel, Language, MessagePurpose, MessageStatus
from tests.notify_fake import Scripted, fake_notify, notify_env

NUMBER = "+447700900123"
NOON = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
LATER = NOON + lost.ASK_AFTER + timedelta(seconds=1)


@pytest.fixture
def notify(monkeypatch, fresh_database, use_database):
    use_database(fresh_database)
    with fake_notify() as fake:
        notify_env(monkeypatch, fake, YOUSAID_NOTIFY_TIMEOUT_SECONDS="0.5")
        yield fake, sessionmaker(fresh_database.engine, expire_on_commit=False)
    get_settings.cache_clear()


def queue_one(sessions) -> int:
    with sessions() as session, session.begin():
        return messages.queue(
            session, channel=Channel.sms, recipient=NUMBER, purpose=MessagePurpose.question,
            language=Language.en, body="Question", send_after=NOON - timedelta(minutes=1),
        ).id  # fmt: skip


def message(sessions, message_id) -> OutboundMessage:
    with sessions() as session:
        found = session.get(OutboundMessage, message_id)
        assert found is not None
        return found


def test_a_text_notify_had_is_found_by_its_reference_and_never_sent_again(notify):
    fake, sessions = notify
    message_id = queue_one(sessions)
    fake.then(Scripted(store_first=True, delay=1.0))  # stored, then the answer is too late
    Dispatcher(sessions, "w1", clock=lambda: NOON).run_until_idle()
    sent = message(sessions, message_id)
    assert sent.status is MessageStatus.unknown and sent.provider == "notify"

    assert lost.settle(sessions, get_settings(), clock=lambda: NOON) == 0  # too soon to ask
    assert lost.settle(sessions, get_settings(), clock=lambda: LATER) == 1
    Dispatcher(sessions, "w1", clock=lambda: LATER).run_until_idle()
    settled = message(sessions, message_id)
    assert settled.status is MessageStatus.queued
    assert settled.provider_id == fake.sent[0]["id"]
    assert len(fake.sent) == 1


def test_a_text_notify_never_had_goes_again_once(notify):
    fake, sessions = notify
    message_id = queue_one(sessions)
    fake.then(Scripted(status=500))  # refused with a 500: it may have been created
    Dispatcher(sessions, "w1", clock=lambda: NOON).run_until_idle()
    assert message(sessions, message_id).status is MessageStatus.unknown
    assert fake.sent == []

    assert lost.settle(sessions, get_settings(), clock=lambda: LATER) == 1
    assert message(sessions, message_id).status is MessageStatus.pending
    Dispatcher(sessions, "w1", clock=lambda: LATER).run_until_idle()
    Dispatcher(sessions, "w1", clock=lambda: LATER).run_until_idle()
    assert [n["reference"] for n in fake.sent] == [f"yousaid-message-{message_id}"]
    assert message(sessions, message_id).status is MessageStatus.queued


def test_a_delivery_receipt_settles_it_first_and_nothing_is_asked(notify):
    fake, sessions = notify
    message_id = queue_one(sessions)
    fake.then(Scripted(store_first=True, delay=1.0))
    Dispatcher(sessions, "w1", clock=lambda: NOON).run_until_idle()
    with sessions() as session, session.begin():
        messages.apply_status(
            session, message_id=message_id, provider_id=fake.sent[0]["id"],
            status=MessageStatus.delivered,
        )  # fmt: skip
    assert lost.settle(sessions, get_settings(), clock=lambda: LATER) == 0
    assert message(sessions, message_id).status is MessageStatus.delivered


def test_a_text_handed_to_another_provider_is_not_asked_of_notify(notify):
    _, sessions = notify
    message_id = queue_one(sessions)
    with sessions() as session, session.begin():
        row = session.get(OutboundMessage, message_id)
        assert row is not None
        row.status, row.provider, row.handed_at = MessageStatus.unknown, "twilio", NOON
    assert lost.settle(sessions, get_settings(), clock=lambda: LATER) == 0
    assert message(sessions, message_id).status is MessageStatus.unknown


def test_notify_unreachable_leaves_it_unknown_for_later(notify, monkeypatch):
    fake, sessions = notify
    message_id = queue_one(sessions)
    fake.then(Scripted(status=500))
    Dispatcher(sessions, "w1", clock=lambda: NOON).run_until_idle()
    monkeypatch.setenv("YOUSAID_NOTIFY_API_BASE_URL", "http://127.0.0.1:9")
    get_settings.cache_clear()
    assert lost.settle(sessions, get_settings(), clock=lambda: LATER) == 0
    assert message(sessions, message_id).status is MessageStatus.unknown
