"""The world a text conversation runs in: the app, the local Twilio stand-in through the
real twilio library, the worker and the dispatcher, on a fresh database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

import api.jobs.tasks  # noqa: F401 - the worker's job handlers
from api.core.config import get_settings
from api.jobs.queue import Worker
from api.main import create_app
from api.messaging.dispatch import Dispatcher
from api.models import OutboundMessage
from api.models.enums import MessageStatus, Role
from tests import factories
from tests.twilio_fake import FakeTwilio, fake_twilio, inbound_params, signed, twilio_env

PHONE = "+447700900555"
THANKS = (
    "Thank you. Your answers help us get better. See what we changed: "
    "https://yousaid.example.org/you-said-we-did Demo Council\n"
    "This number is not watched. If a child is in danger call 999."
)
NOT_WATCHED = (
    "Demo Council: this number is not watched all the time. If you or a child are in danger "
    "call 999, or call us on 01632 960001."
)
# To a young person: Childline, free and for them, rather than the council's number.
NOT_WATCHED_YOUNG = (
    "Demo Council: this number is not watched all the time. If you are in danger call 999. "
    "To talk to someone now call Childline free on 0800 1111."
)


@dataclass
class World:
    client: TestClient
    fake: FakeTwilio
    sessions: sessionmaker[Session]
    admin: dict[str, str]
    events: int = 0

    def invite(self, role: str = "parent", language: str | None = "en", phone: str = PHONE) -> dict:
        self.events += 1
        body = {
            "event_id": f"evt-{self.events}",
            "case_ref": f"C-{self.events}",
            "event": "case_closed",
            "team": "north-cin",
            "occurred_at": "2026-11-20T10:00:00+00:00",
            "contacts": [{"role": role, "phone": phone}],
        }
        if language is not None:  # None: the case system does not know it
            body["contacts"][0]["language"] = language
        response = self.client.post("/api/v1/case-events", json=body, headers=self.admin)
        assert response.status_code == 202, response.text
        self.deliver()
        return response.json()["contacts"][0]

    def deliver(self) -> None:
        """Send what is due, at the time the earliest pending text may go."""
        with self.sessions() as session:
            due = session.scalar(
                select(func.min(OutboundMessage.send_after)).where(
                    OutboundMessage.status == MessageStatus.pending
                )
            )
        at = max(datetime.now(UTC), due) if due else datetime.now(UTC)
        Dispatcher(self.sessions, "test", clock=lambda: at).run_until_idle()

    def text(self, body: str, sid: str | None = None, phone: str = PHONE) -> None:
        params = inbound_params(phone, body, sid=sid)
        path = "/sms/twilio/inbound"
        response = self.client.post(path, data=params, headers=signed(path, params))
        assert response.status_code == 200
        Worker(self.sessions, "test").run_until_idle()
        self.deliver()

    def received(self, phone: str = PHONE) -> list[str]:
        return self.fake.bodies_to(phone)

    def one(self, model, *where):  # type: ignore[no-untyped-def]
        with self.sessions() as session:
            return session.scalars(select(model).where(*where)).all()


@pytest.fixture
def world(monkeypatch, fresh_database, use_database, tmp_path):
    use_database(fresh_database)
    monkeypatch.setenv("YOUSAID_OUTBOX_DIR", str(tmp_path / "mail"))
    # The office always open, so a reply names the front door (a test that needs it closed
    # says so), whenever the suite runs.
    monkeypatch.setenv("YOUSAID_OFFICE_HOURS", "Mon-Sun 00:00-23:59")
    monkeypatch.setenv("YOUSAID_BANK_HOLIDAYS", "")
    with fake_twilio() as fake:
        twilio_env(monkeypatch, fake)
        sessions = sessionmaker(fresh_database.engine, expire_on_commit=False)
        with sessions() as session, session.begin():
            factories.team(session, "north-cin")
            admin = factories.auth(session, Role.admin)
        with TestClient(create_app()) as client:
            yield World(client, fake, sessions, admin)
    get_settings.cache_clear()


def answer_all(world: World, replies: list[str]) -> None:
    for reply in replies:
        world.text(reply)
