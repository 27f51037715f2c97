"""Messages whose send answer was lost, settled by asking the provider that keeps our
reference (GOV.UK Notify) instead of waiting for a person: if it has the message, we record
what it says; if it has none, the message cannot have gone and is sent again (decision 42).

Asked only a while after the hand-over: Notify stores a notification before it answers the
request, so a request that had not been stored by then never will be.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from api.core.config import Settings
from api.messaging import references
from api.messaging.providers import email_sender, sms_provider
from api.messaging.status import moves_forward
from api.models import OutboundMessage
from api.models.enums import Channel, MessageStatus
from channels.sms.provider import FindsByReference, SendFailure, Sent

log = logging.getLogger("yousaid.dispatch")
ASK_AFTER = timedelta(minutes=2)
# A message sent again this often, and lost each time, is left for a person.
MAX_TRIES = 6
BATCH = 20


def settle(
    sessions: sessionmaker[Session],
    settings: Settings,
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> int:
    """Ask about `unknown` messages handed to a provider that can be asked; how many were
    settled (found, or due again). Nothing is locked while Notify is asked: what was learnt is
    recorded only for messages still unknown by then."""
    if "notify" not in (settings.sms_provider, settings.email_provider):
        return 0  # the worker loop calls this every pass: no query when Notify is not used
    now = clock()
    with sessions() as session:
        waiting = session.execute(
            select(OutboundMessage.id, OutboundMessage.channel)
            .where(
                OutboundMessage.status == MessageStatus.unknown,
                OutboundMessage.provider == "notify",
                OutboundMessage.provider_id.is_(None),
                OutboundMessage.handed_at < now - ASK_AFTER,
                OutboundMessage.attempts < MAX_TRIES,
            )
            .order_by(OutboundMessage.id)
            .limit(BATCH)
        ).all()
    answers: dict[int, Sent | None] = {}
    for message_id, channel in waiting:
        finder = _finder(settings, channel)
        if finder is None:
            continue  # Notify is no longer configured for it: a person settles it
        try:
            answers[message_id] = finder.find(references.for_message(message_id, channel))
        except SendFailure as exc:
            log.warning("could not ask Notify about message %s: %s", message_id, exc)
    if not answers:
        return 0
    settled = 0
    with sessions() as session, session.begin():
        rows = session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.id.in_(answers))
            .with_for_update(skip_locked=True)
        ).all()
        for message in rows:
            if message.status is not MessageStatus.unknown or message.provider_id is not None:
                continue  # a receipt, a person or another worker settled it meanwhile
            found = answers[message.id]
            if found is not None:
                message.provider_id = found.provider_id
                message.sent_at = message.sent_at or message.handed_at
                if moves_forward(message.status, found.status):
                    message.status = found.status
                    message.status_at = now
                message.last_error = "settled: Notify had it"
            else:
                message.status = MessageStatus.pending
                message.send_after = now
                message.claimed_by = None
                message.claimed_at = None
                message.handed_at = None
                message.last_error = "Notify never had it: due again"
            settled += 1
    return settled


def _finder(settings: Settings, channel: Channel) -> FindsByReference | None:
    if channel is Channel.email:
        if settings.email_provider != "notify":
            return None
        provider: object = email_sender(settings)
    else:
        if settings.sms_provider != "notify":
            return None
        provider = sms_provider(settings)
    return provider if isinstance(provider, FindsByReference) else None
