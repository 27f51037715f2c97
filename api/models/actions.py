"""'You said, we did': what people told us, and what changed because of it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, JSONType, str_enum, utcnow
from api.models.enums import ActionStatus

action_responses = Table(
    "action_responses",
    Base.metadata,
    Column("action_id", ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True),
    Column("response_id", ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True),
)


class Action(Base):
    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    you_said_en: Mapped[str] = mapped_column(Text)
    you_said_cy: Mapped[str | None] = mapped_column(Text)
    we_did_en: Mapped[str] = mapped_column(Text)
    we_did_cy: Mapped[str | None] = mapped_column(Text)
    themes: Mapped[list[Any]] = mapped_column(JSONType)
    owner: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(str_enum(ActionStatus))
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
