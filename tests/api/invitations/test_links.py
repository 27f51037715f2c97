"""A personal link's working token is put in as the text is sent, and never stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from api.core.config import get_settings
from api.invitations import links
from api.invitations import service as invitations
from api.invitations.schemas import CaseEventIn
from api.messaging.dispatch import Dispatcher
from api.models import Invitation, OutboundMessage
from channels.sms.segments import cost
from tests import factories
from tests.twilio_fake import fake_twilio, twilio_env

NUMBER = "+447700900777"


@pytest.fixture
def twilio(monkeypatch, fresh_database, use_database):
    use_database(fresh_database)
    with fake_twilio() as fake:
        twilio_env(monkeypatch, fake)
        yield fake, sessionmaker(fresh_database.engine, expire_on_commit=False)
    get_settings.cache_clear()


def invite(sessions, event_id="e-1"):
    with sessions() as session, session.begin():
        factories.team(session, f"team-{event_id}")
        invitations.receive_case_event(
            session,
            event=CaseEventIn.model_validate(
                {
                    "event_id": event_id,
                    "case_ref": "C-1",
                    "event": "front_door_completed",
                    "team": f"team-{event_id}",
                    "occurred_at": datetime(2026, 11, 20, 10, tzinfo=UTC),
                    "contacts": [{"role": "young_person", "phone": "07700 900777"}],
                }
            ),
        )
    with sessions() as session:
        return session.scalar(select(Invitation)), session.scalar(select(OutboundMessage))


def test_the_stored_text_holds_a_stand_in_and_the_sent_text_the_working_link(twilio):
    fake, sessions = twilio
    invitation, queued = invite(sessions)
    token = links.link_token(invitation.public_id)
    assert token not in queued.body
    assert f"/i/{links.STORED_TOKEN}" in queued.body
    Dispatcher(sessions, "w1", clock=lambda: queued.send_after).run_until_idle()
    [sent] = fake.bodies_to(NUMBER)
    assert f"/i/{token}" in sent and links.STORED_TOKEN not in sent
    assert cost(sent).segments == queued.segments  # the count made when it was queued holds
    with sessions() as session:
        stored = session.get(OutboundMessage, queued.id)
        assert stored is not None and token not in stored.body
    # The link that was sent still opens the invitation: only its hash is kept.
    with sessions() as session:
        assert links.by_link(session, token).id == invitation.id


def test_a_body_without_the_stand_in_is_sent_as_it_is():
    assert links.with_token("Reply 1 to 5", "abc") == "Reply 1 to 5"
    assert links.with_token(f"go /i/{links.STORED_TOKEN}", None) == f"go /i/{links.STORED_TOKEN}"
    assert len(links.STORED_TOKEN) == len(links.link_token("x"))
