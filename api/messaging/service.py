"""Outbound messages and opt-outs: the domain's verbs; channels only translate."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session

from api.core import crypto
from api.core.sql import insert_or_ignore
from api.messaging.status import moves_forward
from api.models import Invitation, OptOut, OutboundMessage
from api.models.enums import (
    Audience,
    Channel,
    InvitationStatus,
    Language,
    MessagePurpose,
    MessageStatus,
    OptOutSource,
)
from channels.sms.provider import OPTED_OUT_CODE
from channels.sms.segments import WARN_OVER_SEGMENTS, cost

log = logging.getLogger("yousaid.messages")
# Texts that still go to a number that has opted out: the confirmation that it has.
_DESPITE_OPT_OUT = frozenset({MessagePurpose.opt_out_confirmation})


def queue(
    session: Session,
    *,
    channel: Channel,
    recipient: str,
    purpose: MessagePurpose,
    language: Language,
    body: str,
    subject: str | None = None,
    invitation_id: int | None = None,
    send_after: datetime | None = None,
    window_audience: Audience | None = None,
) -> OutboundMessage:
    """A message to send later, written in the caller's transaction (a worker sends it).
    A window_audience keeps it to that audience's send window."""
    segments = cost(body).segments if channel is Channel.sms else 1
    if segments > WARN_OVER_SEGMENTS:
        # Never the words (they may carry a link): which kind of text, and its cost.
        log.warning("a %s text takes %d SMS segments; shorten its wording", purpose, segments)
    message = OutboundMessage(
        invitation_id=invitation_id,
        channel=channel,
        purpose=purpose,
        language=language,
        recipient_encrypted=crypto.encrypt(recipient),
        recipient_hash=crypto.contact_hash(recipient),
        subject=subject,
        body=body,
        segments=segments,
        status=MessageStatus.pending,
        send_after=send_after or datetime.now(UTC),
        window_audience=window_audience,
        uses_window=window_audience is not None,
    )
    session.add(message)
    session.flush()
    return message


def is_opted_out(session: Session, contact_hash: str) -> bool:
    return session.get(OptOut, contact_hash) is not None


_OPT_OUT_INSERT = insert_or_ignore(cast(Table, OptOut.__table__), conflict="contact_hash")


def opt_out(
    session: Session, *, contact_hash: str, source: OptOutSource, language: Language
) -> bool:
    """Record an opt-out (a repeat changes nothing); cancel what was waiting to go to that
    number and end its open invitations. True when it is new."""
    now = datetime.now(UTC)
    inserted = session.connection().execute(
        _OPT_OUT_INSERT,
        {"contact_hash": contact_hash, "source": source, "language": language, "opted_out_at": now},
    )
    session.execute(
        update(OutboundMessage)
        .where(
            OutboundMessage.recipient_hash == contact_hash,
            OutboundMessage.status == MessageStatus.pending,
            OutboundMessage.purpose.not_in(_DESPITE_OPT_OUT),
        )
        .values(status=MessageStatus.cancelled, status_at=now, last_error="opted out")
    )
    session.execute(
        update(Invitation)
        .where(
            Invitation.contact_hash == contact_hash,
            Invitation.status == InvitationStatus.pending,
        )
        .values(status=InvitationStatus.cancelled, ended_reason="opted_out", ended_at=now)
    )
    # None from RETURNING means the row was there already.
    return inserted.first() is not None


def opt_in(session: Session, *, contact_hash: str) -> bool:
    """Texts may go to this number again. True if it had opted out."""
    result = session.execute(delete(OptOut).where(OptOut.contact_hash == contact_hash))
    return bool(getattr(result, "rowcount", 0))


def apply_status(
    session: Session,
    *,
    message_id: int,
    provider_id: str | None,
    status: MessageStatus,
    error_code: str | None = None,
) -> bool:
    """A provider's status report. Only moves forward: a late 'sent' never overwrites
    'delivered'. Settles an 'unknown' message. True when something changed."""
    message = session.get(OutboundMessage, message_id, with_for_update=True)
    if message is None:
        return False
    if provider_id and message.provider_id and message.provider_id != provider_id:
        return False  # not this message's report: a forged or confused callback
    if not moves_forward(message.status, status):
        return False
    now = datetime.now(UTC)
    message.status = status
    message.status_at = now
    if provider_id and not message.provider_id:
        message.provider_id = provider_id
    if message.sent_at is None and status in (MessageStatus.sent, MessageStatus.delivered):
        message.sent_at = now
    if error_code:
        message.error_code = error_code[:16]
    if error_code == OPTED_OUT_CODE:
        # The number opted out with the carrier: honour it everywhere.
        opt_out(
            session,
            contact_hash=message.recipient_hash,
            source=OptOutSource.provider,
            language=message.language,
        )
    session.flush()
    return True


def messages_for(session: Session, contact_hash: str, limit: int = 200) -> list[OutboundMessage]:
    """Texts to one number, oldest first (the simulator's thread)."""
    return list(
        session.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.recipient_hash == contact_hash)
            .order_by(OutboundMessage.id)
            .limit(limit)
        )
    )
