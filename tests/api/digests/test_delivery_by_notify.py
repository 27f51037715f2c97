"""Digests through GOV.UK Notify: the plain-text part as the passthrough template's body;
a refusal from Notify is tried again, never called "may have been sent"."""

from __future__ import annotations

from sqlalchemy import select

from api.core.config import get_settings
from api.digests import delivery
from api.jobs.queue import Worker
from api.models import Digest, Forum, Job
from api.models.enums import DigestStatus, JobStatus
from tests.api.digests.test_delivery import council, schedule_and_send  # noqa: F401 - fixture
from tests.notify_fake import Scripted, fake_notify, notify_env


def test_a_digest_goes_through_notify_as_its_text(council, monkeypatch):  # noqa: F811
    sessions, inbox = council
    with fake_notify() as fake:
        notify_env(monkeypatch, fake, email=True, YOUSAID_SMS_PROVIDER="outbox")
        schedule_and_send(sessions)
    get_settings.cache_clear()
    assert inbox.messages == []  # nothing by SMTP
    [managers] = [n for n in fake.sent if "reflective space" in n["personalisation"]["subject"]]
    assert managers["email_address"] == "manager.frontdoor@demo.yousaid.local"
    assert managers["reference"].startswith("digest-")
    body = managers["personalisation"]["body"]
    assert "Responses: <5" in body and "<html" not in body
    for secret in ("07700 900123", "mum@example.com", " Jo "):
        assert secret not in body


def test_a_digest_notify_refused_is_tried_again_not_called_maybe_sent(council, monkeypatch):  # noqa: F811
    sessions, _ = council
    with sessions() as session, session.begin():
        board = session.scalar(select(Forum).where(Forum.key == "front-door-managers"))
        digest_id = delivery.queue(session, board, "2026-W47")
    with fake_notify() as fake:
        notify_env(monkeypatch, fake, email=True, YOUSAID_SMS_PROVIDER="outbox")
        fake.then(Scripted(status=400))
        Worker(sessions, "test").run_until_idle()
    get_settings.cache_clear()
    with sessions() as session:
        digest = session.get(Digest, digest_id)
        job = session.scalar(select(Job).where(Job.unique_key == f"{delivery.SEND}:{digest_id}"))
    assert digest is not None and job is not None
    assert digest.status is DigestStatus.pending and digest.handed_over_at is None
    assert job.status is JobStatus.queued and "Notify 400" in (job.last_error or "")
