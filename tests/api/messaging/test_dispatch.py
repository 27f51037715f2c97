"""Sending due texts: at most once to a family, retried only when nothing went."""

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from api.core import crypto
from api.core.config import get_settings
from api.messaging import service as messages
from api.messaging.dispatch import Dispatcher
from api.models import OptOut, OutboundMessage
from api.models.enums import (
    Audience,
    Channel,
    Language,
    MessagePurpose,
    MessageStatus,
    OptOutSource,
)
from tests.twilio_fake import Scripted, fake_twilio, twilio_env

NUMBER = "+447700900123"
TUESDAY_NOON = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def twilio(monkeypatch, fresh_database, use_database):
    use_database(fresh_database)
    with fake_twilio() as fake:
        twilio_env(monkeypatch, fake)
        yield fake, sessionmaker(fresh_database.engine, expire_on_commit=False)
    get_settings.cache_clear()


def queue(sessions, n=1, to=NUMBER, **fields):
    with sessions() as session, session.begin():
        ids = [
            messages.queue(
                session,
                channel=Channel.sms,
                recipient=to,
                purpose=fields.get("purpose", MessagePurpose.question),
                language=Language.en,
                body=f"{fields.get('body', 'Question')} {i}",
                send_after=fields.get("send_after", TUESDAY_NOON - timedelta(minutes=1)),
                window_audience=fields.get("window_audience"),
            ).id
            for i in range(n)
        ]
    return ids


def dispatcher(sessions, at=TUESDAY_NOON, name="w1"):
    return Dispatcher(sessions, name, clock=lambda: at)


def status_of(sessions, message_id):
    with sessions() as session:
        return session.get(OutboundMessage, message_id)


def test_a_due_text_is_sent_once_and_recorded(twilio):
    fake, sessions = twilio
    [message_id] = queue(sessions)
    worker = dispatcher(sessions)
    assert worker.run_until_idle() == 1
    assert worker.run_until_idle() == 0
    assert fake.bodies_to(NUMBER) == ["Question 0"]
    message = status_of(sessions, message_id)
    assert message.status is MessageStatus.queued
    assert message.provider_id == fake.sent[0]["sid"]
    assert fake.sent[0]["StatusCallback"] == (
        f"https://yousaid.example.org/sms/twilio/status?m={message_id}"
    )


def test_a_text_not_yet_due_waits(twilio):
    fake, sessions = twilio
    queue(sessions, send_after=TUESDAY_NOON + timedelta(hours=1))
    assert dispatcher(sessions).run_until_idle() == 0
    assert fake.sent == []


def test_a_temporary_failure_is_retried_with_backoff(twilio):
    fake, sessions = twilio
    fake.then(Scripted(status=429, code=20429))
    [message_id] = queue(sessions)
    dispatcher(sessions).run_until_idle()
    message = status_of(sessions, message_id)
    assert message.status is MessageStatus.pending and message.attempts == 1
    assert message.send_after == TUESDAY_NOON + timedelta(seconds=15)
    dispatcher(sessions, at=TUESDAY_NOON + timedelta(seconds=16)).run_until_idle()
    assert status_of(sessions, message_id).status is MessageStatus.queued
    assert len(fake.sent) == 1


def test_an_uncertain_failure_is_never_sent_again(twilio):
    fake, sessions = twilio
    fake.then(Scripted(status=500))
    [message_id] = queue(sessions)
    dispatcher(sessions).run_until_idle()
    assert status_of(sessions, message_id).status is MessageStatus.unknown
    dispatcher(sessions, at=TUESDAY_NOON + timedelta(days=1)).run_until_idle()
    assert fake.requests == 1


def test_a_worker_that_dies_mid_send_leaves_the_text_unknown_never_resent(twilio):
    fake, sessions = twilio
    [message_id] = queue(sessions)
    first = dispatcher(sessions)
    claimed = first.claim()
    assert claimed is not None and first.hand_over(claimed)  # ... and the process is killed here
    later = dispatcher(sessions, at=TUESDAY_NOON + timedelta(minutes=11))
    assert later.sweep_stale() == 1
    assert later.run_until_idle() == 0
    assert status_of(sessions, message_id).status is MessageStatus.unknown
    assert fake.requests == 0


def test_a_worker_that_dies_before_handing_a_text_over_leaves_it_for_the_next(twilio):
    fake, sessions = twilio
    [message_id] = queue(sessions)
    assert dispatcher(sessions).claim() is not None  # ... and the process is killed here
    later = dispatcher(sessions, at=TUESDAY_NOON + timedelta(minutes=11), name="w2")
    assert later.sweep_stale() == 1
    message = status_of(sessions, message_id)
    assert message.status is MessageStatus.pending and message.attempts == 0
    assert later.run_until_idle() == 1
    assert fake.bodies_to(NUMBER) == ["Question 0"]
    assert status_of(sessions, message_id).status is MessageStatus.queued


def test_a_worker_asked_to_stop_finishes_the_text_in_hand_and_releases_the_rest(twilio):
    fake, sessions = twilio
    ids = queue(sessions, n=5)
    stop = threading.Event()
    worker = Dispatcher(sessions, "w1", clock=lambda: TUESDAY_NOON, stop=stop)
    real_send = worker._send

    def send_then_stop(claimed):
        stop.set()  # SIGTERM arrives while the first text is with the provider
        return real_send(claimed)

    worker._send = send_then_stop  # type: ignore[method-assign]
    assert worker.run_until_idle() == 5  # claimed as one batch
    assert len(fake.sent) == 1
    statuses = [status_of(sessions, i) for i in ids]
    assert statuses[0].status is MessageStatus.queued
    assert all(m.status is MessageStatus.pending for m in statuses[1:])
    assert all(m.attempts == 0 and m.claimed_by is None for m in statuses[1:])
    assert dispatcher(sessions, name="w2").run_until_idle() == 4
    assert sorted(m["Body"] for m in fake.sent) == [f"Question {i}" for i in range(5)]


def test_twilio_21610_opts_the_number_out_everywhere(twilio):
    fake, sessions = twilio
    fake.then(Scripted(status=400, code=21610))
    first, second = queue(sessions, n=2)
    dispatcher(sessions).run_one()
    assert status_of(sessions, first).status is MessageStatus.failed
    assert status_of(sessions, first).error_code == "21610"
    assert status_of(sessions, second).status is MessageStatus.cancelled
    with sessions() as session:
        assert session.get(OptOut, crypto.contact_hash(NUMBER)).source is OptOutSource.provider
    assert dispatcher(sessions).run_until_idle() == 0
    assert fake.sent == []


def test_an_opted_out_number_gets_only_the_confirmation(twilio):
    fake, sessions = twilio
    queue(sessions)
    queue(sessions, purpose=MessagePurpose.opt_out_confirmation, body="No more texts")
    with sessions() as session, session.begin():
        session.add(
            OptOut(contact_hash=crypto.contact_hash(NUMBER), source="keyword", language="en")
        )
    dispatcher(sessions).run_until_idle()
    assert fake.bodies_to(NUMBER) == ["No more texts 0"]


def test_an_invitation_waits_for_the_send_window(twilio):
    fake, sessions = twilio
    sunday = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
    [message_id] = queue(
        sessions,
        purpose=MessagePurpose.invitation,
        send_after=sunday - timedelta(hours=1),
        window_audience=Audience.parent_carer,
    )
    assert dispatcher(sessions, at=sunday).run_until_idle() == 0
    assert status_of(sessions, message_id).send_after == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert fake.sent == []


def test_one_text_a_second_per_sender_across_workers(twilio, monkeypatch):
    fake, sessions = twilio
    monkeypatch.setenv("YOUSAID_SMS_PER_SECOND", "1")
    get_settings.cache_clear()
    queue(sessions, n=3)
    first, second = dispatcher(sessions, name="a"), dispatcher(sessions, name="b")
    assert first.run_one() is True
    assert second.run_one() is False and second.rate_limited
    assert dispatcher(sessions, at=TUESDAY_NOON + timedelta(seconds=1), name="b").run_one()
    assert len(fake.sent) == 2


def test_status_only_moves_forward(twilio):
    _, sessions = twilio
    [message_id] = queue(sessions)
    dispatcher(sessions).run_until_idle()

    def report(status):
        with sessions() as session, session.begin():
            return messages.apply_status(
                session, message_id=message_id, provider_id=None, status=status
            )

    assert report(MessageStatus.delivered)
    assert not report(MessageStatus.sent)  # late, out of order
    assert status_of(sessions, message_id).status is MessageStatus.delivered
    assert report(MessageStatus.undelivered)  # a failure after delivery is still news
    assert not report(MessageStatus.delivered)  # but nothing follows a final state


@pytest.mark.timeout(600)
def test_four_workers_and_ten_thousand_due_texts_send_each_exactly_once(twilio, fresh_database):
    fake, sessions = twilio
    total = 10_000 if fresh_database.backend == "postgresql" else 2_000
    due = TUESDAY_NOON - timedelta(minutes=1)
    rows = [
        {
            "channel": "sms",
            "purpose": "question",
            "language": "en",
            "recipient_encrypted": crypto.encrypt(f"+447700900{i % 1000:03d}"),
            "recipient_hash": crypto.contact_hash(f"+447700900{i % 1000:03d}"),
            "body": f"message {i}",
            "segments": 1,
            "status": "pending",
            "send_after": due,
            "uses_window": False,
            "attempts": 0,
            "created_at": due,
        }
        for i in range(total)
    ]
    with Session(fresh_database.engine) as session, session.begin():
        session.execute(insert(OutboundMessage), rows)

    def work(name):
        dispatcher(sessions, name=name).run_until_idle(limit=total)

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=560)
    counts = Counter(m["Body"] for m in fake.sent)
    assert len(counts) == total
    assert max(counts.values()) == 1
    with Session(fresh_database.engine) as session:
        statuses = Counter(session.scalars(select(OutboundMessage.status)))
        claimed_by = set(session.scalars(select(OutboundMessage.claimed_by)))
    assert statuses == {MessageStatus.queued: total}
    assert claimed_by == {None}
