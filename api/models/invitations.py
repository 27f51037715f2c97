"""Invitations to give feedback, and the case events that cause them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, JSONType, str_enum, utcnow
from api.models.enums import (
    Audience,
    Channel,
    ContactRole,
    InvitationMode,
    InvitationStatus,
    Language,
    LanguageSource,
)


class CaseEvent(Base):
    """A case system told us something happened (front door completed, case closed).
    Kept so a repeat of the same event_id changes nothing; holds no contact details."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(100), unique=True)
    # A pseudonymous case reference from the case system, never a name.
    case_ref: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(64))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    occurred_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"), index=True)
    # A hash of the request body: the same event_id with a different body is a conflict.
    fingerprint: Mapped[str] = mapped_column(String(64))
    # What happened to each contact (role, invited or why not); never a number or address.
    outcome: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)


class Invitation(Base):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Names the invitation outside (API, status callbacks); the link token is derived from it
    # with the secret key, so a reminder can carry the same link.
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    # Only a hash of the single-use link token is kept, to find the invitation by its link.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    survey_version: Mapped[int | None]
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    collection_point_id: Mapped[int | None] = mapped_column(ForeignKey("collection_points.id"))
    case_event_id: Mapped[int | None] = mapped_column(ForeignKey("case_events.id"), index=True)
    # The episode this person was asked about; their response belongs to it through here.
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"), index=True)
    audience: Mapped[Audience] = mapped_column(str_enum(Audience))
    contact_role: Mapped[ContactRole | None] = mapped_column(str_enum(ContactRole))
    language: Mapped[Language] = mapped_column(str_enum(Language))
    # False while nobody has said which language this person prefers: every message then goes
    # in both languages (Welsh Language Standards), until a reply or a choice on the form says.
    language_known: Mapped[bool] = mapped_column(default=True, server_default=true())
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))
    mode: Mapped[InvitationMode] = mapped_column(
        str_enum(InvitationMode), default=InvitationMode.link, server_default="link"
    )
    # A pseudonymous case reference from the case system, never a name.
    case_ref: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[InvitationStatus] = mapped_column(
        str_enum(InvitationStatus), default=InvitationStatus.pending
    )
    # Fernet-encrypted; erased some days after the invitation ends (contact_retention_days).
    phone_encrypted: Mapped[str | None] = mapped_column(Text)
    email_encrypted: Mapped[str | None] = mapped_column(Text)
    # A keyed hash of the number (or address): finds a reply's invitation and enforces one
    # survey per number per 30 days without decrypting anything.
    contact_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    # A text conversation's place and the answers so far (they go to intake at the end).
    question_index: Mapped[int] = mapped_column(default=0, server_default="0")
    reasked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    ended_reason: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    send_after: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None] = mapped_column(index=True)
    contact_erased_at: Mapped[datetime | None]


class ContactLanguage(Base):
    """The language a person prefers, recorded from the first contact that says (the case
    system, their choice on a form, a reply in Welsh) and used for every later message.

    Keyed by the contact's keyed hash, as opt-outs are: no number or address is kept here."""

    __tablename__ = "contact_languages"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_hash: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[Language] = mapped_column(str_enum(Language))
    source: Mapped[LanguageSource] = mapped_column(str_enum(LanguageSource))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
