"""The statement report: the figure councils publish, suppressed for small numbers."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field


class GroupBy(StrEnum):
    team = "team"
    collection_point = "collection_point"
    audience = "audience"
    channel = "channel"
    month = "month"


class StatementFigure(BaseModel):
    key: str
    label: str
    n: int | str = Field(description="Answers on the scale; '<5' for 1-4.")
    top_two_box: int | str | None = Field(
        description="Answers of 4 or 5; '<5' for 1-4; null when the share is suppressed."
    )
    top_two_box_pct: float | None = Field(description="Share answering 4 or 5; null if suppressed.")
    ci_low: float | None = Field(description="95% Wilson interval, per cent.")
    ci_high: float | None
    previous_pct: float | None = Field(description="The same share in the previous period.")
    change_pct_points: float | None


class StatementGroup(BaseModel):
    group: dict[str, str | None]
    statements: list[StatementFigure]


class Period(BaseModel):
    start: date | None
    end: date | None
    previous_start: date | None
    previous_end: date | None


class Suppression(BaseModel):
    pct_below: int
    count_below: int


class StatementReport(BaseModel):
    survey: str
    by: list[GroupBy]
    period: Period
    suppression: Suppression
    statements: list[StatementFigure] | None = Field(
        None, description="The whole period's figures, when not grouped."
    )
    groups: list[StatementGroup]


class EqualityOption(BaseModel):
    value: str
    label_en: str
    count: int | str  # "<5" when suppressed


class EqualityQuestion(BaseModel):
    key: str
    text_en: str
    answered: int | str
    options: list[EqualityOption]


class EqualityReport(BaseModel):
    """Equality monitoring answers, only ever as counts, suppressed for everyone."""

    survey: str
    start: date | None
    end: date | None
    questions: list[EqualityQuestion]
    suppression: Suppression
