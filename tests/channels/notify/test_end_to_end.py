"""Two-way surveys through GOV.UK Notify, end to end: a case event -> the invitation through
the real notifications-python-client to a local Notify stand-in -> Notify's delivery receipt
-> a reply on the inbound number answered by the conversation service (its answer through the
stand-in) -> a permanent failure shown to staff -> the same callbacks again, changing nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

import api.jobs.tasks  # noqa: F401 - the worker's job handlers
from api.core.config import get_settings
from api.jobs.queue import Worker
from api.main import create_app
from api.messaging.dispatch import Dispatcher
from api.models import InboundMessage, OutboundMessage
from api.models.enums import MessagePurpose, MessageStatus, Role
from tests import factories
from tests.notify_fake import (
    SMS_TEMPLATE_ID,
    FakeNotify,
    bearer,
    fake_notify,
    notify_env,
    receipt,
    received_text,
)
from tests.staff_pages import signed_in

PHONE = "+447700900555"
OTHER_PHONE = "+447700900556"


@dataclass
class NotifyWorld:
    client: TestClient
    fake: FakeNotify
    sessions: sessionmaker[Session]
    admin: dict[str, str]
    events: int = 0

    def invite(self, phone: str = PHONE) -> None:
        self.events += 1
        body = {
            "event_id": f"evt-{self.events}",
            "case_ref": f"C-{self.events}",
            "event": "case_closed",
            "team": "north-cin",
            "occurred_at": "2026-11-20T10:00:00+00:00",
            "contacts": [{"role": "parent", "phone": phone, "language": "en"}],
        }
        response = self.client.post("/api/v1/case-events", json=body, headers=self.admin)
        assert response.status_code == 202, response.text
        self.deliver()

    def deliver(self) -> None:
        with self.sessions() as session:
            due = session.scalar(
                select(func.min(OutboundMessage.send_after)).where(
                    OutboundMessage.status == MessageStatus.pending
                )
            )
        at = max(datetime.now(UTC), due) if due else datetime.now(UTC)
        Dispatcher(self.sessions, "test", clock=lambda: at).run_until_idle()

    def post(self, path: str, body: dict[str, Any]) -> None:
        response = self.client.post(path, json=body, headers=bearer())
        assert response.status_code == 204, response.text
        Worker(self.sessions, "test").run_until_idle()
        self.deliver()

    def messages(self) -> list[OutboundMessage]:
        with self.sessions() as session:
            return list(session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)))


@pytest.fixture
def world(monkeypatch, fresh_database, use_database, tmp_path):
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    monkeypatch.setenv("YOUSAID_OFFICE_HOURS", "Mon-Sun 00:00-23:59")
    monkeypatch.setenv("YOUSAID_BANK_HOLIDAYS", "")
    with fake_notify() as fake:
        notify_env(monkeypatch, fake)
        sessions = sessionmaker(fresh_database.engine, expire_on_commit=False)
        with sessions() as session, session.begin():
            factories.team(session, "north-cin")
            admin = factories.auth(session, Role.admin)
            manager = factories.staff_user(session, Role.manager, teams=["north-cin"])
            manager_email = manager.email
        # https, as the public address is: staff cookies are Secure then.
        with TestClient(create_app(), base_url="https://testserver") as client:
            world = NotifyWorld(client, fake, sessions, admin)
            world.manager_email = manager_email  # type: ignore[attr-defined]
            yield world
    get_settings.cache_clear()


def test_a_survey_by_text_works_end_to_end_through_notify(world):
    # An invitation, sent through Notify's passthrough template with our reference.
    world.invite()
    [invitation] = world.fake.texts_to(PHONE)
    assert invitation["template_id"] == SMS_TEMPLATE_ID
    assert "1/10 I felt listened to and understood" in invitation["personalisation"]["body"]
    [sent] = world.messages()
    assert invitation["reference"] == f"yousaid-message-{sent.id}"
    assert sent.status is MessageStatus.queued and sent.provider_id == invitation["id"]

    # Notify's receipt: delivered.
    world.post("/notify/receipts", receipt(invitation, "delivered"))
    [sent] = world.messages()
    assert sent.status is MessageStatus.delivered

    # A reply to the inbound number, answered by the conversation service through Notify.
    reply = received_text(PHONE, "Ring back when you say")
    world.post("/notify/inbound", reply)
    bodies = world.fake.bodies_to(PHONE)
    # The "not watched" line, then the question again.
    assert len(bodies) == 3 and "not watched" in bodies[1]
    assert bodies[2].startswith("Sorry, we did not understand that.")
    assert not any("Ring back" in b for b in bodies)  # never an echo
    world.post("/notify/inbound", received_text(PHONE, "5"))
    assert world.fake.bodies_to(PHONE)[-1].startswith("2/10 ")

    # A permanent failure on another family's invitation, shown to staff without the number.
    world.invite(OTHER_PHONE)
    [other] = world.fake.texts_to(OTHER_PHONE)
    failed = receipt(other, "permanent-failure")
    world.post("/notify/receipts", failed)
    staff = signed_in(world.client, world.manager_email)
    page = staff.get("/staff/texts").text
    [lost] = [m for m in world.messages() if m.provider_id == other["id"]]
    assert lost.status is MessageStatus.failed and lost.purpose is MessagePurpose.invitation
    assert page.count('id="message-') == 1 and f'id="message-{lost.id}"' in page
    assert "The number or address does not work" in page and "C-2" in page
    assert "900556" not in page

    # The same callbacks again: nothing changes, nothing is sent twice.
    before = [(m.id, m.status, m.status_at, m.error_code) for m in world.messages()]
    texts_before = len(world.fake.sent)
    world.post("/notify/receipts", failed)
    world.post("/notify/receipts", receipt(invitation, "delivered"))
    world.post("/notify/inbound", reply)
    assert [(m.id, m.status, m.status_at, m.error_code) for m in world.messages()] == before
    assert len(world.fake.sent) == texts_before
    with world.sessions() as session:
        assert session.scalar(select(func.count()).select_from(InboundMessage)) == 2
    assert staff.get("/staff/texts").text.count('id="message-') == 1
