"""Daily tallies: the Overview's counts summed per day, so a year of a million responses is a
few thousand rows to add up (decision 23).

A day whose data changed has a row in `tally_marks` (one per change, appended, never updated,
so writers never wait on each other) until the worker has recounted it; the Overview counts
marked days from the responses themselves, so its figures are always exact.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, str_enum, utcnow
from api.models.enums import Audience, Channel, ThemePolarity


class TallyMark(Base):
    __tablename__ = "tally_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(index=True)
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)


class _Dimensions:
    """What the Overview filters and scopes by."""

    day: Mapped[date] = mapped_column()
    team_id: Mapped[int | None] = mapped_column()
    collection_point_id: Mapped[int | None] = mapped_column()
    audience: Mapped[Audience] = mapped_column(str_enum(Audience))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))


class ResponseTally(_Dimensions, Base):
    __tablename__ = "response_tallies"
    __table_args__ = (Index("ix_response_tallies_day", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    responses: Mapped[int]


class StatementTally(_Dimensions, Base):
    __tablename__ = "statement_tallies"
    __table_args__ = (Index("ix_statement_tallies_survey_id_day", "survey_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id"))
    answered: Mapped[int]  # on the scale (not "does not apply")
    agreed: Mapped[int]  # 4 or 5


class ThemeTally(_Dimensions, Base):
    __tablename__ = "theme_tallies"
    __table_args__ = (Index("ix_theme_tallies_day", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme: Mapped[str] = mapped_column(String(40))
    polarity: Mapped[ThemePolarity] = mapped_column(str_enum(ThemePolarity))
    mentions: Mapped[int]
