"""Practice forums: where feedback goes to be reflected on and decided about."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, JSONType, utcnow


class Forum(Base):
    __tablename__ = "forums"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_cy: Mapped[str | None] = mapped_column(String(200))
    # The rest of api.forums.definitions.ForumDefinition (purpose, schedule, members, rules,
    # send_when_empty), validated on the way in and out.
    definition: Mapped[dict[str, Any]] = mapped_column(JSONType)
    # A Teams incoming-webhook URL lets anyone holding it post to the channel: encrypted.
    teams_webhook_encrypted: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
