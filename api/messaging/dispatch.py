"""Sending due messages, by any number of workers on any number of machines.

At most once to a family: a message is marked dispatching (and committed) before the
provider is called. If the worker dies in between, the message stays dispatching until the
sweep calls it unknown, for a status callback or a person to settle; it is never resent
blindly. Temporary failures (nothing was sent) are retried with backoff.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session, sessionmaker

from api import crypto
from api.config import Settings, get_settings
from api.invitations import rules as invitation_rules
from api.invitations import service as invitations
from api.invitations.windows import next_open
from api.messaging import service as messages
from api.messaging.providers import sender_key, sms_provider
from api.messaging.status import moves_forward
from api.models import CollectionPoint, Invitation, OutboundMessage, SendSlot
from api.models.enums import (
    Audience,
    Channel,
    InvitationStatus,
    MessagePurpose,
    MessageStatus,
    OptOutSource,
)
from channels.email.sender import Email, sender_for
from channels.sms.provider import (
    OPTED_OUT_CODE,
    PermanentFailure,
    Sent,
    TemporaryFailure,
    UncertainFailure,
)

log = logging.getLogger("yousaid.dispatch")
MAX_ATTEMPTS = 6
# A message dispatching longer than this belongs to a worker that died mid-call.
STALE_DISPATCH = timedelta(minutes=10)
# Messages that belong to an invitation and make no sense once it has ended.
_INVITATION_BOUND = frozenset(
    {MessagePurpose.invitation, MessagePurpose.reminder, MessagePurpose.question}
)


def retry_delay(attempts: int) -> timedelta:
    """15 s, 1 min, 4 min, 16 min ... capped at an hour."""
    return timedelta(seconds=min(15 * 4 ** (attempts - 1), 3600))


@dataclass(frozen=True)
class Claimed:
    id: int
    channel: Channel
    recipient: str
    subject: str | None
    body: str


@dataclass
class Dispatcher:
    sessions: sessionmaker[Session]
    name: str
    settings: Settings | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    # Set when the last claim found a text due but the per-sender rate limit said wait.
    rate_limited: bool = False

    @property
    def slot_seconds(self) -> float:
        rate = self._settings.sms_per_second
        return 1 / rate if rate > 0 else 0.0

    @property
    def _settings(self) -> Settings:
        return self.settings or get_settings()

    def run_one(self) -> bool:
        """Send one due message; False when nothing was due (or the rate limit said wait)."""
        claimed = self.claim()
        if claimed is None:
            return False
        try:
            sent = self._send(claimed)
        except TemporaryFailure as exc:
            self._retry_later(claimed.id, exc)
        except PermanentFailure as exc:
            self._failed(claimed.id, exc)
        except UncertainFailure as exc:
            self._uncertain(claimed.id, exc)
        except Exception as exc:  # a bug in an adapter: we cannot know if it went
            log.exception("sending message %s", claimed.id)
            self._uncertain(claimed.id, exc)
        else:
            self._sent(claimed.id, sent)
        return True

    def run_until_idle(self, limit: int = 1000) -> int:
        sent = 0
        while sent < limit and self.run_one():
            sent += 1
        return sent

    # -- claiming ---------------------------------------------------------------------------

    def claim(self) -> Claimed | None:
        """Lock one due message and mark it dispatching, in one short transaction.
        SKIP LOCKED lets many workers share the queue on PostgreSQL."""
        now = self.clock()
        self.rate_limited = False
        with self.sessions() as session, session.begin():
            while True:
                message = session.scalar(
                    select(OutboundMessage)
                    .where(
                        OutboundMessage.status == MessageStatus.pending,
                        OutboundMessage.send_after <= now,
                    )
                    .order_by(OutboundMessage.send_after, OutboundMessage.id)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                )
                if message is None:
                    return None
                if self._settle_before_sending(session, message, now):
                    continue  # cancelled or moved to its window: look for the next one
                if message.channel is Channel.sms and not self._take_send_slot(session, now):
                    self.rate_limited = True
                    return None  # commits only what was settled above
                if message.recipient_encrypted is None:  # erased: cannot go anywhere
                    message.status = MessageStatus.cancelled
                    message.last_error = "contact details erased"
                    continue
                message.status = MessageStatus.dispatching
                message.claimed_by = self.name
                message.claimed_at = now
                message.attempts += 1
                return Claimed(
                    id=message.id,
                    channel=message.channel,
                    recipient=crypto.decrypt(message.recipient_encrypted),
                    subject=message.subject,
                    body=message.body,
                )

    def _settle_before_sending(
        self, session: Session, message: OutboundMessage, now: datetime
    ) -> bool:
        """Cancel what must not go, move what must wait for its window. True if handled."""
        invitation = (
            session.get(Invitation, message.invitation_id) if message.invitation_id else None
        )
        if (
            invitation is not None
            and message.purpose in _INVITATION_BOUND
            and invitation.status
            in (
                InvitationStatus.expired,
                InvitationStatus.cancelled,
                InvitationStatus.completed,
            )
        ):
            message.status = MessageStatus.cancelled
            message.last_error = f"invitation {invitation.status.value}"
            return True
        if message.purpose is not MessagePurpose.opt_out_confirmation and messages.is_opted_out(
            session, message.recipient_hash
        ):
            message.status = MessageStatus.cancelled
            message.last_error = "opted out"
            return True
        if message.uses_window:
            rule = invitation_rules.current().defaults.send_window
            if invitation is not None and invitation.collection_point_id is not None:
                rule = _window_for(session, invitation) or rule
            opens = next_open(
                now,
                rule,
                timezone=self._settings.timezone,
                young_person=message.window_audience is Audience.young_person,
            )
            if opens > now:  # a worker that was down, or a reminder due out of hours
                message.send_after = opens
                return True
        return False

    def _take_send_slot(self, session: Session, now: datetime) -> bool:
        """The per-sender rate limit, shared by every worker through one row."""
        rate = self._settings.sms_per_second
        if rate <= 0:
            return True
        sender = sender_key(self._settings)
        taken = session.execute(
            update(SendSlot)
            .where(SendSlot.sender == sender, SendSlot.next_at <= now)
            .values(next_at=now + timedelta(seconds=1 / rate))
        )
        if getattr(taken, "rowcount", 0) == 1:
            return True
        if session.get(SendSlot, sender) is None:
            session.execute(
                text(
                    "INSERT INTO send_slots (sender, next_at) VALUES (:sender, :next_at) "
                    "ON CONFLICT (sender) DO NOTHING"
                ),
                {"sender": sender, "next_at": now + timedelta(seconds=1 / rate)},
            )
            return True
        return False

    # -- sending and recording ------------------------------------------------------------

    def _send(self, claimed: Claimed) -> Sent:
        settings = self._settings
        if claimed.channel is Channel.email:
            return _send_email(settings, claimed)
        callback = f"{settings.public_base_url.rstrip('/')}/sms/twilio/status?m={claimed.id}"
        return sms_provider(settings).send(
            to=claimed.recipient,
            body=claimed.body,
            status_callback=callback if settings.sms_provider == "twilio" else None,
        )

    def _sent(self, message_id: int, sent: Sent) -> None:
        with self.sessions() as session, session.begin():
            message = session.get(OutboundMessage, message_id)
            if message is None:
                return
            now = self.clock()
            message.provider_id = sent.provider_id
            message.sent_at = now
            message.claimed_by = None
            # A status callback may already have moved it further; never go back.
            if moves_forward(message.status, sent.status):
                message.status = sent.status
                message.status_at = now
            if message.invitation_id is not None and message.purpose is MessagePurpose.invitation:
                _invitation_sent(session, message.invitation_id, now)

    def _retry_later(self, message_id: int, error: Exception) -> None:
        with self.sessions() as session, session.begin():
            message = session.get(OutboundMessage, message_id)
            if message is None:
                return
            message.last_error = str(error)[-2000:]
            message.claimed_by = None
            if message.attempts >= MAX_ATTEMPTS:
                message.status = MessageStatus.failed
            else:
                message.status = MessageStatus.pending
                message.send_after = self.clock() + retry_delay(message.attempts)

    def _failed(self, message_id: int, error: PermanentFailure) -> None:
        with self.sessions() as session, session.begin():
            message = session.get(OutboundMessage, message_id)
            if message is None:
                return
            message.status = MessageStatus.failed
            message.status_at = self.clock()
            message.error_code = error.code
            message.last_error = str(error)[-2000:]
            message.claimed_by = None
            if error.code == OPTED_OUT_CODE:
                # The number opted out with the carrier: honour it everywhere.
                messages.opt_out(
                    session,
                    contact_hash=message.recipient_hash,
                    source=OptOutSource.provider,
                    language=message.language,
                )

    def _uncertain(self, message_id: int, error: Exception) -> None:
        with self.sessions() as session, session.begin():
            message = session.get(OutboundMessage, message_id)
            if message is None:
                return
            if message.status is MessageStatus.dispatching:
                message.status = MessageStatus.unknown
            message.last_error = str(error)[-2000:]
            message.claimed_by = None

    def sweep_stale(self) -> int:
        """Messages left dispatching by a worker that died become unknown (never resent)."""
        with self.sessions() as session, session.begin():
            result = session.execute(
                update(OutboundMessage)
                .where(
                    OutboundMessage.status == MessageStatus.dispatching,
                    OutboundMessage.claimed_at < self.clock() - STALE_DISPATCH,
                )
                .values(status=MessageStatus.unknown, last_error="worker stopped mid-send")
            )
            return int(getattr(result, "rowcount", 0))


def _window_for(session: Session, invitation: Invitation) -> invitation_rules.WindowRule | None:
    point = session.get(CollectionPoint, invitation.collection_point_id)
    if point is None:
        return None
    return invitation_rules.current().rule_for_point(point.key).send_window


def _invitation_sent(session: Session, invitation_id: int, now: datetime) -> None:
    """The invitation went: from now the reminder and the expiry are counted."""
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.status is not InvitationStatus.pending:
        return
    invitations.mark_sent(session, invitation, now)


def _send_email(settings: Settings, claimed: Claimed) -> Sent:
    email = Email(to=(claimed.recipient,), subject=claimed.subject or "", text=claimed.body)
    try:
        message_id = sender_for(settings).send(email)
    except smtplib.SMTPResponseException as exc:
        failure = TemporaryFailure if 400 <= exc.smtp_code < 500 else PermanentFailure
        raise failure(f"SMTP {exc.smtp_code}", code=str(exc.smtp_code)) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise PermanentFailure("SMTP refused the address") from exc
    except (ConnectionRefusedError, smtplib.SMTPConnectError, TimeoutError) as exc:
        raise TemporaryFailure(f"SMTP unreachable: {exc}") from exc
    except smtplib.SMTPServerDisconnected as exc:
        raise UncertainFailure(f"SMTP disconnected: {exc}") from exc
    return Sent(provider_id=message_id[:64], status=MessageStatus.sent)
