"""Sending due messages, by any number of workers on any number of machines.

At most once to a family: a message is marked dispatching (and committed) when claimed, and
marked handed over (committed) just before the provider is called. If the worker dies after
the hand-over, the message stays dispatching until the sweep calls it unknown, for a status
callback or a person to settle; it is never resent blindly. A message claimed but never
handed over cannot have gone: a worker asked to stop releases it at once, and the sweep
releases it if the worker died, back to pending for the next worker. Temporary failures
(nothing was sent) are retried with backoff. Without a rate limit a worker claims up to 20 at
once (one transaction to claim, one to record). Decisions 12 and 35.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session, sessionmaker

from api.core import crypto
from api.core.config import Settings, get_settings
from api.invitations import links
from api.invitations import service as invitations
from api.invitations.windows import next_open
from api.messaging import references
from api.messaging import service as messages
from api.messaging.providers import email_sender, sender_key, sms_provider
from api.messaging.status import moves_forward
from api.models import Invitation, OptOut, OutboundMessage, SendSlot
from api.models.enums import (
    Audience,
    Channel,
    InvitationStatus,
    MessagePurpose,
    MessageStatus,
    OptOutSource,
)
from channels.email.sender import Email
from channels.sms.provider import (
    OPTED_OUT_CODE,
    PermanentFailure,
    SendFailure,
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
    recipient_hash: str
    subject: str | None
    body: str


Outcome = Sent | SendFailure | object
_OPTED_OUT = object()  # not attempted: the provider refused this number earlier in the batch
_RELEASED = object()  # not attempted: the worker was asked to stop; back to pending
_LOST = object()  # not attempted: the row is no longer this worker's claim (swept meanwhile)


@dataclass(frozen=True)
class _Context:
    """What the claim checks for a batch, read in two queries rather than two per message."""

    invitations: dict[int, Invitation]
    opted_out: frozenset[str]

    @classmethod
    def load(cls, session: Session, rows: Sequence[OutboundMessage]) -> _Context:
        invitation_ids = {m.invitation_id for m in rows if m.invitation_id is not None}
        invitations = (
            {
                i.id: i
                for i in session.scalars(
                    select(Invitation).where(Invitation.id.in_(invitation_ids))
                )
            }
            if invitation_ids
            else {}
        )
        hashes = {m.recipient_hash for m in rows}
        opted_out = frozenset(
            session.scalars(select(OptOut.contact_hash).where(OptOut.contact_hash.in_(hashes)))
        )
        return cls(invitations, opted_out)


@dataclass
class Dispatcher:
    sessions: sessionmaker[Session]
    name: str
    settings: Settings | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    # Messages claimed at once when there is no rate limit. A worker that dies mid-batch
    # leaves the rest for the sweep to release only after STALE_DISPATCH, so this stays small.
    batch_size: int = 20
    # Set when the last claim found a text due but the per-sender rate limit said wait.
    rate_limited: bool = False
    # Set on SIGTERM: the text in hand is finished, the rest of the batch released, no more
    # claimed (decision 35).
    stop: threading.Event | None = None

    @property
    def stopping(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    @property
    def slot_seconds(self) -> float:
        rate = self._settings.sms_per_second
        return 1 / rate if rate > 0 else 0.0

    @property
    def _settings(self) -> Settings:
        return self.settings or get_settings()

    def run_one(self) -> bool:
        """Send a batch of due messages; False when nothing was due (or the rate limit said
        wait)."""
        return self.run_batch() > 0

    def run_until_idle(self, limit: int = 1000) -> int:
        sent = 0
        while sent < limit and not self.stopping:
            done = self.run_batch()
            if done == 0:
                break
            sent += done
        return sent

    def run_batch(self) -> int:
        """Claim due messages, send each, record what happened; how many were claimed."""
        batch = self.claim_batch()
        if not batch:
            return 0
        outcomes: list[tuple[Claimed, Outcome]] = []
        refused: set[str] = set()  # numbers the provider just told us have opted out
        for claimed in batch:
            if self.stopping:
                outcomes.append((claimed, _RELEASED))
                continue
            if claimed.recipient_hash in refused:
                outcomes.append((claimed, _OPTED_OUT))
                continue
            if not self.hand_over(claimed):
                outcomes.append((claimed, _LOST))
                continue
            outcome = self._attempt(claimed)
            if isinstance(outcome, PermanentFailure) and outcome.code == OPTED_OUT_CODE:
                refused.add(claimed.recipient_hash)
            outcomes.append((claimed, outcome))
        self._record(outcomes)
        return len(batch)

    def _attempt(self, claimed: Claimed) -> Outcome:
        try:
            return self._send(claimed)
        except SendFailure as exc:
            return exc
        except Exception as exc:  # a bug in an adapter: we cannot know if it went
            log.exception("sending message %s", claimed.id)
            return UncertainFailure(f"{type(exc).__name__}: {exc}")

    # -- claiming ---------------------------------------------------------------------------

    def claim(self) -> Claimed | None:
        """Claim one due message (tests use it to stop a worker between claim and send)."""
        batch = self.claim_batch(size=1)
        return batch[0] if batch else None

    def claim_batch(self, size: int | None = None) -> list[Claimed]:
        """Lock due messages and mark them dispatching, in one short transaction that commits
        before anything is sent. SKIP LOCKED lets many workers share the queue on PostgreSQL.
        Under a rate limit, one at a time."""
        now = self.clock()
        self.rate_limited = False
        if size is None:
            size = 1 if self._settings.sms_per_second > 0 else self.batch_size
        claimed: list[Claimed] = []
        with self.sessions() as session, session.begin(), session.no_autoflush:
            while len(claimed) < size and not self.rate_limited:
                rows = session.scalars(
                    select(OutboundMessage)
                    .where(
                        OutboundMessage.status == MessageStatus.pending,
                        OutboundMessage.send_after <= now,
                    )
                    .order_by(OutboundMessage.send_after, OutboundMessage.id)
                    .limit(size - len(claimed))
                    .with_for_update(skip_locked=True)
                ).all()
                if not rows:
                    break
                context = _Context.load(session, rows)
                for message in rows:
                    if self._settle_before_sending(session, message, context, now):
                        continue  # cancelled or moved to its window
                    if message.channel is Channel.sms and not self._take_send_slot(session, now):
                        self.rate_limited = True
                        break  # commits only what was settled above
                    if message.recipient_encrypted is None:  # erased: cannot go anywhere
                        message.status = MessageStatus.cancelled
                        message.last_error = "contact details erased"
                        continue
                    message.status = MessageStatus.dispatching
                    message.claimed_by = self.name
                    message.claimed_at = now
                    message.handed_at = None  # an earlier attempt's, if it was retried
                    message.attempts += 1
                    invitation = context.invitations.get(message.invitation_id or 0)
                    claimed.append(
                        Claimed(
                            id=message.id,
                            channel=message.channel,
                            recipient=crypto.decrypt(message.recipient_encrypted),
                            recipient_hash=message.recipient_hash,
                            subject=message.subject,
                            # The personal link's token goes in only now (never stored).
                            body=links.with_token(
                                message.body, invitation.public_id if invitation else None
                            ),
                        )
                    )
                # Written before looking again, or the rows settled above would come back.
                session.flush()
        return claimed

    def _settle_before_sending(
        self, session: Session, message: OutboundMessage, context: _Context, now: datetime
    ) -> bool:
        """Cancel what must not go, move what must wait for its window. True if handled."""
        invitation = context.invitations.get(message.invitation_id or 0)
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
        if (
            message.purpose is not MessagePurpose.opt_out_confirmation
            and message.recipient_hash in context.opted_out
        ):
            message.status = MessageStatus.cancelled
            message.last_error = "opted out"
            return True
        if message.uses_window:
            point_id = invitation.collection_point_id if invitation is not None else None
            rule = invitations.point_rule(session, point_id).send_window
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

    def hand_over(self, claimed: Claimed) -> bool:
        """Commit that this message is about to go to the provider: from here on it may have
        gone, and a worker dying leaves it unknown, never resent. Before this, it cannot
        have gone. False if the claim is no longer this worker's."""
        with self.sessions() as session, session.begin():
            result = session.execute(
                update(OutboundMessage)
                .where(
                    OutboundMessage.id == claimed.id,
                    OutboundMessage.status == MessageStatus.dispatching,
                    OutboundMessage.claimed_by == self.name,
                )
                .values(handed_at=self.clock(), provider=self._provider_name(claimed.channel))
            )
            return int(getattr(result, "rowcount", 0)) == 1

    def _provider_name(self, channel: Channel) -> str:
        settings = self._settings
        return settings.email_provider if channel is Channel.email else settings.sms_provider

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
            reference=references.for_message(claimed.id, claimed.channel),
        )

    def _record(self, outcomes: list[tuple[Claimed, Outcome]]) -> None:
        """What happened to a batch, in one transaction."""
        now = self.clock()
        with self.sessions() as session, session.begin(), session.no_autoflush:
            ids = [claimed.id for claimed, _ in outcomes]
            rows = {
                m.id: m
                for m in session.scalars(select(OutboundMessage).where(OutboundMessage.id.in_(ids)))
            }
            context = _Context.load(session, list(rows.values()))
            for claimed, outcome in outcomes:
                message = rows.get(claimed.id)
                if message is None or outcome is _LOST:
                    continue
                message.claimed_by = None
                if outcome is _RELEASED:
                    _release(message)
                elif outcome is _OPTED_OUT:
                    message.status = MessageStatus.cancelled
                    message.last_error = "opted out"
                elif isinstance(outcome, Sent):
                    self._sent(session, message, outcome, now, context)
                elif isinstance(outcome, TemporaryFailure):
                    self._retry_later(message, outcome, now)
                elif isinstance(outcome, PermanentFailure):
                    self._failed(session, message, outcome, now)
                else:
                    # Uncertain: it may have gone. Never again by us.
                    if message.status is MessageStatus.dispatching:
                        message.status = MessageStatus.unknown
                    message.last_error = str(outcome)[-2000:]

    def _sent(
        self,
        session: Session,
        message: OutboundMessage,
        sent: Sent,
        now: datetime,
        context: _Context,
    ) -> None:
        message.provider_id = sent.provider_id
        message.sent_at = now
        # A status callback may already have moved it further; never go back.
        if moves_forward(message.status, sent.status):
            message.status = sent.status
            message.status_at = now
        if message.invitation_id is not None and message.purpose is MessagePurpose.invitation:
            _invitation_sent(context.invitations.get(message.invitation_id), session, now)

    def _retry_later(
        self, message: OutboundMessage, error: TemporaryFailure, now: datetime
    ) -> None:
        message.last_error = str(error)[-2000:]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = MessageStatus.failed
            message.status_at = now
        else:
            message.status = MessageStatus.pending
            message.send_after = now + retry_delay(message.attempts)

    def _failed(
        self, session: Session, message: OutboundMessage, error: PermanentFailure, now: datetime
    ) -> None:
        message.status = MessageStatus.failed
        message.status_at = now
        message.error_code = error.code
        message.last_error = str(error)[-2000:]
        if error.code == OPTED_OUT_CODE:
            # The number opted out with the carrier: honour it everywhere.
            messages.opt_out(
                session,
                contact_hash=message.recipient_hash,
                source=OptOutSource.provider,
                language=message.language,
            )

    def sweep_stale(self) -> int:
        """Messages left dispatching by a worker that died: unknown if it had handed them to
        the provider (never resent), pending again if it had not (they cannot have gone).
        How many were settled."""
        stale = (
            OutboundMessage.status == MessageStatus.dispatching,
            OutboundMessage.claimed_at < self.clock() - STALE_DISPATCH,
        )
        with self.sessions() as session, session.begin():
            unknown = session.execute(
                update(OutboundMessage)
                .where(*stale, OutboundMessage.handed_at.is_not(None))
                .values(status=MessageStatus.unknown, last_error="worker stopped mid-send")
            )
            released = session.execute(
                update(OutboundMessage)
                .where(*stale, OutboundMessage.handed_at.is_(None))
                .values(
                    status=MessageStatus.pending,
                    claimed_by=None,
                    claimed_at=None,
                    attempts=OutboundMessage.attempts - 1,
                    last_error="released: its worker stopped before sending it",
                )
            )
            return int(getattr(unknown, "rowcount", 0)) + int(getattr(released, "rowcount", 0))


def _release(message: OutboundMessage) -> None:
    """Claimed but never handed to the provider: due again at once, the claim not counted."""
    message.status = MessageStatus.pending
    message.claimed_at = None
    message.handed_at = None
    message.attempts = max(message.attempts - 1, 0)


def _invitation_sent(invitation: Invitation | None, session: Session, now: datetime) -> None:
    """The invitation went: from now the reminder and the expiry are counted."""
    if invitation is None or invitation.status is not InvitationStatus.pending:
        return
    invitations.mark_sent(session, invitation, now)


def _send_email(settings: Settings, claimed: Claimed) -> Sent:
    email = Email(
        to=(claimed.recipient,),
        subject=claimed.subject or "",
        text=claimed.body,
        # Notify's reference, the same on every attempt. Not for SMTP: a Message-ID seen
        # again (a database started afresh) is one some mailboxes quietly drop.
        message_id=f"<{references.for_message(claimed.id, claimed.channel)}>"
        if settings.email_provider == "notify"
        else None,
    )
    try:
        message_id = email_sender(settings).send(email)
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
