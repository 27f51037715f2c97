"""A web form being filled in: answers saved as the respondent goes, until they submit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, JSONType, utcnow


class FormDraft(Base):
    __tablename__ = "form_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The browser holds the token (a cookie, or a resume link); only its hash is kept.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    survey_key: Mapped[str] = mapped_column(String(64))
    survey_version: Mapped[int]
    # team, collection_point, channel, language, placement: where the form was opened from.
    context: Mapped[dict[str, Any]] = mapped_column(JSONType)
    answers: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    response_id: Mapped[int | None] = mapped_column(ForeignKey("responses.id", ondelete="SET NULL"))
    # The QR placement the form was opened from, for its funnel (scans -> started -> completed).
    placement_id: Mapped[int | None] = mapped_column(
        ForeignKey("qr_placements.id", ondelete="SET NULL"), index=True
    )
