"""An invitation to give feedback, sent by SMS or email or carried by a link or QR code."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, str_enum, utcnow
from api.models.enums import Audience, Channel, InvitationStatus, Language


class Invitation(Base):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Only a hash of the single-use link token is kept; the token itself is sent and forgotten.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    collection_point_id: Mapped[int | None] = mapped_column(ForeignKey("collection_points.id"))
    audience: Mapped[Audience] = mapped_column(str_enum(Audience))
    language: Mapped[Language] = mapped_column(str_enum(Language))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))
    # A pseudonymous case reference from the case system, never a name.
    case_ref: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[InvitationStatus] = mapped_column(
        str_enum(InvitationStatus), default=InvitationStatus.pending
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    send_after: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
