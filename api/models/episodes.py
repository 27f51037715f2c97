"""An episode: one point of a child's journey (a case reference, an event, a team, a day),
and every voice invited to speak about it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, utcnow


class Episode(Base):
    """The child's, each carer's and the school's answers about the same closure or front
    door belong to one episode, so they can be read side by side. Anonymous web and QR
    answers never belong to one (nobody knows whose they are)."""

    __tablename__ = "episodes"
    __table_args__ = (UniqueConstraint("case_ref", "event", "team_id", "occurred_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    # A pseudonymous case reference from the case system, never a name.
    case_ref: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(64))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    collection_point_id: Mapped[int | None] = mapped_column(ForeignKey("collection_points.id"))
    # The council's calendar day: two events the case system sent apart (one per contact)
    # about the same closure join one episode.
    occurred_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
