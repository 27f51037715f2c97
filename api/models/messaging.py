"""Text messages and emails to and from the public: every outbound message is a row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, str_enum, utcnow
from api.models.enums import (
    Audience,
    Channel,
    Language,
    MessagePurpose,
    MessageStatus,
    OptOutSource,
)


class OutboundMessage(Base):
    __tablename__ = "outbound_messages"
    __table_args__ = (Index("ix_outbound_messages_status_send_after", "status", "send_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitations.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))
    purpose: Mapped[MessagePurpose] = mapped_column(str_enum(MessagePurpose))
    language: Mapped[Language] = mapped_column(str_enum(Language))
    # Fernet-encrypted number or address, erased with the invitation's contact details.
    recipient_encrypted: Mapped[str | None] = mapped_column(Text)
    recipient_hash: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    segments: Mapped[int] = mapped_column(default=1)
    status: Mapped[MessageStatus] = mapped_column(
        str_enum(MessageStatus), default=MessageStatus.pending
    )
    send_after: Mapped[datetime] = mapped_column(default=utcnow)
    # Invitations and reminders keep to the send window; replies in a conversation do not.
    # The audience decides which window (young people are not texted in school hours).
    window_audience: Mapped[Audience | None] = mapped_column(str_enum(Audience))
    uses_window: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    attempts: Mapped[int] = mapped_column(default=0)
    provider_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    error_code: Mapped[str | None] = mapped_column(String(16))
    last_error: Mapped[str | None] = mapped_column(Text)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None]
    # Committed just before the provider is called: from then on it may have gone. A claim
    # without it was never attempted, and is released rather than called unknown.
    handed_at: Mapped[datetime | None]
    # Who it was handed to ("notify", "twilio", "smtp" ...): a lost answer is asked of it.
    provider: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    status_at: Mapped[datetime | None]


class InboundMessage(Base):
    """A text from the public, stored before any work is done on it (one per provider id)."""

    __tablename__ = "inbound_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))
    sender_hash: Mapped[str] = mapped_column(String(64), index=True)
    # Kept only until the reply is handled (needed to answer HELP from an unknown number).
    sender_encrypted: Mapped[str | None] = mapped_column(Text)
    # The words, until handled: then they live on in the response (if an answer) or nowhere.
    body: Mapped[str | None] = mapped_column(Text)
    # A text that was not part of a survey (after it ended, before it began, from a number we
    # never wrote to) is kept, Fernet-encrypted, for a person to read: nothing said is lost.
    kept_body_encrypted: Mapped[str | None] = mapped_column(Text)
    # A kept text has been read by a person (the staff page "Texts outside a survey").
    read_at: Mapped[datetime | None]
    read_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    handled_at: Mapped[datetime | None]
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitations.id", ondelete="SET NULL"), index=True
    )
    outcome: Mapped[str | None] = mapped_column(String(40))
    # The sender was sent "this number is not watched" for this text (at most once a day).
    told_not_watched: Mapped[bool] = mapped_column(default=False, server_default=false())


class OptOut(Base):
    """A number (or address) that asked not to be contacted. Kept as a keyed hash, so it
    outlives the number's deletion and never reveals it."""

    __tablename__ = "opt_outs"

    contact_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[OptOutSource] = mapped_column(str_enum(OptOutSource))
    language: Mapped[Language] = mapped_column(str_enum(Language))
    opted_out_at: Mapped[datetime] = mapped_column(default=utcnow)


class SendSlot(Base):
    """The next moment a sender may send: the per-sender rate limit shared by every worker."""

    __tablename__ = "send_slots"

    sender: Mapped[str] = mapped_column(String(64), primary_key=True)
    next_at: Mapped[datetime]
