"""The dispatcher through GOV.UK Notify: texts and emails each with our reference."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import sessionmaker

from api.core.config import get_settings
from api.messaging import service as messages
from api.messaging.dispatch import Dispatcher
from api.models import OutboundMessage
from api.models.enums import Channel, Language, MessagePurpose, MessageStatus
from tests.notify_fake import EMAIL_TEMPLATE_ID, fake_notify, notify_env

NOON = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def notify(monkeypatch, fresh_database, use_database):
    use_database(fresh_database)
    with fake_notify() as fake:
        notify_env(monkeypatch, fake, email=True)
        yield fake, sessionmaker(fresh_database.engine, expire_on_commit=False)
    get_settings.cache_clear()


def test_an_email_goes_through_notify_with_its_message_as_reference(notify):
    fake, sessions = notify
    with sessions() as session, session.begin():
        message_id = messages.queue(
            session, channel=Channel.email, recipient="parent@example.co.uk",
            purpose=MessagePurpose.invitation, language=Language.en, subject="Tell us",
            body="How did it go?", send_after=NOON - timedelta(minutes=1),
        ).id  # fmt: skip
    Dispatcher(sessions, "w1", clock=lambda: NOON).run_until_idle()
    [email] = fake.sent
    assert email["template_id"] == EMAIL_TEMPLATE_ID
    assert email["personalisation"] == {"subject": "Tell us", "body": "How did it go?"}
    assert email["reference"] == f"yousaid-message-{message_id}@yousaid"
    with sessions() as session:
        sent = session.get(OutboundMessage, message_id)
        assert sent is not None
        assert sent.status is MessageStatus.sent and sent.provider == "notify"
