"""Surveys, their immutable versions and the typed questions of each version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.models.base import Base, JSONType, str_enum, utcnow
from api.models.enums import Audience, QuestionKind


class Survey(Base):
    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    audience: Mapped[Audience] = mapped_column(str_enum(Audience))
    title_en: Mapped[str] = mapped_column(String(200))
    title_cy: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)

    versions: Mapped[list[SurveyVersion]] = relationship(
        back_populates="survey", order_by="SurveyVersion.version", lazy="raise"
    )


class SurveyVersion(Base):
    """A published version: never edited; a change to a survey is a new version."""

    __tablename__ = "survey_versions"
    __table_args__ = (UniqueConstraint("survey_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    version: Mapped[int]
    # The whole definition as loaded from the library, so old responses keep their wording.
    definition: Mapped[dict[str, Any]] = mapped_column(JSONType)
    checksum: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)

    survey: Mapped[Survey] = relationship(back_populates="versions", lazy="raise")
    questions: Mapped[list[SurveyQuestion]] = relationship(
        order_by="SurveyQuestion.position", lazy="raise"
    )


class SurveyQuestion(Base):
    __tablename__ = "survey_questions"
    __table_args__ = (UniqueConstraint("survey_version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"))
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    kind: Mapped[QuestionKind] = mapped_column(str_enum(QuestionKind))
    # Counted in the published statement report (top-two-box).
    is_statement: Mapped[bool] = mapped_column(default=False)
    required: Mapped[bool] = mapped_column(default=False)


class WelshApproval(Base):
    """The council's Welsh language officer signed one Welsh string off: who and when.

    Keyed by a fingerprint of where the string is met and both its English and Welsh, so a
    string that changes after it was approved waits for the officer again."""

    __tablename__ = "welsh_approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(120))
    place: Mapped[str] = mapped_column(String(300))
    approved_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_users.id", ondelete="SET NULL")
    )
    # Kept beside the id so the record still says who after an account is removed.
    approved_by_name: Mapped[str] = mapped_column(String(200))
    approved_at: Mapped[datetime] = mapped_column(default=utcnow)
