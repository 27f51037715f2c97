"""A response to a survey and its answers, whatever channel it came through."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models.base import Base, str_enum, utcnow
from api.models.enums import Audience, Channel, Completeness, Language, Visibility


class Response(Base):
    __tablename__ = "responses"
    __table_args__ = (
        Index("ix_responses_survey_id_submitted_on", "survey_id", "submitted_on"),
        Index("ix_responses_submitted_at_id", "submitted_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(36), unique=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    collection_point_id: Mapped[int | None] = mapped_column(
        ForeignKey("collection_points.id"), index=True
    )
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id"), index=True)
    audience: Mapped[Audience] = mapped_column(str_enum(Audience))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))
    language: Mapped[Language] = mapped_column(str_enum(Language))
    completeness: Mapped[Completeness] = mapped_column(str_enum(Completeness))
    submitted_at: Mapped[datetime]
    # The council's local calendar date of submitted_at: months and periods group on this.
    submitted_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    # Hash of the submission, so a reused key with a different body is refused, not ignored.
    fingerprint: Mapped[str] = mapped_column(String(64))
    # Only when the respondent chose to give it; shown raw only to roles with raw access.
    respondent_name: Mapped[str | None] = mapped_column(String(100))

    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", lazy="raise", order_by="Answer.question_id"
    )


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (Index("ix_answers_response_id_question_id", "response_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id"), index=True)
    scale_value: Mapped[int | None] = mapped_column(SmallInteger)
    not_applicable: Mapped[bool] = mapped_column(default=False)
    choice: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    # Who the child chose may read `text` (young people's forms); None: not asked, as before.
    # Scope.words decides from it (api/accounts/scope.py).
    visibility: Mapped[Visibility | None] = mapped_column(str_enum(Visibility))

    response: Mapped[Response] = relationship(back_populates="answers", lazy="raise")
