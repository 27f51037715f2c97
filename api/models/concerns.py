"""Possible concerns: answers a person must read within a working day (decision 29)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, str_enum, utcnow
from api.models.enums import Audience, Channel, ConcernOutcome, ConcernReason, ConcernStatus


class PossibleConcern(Base):
    """One answer the analysis was not sure is ordinary feedback, queued for a person to read.
    It holds no text: reading the words is a separate, audited act, as for an alert. Never
    emailed as an emergency; an alert is raised from it only by the person who read it."""

    __tablename__ = "possible_concerns"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    # One per answer, however often it is analysed.
    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answers.id", ondelete="CASCADE"), unique=True
    )
    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("surveys.id"))
    collection_point_id: Mapped[int | None] = mapped_column(ForeignKey("collection_points.id"))
    audience: Mapped[Audience | None] = mapped_column(str_enum(Audience))
    channel: Mapped[Channel | None] = mapped_column(str_enum(Channel))
    # The model's probability of a disclosure when it was queued; never shown as a number.
    score: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[ConcernReason] = mapped_column(str_enum(ConcernReason))
    status: Mapped[ConcernStatus] = mapped_column(str_enum(ConcernStatus), index=True)
    # When the person said it (submitted the response), and when it was queued.
    said_at: Mapped[datetime | None]
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)
    # One working day after raised_at (api/alerts/hours.py): the same time, next working day.
    due_at: Mapped[datetime] = mapped_column(index=True)
    read_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    read_by_label: Mapped[str | None] = mapped_column(String(254))
    read_at: Mapped[datetime | None]
    outcome: Mapped[ConcernOutcome | None] = mapped_column(str_enum(ConcernOutcome))
    note: Mapped[str | None] = mapped_column(Text)
    # The alert the reader raised from it (outcome raised_as_alert).
    alert_id: Mapped[int | None] = mapped_column(
        ForeignKey("safeguarding_alerts.id", ondelete="SET NULL")
    )
