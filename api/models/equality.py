"""Equality monitoring answers: special-category data (UK GDPR Art. 9), kept apart from a
response's answers so that no page, export or digest that shows a response can show them.
They are read only as suppressed counts (api/reports/equality.py, decision 48)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base


class EqualityAnswer(Base):
    __tablename__ = "equality_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Kept with the response so retention and erasure take them with it; never joined to
    # show beside it.
    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id"), index=True)
    choice: Mapped[str] = mapped_column(String(64))
